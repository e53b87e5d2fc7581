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

    _sql_constraints = [
        (
            "share_nominal_value_positive",
            "CHECK(share_nominal_value > 0)",
            "The nominal value of a share must be positive.",
        ),
    ]
