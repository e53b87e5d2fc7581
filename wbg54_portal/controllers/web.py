from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.web.controllers.home import Home


class Wbg54Home(Home):
    @http.route()
    def web_login(self, redirect=None, **kw):
        # Odoo leaves an empty login out of the credential and then reads
        # credential["login"] (KeyError, a server error)
        if request.httprequest.method == "POST" and not (kw.get("login") or "").strip():
            raise UserError(
                request.env["ir.http"]
                ._wbg54_error_env()
                ._("Please enter a valid e-mail address.")
            )
        return super().web_login(redirect=redirect, **kw)
