from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools.params import parse_id, parse_int


class Wbg54DocumentPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "wbg54_document_count" in counters:
            Document = request.env["wbg54.document"]
            values["wbg54_document_count"] = (
                Document.search_count(self._wbg54_document_domain())
                if Document.has_access("read")
                else 0
            )
        return values

    def _wbg54_document_domain(self):
        # published for the logged-in tenant (also for staff who open /my)
        return [
            ("state", "=", "published"),
            ("recipient_ids.partner_id", "=", request.env.user.partner_id.id),
        ]

    @http.route(
        ["/my/documents", "/my/documents/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def wbg54_my_documents(self, page=1, category=None, year=None, **kw):
        Document = request.env["wbg54.document"]
        if not Document.has_access("read"):
            return request.redirect("/my")
        domain = self._wbg54_document_domain()
        categories = request.env["wbg54.document.category"].search([])
        # the filter form sends an id and a year, or nothing for "all"
        if category:
            if parse_id(category) is None:
                raise UserError(request.env._("Unknown document category."))
            domain.append(("category_id", "=", int(category)))
        if year:
            number = parse_int(year, 1, 9999)
            if number is None:
                raise UserError(
                    request.env._("Please give the year with four digits, e.g. 2024.")
                )
            year = str(number)
            domain += [
                ("document_date", ">=", f"{number:04d}-01-01"),
                ("document_date", "<=", f"{number:04d}-12-31"),
            ]
        count = Document.search_count(domain)
        pager = portal_pager(
            url="/my/documents",
            url_args={"category": category, "year": year},
            total=count,
            page=parse_int(page, 1) or 1,
            step=self._items_per_page,
        )
        documents = Document.search(
            domain, limit=self._items_per_page, offset=pager["offset"]
        )
        partner = request.env.user.partner_id
        opened = {
            r.document_id.id
            for r in request.env["wbg54.document.recipient"].search(
                [
                    ("document_id", "in", documents.ids),
                    ("partner_id", "=", partner.id),
                    ("opened_at", "!=", False),
                ]
            )
        }
        # unread first, then newest
        documents = documents.sorted(
            lambda d: (d.id in opened, -d.document_date.toordinal(), -d.id)
        )
        years = sorted(
            (
                day.year
                for (day,) in Document._read_group(
                    self._wbg54_document_domain(), ["document_date:year"]
                )
            ),
            reverse=True,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "wbg54_documents",
                "documents": documents,
                "opened": opened,
                "pager": pager,
                "categories": categories,
                "years": years,
                "category": category,
                "year": year,
            }
        )
        return request.render("wbg54_portal.portal_my_documents", values)

    @http.route(
        "/my/documents/<int:document_id>/download",
        type="http",
        auth="user",
        website=True,
    )
    def wbg54_document_download(self, document_id, **kw):
        try:
            document_sudo = self._document_check_access("wbg54.document", document_id)
        except (AccessError, MissingError):
            raise NotFound() from None
        request.env["wbg54.document.recipient"]._wbg54_mark_opened(
            request.env["wbg54.document"].browse(document_id)
        )
        stream = request.env["ir.binary"]._get_stream_from(
            document_sudo,
            "file",
            filename=document_sudo.file_name or document_sudo.name,
        )
        return stream.get_response(as_attachment=True)
