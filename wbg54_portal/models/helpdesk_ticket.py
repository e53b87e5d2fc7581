from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import email_normalize, formataddr

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
