from odoo import fields, models


class Wbg54DocumentRecipient(models.Model):
    """A tenant a published document is for, with her read receipt."""

    _name = "wbg54.document.recipient"
    _description = "Document Recipient"
    _order = "id"

    document_id = fields.Many2one(
        "wbg54.document", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Tenant", required=True, ondelete="cascade", index=True
    )
    opened_at = fields.Datetime(string="First Opened", readonly=True)

    _sql_constraints = [
        (
            "document_partner_unique",
            "UNIQUE(document_id, partner_id)",
            "A tenant receives a document once.",
        ),
    ]
