from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# kind: (sign of the share quantity, sign of the paid-in amount)
MOVEMENT_SIGNS = {
    "subscription": (1, 0),
    "top_up": (1, 0),
    "payment": (0, 1),
    "dividend": (0, 1),
    "payout": (-1, -1),
    "correction": (1, 1),
}


class Wbg54ShareMovement(models.Model):
    _name = "wbg54.share.movement"
    _description = "Share Capital Movement"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('membership_state', '!=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection(
        [
            ("subscription", "Subscription of Shares"),
            ("top_up", "Additional Shares (Top-up)"),
            ("payment", "Payment on Shares"),
            ("dividend", "Dividend Credit"),
            ("payout", "Withdrawal / Payout"),
            ("correction", "Correction"),
        ],
        required=True,
        default="payment",
    )
    share_qty = fields.Integer(
        string="Shares",
        help="Shares subscribed (subscription, top-up) or given back (payout). "
        "Corrections may be negative.",
    )
    nominal_value = fields.Monetary(
        default=lambda self: self.env.company.share_nominal_value,
        help="Nominal value of one share when this movement was recorded.",
    )
    amount = fields.Monetary(
        help=(
            "Paid in (payment, dividend credit) or paid out (payout). Corrections may "
            "be negative."
        ),
    )
    note = fields.Char(groups="base.group_user")  # staff only
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    reversed_movement_id = fields.Many2one(
        "wbg54.share.movement", string="Corrects", readonly=True, copy=False
    )

    share_qty_signed = fields.Integer(compute="_compute_signed", store=True)
    capital_signed = fields.Monetary(compute="_compute_signed", store=True)
    amount_signed = fields.Monetary(compute="_compute_signed", store=True)

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("kind", "share_qty", "amount")
    def _check_amounts(self):
        for movement in self:
            if movement.kind == "correction":
                if not movement.share_qty and not movement.amount:
                    raise ValidationError(
                        self.env._("A correction must change the shares or the amount.")
                    )
                continue
            if movement.amount < 0 or movement.share_qty < 0:
                raise ValidationError(
                    self.env._(
                        "Amounts and numbers of shares cannot be negative; record a "
                        "correction instead."
                    )
                )
            qty_sign, amount_sign = MOVEMENT_SIGNS[movement.kind]
            if qty_sign > 0 and not movement.share_qty:
                raise ValidationError(
                    self.env._("Enter the number of shares subscribed.")
                )
            if not qty_sign and movement.share_qty:
                raise ValidationError(
                    self.env._(
                        "Payments and dividend credits do not change the number of "
                        "shares."
                    )
                )
            if amount_sign > 0 and not movement.amount:
                raise ValidationError(self.env._("Enter the amount."))
            if not amount_sign and movement.amount:
                raise ValidationError(
                    self.env._(
                        "A subscription records shares only; record the money as a "
                        "payment."
                    )
                )

    @api.constrains("state", "partner_id", "amount_signed", "share_qty_signed")
    def _check_balance_within_capital(self):
        # the paid-in balance lies between nothing and the subscribed capital:
        # a dividend or payment beyond a fully paid share is paid out instead
        currency = self.env.company.currency_id
        for partner in self.filtered(lambda m: m.state == "posted").partner_id:
            if (
                partner.share_count < 0
                or currency.compare_amounts(partner.share_balance, 0) < 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(member)s cannot be paid out more shares or money than they "
                        "hold.",
                        member=partner.display_name,
                    )
                )
            if (
                currency.compare_amounts(
                    partner.share_balance, partner.share_capital_subscribed
                )
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "The paid-in balance of %(member)s would exceed the subscribed "
                        "capital of "
                        "%(capital)s; pay out the excess instead.",
                        member=partner.display_name,
                        capital=partner.share_capital_subscribed,
                    )
                )

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("kind", "share_qty", "amount", "nominal_value")
    def _compute_signed(self):
        for movement in self:
            qty_sign, amount_sign = MOVEMENT_SIGNS[movement.kind]
            movement.share_qty_signed = qty_sign * movement.share_qty
            movement.capital_signed = movement.share_qty_signed * movement.nominal_value
            movement.amount_signed = amount_sign * movement.amount

    @api.depends("name", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for movement in self:
            movement.display_name = f"{movement.name} ({kinds.get(movement.kind, '')})"

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        if set(vals) - {"state", "message_main_attachment_id"} and self.filtered(
            lambda m: m.state == "posted"
        ):
            raise UserError(
                self.env._(
                    "Posted share movements cannot be changed. Record a correction "
                    "instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        if self.filtered(lambda m: m.state == "posted"):
            raise UserError(
                self.env._(
                    "Posted share movements cannot be deleted. Record a correction "
                    "instead."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_post(self):
        drafts = self.filtered(lambda m: m.state == "draft")
        for movement in drafts:
            movement.name = (
                self.env["ir.sequence"].next_by_code("wbg54.share.movement") or "/"
            )
        # one write: the balance of each member is checked once for the batch
        drafts.state = "posted"

    def action_reverse(self):
        """Cancel a posted movement by a posted correction with the opposite effect."""
        corrections = self.env["wbg54.share.movement"]
        for movement in self.filtered(lambda m: m.state == "posted"):
            corrections |= self.create(
                {
                    "partner_id": movement.partner_id.id,
                    "company_id": movement.company_id.id,
                    "kind": "correction",
                    "date": fields.Date.context_today(self),
                    "share_qty": -movement.share_qty_signed,
                    "nominal_value": movement.nominal_value,
                    "amount": -movement.amount_signed,
                    "reversed_movement_id": movement.id,
                    "note": self.env._("Correction of %(ref)s", ref=movement.name),
                }
            )
        corrections.action_post()
        return corrections
