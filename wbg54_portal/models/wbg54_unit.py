from odoo import api, fields, models
from odoo.exceptions import ValidationError

UNIT_TYPES = [
    ("apartment", "Apartment"),
    ("garage", "Garage"),
    ("parking", "Parking Space"),
    ("commercial", "Commercial Unit"),
]


class Wbg54Unit(models.Model):
    _name = "wbg54.unit"
    _description = "Rental Unit"
    _inherit = ["mail.thread"]
    _order = "building_id, name, id"

    name = fields.Char(string="Unit Number", required=True, tracking=True)
    active = fields.Boolean(default=True)
    building_id = fields.Many2one(
        "wbg54.building", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(
        related="building_id.company_id", store=True, index=True
    )
    unit_type = fields.Selection(
        UNIT_TYPES, string="Type", required=True, default="apartment", tracking=True
    )
    floor = fields.Integer(
        help="0 is the ground floor, negative numbers are basement floors."
    )
    position = fields.Char(help="Position on the floor, e.g. left, middle, right.")
    rooms = fields.Float(digits=(3, 1))
    living_area = fields.Float(string="Living Area (m²)", digits=(7, 2))
    # staff only: who lives there (tenants read their own contracts directly)
    contract_ids = fields.One2many(
        "wbg54.contract", "unit_id", string="Contracts", groups="base.group_user"
    )
    current_contract_id = fields.Many2one(
        "wbg54.contract",
        compute="_compute_current_contract_id",
        string="Current Contract",
        groups="base.group_user",
    )
    contract_count = fields.Integer(
        compute="_compute_current_contract_id", groups="base.group_user"
    )

    _sql_constraints = [
        (
            "name_building_unique",
            "UNIQUE(name, building_id)",
            "This unit number already exists in the building.",
        ),
        (
            "rooms_positive",
            "CHECK(rooms >= 0)",
            "The number of rooms cannot be negative.",
        ),
        (
            "living_area_positive",
            "CHECK(living_area >= 0)",
            "The living area cannot be negative.",
        ),
    ]

    @api.constrains("unit_type", "rooms", "living_area")
    def _check_apartment_size(self):
        for unit in self.filtered(lambda u: u.unit_type == "apartment"):
            if not unit.rooms or not unit.living_area:
                raise ValidationError(
                    self.env._(
                        "Apartment %(unit)s needs its number of rooms and living area.",
                        unit=unit.display_name,
                    )
                )

    @api.depends("name", "building_id.code")
    def _compute_display_name(self):
        for unit in self:
            unit.display_name = (
                f"{unit.building_id.code}/{unit.name}"
                if unit.building_id
                else unit.name
            )

    @api.depends(
        "contract_ids.state", "contract_ids.date_start", "contract_ids.date_end"
    )
    def _compute_current_contract_id(self):
        for unit in self:
            in_force = unit.contract_ids.filtered(lambda c: c._is_in_force())
            unit.current_contract_id = in_force[:1]
            unit.contract_count = len(unit.contract_ids)

    def action_view_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wbg54_portal.wbg54_contract_action"
        )
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id}
        return action
