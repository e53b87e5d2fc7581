from odoo import api, fields, models

PLATFORMS = [("android", "Android"), ("ios", "iOS"), ("web", "Web")]


class Wbg54PushDevice(models.Model):
    """A phone (or browser) of a portal user that receives push messages
    through Firebase Cloud Messaging."""

    _name = "wbg54.push.device"
    _description = "Push Device"
    _order = "last_seen_at desc, id desc"
    _rec_name = "platform"

    user_id = fields.Many2one(
        "res.users",
        string="User",
        required=True,
        ondelete="cascade",
        index=True,
        default=lambda self: self.env.user,
    )
    partner_id = fields.Many2one(related="user_id.partner_id", store=True, index=True)
    token = fields.Char(string="FCM Registration Token", required=True, copy=False)
    platform = fields.Selection(PLATFORMS, required=True)
    app_version = fields.Char()
    last_seen_at = fields.Datetime(string="Last Seen", default=fields.Datetime.now)
    active = fields.Boolean(default=True)
    deactivation_reason = fields.Char(readonly=True)
    # the app sign-in that registered the device: when it ends (sign-out,
    # revoked on /my/security, expired, password changed) the device gets no
    # more pushes, which could show her data on a phone she no longer uses
    api_key_id = fields.Many2one(
        "res.users.apikeys",
        string="App Sign-in",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        groups="base.group_system",
    )

    _sql_constraints = [
        ("token_unique", "UNIQUE(token)", "This registration token is already known."),
    ]

    @api.model
    def _register_token(self, token, platform, app_version=None, api_key_id=None):
        """Register a device of the current user, bound to her app sign-in
        ``api_key_id``; returns (device, created).

        Portal users cannot write devices themselves (they could hand their
        phone someone else's messages by changing ``user_id``): this method
        writes as superuser with the user forced to the caller. A registration
        token identifies one app installation; whoever signs in on it last
        receives its messages, so a token known for another user (phone handed
        on, other account) moves to the caller."""
        vals = {
            "user_id": self.env.uid,
            "platform": platform,
            "app_version": app_version or False,
            "last_seen_at": fields.Datetime.now(),
            "active": True,
            "deactivation_reason": False,
            "api_key_id": api_key_id or False,
        }
        device_sudo = (
            self.sudo()
            .with_context(active_test=False)
            .search([("token", "=", token)], limit=1)
        )
        created = not device_sudo
        if created:
            device_sudo = self.sudo().create({**vals, "token": token})
        else:
            device_sudo.write(vals)
        return self.browse(device_sudo.id), created

    def _unregister_device(self):
        """Deactivate the caller's own devices (found with her record rules)."""
        self.check_access("read")
        self.sudo()._deactivate("unregistered by the app")

    @api.model
    def _deactivate_signed_out(self, api_key_ids):
        """The devices of these app sign-ins stop receiving pushes."""
        self.sudo().search([("api_key_id", "in", list(api_key_ids))])._deactivate(
            "signed out of the app"
        )

    def _deactivate(self, reason):
        self.write({"active": False, "deactivation_reason": reason})
