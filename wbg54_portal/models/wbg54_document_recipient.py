from odoo import api, fields, models


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

    @api.model
    def _wbg54_mark_opened(self, documents):
        """The current user's read receipt of ``documents``: the first
        download sets her ``opened_at`` (web portal and app alike)."""
        recipients = self.search(
            [
                ("document_id", "in", documents.ids),
                ("partner_id", "=", self.env.user.partner_id.id),
                ("opened_at", "=", False),
            ]
        )
        # her own rows, found with her record rules; tenants cannot write them
        recipients.sudo().opened_at = fields.Datetime.now()
