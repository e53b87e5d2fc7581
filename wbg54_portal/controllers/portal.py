from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..exceptions import FieldValidationError
from ..models.res_partner import NOTIFICATION_FIELDS, PORTAL_SELF_WRITABLE_FIELDS
from ..tools.params import parse_int


class Wbg54CustomerPortal(CustomerPortal):
    # ------------------------------------------------------------
    # HOME
    # ------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Contract = request.env["wbg54.contract"]
        if "wbg54_contract_count" in counters:
            values["wbg54_contract_count"] = (
                Contract.search_count(self._wbg54_contract_domain())
                if Contract.has_access("read")
                else 0
            )
        if "wbg54_share_count" in counters:
            values["wbg54_share_count"] = request.env.user.partner_id.share_count
        return values

    def _wbg54_is_member(self):
        return bool(request.env.user.partner_id.membership_state)

    def _wbg54_contract_domain(self):
        # the tenant's own contracts, also for staff users who open /my
        partner = request.env.user.partner_id
        return [
            "|",
            ("partner_id", "=", partner.id),
            ("co_member_ids", "in", partner.id),
        ]

    # ------------------------------------------------------------
    # MY DATA
    # ------------------------------------------------------------

    @http.route()
    def account(self, redirect=None, **post):
        # members keep their name and address through a request to staff
        if self._wbg54_is_member():
            return request.redirect("/my/data")
        return super().account(redirect=redirect, **post)

    def on_account_update(self, values, partner):
        # the address of password resets and login mails changes only through
        # the confirmed e-mail change, never by a plain form post
        res = super().on_account_update(values, partner)
        values["email"] = partner.email
        return res

    @http.route(
        "/my/data", type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def wbg54_my_data(self, **post):
        partner = request.env.user.partner_id
        if not partner.membership_state:
            return request.redirect("/my")
        if request.httprequest.method != "POST":
            return self._wbg54_render_my_data(messages=post)
        # only the whitelisted fields are taken from the post; the checks and
        # the change are the model's (the app's too)
        form = {field: post.get(field, "") for field in PORTAL_SELF_WRITABLE_FIELDS}
        try:
            request.env["res.partner"]._wbg54_update_self_service(form)
        except FieldValidationError as error:
            return self._wbg54_render_my_data(form=form, errors=error.errors)
        return request.redirect("/my/data?saved=1")

    def _wbg54_render_my_data(
        self, form=None, errors=None, email_form=None, email_error=None, messages=None
    ):
        partner = request.env.user.partner_id
        if form is None:
            form = {
                field: partner[field] or "" for field in PORTAL_SELF_WRITABLE_FIELDS
            }
            form.update(
                phone=partner._wbg54_phone_display(partner.phone),
                mobile=partner._wbg54_phone_display(partner.mobile),
            )
        messages = messages or {}
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "wbg54_my_data",
                "partner": partner,
                "form": form,
                "errors": errors or {},
                "saved": messages.get("saved"),
                "request_sent": messages.get("request_sent"),
                "email_sent": messages.get("email_sent"),
                # the change request came without a text (redirected here)
                "request_errors": {
                    "text": request.env._("Please tell us what has changed.")
                }
                if messages.get("request_error")
                else {},
                "email_form": email_form or {"new_email": "", "new_email_confirm": ""},
                "email_error": email_error,
                # her own pending change (by her user id); the model is system-only
                "pending_email": request.env["wbg54.email.change"]
                .sudo()
                .search(
                    [("user_id", "=", request.env.user.id), ("state", "=", "pending")],
                    limit=1,
                )
                .new_email,
                "langs": request.env["res.lang"].get_installed(),
                # her own devices, found with her rules: without one, what she
                # chose by push comes by e-mail
                "push_device_count": request.env["wbg54.push.device"].search_count(
                    [("user_id", "=", request.env.user.id)]
                ),
            }
        )
        return request.render("wbg54_portal.portal_my_data", values)

    @http.route(
        "/my/data/change-request",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def wbg54_change_request(self, field_label="", text="", **post):
        if not request.env.user.partner_id.membership_state:
            return request.redirect("/my")
        try:
            request.env["helpdesk.ticket"]._wbg54_submit_data_change(
                {"field_label": field_label, "text": text}
            )
        except FieldValidationError:
            return request.redirect("/my/data?request_error=1")
        return request.redirect("/my/data?request_sent=1")

    @http.route(
        "/my/data/notifications",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def wbg54_notification_preferences(self, **post):
        if not request.env.user.partner_id.membership_state:
            return request.redirect("/my")
        # every checkbox of the form: a box not ticked is not sent
        request.env["res.partner"]._wbg54_update_notification_preferences(
            {field: bool(post.get(field)) for field in NOTIFICATION_FIELDS}
        )
        return request.redirect("/my/data?saved=1")

    @http.route(
        "/my/data/email", type="http", auth="user", website=True, methods=["POST"]
    )
    def wbg54_change_email(self, new_email="", new_email_confirm="", **post):
        try:
            request.env["wbg54.email.change"]._request_for_current_user(
                new_email, new_email_confirm
            )
        except FieldValidationError as error:
            return self._wbg54_render_my_data(
                email_form={
                    "new_email": new_email.strip(),
                    "new_email_confirm": new_email_confirm,
                },
                email_error=" ".join(error.errors.values()),
            )
        return request.redirect("/my/data?email_sent=1")

    @http.route(
        "/my/email/confirm", type="http", auth="public", website=True, sitemap=False
    )
    def wbg54_confirm_email(self, token=None, **kw):
        change = request.env["wbg54.email.change"]._find_by_token(token)
        if not change:
            return request.render("wbg54_portal.email_confirm_failed", status=400)
        if change._is_taken():
            change.sudo().state = "cancelled"  # found by its secret token
            return request.render(
                "wbg54_portal.email_confirm_failed",
                {"conflict": change.new_email},
                status=409,
            )
        change._confirm()
        return request.render(
            "wbg54_portal.email_confirmed", {"login": change.new_email}
        )

    # ------------------------------------------------------------
    # CONTRACTS
    # ------------------------------------------------------------

    @http.route(
        ["/my/contracts", "/my/contracts/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def wbg54_my_contracts(self, page=1, **kw):
        Contract = request.env["wbg54.contract"]
        if not Contract.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        domain = self._wbg54_contract_domain()
        count = Contract.search_count(domain)
        # the pager int()s any digits; thousands of them are more than Python takes
        pager = portal_pager(
            url="/my/contracts",
            total=count,
            page=parse_int(page, 1) or 1,
            step=self._items_per_page,
        )
        contracts = Contract.search(
            domain, limit=self._items_per_page, offset=pager["offset"]
        )
        request.session["my_contracts_history"] = contracts.ids[:100]
        values.update(
            {
                "page_name": "wbg54_contracts",
                "pager": pager,
                # found with the tenant's own record rules; sudo only to show the
                # related unit, building and persons of these contracts
                "contracts": contracts.sudo(),
                "default_url": "/my/contracts",
            }
        )
        return request.render("wbg54_portal.portal_my_contracts", values)

    def _wbg54_contract_check_access(self, contract_id, access_token=None):
        # another tenant's contract is simply not there for her (404, no data)
        try:
            return self._document_check_access(
                "wbg54.contract", contract_id, access_token
            )
        except (AccessError, MissingError):
            raise NotFound() from None

    @http.route(
        "/my/contracts/<int:contract_id>", type="http", auth="user", website=True
    )
    def wbg54_my_contract(self, contract_id, access_token=None, **kw):
        contract_sudo = self._wbg54_contract_check_access(contract_id, access_token)
        values = self._get_page_view_values(
            contract_sudo,
            access_token,
            {"page_name": "wbg54_contract"},
            "my_contracts_history",
            False,
            **kw,
        )
        values.update(
            {
                "contract": contract_sudo,
                "today": fields.Date.context_today(contract_sudo),
                "fee_history": contract_sudo._get_fee_history(),
            }
        )
        return request.render("wbg54_portal.portal_my_contract", values)

    @http.route(
        "/my/contracts/<int:contract_id>/certificate",
        type="http",
        auth="user",
        website=True,
    )
    def wbg54_rent_certificate(self, contract_id, access_token=None, **kw):
        contract_sudo = self._wbg54_contract_check_access(contract_id, access_token)
        # the check hands the contract back as the superuser: rendered as her
        # (sudo), so that the note on the contract names her as its author
        contract_sudo = contract_sudo.with_env(request.env).sudo()
        return self._wbg54_pdf_download(*contract_sudo._wbg54_render_rent_certificate())

    def _wbg54_pdf_download(self, pdf, filename):
        # the app API answers the same PDF with its own headers (routers/common.py)
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )

    # ------------------------------------------------------------
    # SHARES
    # ------------------------------------------------------------

    @http.route("/my/shares", type="http", auth="user", website=True)
    def wbg54_my_shares(self, **kw):
        partner = request.env.user.partner_id
        if not partner.membership_state:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "wbg54_shares",
                "partner": partner,
                "movements": request.env["wbg54.share.movement"].search(
                    [("partner_id", "=", partner.id), ("state", "=", "posted")]
                ),
                "today": fields.Date.context_today(partner),
            }
        )
        return request.render("wbg54_portal.portal_my_shares", values)

    @http.route("/my/shares/confirmation", type="http", auth="user", website=True)
    def wbg54_share_confirmation(self, date=None, **kw):
        partner = request.env.user.partner_id
        if not partner.membership_state:
            return request.redirect("/my")
        try:
            date = fields.Date.to_date(date)
        except ValueError:
            date = None  # a date that cannot be read: today's, as none
        # the signed-in member's own confirmation (no id is taken from the request)
        return self._wbg54_pdf_download(
            *request.env["res.partner"]._wbg54_render_share_confirmation(date)
        )
