from datetime import timedelta

from odoo import api, fields, models

MAX_REQUESTS_PER_HOUR = 3


class Wbg54LetterRequest(models.Model):
    """ "Registrierungsbrief anfordern": someone without a letter asks for one."""

    _name = "wbg54.letter.request"
    _description = "Registration Letter Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(required=True)
    member_number = fields.Char()
    address = fields.Char()
    email = fields.Char(required=True)
    ip_address = fields.Char(string="IP Address")
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        tracking=True,
        help="The member staff identified for this request.",
    )
    state = fields.Selection(
        [("new", "New"), ("done", "Done"), ("rejected", "Rejected")],
        default="new",
        required=True,
        tracking=True,
    )

    @api.model
    def _is_rate_limited(self, ip_address):
        since = fields.Datetime.now() - timedelta(hours=1)
        return (
            self.sudo().search_count(
                [("ip_address", "=", ip_address), ("create_date", ">=", since)],
                limit=MAX_REQUESTS_PER_HOUR,
            )
            >= MAX_REQUESTS_PER_HOUR
        )

    def action_done(self):
        self.state = "done"

    def action_reject(self):
        self.state = "rejected"
