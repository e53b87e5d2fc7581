from odoo import api, fields, models
from odoo.exceptions import UserError

FEE_TYPES = [
    ("base", "Base Usage Fee"),
    ("operating_costs", "Operating-Cost Prepayment"),
    ("heating_costs", "Heating-Cost Prepayment"),
    ("parking", "Parking"),
    ("other", "Other"),
]


class Wbg54ContractFeeLine(models.Model):
    _name = "wbg54.contract.fee.line"
    _description = "Usage Fee Line"
    _order = "contract_id, date_from desc, fee_type, id"

    contract_id = fields.Many2one(
        "wbg54.contract", required=True, index=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    fee_type = fields.Selection(FEE_TYPES, string="Type", required=True, default="base")
    amount = fields.Monetary(string="Monthly Amount", required=True)
    date_from = fields.Date(string="Valid From", required=True)
    note = fields.Char(groups="base.group_user")  # staff only

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "A fee amount cannot be negative."),
        (
            "type_date_unique",
            "UNIQUE(contract_id, fee_type, date_from)",
            "The contract already has a fee of this type valid from this date.",
        ),
    ]

    @api.depends("fee_type", "amount", "date_from")
    def _compute_display_name(self):
        types = dict(self._fields["fee_type"]._description_selection(self.env))
        for line in self:
            line.display_name = types.get(line.fee_type) or ""

    def write(self, vals):
        if set(vals) & {"fee_type", "amount", "date_from", "contract_id"}:
            self._check_history_unchanged()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        self._check_history_unchanged()

    def _check_history_unchanged(self):
        # once a contract is in force its fee history is a record of what was
        # owed; a change is a new line with a new valid-from date
        if self.filtered(lambda line: line.contract_id.state != "draft"):
            raise UserError(
                self.env._(
                    "The fee history of a contract in force cannot be changed. "
                    "Add a new line with the date from which the new amount applies."
                )
            )
