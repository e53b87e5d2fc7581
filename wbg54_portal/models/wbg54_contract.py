import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from .wbg54_contract_fee_line import FEE_TYPES

# contracts in these states bind the unit for their period
BINDING_STATES = ("active", "terminated")


class Wbg54Contract(models.Model):
    _name = "wbg54.contract"
    _description = "Usage Contract"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(
        string="Contract Number",
        required=True,
        copy=False,
        default=lambda self: self.env._("New"),
        tracking=True,
    )
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    unit_id = fields.Many2one(
        "wbg54.unit", required=True, index=True, ondelete="restrict", tracking=True
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True, index=True)
    unit_type = fields.Selection(related="unit_id.unit_type", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Main Member",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('membership_state', '=', 'member')]",
    )
    co_member_ids = fields.Many2many(
        "res.partner",
        "wbg54_contract_co_member_rel",
        "contract_id",
        "partner_id",
        string="Co-Members",
        help="Further persons of the household who are party to the contract.",
    )
    household_size = fields.Integer(
        compute="_compute_household_size",
        store=True,
        readonly=False,
        tracking=True,
        groups="base.group_user",
        help="Number of persons living in the unit, as printed on the rent "
        "certificate. "
        "Proposed as the main member and the co-members; staff correct it when others "
        "live there too.",
    )
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("terminated", "Terminated"),
            ("ended", "Ended"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    fee_line_ids = fields.One2many(
        "wbg54.contract.fee.line", "contract_id", string="Fee Lines", copy=True
    )
    fee_total = fields.Monetary(
        string="Current Monthly Fee",
        compute="_compute_fee_total",
        help="Sum of the fee lines valid today (usage fee and prepayments).",
    )
    note = fields.Html(groups="base.group_user")  # staff only

    _sql_constraints = [
        (
            "name_company_unique",
            "UNIQUE(name, company_id)",
            "This contract number is already in use.",
        ),
    ]

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "The end of contract %(contract)s lies before its start.",
                        contract=contract.name,
                    )
                )

    @api.constrains("partner_id", "state")
    def _check_partner_is_member(self):
        for contract in self.filtered(lambda c: c.state in ("draft", "active")):
            if contract.partner_id.membership_state != "member":
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a member of the cooperative; only members "
                        "can hold a usage contract.",
                        partner=contract.partner_id.display_name,
                    )
                )

    @api.constrains("unit_id", "state", "date_start", "date_end")
    def _check_unit_overlap(self):
        binding = self.filtered(lambda c: c.state in BINDING_STATES)
        if not binding:
            return
        others = self.search(
            [
                ("unit_id", "in", binding.unit_id.ids),
                ("state", "in", BINDING_STATES),
            ]
        )
        others_by_unit = others.grouped("unit_id")
        for contract in binding:
            for other in others_by_unit.get(contract.unit_id, ()):
                if other != contract and contract._overlaps(other):
                    raise ValidationError(
                        self.env._(
                            "Unit %(unit)s is already let under contract %(other)s "
                            "for an overlapping period.",
                            unit=contract.unit_id.display_name,
                            other=other.name,
                        )
                    )

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for contract in self:
            contract.access_url = f"/my/contracts/{contract.id}"
        return res

    @api.depends("co_member_ids")
    def _compute_household_size(self):
        for contract in self:
            contract.household_size = 1 + len(contract.co_member_ids)

    @api.depends(
        "fee_line_ids.amount", "fee_line_ids.date_from", "fee_line_ids.fee_type"
    )
    @api.depends_context("date")
    def _compute_fee_total(self):
        for contract in self:
            contract.fee_total = sum(contract._get_fee_lines_at().mapped("amount"))

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("wbg54.contract")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(self.env._("Only draft contracts can be deleted."))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_activate(self):
        for contract in self:
            if contract.state != "draft":
                raise UserError(self.env._("Only draft contracts can be activated."))
            if not contract.fee_line_ids:
                raise UserError(
                    self.env._(
                        "Contract %(contract)s has no usage fee yet.",
                        contract=contract.name,
                    )
                )
        self.state = "active"
        self.env["wbg54.notice"]._add_moved_in_tenants(self)

    def action_terminate(self):
        for contract in self:
            if contract.state != "active":
                raise UserError(self.env._("Only active contracts can be terminated."))
            if not contract.date_end:
                raise UserError(
                    self.env._(
                        "Enter the end date of contract %(contract)s first.",
                        contract=contract.name,
                    )
                )
        self.state = "terminated"

    def action_end(self):
        if self.filtered(lambda c: c.state not in BINDING_STATES):
            raise UserError(
                self.env._("Only active or terminated contracts can be ended.")
            )
        for contract in self.filtered(lambda c: not c.date_end):
            contract.date_end = fields.Date.context_today(contract)
        self.state = "ended"

    def action_view_unit(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "wbg54.unit",
            "res_id": self.unit_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _wbg54_tenant_domain(self, partner):
        """The contracts of ``partner`` as main member or co-member (what the
        portal rule lets a tenant read; staff see their own ones only)."""
        return [
            "|",
            ("partner_id", "=", partner.id),
            ("co_member_ids", "in", partner.id),
        ]

    def _get_fee_lines_at(self, date=None):
        """Fee lines valid at ``date`` (default: today): per fee type, the one
        with the latest valid-from date not after ``date``."""
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        current = {}
        for line in self.fee_line_ids.sorted("date_from"):
            if line.date_from <= date:
                current[line.fee_type] = line
        return self.env["wbg54.contract.fee.line"].union(*current.values())

    def _get_fee_history(self):
        """Fee lines grouped by valid-from date, newest first: [(date, lines, total)]
        where ``lines`` are the lines valid from that date on (changed or not)."""
        self.ensure_one()
        dates = sorted(set(self.fee_line_ids.mapped("date_from")), reverse=True)
        history = []
        for date in dates:
            lines = self._get_fee_lines_at(date)
            history.append((date, lines, sum(lines.mapped("amount"))))
        return history

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Rent certificate %(contract)s", contract=self.name)

    def _wbg54_render_rent_certificate(self):
        """The rent certificate of this contract as the tenant downloads it
        on the portal and in the app: (PDF, file name).

        The caller has checked that she may read the contract (the portal's
        ``_document_check_access``, the app's search with her record rules).
        Rendered sudo, as Odoo's portal renders a document's report
        (``CustomerPortal._show_report``): her rules do not open the unit,
        the building and the persons the certificate names; every generation
        is noted on the contract (``ir.actions.report``) with ``self``'s user
        as its author, so ``self`` comes in her environment. The file name is
        the one ``_show_report`` gives."""
        self.ensure_one()
        pdf, _kind = (
            self.env["ir.actions.report"]
            .sudo()
            .with_company(self.company_id)
            ._render_qweb_pdf(
                "wbg54_portal.action_report_rent_certificate",
                self.ids,
                data={"report_type": "pdf"},
            )
        )
        filename = re.sub(r"\W+", "_", self._get_report_base_filename())
        return pdf, f"{filename}.pdf"

    def _is_in_force(self, date=None):
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        return (
            self.state in BINDING_STATES
            and self.date_start <= date
            and (not self.date_end or self.date_end >= date)
        )

    def _overlaps(self, other):
        self.ensure_one()
        return (not self.date_end or other.date_start <= self.date_end) and (
            not other.date_end or self.date_start <= other.date_end
        )

    def _add_fee_change(self, date_from, amounts):
        """Record a fee change from ``date_from``: ``amounts`` maps fee types to
        new monthly amounts. Earlier lines stay as history."""
        self.ensure_one()
        valid = dict(FEE_TYPES)
        self.fee_line_ids = [
            Command.create(
                {"fee_type": fee_type, "amount": amount, "date_from": date_from}
            )
            for fee_type, amount in amounts.items()
            if fee_type in valid
        ]
