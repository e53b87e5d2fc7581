"""Errors of the app API in one format: RFC 9457 problem details.

Every error under ``/api/wbg54/`` — a route's own refusal, FastAPI's
validation, Starlette's unknown path or method, Odoo's routing, a server
error — leaves as ``application/problem+json``::

    {"type": "urn:wbg54:problem:not-found", "title": "Nicht gefunden",
     "status": 404, "detail": "Vertrag nicht gefunden.",
     "instance": "/api/wbg54/v1/contracts/7"}

422 adds ``errors``: one entry per field (``location`` body/query/path/header,
``field``, ``detail``). ``title`` and ``detail`` are in the language the
``Accept-Language`` header asks for, else the cooperative's (German).

The fastapi addon lets exceptions leave the FastAPI app (so Odoo rolls the
transaction back and retries on concurrency errors); ``ir.http._handle_error``
turns them into these answers with :func:`problem_response`."""

import logging

from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from werkzeug.exceptions import HTTPException as WerkzeugHTTPException

from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError
from odoo.http import request

from .exceptions import FieldValidationError, MailNotSentError, TooManyAttemptsError

_logger = logging.getLogger(__name__)

API_PREFIX = "/api/wbg54/"
PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:wbg54:problem:"
DEFAULT_LANG = "de_DE"

# the problem type of a plain HTTP status
STATUS_PROBLEMS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "too-many-requests",
    503: "service-unavailable",
}


class ApiProblem(StarletteHTTPException):
    """A refusal of the API with its problem type (a slug after
    ``urn:wbg54:problem:``), a translated ``detail`` and, for 422, the
    field errors."""

    def __init__(
        self, status_code, detail=None, problem=None, headers=None, errors=None
    ):
        super().__init__(status_code, detail=detail, headers=headers)
        # Starlette puts the English status phrase where no detail is given
        self.problem_detail = detail
        self.problem = problem or STATUS_PROBLEMS.get(status_code, "http-error")
        self.errors = errors

    @classmethod
    def from_field_errors(cls, error, fields=None):
        """422 of a model's FieldValidationError: one error of the body per
        refused field, ``fields`` renaming the model's names to the API's."""
        fields = fields or {}
        return cls(
            422,
            errors=[
                {
                    "location": "body",
                    "field": fields.get(name, name),
                    "detail": message,
                }
                for name, message in error.errors.items()
            ],
        )


# ------------------------------------------------------------
# LANGUAGE
# ------------------------------------------------------------


def api_lang(env, accept_language):
    """The language of the API's texts: the installed one ``Accept-Language``
    asks for first, else the portal's default (German for the cooperative)."""
    if accept_language:
        # the installed languages, no one's data
        code = env["res.lang"].sudo()._get_lang_from_accept_language(accept_language)
        if code:
            return code
    installed = dict(env["res.lang"].get_installed())
    # the portal's default language, a setting
    # (the model's defaults are cached: no query per request)
    default = env["ir.default"].sudo()._get_model_defaults("res.partner").get("lang")
    if default in installed:
        return default
    return DEFAULT_LANG if DEFAULT_LANG in installed else "en_US"


# ------------------------------------------------------------
# TEXTS
# ------------------------------------------------------------


def _titles(env):
    return {
        "bad-request": env._("Bad request"),
        "unauthorized": env._("Not signed in"),
        "invalid-credentials": env._("Sign-in failed"),
        "totp-required": env._("Two-factor code required"),
        "totp-invalid": env._("Two-factor code wrong"),
        "not-a-tenant": env._("No access to the app"),
        "forbidden": env._("Access denied"),
        "not-found": env._("Not found"),
        "method-not-allowed": env._("Method not allowed"),
        "not-acceptable": env._("Not acceptable"),
        "conflict": env._("Conflict"),
        "payload-too-large": env._("Request too large"),
        "unsupported-media-type": env._("Unsupported format"),
        "validation-error": env._("Invalid input"),
        "too-many-requests": env._("Too many attempts"),
        "server-error": env._("Server error"),
        "service-unavailable": env._("Not possible just now"),
    }


def _default_detail(env, status, headers):
    if status == 405:
        return env._(
            "This method is not allowed here; allowed: %(methods)s.",
            methods=(headers or {}).get("Allow", ""),
        )
    details = {
        400: env._("The request is malformed."),
        401: env._("A valid access token is required; please sign in."),
        403: env._("Access denied."),
        404: env._("This address does not exist in the API."),
        413: env._("The request is too large."),
        415: env._("The request body must be JSON (Content-Type: application/json)."),
        422: env._("Some of the input is not valid; see the list of errors."),
        429: env._("Too many attempts; please wait a moment and try again."),
    }
    if status in details:
        return details[status]
    if status >= 500:
        return env._("An unexpected error occurred. Please try again later.")
    return env._("The request could not be processed.")


def _plain_messages(env):
    """{pydantic error kind: message} of the kinds that need no context."""
    messages = {
        "missing": env._("This field is required."),
        "extra_forbidden": env._("This field is not known."),
        "json_invalid": env._("The request body is not valid JSON."),
        "list_type": env._("A list is expected."),
        "string_pattern_mismatch": env._("The value has the wrong format."),
        "wbg54_control_characters": env._(
            "The text must not contain control characters."
        ),
    }
    for kinds, message in (
        (
            ("model_type", "model_attributes_type", "dict_type"),
            env._("A JSON object is expected."),
        ),
        (
            ("string_type", "string_sub_type", "string_unicode"),
            env._("Text is expected."),
        ),
        (("bool_type", "bool_parsing"), env._("true or false is expected.")),
        (
            ("int_type", "int_parsing", "int_from_float", "int_parsing_size"),
            env._("A whole number is expected."),
        ),
    ):
        messages.update(dict.fromkeys(kinds, message))
    return messages


