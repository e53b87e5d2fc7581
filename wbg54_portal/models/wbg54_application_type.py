from odoo import fields, models


class Wbg54ApplicationType(models.Model):
    """A kind of application tenants file online (pet keeping, bathroom
    renovation, awning ...). ``questions`` selects the structured fields of
    the ticket that the portal form asks for."""

    _name = "wbg54.application.type"
    _description = "Application Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(
        translate=True, help="Shown to the tenant above the form."
    )
    questions = fields.Selection(
        [
            ("none", "Free Text Only"),
            ("pet", "Pet Keeping"),
            ("renovation", "Bathroom Renovation"),
            ("awning", "Awning"),
        ],
        required=True,
        default="none",
    )
    team_id = fields.Many2one("helpdesk.ticket.team", string="Team")
