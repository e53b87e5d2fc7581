from odoo import api, fields, models


class Wbg54Building(models.Model):
    _name = "wbg54.building"
    _description = "Building"
    _inherit = ["mail.thread"]
    _order = "code, id"
    _rec_names_search = ["code", "name"]

    code = fields.Char(
        string="Number",
        required=True,
        tracking=True,
        help="Number of the building or economic unit.",
    )
    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    street = fields.Char(required=True)
    zip = fields.Char(required=True)
    city = fields.Char(required=True)
    country_id = fields.Many2one(
        "res.country",
        default=lambda self: self.env.ref("base.de", raise_if_not_found=False),
    )
    has_elevator = fields.Boolean(string="Elevator", tracking=True)
    caretaker_id = fields.Many2one("res.partner", string="Caretaker", tracking=True)
    caretaker_phone = fields.Char(
        related="caretaker_id.phone", string="Caretaker Phone"
    )
    # staff only (tenants read their building over RPC): the unit list, the count and
    # the notes
    unit_ids = fields.One2many(
        "wbg54.unit", "building_id", string="Units", groups="base.group_user"
    )
    unit_count = fields.Integer(compute="_compute_unit_count", groups="base.group_user")
    note = fields.Html(groups="base.group_user")

    _sql_constraints = [
        (
            "code_company_unique",
            "UNIQUE(code, company_id)",
            "This building number is already in use.",
        ),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for building in self:
            building.display_name = (
                f"{building.code} {building.name}" if building.code else building.name
            )

    def _compute_unit_count(self):
        counts = dict(
            self.env["wbg54.unit"]._read_group(
                [("building_id", "in", self.ids)], ["building_id"], ["__count"]
            )
        )
        for building in self:
            building.unit_count = counts.get(building, 0)

    def _current_tenants(self, day):
        """Main and co-members of the contracts in force in these buildings on
        ``day``."""
        contracts = self.env["wbg54.contract"].search(
            [
                ("building_id", "in", self.ids),
                ("state", "in", ("active", "terminated")),
                ("date_start", "<=", day),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", day),
            ]
        )
        return contracts.partner_id | contracts.co_member_ids

    def action_view_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wbg54_portal.wbg54_unit_action"
        )
        action["domain"] = [("building_id", "=", self.id)]
        action["context"] = {"default_building_id": self.id}
        return action

    def action_view_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wbg54_portal.wbg54_contract_action"
        )
        action["domain"] = [("building_id", "=", self.id)]
        return action
