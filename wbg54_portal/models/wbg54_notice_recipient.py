from odoo import fields, models


class Wbg54NoticeRecipient(models.Model):
    """A tenant informed of a notice when it was published; resolving it
    informs the same tenants."""

    _name = "wbg54.notice.recipient"
    _description = "Notice Recipient"
    _order = "id"

    notice_id = fields.Many2one(
        "wbg54.notice", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Tenant", required=True, ondelete="cascade", index=True
    )

    _sql_constraints = [
        (
            "notice_partner_unique",
            "UNIQUE(notice_id, partner_id)",
            "A tenant is informed of a notice once.",
        ),
    ]
