from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    share_nominal_value = fields.Monetary(
        related="company_id.share_nominal_value",
        currency_field="share_currency_id",
        readonly=False,
    )
    share_currency_id = fields.Many2one(
        related="company_id.currency_id",
        string="Share Currency",
    )
