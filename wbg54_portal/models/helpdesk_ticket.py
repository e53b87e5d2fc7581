from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import email_normalize, formataddr, plaintext2html

from ..exceptions import FieldValidationError
from ..tools.params import parse_id, parse_int
from ..tools.photo import MAX_PHOTOS, PhotoError, PixelBudget, normalize_photo

TICKET_KINDS = [
    ("damage", "Damage Report"),
    ("application", "Application"),
    ("message", "Message"),
    ("data_change", "Data Change Request"),
]
DECISIONS = [
    ("approved", "Approved"),
    ("approved_conditions", "Approved with Conditions"),
    ("rejected", "Rejected"),
]
# structured questions per application type (ticket field names)
APPLICATION_QUESTIONS = {
    "pet": ("pet_species", "pet_count", "pet_breed"),
    "renovation": (
        "renovation_scope",
        "renovation_date_from",
        "renovation_date_to",
        "renovation_company",
    ),
    "awning": ("awning_size", "awning_colour", "awning_position"),
    "none": (),
}
# the answers a number question (e.g. how many animals) takes
MAX_ANSWER = 999


def _given(value):
    """Whether a value was given: not None, False (Odoo's "none") or "" (an
    empty form field); 0 is a value."""
    return value is not None and value is not False and value != ""


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # helpdesk_mgmt's fields that staff keep for themselves (tenants read their
    # tickets over RPC too); priority and sequence stay readable: _order uses them
    notes = fields.Html(groups="base.group_user")
    color = fields.Integer(groups="base.group_user")
    kanban_state = fields.Selection(groups="base.group_user")
    tag_ids = fields.Many2many(groups="base.group_user")
    properties = fields.Properties(groups="base.group_user")
    duplicate_id = fields.Many2one(groups="base.group_user")
    duplicate_ids = fields.One2many(groups="base.group_user")
    duplicate_count = fields.Integer(groups="base.group_user")

    # assignable: staff of the team, or every staff user on a team open to all
    # staff (the shipped teams); never a tenant
    user_id = fields.Many2one(
        domain="team_id and not wbg54_team_open_to_staff "
        "and [('share', '=', False), ('id', 'in', user_ids)] "
        "or [('share', '=', False)]",
    )
    wbg54_team_open_to_staff = fields.Boolean(
        related="team_id.wbg54_open_to_staff", groups="base.group_user"
    )

    wbg54_kind = fields.Selection(
        TICKET_KINDS,
        string="Request Kind",
        default="message",
        required=True,
        index=True,
        tracking=True,
    )
    wbg54_contract_id = fields.Many2one("wbg54.contract", string="Contract", index=True)
    wbg54_unit_id = fields.Many2one(
        "wbg54.unit",
        string="Unit",
        compute="_compute_wbg54_unit_id",
        store=True,
        readonly=False,
        index=True,
    )
    wbg54_building_id = fields.Many2one(
        "wbg54.building",
        string="Building",
        compute="_compute_wbg54_building_id",
        store=True,
        readonly=False,
        index=True,
    )
    # damage report
    wbg54_location = fields.Char(
        string="Location",
        help="Where in the apartment or building, e.g. bathroom, staircase.",
    )
    wbg54_urgency = fields.Selection(
        [("normal", "Normal"), ("urgent", "Urgent"), ("emergency", "Emergency")],
        string="Urgency",
        default="normal",
        tracking=True,
    )
    wbg54_access_allowed = fields.Boolean(
        string="Entry in Absence Allowed",
        help="Staff or craftsmen may enter while the tenant is away.",
    )
    wbg54_time_windows = fields.Char(string="Preferred Times")
    # application
    wbg54_application_type_id = fields.Many2one(
        "wbg54.application.type", string="Application Type"
    )
    wbg54_questions = fields.Selection(related="wbg54_application_type_id.questions")
    pet_species = fields.Char(string="Species")
    pet_count = fields.Integer(string="Number of Animals")
    pet_breed = fields.Char(string="Size / Breed")
    renovation_scope = fields.Text(string="Scope of Work")
    renovation_date_from = fields.Date(string="Planned Start")
    renovation_date_to = fields.Date(string="Planned End")
    renovation_company = fields.Char(string="Executing Company")
    awning_size = fields.Char(string="Size")
    awning_colour = fields.Char(string="Colour")
    awning_position = fields.Char(string="Mounting Position")
    # staff only: the tenant learns the decision from the letter posted in the chatter
    wbg54_decision = fields.Selection(
        DECISIONS,
        string="Decision",
        tracking=True,
        copy=False,
        groups="base.group_user",
    )
    wbg54_decision_reason = fields.Text(
        string="Reason / Conditions", copy=False, groups="base.group_user"
    )
    wbg54_decision_date = fields.Date(
        string="Decision Date", copy=False, readonly=True, groups="base.group_user"
    )

    @api.depends("wbg54_contract_id")
    def _compute_wbg54_unit_id(self):
        for ticket in self.filtered("wbg54_contract_id"):
            ticket.wbg54_unit_id = ticket.wbg54_contract_id.unit_id

    @api.depends("wbg54_unit_id")
    def _compute_wbg54_building_id(self):
        for ticket in self.filtered("wbg54_unit_id"):
            ticket.wbg54_building_id = ticket.wbg54_unit_id.building_id

    @api.model
    def default_get(self, fields_list):
        # helpdesk_mgmt's "auto assign" takes the current user; a tenant
        # creating her ticket (under sudo, same uid) is no assignee
        defaults = super().default_get(fields_list)
        if (
            defaults.get("user_id")
            and self.env["res.users"].browse(defaults["user_id"]).share
        ):
            defaults["user_id"] = False
        return defaults

    @api.depends("team_id")
    def _compute_user_id(self):
        # on a team open to all staff a staff assignee stays when the team changes
        open_teams = self.filtered(lambda ticket: ticket.team_id.wbg54_open_to_staff)
        for ticket in open_teams:
            ticket.user_id = ticket.user_id if not ticket.user_id.share else False
        return super(HelpdeskTicket, self - open_teams)._compute_user_id()

    @api.constrains("pet_count")
    def _check_pet_count(self):
        if any(ticket.pet_count < 0 for ticket in self):
            raise ValidationError(
                self.env._("The number of animals cannot be negative.")
            )

    @api.constrains("renovation_date_from", "renovation_date_to")
    def _check_renovation_dates(self):
        for ticket in self:
            if (
                ticket.renovation_date_from
                and ticket.renovation_date_to
                and ticket.renovation_date_to < ticket.renovation_date_from
            ):
                raise ValidationError(
                    self.env._(
                        "The planned end of the renovation lies before its start."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets.filtered(
            lambda t: t.wbg54_kind == "damage" and t.wbg54_urgency == "emergency"
        )._wbg54_alert_on_call()
        return tickets

    def write(self, vals):
        result = super().write(vals)
        if "stage_id" in vals:
            self._wbg54_push_update(
                lambda ticket: ticket.env._(
                    "%(number)s: %(stage)s",
                    number=ticket.number,
                    stage=ticket.stage_id.name,
                )
            )
        return result

    # ------------------------------------------------------------
    # Mail: the tenant's notification preferences
    # ------------------------------------------------------------

    def _track_template(self, tracking):
        # helpdesk_mgmt mails every stage change to the customer
        res = super()._track_template(tracking)
        # only a customer who turned request e-mails off (and gets the push on
        # her phone) goes without; a ticket without a partner keeps
        # helpdesk_mgmt's mail (to its e-mail address)
        partner = self[0].partner_id
        if (
            "stage_id" in res
            and partner
            and not partner._wbg54_email_recipients("ticket")
        ):
            del res["stage_id"]
        return res

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        # a tenant who wants no request e-mails (and gets the push on her phone)
        # keeps the message in the portal only
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        partners = self.env["res.partner"].browse(
            [r["id"] for r in recipients if r.get("share")]
        )
        silent = set((partners - partners._wbg54_email_recipients("ticket")).ids)
        return [r for r in recipients if r["id"] not in silent]

    def _notify_thread_by_email(
        self, message, recipients_data, msg_vals=False, **kwargs
    ):
        res = super()._notify_thread_by_email(
            message, recipients_data, msg_vals=msg_vals, **kwargs
        )
        # Odoo sends a request's notifications at once, unless the caller queued
        # them (the composer on several requests): then the mail queue runs
        # now, not with its hourly cron
        if not self.env.context.get(
            "mail_notify_force_send", kwargs.get("force_send", True)
        ):
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        return res

    def message_post(self, **kwargs):
        kwargs = self._wbg54_cooperative_sender(kwargs)
        if kwargs.get("subtype_id") == self._creation_subtype().id:
            # helpdesk_mgmt tells the followers of the team of a new request; its
            # staff are told whether they follow the team or not (by e-mail or in
            # their Odoo inbox, as each of them chose), without following the
            # request: its replies go to whom it is assigned
            kwargs["partner_ids"] = list(kwargs.get("partner_ids") or []) + [
                partner.id for partner in self.team_id._wbg54_staff().partner_id
            ]
        message = super().message_post(**kwargs)
        # a reply the tenant can read (not an internal note), from someone else
        if (
            message.message_type == "comment"
            and message.subtype_id
            and not message.subtype_id.internal
        ):
            self.filtered(
                lambda t: t.partner_id != message.author_id
            )._wbg54_push_update(
                lambda ticket: ticket.env._(
                    "New reply on %(number)s", number=ticket.number
                )
            )
        return message

    def message_notify(self, **kwargs):
        # e.g. "you were assigned": From the cooperative too
        return super().message_notify(**self._wbg54_cooperative_sender(kwargs))

    def _wbg54_cooperative_sender(self, post_values):
        """``post_values`` with the cooperative's address as sender: every
        mail of a request goes out From the cooperative's address (with the
        author's name), never From a tenant's own address (her provider's
        DMARC would have it refused, and the answer must reach the request:
        Reply-To is helpdesk_mgmt's _notify_get_reply_to, the team's alias, the
        catchall address or this sender). An e-mail from an unknown sender
        keeps its address, the only trace of who wrote."""
        author_id, _email_from = self._message_compute_author(
            post_values.get("author_id"),
            post_values.get("email_from"),
            raise_on_email=False,
        )
        # the cooperative's sender address and the author's name only (a
        # tenant's post cannot read the company's partner)
        company_sudo = self[:1].sudo().company_id or self.env.company.sudo()
        cooperative = email_normalize(company_sudo.email_formatted)
        if not (author_id and cooperative):
            return post_values
        author_sudo = self.env["res.partner"].sudo().browse(author_id)
        return {
            **post_values,
            "author_id": author_id,
            "email_from": formataddr((author_sudo.name or "", cooperative)),
        }

    def _wbg54_alert_on_call(self):
        """An emergency damage report goes to the cooperative's on-call address
        at once: the mail queue runs now, not with its hourly cron."""
        # the company's configured address (a tenant's report is created in
        # her name), only to decide whether there is one
        tickets = self.filtered(lambda t: t.sudo().company_id.wbg54_on_call_email)
        if not tickets:
            return
        # the cooperative's own template for reports just created (tenants
        # cannot read mail templates), sent to the configured address only
        template_sudo = self.env.ref(
            "wbg54_portal.mail_template_ticket_emergency"
        ).sudo()
        # the answer goes to the request (its team's alias or the catchall)
        reply_to = tickets.sudo()._notify_get_reply_to()
        for ticket in tickets:
            template_sudo.send_mail(
                ticket.id, email_values={"reply_to": reply_to.get(ticket.id)}
            )
        self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()

    def _wbg54_push_update(self, title):
        tickets = self.filtered("partner_id")
        if tickets:
            self.env["wbg54.push.message"]._queue(
                "ticket",
                [(ticket.partner_id, ticket) for ticket in tickets],
                lambda ticket: (title(ticket), ticket.name),
                lambda ticket: f"/my/ticket/{ticket.id}",
            )

    def _wbg54_request_files(self):
        """The files of the request itself (the tenant's photos), as the web
        page and the app list them: not those of its messages, which she sees
        with a message she may read, and never those of an internal note
        (helpdesk_mgmt's page listed every file of the ticket).

        :return: ``ir.attachment`` as superuser, oldest first; the caller
            has checked that she may read the ticket
        """
        self.ensure_one()
        # portal users cannot read attachments or other people's messages:
        # sudo, only to tell the files of the request from those of messages
        attachments_sudo = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", self._name), ("res_id", "=", self.id)],
                order="id asc",
            )
        )
        messages_sudo = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", self._name), ("res_id", "=", self.id)])
        )
        return attachments_sudo - messages_sudo.attachment_ids

    def _wbg54_question_fields(self):
        self.ensure_one()
        return APPLICATION_QUESTIONS[self.wbg54_questions or "none"]

    def action_wbg54_send_decision(self):
        """Send the decision on an application to the tenant: letter PDF
        attached to a message in the ticket's portal chatter."""
        for ticket in self:
            if ticket.wbg54_kind != "application" or not ticket.wbg54_decision:
                raise UserError(
                    self.env._("Record the decision on the application first.")
                )
            if ticket.wbg54_decision != "approved" and not ticket.wbg54_decision_reason:
                raise UserError(
                    self.env._("Give the reason or the conditions of the decision.")
                )
            ticket.wbg54_decision_date = fields.Date.context_today(ticket)
            pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(
                "wbg54_portal.action_report_application_decision", ticket.ids
            )
            attachment = self.env["ir.attachment"].create(
                {
                    "name": self.env._("Decision %(ticket)s.pdf", ticket=ticket.number),
                    "raw": pdf,
                    "res_model": ticket._name,
                    "res_id": ticket.id,
                    "mimetype": "application/pdf",
                }
            )
            decision = dict(
                self._fields["wbg54_decision"]._description_selection(
                    ticket.with_context(lang=ticket.partner_id.lang).env
                )
            )[ticket.wbg54_decision]
            ticket.message_post(
                body=ticket.with_context(lang=ticket.partner_id.lang).env._(
                    "Decision on your application: %(decision)s.", decision=decision
                ),
                attachment_ids=attachment.ids,
                partner_ids=ticket.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    # ------------------------------------------------------------
    # A TENANT'S NEW REQUESTS (web portal and app API alike)
    # ------------------------------------------------------------

    @api.model
    def _wbg54_request_contracts(self):
        """The contracts a new request of the current user may concern: her
        running and given-notice contracts as main member or co-member (newest
        first), found with her record rules."""
        partner = self.env.user.partner_id
        return self.env["wbg54.contract"].search(
            [
                "|",
                ("partner_id", "=", partner.id),
                ("co_member_ids", "in", partner.id),
                ("state", "in", ("active", "terminated")),
            ]
        )

    @api.model
    def _wbg54_default_contract(self, contracts):
        """The contract a request most likely concerns: the apartment the tenant
        lives in, not a garage or parking space rented later (contracts come
        newest first)."""
        apartments = contracts.filtered(lambda c: c.unit_type == "apartment")
        in_use = apartments.filtered(lambda c: c.state == "active")
        return (in_use or apartments or contracts)[:1]

    @api.model
    def _wbg54_question_descriptions(self, application_type):
        """The questions ``application_type`` asks, in their order:
        ``{field name: {"string": label, "type": "char"|"text"|"integer"|"date"}}``
        in the environment's language (empty without a type or questions)."""
        questions = APPLICATION_QUESTIONS[application_type[:1].questions or "none"]
        # fields_get([]) would describe every field: ask only when there are some
        if not questions:
            return {}
        described = self.fields_get(list(questions), ["string", "type"])
        return {field_name: described[field_name] for field_name in questions}

    @api.model
    def _wbg54_submit_damage(self, values, photos=(), channel=None):
        """File a damage report of the current user (a tenant).

        :param dict values: ``description`` (required text), ``category_id``
            (required, a damage category), ``contract_id`` (one of
            :meth:`_wbg54_request_contracts`; default: her apartment),
            ``location``, ``urgency`` (``normal`` when not given, ``urgent``,
            ``emergency``), ``access_allowed`` (bool), ``time_windows``; ids as
            int or as the text of a form
        :param photos: the uploaded photos as ``(filename, bytes, mimetype)``;
            they are checked and normalised here (the mimetype is not trusted)
        :param channel: the ``helpdesk.ticket.channel`` it came through
            (default: web)
        :return: the new ticket, in the caller's environment
        :raise FieldValidationError: ``{field: message}``; nothing is created
        """
        errors = {}
        vals = self._wbg54_prepare_request_vals("damage", values, errors, channel)
        category = self.env["helpdesk.ticket.category"].search(
            [
                ("wbg54_damage", "=", True),
                ("id", "=", parse_id(values.get("category_id")) or 0),
            ]
        )
        if not category:
            errors["category_id"] = self.env._("Please choose what is damaged.")
        urgency = values.get("urgency") or "normal"
        if urgency not in dict(self._fields["wbg54_urgency"].selection):
            errors["urgency"] = self.env._("Please choose one of the offered options.")
        vals.update(
            {
                "name": self.env._(
                    "Damage: %(category)s", category=category.name or ""
                ),
                "category_id": category.id,
                # team of a readable category; teams may be hidden
                "team_id": category.sudo().wbg54_team_id.id,
                "wbg54_location": self._wbg54_text(values, "location", errors),
                "wbg54_urgency": urgency,
                "wbg54_access_allowed": bool(values.get("access_allowed")),
                "wbg54_time_windows": self._wbg54_text(values, "time_windows", errors),
            }
        )
        return self._wbg54_create_request(vals, photos, errors)

    @api.model
    def _wbg54_submit_application(self, values, photos=(), channel=None):
        """File an application of the current user (a tenant).

        :param dict values: ``application_type_id`` (required), ``description``
            (required text), ``contract_id`` (as for a damage report) and the
            answers to the type's questions (see
            :meth:`_wbg54_question_descriptions`; all required; numbers as int
            or text, dates as date or ``YYYY-MM-DD``)
        :param photos: as for :meth:`_wbg54_submit_damage`
        :param channel: as for :meth:`_wbg54_submit_damage`
        :return: the new ticket, in the caller's environment
        :raise FieldValidationError: ``{field: message}``; nothing is created
        """
        errors = {}
        vals = self._wbg54_prepare_request_vals("application", values, errors, channel)
        application_type = self.env["wbg54.application.type"].search(
            [("id", "=", parse_id(values.get("application_type_id")) or 0)]
        )
        if not application_type:
            errors["application_type_id"] = self.env._(
                "Please choose what you apply for."
            )
        vals.update(
            {
                "name": self.env._(
                    "Application: %(type)s", type=application_type.name or ""
                ),
                "wbg54_application_type_id": application_type.id,
                "team_id": application_type.team_id.id,
                **self._wbg54_answer_vals(application_type, values, errors),
            }
        )
        return self._wbg54_create_request(vals, photos, errors)

    @api.model
    def _wbg54_submit_data_change(self, values):
        """Ask staff to change data the current user (a member) cannot change
        herself (name, address, bank account ...): a request to the
        administration team.

        :param dict values: ``text`` (required: what has changed) and
            ``field_label`` (optional: which data, as the form names it)
        :return: the new ticket, in the caller's environment
        :raise FieldValidationError: ``{field: message}``; nothing is created
        :raise AccessError: she is no member
        """
        partner = self.env["res.partner"]._wbg54_self_service_partner()
        errors = {}
        text = self._wbg54_text(values, "text", errors)
        label = self._wbg54_text(values, "field_label", errors)
        if not text and "text" not in errors:
            errors["text"] = self.env._("Please tell us what has changed.")
        vals = {
            "wbg54_kind": "data_change",
            "name": self.env._("Change of data requested: %(field)s", field=label[:80]),
            "description": plaintext2html(text[:2000]),
            "partner_id": partner.id,
            "partner_name": partner.name,
            "partner_email": partner.email,
            "team_id": self.env.ref("wbg54_portal.helpdesk_team_administration").id,
        }
        return self._wbg54_create_request(vals, (), errors)

    @api.model
    def _wbg54_normalize_photos(self, photos):
        """Check and normalise a request's uploaded photos (orientation, size,
        no metadata; see tools.photo).

        :param photos: ``(filename, bytes, mimetype)`` as uploaded
        :return: ``[(filename, bytes, mimetype)]`` ready to attach, the name's
            extension matching the format
        :raise FieldValidationError: ``{"photos": message}`` naming each photo
            refused and why
        """
        if len(photos) > MAX_PHOTOS:
            raise FieldValidationError(
                {
                    "photos": self.env._(
                        "Please send at most %(count)s photos.", count=MAX_PHOTOS
                    )
                }
            )
        budget = PixelBudget()
        normalized, problems = [], []
        for filename, data, _mimetype in photos:
            filename = filename or "photo"
            try:
                data, mimetype, extension = normalize_photo(data, budget)
            except PhotoError as error:
                problems.append(self._wbg54_photo_problem(error.reason, filename))
                continue
            normalized.append(
                (filename.rsplit(".", 1)[0] + "." + extension, data, mimetype)
            )
        if problems:
            raise FieldValidationError(
                {
                    "photos": " ".join(problems)
                    + " "
                    + self.env._(
                        "Please choose the photos again; everything else you entered "
                        "is kept."
                    )
                }
            )
        return normalized

    # ------------------------------------------------------------
    # HELPERS OF THE NEW REQUESTS
    # ------------------------------------------------------------

    @api.model
    def _wbg54_prepare_request_vals(self, kind, values, errors, channel=None):
        """The values every new request of the current user has: her contract,
        her description, herself. Refusals go into ``errors``."""
        partner = self.env.user.partner_id
        contracts = self._wbg54_request_contracts()
        contract = self.env["wbg54.contract"]
        if _given(values.get("contract_id")):
            contract_id = parse_id(values["contract_id"])
            contract = contracts.filtered(lambda c: c.id == contract_id)
            if not contract:
                errors["contract_id"] = self.env._(
                    "Please choose one of your contracts."
                )
        description = self._wbg54_text(values, "description", errors)
        if not description and "description" not in errors:
            errors["description"] = self.env._("Please describe your request.")
        return {
            "wbg54_kind": kind,
            "description": plaintext2html(description),
            # without a choice (a single contract: no list), her apartment
            "wbg54_contract_id": (
                contract or self._wbg54_default_contract(contracts)
            ).id,
            "partner_id": partner.id,
            "partner_name": partner.name,
            "partner_email": partner.email,
            "channel_id": (
                channel or self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
            ).id,
        }

    @api.model
    def _wbg54_answer_vals(self, application_type, values, errors):
        """The answers to ``application_type``'s questions as ticket values;
        refusals go into ``errors``."""
        vals = {}
        for field_name in APPLICATION_QUESTIONS[application_type.questions or "none"]:
            raw = values.get(field_name)
            if isinstance(raw, str):
                raw = raw.strip()
            if not _given(raw):
                errors[field_name] = self.env._("Please answer this question.")
                continue
            field = self._fields[field_name]
            try:
                if field.type == "integer":
                    vals[field_name] = parse_int(raw, 1, MAX_ANSWER)
                    if vals[field_name] is None:
                        raise ValueError(raw)
                elif field.type == "date":
                    vals[field_name] = fields.Date.to_date(raw)
                elif isinstance(raw, str) and "\x00" not in raw:
                    vals[field_name] = raw
                else:
                    raise ValueError(raw)
            except (ValueError, TypeError):
                vals.pop(field_name, None)
                errors[field_name] = self.env._("Please check this answer.")
        if (
            vals.get("renovation_date_from")
            and vals.get("renovation_date_to")
            and vals["renovation_date_to"] < vals["renovation_date_from"]
        ):
            errors["renovation_date_to"] = self.env._(
                "The planned end lies before the start."
            )
        return vals

    @api.model
    def _wbg54_text(self, values, field_name, errors):
        """The text given for ``field_name``, stripped ("" when not given)."""
        text = values.get(field_name)
        if not _given(text):
            return ""
        if not isinstance(text, str):
            errors[field_name] = self.env._("Please check this answer.")
            return ""
        if "\x00" in text:
            # PostgreSQL takes no NUL character in any text
            errors[field_name] = self.env._(
                "The text must not contain control characters."
            )
            return ""
        return text.strip()

    @api.model
    def _wbg54_create_request(self, vals, photos, errors):
        """Create the request of ``vals`` with ``photos``, or raise ``errors``
        (then, as on any failure, nothing is created)."""
        try:
            photos = self._wbg54_normalize_photos(photos)
        except FieldValidationError as error:
            errors.update(error.errors)
        if errors:
            raise FieldValidationError(errors)
        vals["stage_id"] = (
            self.env["helpdesk.ticket.team"]
            .browse(vals["team_id"])
            ._get_applicable_stages()[:1]
            .id
        )
        with self.env.cr.savepoint():
            # the ticket of the current user, built from validated values only;
            # sudo because portal users cannot create tickets (as helpdesk_mgmt
            # does)
            ticket_sudo = self.sudo().create(vals)
            ticket_sudo.message_subscribe(partner_ids=self.env.user.partner_id.ids)
            # photos of the ticket just created for her, already normalised
            # (orientation, size, no metadata): no second pass by Odoo
            self.env["ir.attachment"].sudo().with_context(
                image_no_postprocess=True
            ).create(
                [
                    {
                        "name": name,
                        "raw": data,
                        "mimetype": mimetype,
                        "res_model": self._name,
                        "res_id": ticket_sudo.id,
                    }
                    for name, data, mimetype in photos
                ]
            )
        return self.browse(ticket_sudo.id)

    @api.model
    def _wbg54_photo_problem(self, reason, name):
        """Why the photo ``name`` was refused (``reason`` of a PhotoError)."""
        if reason == "too_big":
            return self.env._("“%(name)s” is larger than 15 MB.", name=name)
        if reason == "type":
            return self.env._(
                "“%(name)s” is not a photo in JPEG, PNG or WebP format.", name=name
            )
        if reason == "bomb":
            return self.env._(
                "“%(name)s” has too many pixels; please send a smaller photo.",
                name=name,
            )
        if reason == "truncated":
            return self.env._(
                "“%(name)s” is incomplete; the upload may have been interrupted.",
                name=name,
            )
        if reason == "budget":
            return self.env._(
                "“%(name)s” is one photo too many for one request (the photos "
                "together are "
                "too large); please send it afterwards as a reply to your request.",
                name=name,
            )
        return self.env._(
            "“%(name)s” could not be read as a photo; the file may be damaged.",
            name=name,
        )
