import logging

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome

from ..exceptions import FieldValidationError

_logger = logging.getLogger(__name__)

# what the sign-up form sends besides Odoo's own parameters
WBG54_SIGNUP_FIELDS = (
    "registration_number",
    "email",
    "consent_privacy",
    "consent_terms",
    "consent_edelivery",
)
# and what of it the sign-up takes (Odoo's password fields included)
WBG54_SIGNUP_VALUES = WBG54_SIGNUP_FIELDS + ("password", "confirm_password")


class Wbg54AuthSignup(AuthSignupHome):
    # ------------------------------------------------------------
    # SIGN-UP WITH THE REGISTRATION NUMBER
    # ------------------------------------------------------------

    @http.route()
    def web_auth_signup(self, *args, **kw):
        # invitations sent by staff (a token) keep Odoo's flow; everybody
        # else signs up with the number from the registration letter
        if kw.get("token") or request.session.get("auth_signup_token"):
            return super().web_auth_signup(*args, **kw)
        values = self._wbg54_signup_values(kw)
        if request.httprequest.method == "POST":
            # the checks, the throttle and the creation are the model's (the
            # app signs up through the same method)
            try:
                request.env["wbg54.registration"]._wbg54_sign_up(
                    {field: kw.get(field) for field in WBG54_SIGNUP_VALUES},
                    request.httprequest.remote_addr,
                )
            except FieldValidationError as error:
                values["errors"] = error.errors
            else:
                return request.render(
                    "wbg54_portal.signup_done", {"email": kw.get("email", "").strip()}
                )
        return request.render("wbg54_portal.signup", values)

    def _wbg54_signup_values(self, kw):
        # public links of the cooperative, which visitors may not read as records
        get_param = request.env["ir.config_parameter"].sudo().get_param
        return {
            "form": {field: kw.get(field, "") for field in WBG54_SIGNUP_FIELDS},
            "errors": {},
            "privacy_url": get_param("wbg54_portal.privacy_url"),
            "terms_url": get_param("wbg54_portal.terms_url"),
        }

    @http.route(
        "/web/signup/confirm", type="http", auth="public", website=True, sitemap=False
    )
    def wbg54_signup_confirm(self, token=None, **kw):
        registration = request.env["wbg54.registration"]._find_by_token(token)
        if not registration:
            return request.render("wbg54_portal.signup_confirm_failed")
        registration._confirm()
        return request.render(
            "wbg54_portal.signup_confirmed", {"login": registration.user_id.login}
        )

    @http.route(
        "/web/signup/resend",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        methods=["GET", "POST"],
    )
    def wbg54_signup_resend(self, email=None, **kw):
        email = (email or "").strip()
        if request.httprequest.method == "POST":
            # same answer, in the same time, whether or not a registration
            # is pending for this address: the mail goes out from a cron
            try:
                request.env["wbg54.account.mail.request"]._wbg54_request_confirmation(
                    email, request.httprequest.remote_addr
                )
            except FieldValidationError as error:
                return request.render(
                    "wbg54_portal.signup_resend",
                    {"sent": False, "email": email, "errors": error.errors},
                )
            return request.render("wbg54_portal.signup_resend", {"sent": True})
        return request.render(
            "wbg54_portal.signup_resend", {"sent": False, "email": email}
        )

    # ------------------------------------------------------------
    # REGISTRATION LETTER REQUEST
    # ------------------------------------------------------------

    @http.route(
        "/web/signup/letter",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        methods=["GET", "POST"],
    )
    def wbg54_letter_request(self, **kw):
        form = {
            field: (kw.get(field) or "").strip()
            for field in ("name", "member_number", "address", "email")
        }
        values = {"form": form, "errors": {}, "sent": False}
        if request.httprequest.method == "POST":
            try:
                request.env["wbg54.letter.request"]._wbg54_submit(
                    form, request.httprequest.remote_addr
                )
            except FieldValidationError as error:
                values["errors"] = error.errors
            else:
                values["sent"] = True
        return request.render("wbg54_portal.signup_letter_request", values)

    # ------------------------------------------------------------
    # PASSWORD RESET
    # ------------------------------------------------------------

    @http.route()
    def web_auth_reset_password(self, *args, **kw):
        qcontext = self.get_auth_signup_qcontext()
        if request.httprequest.method == "POST" and "error" not in qcontext:
            if not qcontext.get("token") and qcontext.get("reset_password_enabled"):
                return self._wbg54_file_reset(qcontext)
            if qcontext.get("token"):
                error = self._wbg54_reset_password_error(qcontext)
                if error:
                    qcontext["error"] = error
                    return self._wbg54_render_reset(qcontext)
        response = super().web_auth_reset_password(*args, **kw)
        qcontext = getattr(response, "qcontext", None)
        if qcontext is not None and qcontext.get("invalid_token"):
            # Odoo speaks of an invalid "signup token"; this is a reset link
            qcontext["error"] = request.env._(
                "This link to choose a new password is invalid or has expired. "
                "Please request a new e-mail below."
            )
        return response

    def _wbg54_file_reset(self, qcontext):
        """Answer every address alike and at once; the mail is sent by a cron
        (Odoo would send it inline, and tell unknown addresses apart)."""
        login = (qcontext.get("login") or "").strip()
        if not request.env["ir.http"]._verify_request_recaptcha_token("password_reset"):
            qcontext["error"] = request.env._(
                "Suspicious activity detected by Google reCaptcha."
            )
            return self._wbg54_render_reset(qcontext)
        if login:
            _logger.info(
                "Password reset requested from %s", request.httprequest.remote_addr
            )
            request.env["wbg54.account.mail.request"]._file(
                "reset", login, request.httprequest.remote_addr
            )
        qcontext["message"] = request.env._(
            "If an account exists for this address, we have sent you an e-mail with a "
            "link "
            "to choose a new password. The link is valid for 24 hours."
        )
        return self._wbg54_render_reset(qcontext)

    def _wbg54_reset_password_error(self, qcontext):
        """The password rules, checked before Odoo uses up the reset link."""
        password = qcontext.get("password") or ""
        if not password or password != qcontext.get("confirm_password"):
            return None  # Odoo answers these before it touches the link
        # the partner the secret reset token belongs to, as Odoo finds it
        partner = (
            request.env["res.partner"]
            .sudo()
            ._signup_retrieve_partner(qcontext["token"], check_validity=True)
        )
        user = partner and partner.user_ids[:1]
        if not user:
            return None
        try:
            user._check_password_policy([password])
        except UserError as error:
            return str(error)
        return None

    def _wbg54_render_reset(self, qcontext):
        return request.render(
            "auth_signup.reset_password",
            qcontext,
            headers={
                "X-Frame-Options": "SAMEORIGIN",
                "Content-Security-Policy": "frame-ancestors 'self'",
            },
        )
