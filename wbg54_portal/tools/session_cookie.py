"""The session cookie with ``SameSite=Lax``.

Odoo 18 sets ``session_id`` without a SameSite attribute in several places
(request end, session rotation, expired sessions). Lax keeps the cookie off
cross-site POSTs and sub-requests while links from e-mails still arrive
logged in. Applies to the whole server process once the addon is loaded."""

from odoo import http

SAMESITE_POSITION = (
    8  # value, max_age, expires, path, domain, secure, httponly, samesite
)


def _lax_session_cookie(set_cookie):
    def set_cookie_lax(self, key, *args, **kwargs):
        if (
            key == "session_id"
            and len(args) < SAMESITE_POSITION
            and not kwargs.get("samesite")
        ):
            kwargs["samesite"] = "Lax"
        return set_cookie(self, key, *args, **kwargs)

    set_cookie_lax.wbg54_lax = True
    return set_cookie_lax


def install():
    for response_class in (http._Response, http.FutureResponse):
        if not getattr(response_class.set_cookie, "wbg54_lax", False):
            response_class.set_cookie = _lax_session_cookie(response_class.set_cookie)
