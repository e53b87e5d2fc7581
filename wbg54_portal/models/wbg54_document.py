from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class Wbg54Document(models.Model):
    """A personal or building document tenants download from the portal.

    Recipients are fixed when the document is published: the member, the
    persons of the contract, or the tenants of the buildings whose contracts
    are in force on that day (so a tenant who moved out does not get what is
    published after her end date)."""

    _name = "wbg54.document"
    _description = "Tenant Document"
    _inherit = ["mail.thread"]
    _order = "document_date desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    category_id = fields.Many2one("wbg54.document.category", required=True, index=True)
    document_date = fields.Date(required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    file = fields.Binary(required=True, attachment=True)
    file_name = fields.Char()
    scope = fields.Selection(
        [
            ("member", "One Member"),
            ("contract", "One Contract"),
            ("building", "Buildings"),
        ],
        required=True,
        default="member",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Member", domain="[('membership_state', '!=', False)]"
    )
    contract_id = fields.Many2one("wbg54.contract", string="Contract")
    building_ids = fields.Many2many("wbg54.building", string="Buildings")
    state = fields.Selection(
        [("draft", "Draft"), ("scheduled", "Scheduled"), ("published", "Published")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    publish_at = fields.Datetime(
        string="Publish On",
        tracking=True,
        help=(
            "Empty: published at once. In the future: published then by a scheduled "
            "action."
        ),
    )
    published_at = fields.Datetime(readonly=True)
    recipient_ids = fields.One2many(
        "wbg54.document.recipient", "document_id", string="Recipients", readonly=True
    )
    # read receipts and the upload run are for staff
    recipient_count = fields.Integer(
        compute="_compute_read_figures", groups="base.group_user"
    )
    opened_count = fields.Integer(
        string="Opened", compute="_compute_read_figures", groups="base.group_user"
    )
    batch_id = fields.Many2one(
        "wbg54.document.batch",
        string="Upload Batch",
        index=True,
        readonly=True,
        copy=False,
        groups="base.group_user",
    )

    @api.constrains("scope", "partner_id", "contract_id", "building_ids")
    def _check_scope(self):
        for document in self:
            if (
                (document.scope == "member" and not document.partner_id)
                or (document.scope == "contract" and not document.contract_id)
                or (document.scope == "building" and not document.building_ids)
            ):
                raise ValidationError(
                    self.env._(
                        "Choose the member, contract or buildings the document is for."
                    )
                )

    @api.depends("recipient_ids.opened_at")
    def _compute_read_figures(self):
        for document in self:
            document.recipient_count = len(document.recipient_ids)
            document.opened_count = len(document.recipient_ids.filtered("opened_at"))

    def write(self, vals):
        if self.filtered(lambda d: d.state == "published") and set(vals) & {
            "file",
            "scope",
            "partner_id",
            "contract_id",
            "building_ids",
        }:
            raise UserError(
                self.env._("A published document cannot be changed; publish a new one.")
            )
        return super().write(vals)

    def action_publish(self):
        now = fields.Datetime.now()
        later = self.filtered(
            lambda d: d.state == "draft" and d.publish_at and d.publish_at > now
        )
        later.state = "scheduled"
        for publish_at in set(later.mapped("publish_at")):
            self.env.ref("wbg54_portal.ir_cron_publish_documents")._trigger(
                at=publish_at
            )
        (self.filtered(lambda d: d.state in ("draft", "scheduled")) - later)._publish()

    def action_reset_draft(self):
        self.filtered(lambda d: d.state == "scheduled").state = "draft"

    @api.model
    def _cron_publish_due(self):
        self.search(
            [("state", "=", "scheduled"), ("publish_at", "<=", fields.Datetime.now())]
        )._publish()

    def _publish(self):
        # one write and one create for a whole run (a mass upload publishes thousands)
        self.write({"state": "published", "published_at": fields.Datetime.now()})
        self.env["wbg54.document.recipient"].create(
            [
                {"document_id": document.id, "partner_id": partner.id}
                for document in self
                for partner in document._scope_partners(
                    fields.Date.context_today(document)
                )
            ]
        )
        self._notify_recipients()

    def _notify_recipients(self):
        """Tell every recipient by the channels she chose: the e-mail goes
        through Odoo's mail queue (run at once), the push through the push
        outbox; who chose push without a signed-in app gets the e-mail."""
        recipients = self.recipient_ids
        emailed = set(recipients.partner_id._wbg54_email_recipients("document").ids)
        by_email = recipients.filtered(
            lambda r: r.partner_id.id in emailed and r.partner_id.email
        )
        if by_email:
            self.env.ref(
                "wbg54_portal.mail_template_document_published"
            ).send_mail_batch(by_email.ids)
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        self.env["wbg54.push.message"]._queue(
            "document",
            [(recipient.partner_id, recipient.document_id) for recipient in recipients],
            lambda document: (
                document.env._(
                    "New document: %(category)s", category=document.category_id.name
                ),
                document.name,
            ),
            lambda document: f"/my/documents/{document.id}/download",
        )

    def _scope_partners(self, day):
        self.ensure_one()
        if self.scope == "member":
            return self.partner_id
        if self.scope == "contract":
            return self.contract_id.partner_id | self.contract_id.co_member_ids
        return self.building_ids._current_tenants(day)
