from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class Wbg54NoticePortal(CustomerPortal):
    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        Notice = request.env["wbg54.notice"]
        if Notice.has_access("read"):
            response.qcontext["wbg54_notices"] = Notice.search(
                Notice._portal_domain(
                    request.env.user.partner_id, fields.Datetime.now()
                ),
                order="kind, valid_from desc",
                limit=20,
            )
        return response