def _validation_message(env, error):
    """A pydantic error in words of ``env``'s language."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in ("greater_than_equal", "greater_than"):
        return env._(
            "The number must be at least %(minimum)s.",
            minimum=ctx.get("ge", ctx.get("gt", "")),
        )
    if kind in ("less_than_equal", "less_than"):
        return env._(
            "The number must be at most %(maximum)s.",
            maximum=ctx.get("le", ctx.get("lt", "")),
        )
    if kind == "string_too_short":
        return env._(
            "At least %(count)s characters are required.",
            count=ctx.get("min_length", ""),
        )
    if kind == "string_too_long":
        return env._(
            "At most %(count)s characters are allowed.",
            count=ctx.get("max_length", ""),
        )
    if kind.startswith("date_"):
        return env._("A date (YYYY-MM-DD) is expected.")
    if kind in ("literal_error", "enum"):
        return env._(
            "Allowed values: %(values)s.",
            values=str(ctx.get("expected", "")).replace(" or ", ", "),
        )
    return _plain_messages(env).get(kind) or env._("This value is not valid.")


def _validation_errors(env, errors):
    result = []
    for error in errors:
        loc = [str(part) for part in error.get("loc") or ()]
        location = loc[0] if loc else "body"
        if error.get("type") == "json_invalid":
            field = ""  # the position in the text, no field
        else:
            field = ".".join(loc[1:])
        result.append(
            {
                "location": location,
                "field": field,
                "detail": _validation_message(env, error),
            }
        )
    return result


# ------------------------------------------------------------
# EXCEPTION -> PROBLEM
# ------------------------------------------------------------


def _field_problem(exception, headers):
    """(status, detail, errors) of a model's FieldValidationError."""
    if isinstance(exception, TooManyAttemptsError):
        # a public form asked too often (sign-up numbers, letters): its
        # message says how long to wait, Retry-After the longest wait
        headers["Retry-After"] = str(exception.retry_after)
        return 429, next(iter(exception.errors.values()), None), None
    if isinstance(exception, MailNotSentError):
        # the e-mail the action depends on could not go out; nothing saved
        return 503, exception.errors.get("mail"), None
    # refused per field (the routes name the API's fields)
    errors = [
        {"location": "body", "field": name, "detail": message}
        for name, message in exception.errors.items()
    ]
    return 422, None, errors


def problem_from_exception(env, exception, instance=None):
    """(status, problem document, extra headers) of ``exception``."""
    headers = {}
    errors = None
    detail = None
    problem = None
    if isinstance(exception, ApiProblem):
        status = exception.status_code
        detail = exception.problem_detail
        problem = exception.problem
        errors = exception.errors
        headers.update(exception.headers or {})
    elif isinstance(exception, StarletteHTTPException):
        # Starlette's own: an unknown path (404), a known path with another
        # method (405); its English detail is replaced
        status = exception.status_code
        headers.update(exception.headers or {})
    elif isinstance(exception, RequestValidationError):
        status = 422
        errors = _validation_errors(env, exception.errors())
    elif isinstance(exception, WerkzeugHTTPException):
        status = exception.code or 500
        if status == 405:
            headers["Allow"] = ", ".join(exception.valid_methods or ())
    elif isinstance(exception, AccessDenied):
        status = 401
    elif isinstance(exception, MissingError):
        status = 404
    elif isinstance(exception, AccessError):
        status = 403
    elif isinstance(exception, FieldValidationError):
        status, detail, errors = _field_problem(exception, headers)
    elif isinstance(exception, UserError):
        # Odoo's business refusals carry a translated message
        status = 400
        detail = exception.args[0] if exception.args else None
    else:
        status = 500
    if problem is None:
        problem = STATUS_PROBLEMS.get(status) or (
            "server-error" if status >= 500 else "http-error"
        )
    titles = _titles(env)
    body = {
        "type": PROBLEM_TYPE_PREFIX + problem,
        "title": titles.get(problem) or titles["bad-request"],
        "status": status,
        "detail": detail or _default_detail(env, status, headers),
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    if status == 401:
        headers.setdefault("WWW-Authenticate", "Bearer")
    return status, body, headers


def problem_response(exception):
    """The problem+json answer to ``exception`` for the current request under
    the API's prefix. Client errors are logged at INFO (Odoo logs what has no
    ``loglevel`` as an error with its traceback)."""
    httprequest = request.httprequest
    env = request.env
    try:
        # an error ends the request: nothing of it is kept, and a failed SQL
        # statement must not stop the queries that word the answer
        env.cr.rollback()
        lang = api_lang(env, httprequest.headers.get("Accept-Language"))
    except Exception:  # noqa: BLE001 -- the answer must go out whatever broke
        _logger.exception("Could not determine the language of an API error")
        lang = DEFAULT_LANG
    env = env(context=dict(env.context, lang=lang))
    status, body, headers = problem_from_exception(
        env, exception, instance=httprequest.path
    )
    if status < 500:
        exception.loglevel = logging.INFO
    response = request.make_json_response(body, status=status, headers=headers)
    response.headers["Content-Type"] = PROBLEM_MEDIA_TYPE
    response.headers["Content-Language"] = lang.replace("_", "-")
    return response
