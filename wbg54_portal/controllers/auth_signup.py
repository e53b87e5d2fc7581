import logging

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import email_normalize

from odoo.addons.auth_signup.controllers.main import AuthSignupHome

from ..models.wbg54_consent import CONSENT_KINDS

_logger = logging.getLogger(__name__)

# what the sign-up form sends besides Odoo's own parameters
WBG54_SIGNUP_FIELDS = (
    "registration_number",
    "email",
    "consent_privacy",
    "consent_terms",
    "consent_edelivery",
)


class _ConfirmationNotSent(Exception):
    """Undoes a sign-up whose confirmation e-mail could not be sent."""


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
            errors = self._wbg54_register(kw)
            if not errors:
                return request.render(
                    "wbg54_portal.signup_done", {"email": kw.get("email", "").strip()}
                )
            values["errors"] = errors
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

    def _wbg54_register(self, kw):
        """Create the (inactive) portal user of the member whose number was
        given and mail the confirmation link. Returns {field: message}."""
        env = request.env
        Registration = env["wbg54.registration"]
        Attempt = env["wbg54.registration.attempt"]
        ip_address = request.httprequest.remote_addr
        email = (kw.get("email") or "").strip()
        if not Attempt._reserve(ip_address, email):
            return {
                "registration_number": env._(
                    "Too many attempts. For your protection, sign-up is locked for 15 "
                    "minutes; please try again later."
                )
            }
        registration = Registration._find_by_code(kw.get("registration_number"))
        if not registration:
            _logger.info(
                "Sign-up with an invalid registration number from %s", ip_address
            )
            return {
                "registration_number": env._(
                    "This registration number is not valid. Check it against your "
                    "letter or request a new letter."
                )
            }
        Attempt._release(ip_address, email)
        errors = {}
        if not email_normalize(email):
            errors["email"] = env._("Please enter a valid e-mail address.")
        # a count only: whether the login is taken, nothing of the account is read
        elif (
            env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("login", "=ilike", email)])
        ):
            errors["email"] = env._(
                "This e-mail address is already used for a login. Log in or reset your "
                "password."
            )
        password = kw.get("password") or ""
        if password != kw.get("confirm_password"):
            errors["confirm_password"] = env._("The two passwords are not the same.")
        failures = env["res.users"]._wbg54_password_failures(
            password, registration.partner_id.name, email
        )
        if failures:
            errors["password"] = "\n".join(failures)
        for kind, _label in CONSENT_KINDS:
            if not kw.get(f"consent_{kind}"):
                errors[f"consent_{kind}"] = env._("Please accept this to register.")
        if errors:
            _logger.info("Sign-up refused, fields: %s", ", ".join(sorted(errors)))
            return errors
        # all or nothing: when the confirmation e-mail cannot go out, the
        # savepoint drops the user, the consents and the used-up number, so
        # the visitor is told the truth and the number works for another try
        try:
            with env.cr.savepoint():
                self._wbg54_create_registered_user(
                    registration, email, password, ip_address
                )
                if not registration._send_confirmation():
                    raise _ConfirmationNotSent()
        except _ConfirmationNotSent:
            _logger.warning("Sign-up undone: the confirmation e-mail could not be sent")
            return {
                "mail": env._(
                    "We could not send you an e-mail just now. Please try again later: "
                    "your registration has "
                    "not been saved and your registration number stays valid. If this "
                    "keeps happening, "
                    "please contact the cooperative."
                )
            }
        return {}

    def _wbg54_create_registered_user(self, registration, email, password, ip_address):
        env = request.env
        # registration found by its number, values validated above; sudo
        # because the visitor is the public user
        user_sudo = (
            env["res.users"]
            .sudo()
            ._create_user_from_template(
                {
                    "login": email,
                    "email": email,
                    "partner_id": registration.partner_id.id,
                    "password": password,
                    "lang": registration.partner_id.lang or env.lang,
                }
            )
        )
        user_sudo.active = False  # logs in only once the e-mail is confirmed
        # the registration its number was found for (see above)
        registration.sudo().write(
            {
                "user_id": user_sudo.id,
                "state": "registered",
                "registered_date": fields.Datetime.now(),
                "code_hash": False,
            }
        )
        env["wbg54.consent"]._record(
            registration.partner_id,
            [kind for kind, _label in CONSENT_KINDS],
            ip_address,
        )

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
            # only the form of the address is checked here: every address
            # gets the same answer, whether or not a registration waits
            if not email_normalize(email):
                return request.render(
                    "wbg54_portal.signup_resend",
                    {
                        "sent": False,
                        "email": email,
                        "errors": {
                            "email": request.env._(
                                "Please enter a valid e-mail address."
                            )
                        },
                    },
                )
            # same answer, in the same time, whether or not a registration
            # is pending for this address: the mail goes out from a cron
            request.env["wbg54.account.mail.request"]._file(
                "confirmation", email, request.httprequest.remote_addr
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
            if not form["name"]:
                values["errors"]["name"] = request.env._("Please enter your name.")
            if not email_normalize(form["email"]):
                values["errors"]["email"] = request.env._(
                    "Please enter a valid e-mail address."
                )
            if not form["member_number"] and not form["address"]:
                values["errors"]["address"] = request.env._(
                    "Please enter your member number or your address."
                )
            if not values["errors"]:
                Request = request.env["wbg54.letter.request"]
                ip_address = request.httprequest.remote_addr
                if Request._is_rate_limited(ip_address):
                    values["errors"]["name"] = request.env._(
                        "We have received several requests from your connection; "
                        "please try again in an hour."
                    )
                else:
                    # public form; sudo to file the request for staff, who
                    # check it against the member records themselves
                    Request.sudo().create({**form, "ip_address": ip_address})
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
