import re

from markupsafe import Markup, escape
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.routing import IntegerConverter, ValidationError

from odoo import models
from odoo.exceptions import UserError
from odoo.http import Response, request

from ..error_handlers import API_PREFIX, problem_response
from ..tools.params import MAX_INT

# browsers drop tabs and line breaks inside a URL and treat "\" like "/":
# "/\t/evil.example" and "/\\evil.example" lead to another host
UNSAFE_LOCATION = re.compile(r"[\x00-\x1f\x7f]|^[/\\]{2}")


class IdConverter(IntegerConverter):
    """``<int:...>`` in a route: a number that fits PostgreSQL's integer, the
    type of every id. A longer one is no match (404) rather than a server
    error: Python refuses to convert more than 4300 digits, PostgreSQL to
    compare an id with a number beyond 2**31."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_INT)
        super().__init__(url_map, *args, **kwargs)

    def to_python(self, value):
        if len(value) > len(str(MAX_INT)):
            raise ValidationError()
        return super().to_python(value)


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    # ------------------------------------------------------------
    # ROUTING AND DISPATCH
    # ------------------------------------------------------------

    @classmethod
    def _get_converters(cls):
        return dict(super()._get_converters(), int=IdConverter)

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        # the ticket page's messages are mail's components, whose German the
        # portal does not load ("The conversation is empty.")
        return super()._get_translation_frontend_modules_name() + ["mail"]

    @classmethod
    def _match(cls, path_info):
        """A known address called with a method it does not take (a GET on a
        form's POST route) answers 405 in German, as JSON in the API; Odoo
        raises it while routing, before any error page could be rendered."""
        try:
            return super()._match(path_info)
        except MethodNotAllowed as exception:
            exception.error_response = cls._wbg54_method_not_allowed(exception)
            raise

    @classmethod
    def _dispatch(cls, endpoint):
        # PostgreSQL takes no NUL character in any text: refuse it here
        # rather than fail with a server error where the value is used
        if endpoint.routing.get("type") == "http" and any(
            isinstance(value, str) and "\x00" in value
            for value in request.params.values()
        ):
            raise UserError(
                cls._wbg54_error_env()._(
                    "The request contains a NUL character, which no field accepts."
                )
            )
        return super()._dispatch(endpoint)

    @classmethod
    def _serve_fallback(cls):
        # an address with a NUL character is no attachment (whose search would fail in
        # SQL)
        if "\x00" in request.httprequest.path:
            return None
        return super()._serve_fallback()

    @classmethod
    def _redirect(cls, location, code=303):
        """Redirects stay on this site when they are meant to: Odoo makes a
        local target of ``redirect=/%09/evil.example`` ``/\\t/evil.example``,
        which browsers follow to ``//evil.example``. A target with control
        characters or starting with two slashes or backslashes goes to the
        start page instead."""
        if isinstance(location, str) and UNSAFE_LOCATION.search(location):
            location = (
                "/web" if request.env.uid and request.env.user._is_internal() else "/my"
            )
        return super()._redirect(location, code)

    # ------------------------------------------------------------
    # ERRORS
    # ------------------------------------------------------------

    @classmethod
    def _handle_error(cls, exception):
        """Errors of the app's API (FastAPI's, Starlette's, the routes' own and
        Odoo's routing under the API's prefix) come back in one format, RFC 9457
        problem details with German texts, never as an HTML page."""
        if not request.httprequest.path.startswith(API_PREFIX):
            if (
                type(exception) is UserError
                and request.dispatcher.routing_type == "http"
            ):
                # a bad request to a page that is no portal page (the login, a
                # button's route): the portal's error page with the German
                # message instead of werkzeug's English "Bad Request"
                request.is_frontend = True
                request.is_frontend_multilang = False
                if not hasattr(
                    request, "lang"
                ):  # set by http_routing for portal pages only
                    request.lang = (
                        request.env["res.lang"]
                        .sudo()
                        ._get_data(code=cls._wbg54_error_env().lang)
                    )
            return super()._handle_error(exception)
        request.is_frontend = False  # no HTML error page of http_routing
        return problem_response(exception)

    @classmethod
    def _wbg54_error_env(cls):
        """The environment to word an error in: the user's language, or for
        a visitor (or an app without a valid key) the portal's default."""
        env = request.env
        if not env.uid or env.user._is_public():
            env = env(context=dict(env.context, lang=cls._get_default_lang().code))
        return env

    @classmethod
    def _wbg54_method_not_allowed(cls, exception):
        allowed = ", ".join(exception.valid_methods or ())
        if request.httprequest.path.startswith(API_PREFIX):
            response = problem_response(exception)
        else:
            env = cls._wbg54_error_env()
            title = env._("This page cannot be called this way")
            text = env._("It only takes forms sent with the buttons of the portal.")
            link = env._("Back to the portal")
            html = Markup(
                '<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"/>'
                '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
                "<title>%s</title></head>"
                '<body><h1>%s</h1><p>%s</p><p><a href="/my">%s</a></p></body></html>'
            ) % ((env.lang or "en_US").replace("_", "-"), title, title, text, link)
            response = Response(
                str(escape(html)), status=405, content_type="text/html; charset=utf-8"
            )
        response.headers["Allow"] = allowed
        return response
