from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

NOTICE_KINDS = [
    ("disruption", "Disruption"),
    ("information", "Information"),
    ("appointment", "Appointment"),
]


class Wbg54Notice(models.Model):
    """A notice on the buildings' boards ("Aushang"): an elevator out of
    order, a water shut-off, a general information. Tenants see it on their
    portal home while it is valid; publishing and resolving tell them by the
    channels they chose.

    Who sees a notice is its recipients: the tenants of the buildings when it
    was published, plus those who move in while it is up. A building-based
    rule (buildings › units › contracts) costs tens of milliseconds per page
    at 10,000 households; the recipients are one index lookup."""

    _name = "wbg54.notice"
    _description = "Building Notice"
    _inherit = ["mail.thread"]
    _order = "valid_from desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    body = fields.Text(string="Text", required=True)
    kind = fields.Selection(
        NOTICE_KINDS,
        string="Notice Kind",
        required=True,
        default="information",
        tracking=True,
    )
    building_ids = fields.Many2many("wbg54.building", string="Buildings", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    valid_from = fields.Datetime(
        required=True, default=fields.Datetime.now, tracking=True
    )
    valid_to = fields.Datetime(tracking=True, help="Empty: shown until it is resolved.")
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("resolved", "Resolved")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    published_at = fields.Datetime(readonly=True)
    resolved_at = fields.Datetime(readonly=True)
    recipient_ids = fields.One2many(
        "wbg54.notice.recipient", "notice_id", string="Informed Tenants", readonly=True
    )
    recipient_count = fields.Integer(
        compute="_compute_recipient_count", groups="base.group_user"
    )

    @api.constrains("valid_from", "valid_to")
    def _check_validity(self):
        if any(
            notice.valid_to and notice.valid_to < notice.valid_from for notice in self
        ):
            raise ValidationError(self.env._("A notice cannot end before it starts."))

    def _compute_recipient_count(self):
        counts = dict(
            self.env["wbg54.notice.recipient"]._read_group(
                [("notice_id", "in", self.ids)], ["notice_id"], ["__count"]
            )
        )
        for notice in self:
            notice.recipient_count = counts.get(notice, 0)

    def write(self, vals):
        if "building_ids" in vals and self.filtered(lambda n: n.state != "draft"):
            raise UserError(
                self.env._(
                    "The buildings of a published notice cannot be changed; publish a "
                    "new one."
                )
            )
        return super().write(vals)

    def action_publish(self):
        """Publish and inform the current tenants of the buildings."""
        drafts = self.filtered(lambda n: n.state == "draft")
        now = fields.Datetime.now()
        for notice in drafts:
            partners = notice.building_ids._current_tenants(
                fields.Date.context_today(notice)
            )
            notice.write(
                {
                    "state": "published",
                    "published_at": now,
                    "recipient_ids": [
                        Command.create({"partner_id": partner.id})
                        for partner in partners
                    ],
                }
            )
        drafts._notify("published")

    def action_resolve(self):
        """Mark as resolved (the elevator runs again) and tell the informed tenants."""
        published = self.filtered(lambda n: n.state == "published")
        published.write({"state": "resolved", "resolved_at": fields.Datetime.now()})
        published._notify("resolved")

    def _notify(self, what):
        """Tell the recipients by the channels they chose; who chose push
        without a signed-in app gets the e-mail instead."""
        recipients = self.recipient_ids
        emailed = set(recipients.partner_id._wbg54_email_recipients("notice").ids)
        by_email = recipients.filtered(
            lambda r: r.partner_id.id in emailed and r.partner_id.email
        )
        if by_email:
            self.env.ref(f"wbg54_portal.mail_template_notice_{what}").send_mail_batch(
                by_email.ids
            )
            # the mails leave now, not with the hourly run of the mail queue
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        self.env["wbg54.push.message"]._queue(
            "notice",
            [(recipient.partner_id, recipient.notice_id) for recipient in recipients],
            lambda notice: (notice._push_title(what), notice._push_body()),
            lambda notice: f"/my#wbg54-notice-{notice.id}",
        )

    def _push_title(self, what):
        self.ensure_one()
        return (
            self.name
            if what == "published"
            else self.env._("Resolved: %(title)s", title=self.name)
        )

    def _push_body(self):
        self.ensure_one()
        return ", ".join(self.building_ids.mapped(lambda b: f"{b.street}, {b.city}"))

    @api.model
    def _add_moved_in_tenants(self, contracts):
        """Tenants whose contract starts while a notice of their building is
        up see it too (informed on their portal home, not notified)."""
        notices = self.search(
            [
                ("state", "=", "published"),
                ("building_ids", "in", contracts.building_id.ids),
                "|",
                ("valid_to", "=", False),
                ("valid_to", ">=", fields.Datetime.now()),
            ]
        )
        vals_list = []
        for notice in notices:
            informed = notice.recipient_ids.partner_id
            for contract in contracts.filtered(
                lambda c, notice=notice: c.building_id in notice.building_ids
            ):
                vals_list += [
                    {"notice_id": notice.id, "partner_id": partner.id}
                    for partner in (contract.partner_id | contract.co_member_ids)
                    - informed
                ]
                informed |= contract.partner_id | contract.co_member_ids
        self.env["wbg54.notice.recipient"].create(vals_list)

    @api.model
    def _portal_domain(self, partner, now):
        """Valid notices ``partner`` was informed of (as the record rule says
        for portal users; staff opening /my see their own only)."""
        return [
            ("state", "=", "published"),
            ("valid_from", "<=", now),
            "|",
            ("valid_to", "=", False),
            ("valid_to", ">=", now),
            ("recipient_ids.partner_id", "=", partner.id),
        ]
