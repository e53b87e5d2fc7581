from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    wbg54_damage = fields.Boolean(
        string="Damage Category",
        help="Offered to tenants in the damage report form.",
    )
    wbg54_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Routed to Team",
        help="Damage reports of this category go to this team.",
    )
