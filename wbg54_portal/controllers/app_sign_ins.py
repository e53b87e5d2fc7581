from odoo import http
from odoo.http import request


class Wbg54AppSignIns(http.Controller):
    @http.route(
        "/my/security/app-sign-ins/<int:key_id>/revoke",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def wbg54_app_sign_in_revoke(self, key_id, **kw):
        """Sign a device out of the app (the form on /my/security)."""
        # her own valid app keys only (Odoo's rule on API keys); another id
        # revokes nothing
        keys = (
            request.env["res.users.apikeys"]
            ._wbg54_app_sign_ins()
            .filtered(lambda key: key.id == key_id)
        )
        if not keys:
            # ended already (another tab, expired) or not hers: nothing to do
            return request.redirect("/my/security?app_sign_in_gone=1")
        keys._wbg54_revoke()
        return request.redirect("/my/security?app_sign_in_revoked=1")
