from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.phone_validation.tools import phone_validation

from ..exceptions import FieldValidationError

MEMBERSHIP_STATES = [
    ("applicant", "Applicant"),
    ("member", "Member"),
    ("former", "Former Member"),
]

# what a tenant may change herself on the portal; everything else is a request
# to staff, and the e-mail address (which receives password resets) changes
# only through the confirmed login e-mail change
PORTAL_SELF_WRITABLE_FIELDS = ("phone", "mobile", "lang")
NOTIFICATION_FIELDS = (
    "wbg54_notify_document_email",
    "wbg54_notify_document_push",
    "wbg54_notify_notice_email",
    "wbg54_notify_notice_push",
    "wbg54_notify_ticket_email",
    "wbg54_notify_ticket_push",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    mobile = fields.Char(tracking=True)
    lang = fields.Selection(tracking=True)

    membership_state = fields.Selection(
        MEMBERSHIP_STATES,
        string="Membership",
        tracking=True,
        index=True,
        help="Applicant: applied for membership; Member: admitted by the board; "
        "Former Member: left the cooperative (exit date).",
    )
    member_number = fields.Char(
        copy=False,
        index="btree_not_null",
        tracking=True,
        help=(
            "Assigned from the sequence when the partner becomes an applicant or "
            "member."
        ),
    )
    member_entry_date = fields.Date(string="Entry Date", tracking=True)
    member_exit_date = fields.Date(string="Exit Date", tracking=True)

    contract_ids = fields.One2many(
        "wbg54.contract", "partner_id", string="Contracts (main member)"
    )
    co_contract_ids = fields.Many2many(
        "wbg54.contract",
        "wbg54_contract_co_member_rel",
        "partner_id",
        "contract_id",
        string="Contracts (co-member)",
    )
    contract_count = fields.Integer(compute="_compute_contract_count")

    # staff only: the registration letters and the consent records
    wbg54_registration_ids = fields.One2many(
        "wbg54.registration",
        "partner_id",
        string="Portal Registration",
        groups="base.group_user",
    )
    registration_state = fields.Selection(
        [
            ("none", "No Letter"),
            ("letter", "Letter Sent"),
            ("registered", "Registered, not confirmed"),
            ("confirmed", "Confirmed"),
        ],
        string="Portal Registration State",
        compute="_compute_registration_state",
        groups="base.group_user",
    )
    consent_ids = fields.One2many(
        "wbg54.consent", "partner_id", string="Consents", groups="base.group_user"
    )
    edelivery_consent = fields.Boolean(
        string="Electronic Delivery",
        compute="_compute_edelivery_consent",
        store=True,
        help=(
            "Consented to receive documents electronically; members without it still "
            "get paper."
        ),
    )

    # notification preferences (event x channel), editable on the portal
    wbg54_notify_document_email = fields.Boolean(
        string="New Document by E-mail", default=True
    )
    wbg54_notify_document_push = fields.Boolean(
        string="New Document by Push", default=True
    )
    wbg54_notify_notice_email = fields.Boolean(
        string="Building Notice by E-mail", default=False
    )
    wbg54_notify_notice_push = fields.Boolean(
        string="Building Notice by Push", default=True
    )
    wbg54_notify_ticket_email = fields.Boolean(
        string="Request Update by E-mail", default=True
    )
    wbg54_notify_ticket_push = fields.Boolean(
        string="Request Update by Push", default=True
    )

    share_movement_ids = fields.One2many(
        "wbg54.share.movement", "partner_id", string="Share Movements"
    )
    share_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_share_currency_id",
        string="Share Currency",
    )
    share_count = fields.Integer(
        string="Subscribed Shares",
        compute="_compute_share_figures",
        store=True,
    )
    share_capital_subscribed = fields.Monetary(
        string="Subscribed Capital",
        currency_field="share_currency_id",
        compute="_compute_share_figures",
        store=True,
        help=(
            "Number of subscribed shares times their nominal value (gezeichnetes "
            "Kapital)."
        ),
    )
    share_balance = fields.Monetary(
        string="Paid-in Share Balance",
        currency_field="share_currency_id",
        compute="_compute_share_figures",
        store=True,
        help="Paid-in share capital (Geschäftsguthaben): payments and dividend "
        "credits less payouts, from posted movements only.",
    )

    # Odoo's fields that staff keep for themselves (a tenant reads her own
    # partner over RPC): internal notes, tags, and the duplicate look-ups, which
    # search all partners as superuser and would name another partner
    comment = fields.Html(groups="base.group_user")
    category_id = fields.Many2many(groups="base.group_user")
    same_vat_partner_id = fields.Many2one(groups="base.group_user")
    same_company_registry_partner_id = fields.Many2one(groups="base.group_user")

    _sql_constraints = [
        (
            "member_number_unique",
            "UNIQUE(member_number)",
            "This member number is already in use.",
        ),
    ]

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("member_entry_date", "member_exit_date")
    def _check_member_dates(self):
        for partner in self:
            if (
                partner.member_entry_date
                and partner.member_exit_date
                and partner.member_exit_date < partner.member_entry_date
            ):
                raise ValidationError(
                    self.env._(
                        "The exit date of %(member)s lies before the entry date.",
                        member=partner.display_name,
                    )
                )

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    def _compute_contract_count(self):
        contracts = self.env["wbg54.contract"].search(
            ["|", ("partner_id", "in", self.ids), ("co_member_ids", "in", self.ids)]
        )
        for partner in self:
            partner.contract_count = len(
                contracts.filtered(
                    lambda c, partner=partner: partner
                    in (c.partner_id | c.co_member_ids)
                )
            )

    @api.depends("wbg54_registration_ids.state")
    def _compute_registration_state(self):
        for partner in self:
            partner.registration_state = (
                partner.wbg54_registration_ids[:1].state or "none"
            )

    @api.depends("consent_ids.kind")
    def _compute_edelivery_consent(self):
        for partner in self:
            partner.edelivery_consent = "edelivery" in partner.consent_ids.mapped(
                "kind"
            )

    @api.depends("company_id")
    def _compute_share_currency_id(self):
        for partner in self:
            partner.share_currency_id = (
                partner.company_id or self.env.company
            ).currency_id

    @api.depends(
        "share_movement_ids.state",
        "share_movement_ids.amount_signed",
        "share_movement_ids.share_qty_signed",
        "share_movement_ids.capital_signed",
    )
    def _compute_share_figures(self):
        groups = self.env["wbg54.share.movement"]._read_group(
            [("partner_id", "in", self.ids), ("state", "=", "posted")],
            ["partner_id"],
            ["share_qty_signed:sum", "capital_signed:sum", "amount_signed:sum"],
        )
        figures = {partner.id: rest for partner, *rest in groups}
        for partner in self:
            shares, capital, balance = figures.get(partner.id, (0, 0.0, 0.0))
            partner.share_count = shares
            partner.share_capital_subscribed = capital
            partner.share_balance = balance

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._assign_member_number()
        return partners

    def write(self, vals):
        res = super().write(vals)
        if vals.get("membership_state"):
            self._assign_member_number()
        return res

    def _mail_track(self, tracked_fields, initial_values):
        # the language is tracked, but its selection holds only the active
        # languages: a partner may keep (or be given) one that is not active
        lang_info = tracked_fields.get("lang")
        if lang_info:
            known = dict(lang_info["selection"])
            missing = (
                {initial_values.get("lang"), self.lang} - set(known) - {False, None}
            )
            if missing:
                tracked_fields = dict(
                    tracked_fields,
                    lang=dict(
                        lang_info,
                        selection=lang_info["selection"]
                        + [(code, code) for code in sorted(missing)],
                    ),
                )
        return super()._mail_track(tracked_fields, initial_values)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_member(self):
        # the member list is kept (also when a member deletes her portal
        # account, whose clean-up cron would delete the partner next)
        if any(partner.membership_state for partner in self):
            raise UserError(
                self.env._(
                    "Members, applicants and former members stay in the member list; "
                    "record an exit date instead."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wbg54_portal.wbg54_contract_action"
        )
        action["domain"] = [
            "|",
            ("partner_id", "=", self.id),
            ("co_member_ids", "in", self.id),
        ]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_view_share_movements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wbg54_portal.wbg54_share_movement_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    # ------------------------------------------------------------
    # PORTAL SELF-SERVICE
    # ------------------------------------------------------------

    @api.model
    def _wbg54_self_service_partner(self):
        """The current user's partner, if she may change her data herself (a
        member, applicant or former member).

        :raise AccessError: she may not
        """
        partner = self.env.user.partner_id
        if not partner.membership_state:
            raise AccessError(
                self.env._(
                    "Only members of the cooperative can change their data here."
                )
            )
        return partner

    @api.model
    def _wbg54_update_self_service(self, values):
        """Change what the current user (a member) may change herself on
        "Meine Daten" and in the app: phones and language. The fields not
        given stay as they are.

        :param dict values: any of ``phone``, ``mobile`` (text; empty clears
            it; stored in E.164, numbers without country code are German) and
            ``lang`` (an installed language's code)
        :return: her partner
        :raise FieldValidationError: ``{field: message}``; nothing changed
        :raise AccessError: she is no member
        """
        partner = self._wbg54_self_service_partner()
        vals, errors = partner._wbg54_prepare_self_service_vals(values)
        for field in set(values) - set(PORTAL_SELF_WRITABLE_FIELDS):
            errors[field] = self.env._("This field is not known.")
        if errors:
            raise FieldValidationError(errors)
        # her own partner, whitelisted and validated values; sudo because
        # portal users have no write access to res.partner
        partner_sudo = partner.sudo()
        partner_sudo.write(
            {
                field: value
                for field, value in vals.items()
                if partner_sudo[field] != value
            }
        )
        return partner

    @api.model
    def _wbg54_update_notification_preferences(self, values):
        """Choose which news reach the current user (a member) by e-mail and
        by push. The preferences not given stay as they are.

        :param dict values: ``{field: bool}``, fields of NOTIFICATION_FIELDS
            (``wbg54_notify_<document|notice|ticket>_<email|push>``)
        :return: her partner
        :raise FieldValidationError: ``{field: message}``; nothing changed
        :raise AccessError: she is no member
        """
        partner = self._wbg54_self_service_partner()
        errors = {}
        for field, wanted in values.items():
            if field not in NOTIFICATION_FIELDS:
                errors[field] = self.env._("This field is not known.")
            elif not isinstance(wanted, bool):
                errors[field] = self.env._("true or false is expected.")
        if errors:
            raise FieldValidationError(errors)
        # her own partner, whitelisted booleans only; sudo because portal
        # users have no write access to res.partner
        partner.sudo().write(values)
        return partner

    def _wbg54_prepare_self_service_vals(self, form):
        """Validate what the tenant typed into "Meine Daten" (the fields
        given among phone, mobile and lang).

        :param dict form: raw form values (strings)
        :return: (values to write, {field: German error message})
        """
        self.ensure_one()
        vals, errors = {}, {}
        for field in ("phone", "mobile"):
            if field not in form:
                continue
            number = form[field]
            number = "" if number is None or number is False else str(number).strip()
            if not number:
                vals[field] = False
                continue
            try:
                vals[field] = self._wbg54_phone_to_e164(number)
            except UserError:
                errors[field] = self.env._(
                    "“%(number)s” is not a valid phone number. Enter it with area "
                    "code, "
                    "e.g. 0341 1234567 or +49 151 23456789.",
                    number=number,
                )
        if "lang" in form:
            lang = form["lang"]
            if not isinstance(lang, str) or lang not in dict(
                self.env["res.lang"].get_installed()
            ):
                errors["lang"] = self.env._(
                    "Please choose one of the offered languages."
                )
            else:
                vals["lang"] = lang
        return {
            field: value for field, value in vals.items() if field not in errors
        }, errors

    def _wbg54_phone_to_e164(self, number):
        """E.164 form of ``number``; numbers without country code are German."""
        return phone_validation.phone_format(number, "DE", 49, force_format="E164")

    def _wbg54_phone_display(self, number):
        """National format for German numbers, international for the others."""
        if not number:
            return ""
        return phone_validation.phone_format(
            number, "DE", 49, force_format="NATIONAL", raise_exception=False
        )

    def _wbg54_share_figures_at(self, date):
        """(shares, subscribed capital, paid-in balance) from posted movements up
        to ``date``."""
        self.ensure_one()
        groups = self.env["wbg54.share.movement"]._read_group(
            [
                ("partner_id", "=", self.id),
                ("state", "=", "posted"),
                ("date", "<=", date),
            ],
            [],
            ["share_qty_signed:sum", "capital_signed:sum", "amount_signed:sum"],
        )
        shares, capital, balance = groups[0]
        return shares or 0, capital or 0.0, balance or 0.0

    @api.model
    def _wbg54_render_share_confirmation(self, date=None):
        """The current user's confirmation of her share capital at ``date``
        (default: today) as she downloads it on the portal and in the app:
        (PDF, file name). Always her own partner, never one a request names.

        Rendered sudo, as Odoo's portal renders a document's report
        (``CustomerPortal._show_report``); every generation is noted on her
        partner (``ir.actions.report``).

        :raise AccessError: she is no member (applicant, member or former
            member), as the portal's page "Geschäftsanteile" is for members
        """
        partner = self.env.user.partner_id
        if not partner.membership_state:
            raise AccessError(
                self.env._(
                    "Only members of the cooperative receive a confirmation of "
                    "their share capital."
                )
            )
        date = date or fields.Date.context_today(partner)
        pdf, _kind = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(
                "wbg54_portal.action_report_share_confirmation",
                partner.ids,
                data={"date": date.isoformat()},
            )
        )
        filename = self.env._(
            "Share capital confirmation %(date)s", date=date.isoformat()
        )
        return pdf, f"{filename}.pdf"

    # ------------------------------------------------------------
    # NOTIFICATIONS
    # ------------------------------------------------------------

    def _wbg54_email_recipients(self, event):
        """The partners among ``self`` to tell of ``event`` (document, notice,
        ticket) by e-mail: who chose e-mail, and who chose push but has no
        active app device (a push reaches nobody before the app is signed in,
        or after it signed out)."""
        email_field = f"wbg54_notify_{event}_email"
        push_field = f"wbg54_notify_{event}_push"
        push_only = self.filtered(lambda p: not p[email_field] and p[push_field])
        with_device = self.browse()
        if push_only:
            # whether a device exists, nothing of it is read: a cause's user (the
            # tenant replying on her ticket) cannot read other users' devices
            with_device = self.browse(
                partner.id
                for [partner] in self.env["wbg54.push.device"]
                .sudo()
                ._read_group([("partner_id", "in", push_only.ids)], ["partner_id"])
            )
        return self.filtered(email_field) | (push_only - with_device)

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _assign_member_number(self):
        for partner in self.filtered(
            lambda p: p.membership_state and not p.member_number
        ):
            partner.member_number = self.env["ir.sequence"].next_by_code("wbg54.member")
