from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    share_nominal_value = fields.Monetary(
        string="Nominal Value per Share",
        currency_field="currency_id",
        default=160.0,
        help="Amount of one cooperative share as fixed in the statutes. "
        "Used for new subscriptions; earlier subscriptions keep their value.",
    )
    # staff's on-call service, not for tenants (the emergency phone is public)
    wbg54_on_call_email = fields.Char(
        string="On-call E-mail",
        groups="base.group_user",
        help="Emergency damage reports from the portal are mailed here at once, "
        "e.g. the caretakers' on-call service.",
    )
    wbg54_emergency_phone = fields.Char(
        string="Emergency Phone",
        help="Shown to tenants on the damage report form for emergencies "
        "(water, gas, power failure). Empty: the company's phone number.",
    )

    _sql_constraints = [
        (
            "share_nominal_value_positive",
            "CHECK(share_nominal_value > 0)",
            "The nominal value of a share must be positive.",
        ),
    ]
