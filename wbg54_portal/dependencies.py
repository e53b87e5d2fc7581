"""FastAPI dependencies of the app API: the language, the caller's
credential and environment, request bodies, paging.

The endpoint runs as Odoo's public user; a route that needs a tenant takes
``tenant_env``, the environment of the user whose app key came with the
request, so record rules apply as on the web portal."""

import dataclasses
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from odoo.api import Environment
from odoo.http import DEFAULT_MAX_CONTENT_LENGTH

from odoo.addons.fastapi.context import odoo_env_ctx

from .error_handlers import ApiProblem, api_lang
from .schemas.common import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

# JSON bodies of the app are small (a push token, preferences, a sign-in)
MAX_JSON_BODY = 64 * 1024
# forms with photos or files: as much as the web portal's forms take
MAX_MULTIPART_BODY = DEFAULT_MAX_CONTENT_LENGTH
# the routes that take multipart/form-data (photos, attachments)
MULTIPART_ROUTES = {
    "/requests/damage",
    "/requests/{request_id}/messages",
}
MAX_PAGE = 100000

bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="AppKey",
    description="The access token POST /auth/login returns, as "
    "`Authorization: Bearer <token>`.",
)


@dataclasses.dataclass(frozen=True)
class AppCredential:
    key_id: int
    user_id: int


@dataclasses.dataclass(frozen=True)
class Paging:
    page: int
    limit: int

    @property
    def offset(self):
        return (self.page - 1) * self.limit

    def page_values(self, total):
        """The paging fields of an answer with ``total`` items."""
        return {
            "page": self.page,
            "limit": self.limit,
            "total": total,
            "next_page": self.page + 1 if self.offset + self.limit < total else None,
        }


# ------------------------------------------------------------
# LANGUAGE AND ENVIRONMENT
# ------------------------------------------------------------
# The dependencies are coroutines: FastAPI runs a plain function in a worker
# thread and back, a hop that cost more than its work. Their ORM calls block
# the event loop, which serves this one request only (the fastapi addon keeps
# a pool of apps, one loop thread each, and lends an app to one request).


async def endpoint_env() -> Environment:
    """The endpoint's environment the fastapi addon's dispatcher set (its
    ``odoo_env`` without the company dependency this app does not use)."""
    return odoo_env_ctx.get()


async def request_lang(
    env: Annotated[Environment, Depends(endpoint_env)],
    accept_language: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> str:
    return api_lang(env, accept_language)


async def public_env(
    env: Annotated[Environment, Depends(endpoint_env)],
    lang: Annotated[str, Depends(request_lang)],
) -> Environment:
    """The endpoint's (public user's) environment in the request's language."""
    return env(context=dict(env.context, lang=lang))


# ------------------------------------------------------------
# REQUEST BODIES
# ------------------------------------------------------------


async def check_request_body(
    request: Request, env: Annotated[Environment, Depends(public_env)]
):
    """A body comes as JSON of reasonable size, or as a form with files
    (multipart/form-data) where the route takes uploads (MULTIPART_ROUTES), up
    to the web portal's limit: 415 for another format, 413 for a too large
    one (before FastAPI's validation words it as a 422)."""
    route = request.scope.get("route")
    multipart = getattr(route, "path", None) in MULTIPART_ROUTES
    length = request.headers.get("content-length")
    limit = MAX_MULTIPART_BODY if multipart else MAX_JSON_BODY
    if length and length.isdigit() and int(length) > limit:
        raise ApiProblem(413)
    if request.method not in ("POST", "PUT", "PATCH") or length in (None, "0"):
        return
    media_type = (request.headers.get("content-type") or "").split(";")[0].strip()
    wanted = "multipart/form-data" if multipart else "application/json"
    if media_type.lower() != wanted:
        raise ApiProblem(
            415,
            env._(
                "The request body must be a form with files "
                "(Content-Type: multipart/form-data)."
            )
            if multipart
            else None,
        )


# ------------------------------------------------------------
# AUTHENTICATION
# ------------------------------------------------------------


async def app_credential(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    env: Annotated[Environment, Depends(public_env)],
) -> AppCredential:
    """The valid app key of the request (its own scope, not expired, not
    revoked, of an active user); 401 otherwise."""
    found = credentials and env["res.users.apikeys"]._wbg54_find_app_key(
        credentials.credentials
    )
    if not found:
        raise ApiProblem(
            401,
            env._("A valid access token is required; please sign in."),
            headers={"WWW-Authenticate": 'Bearer realm="54er2go"'},
        )
    return AppCredential(*found)


async def tenant_env(
    credential: Annotated[AppCredential, Depends(app_credential)],
    env: Annotated[Environment, Depends(public_env)],
) -> Environment:
    """The signed-in tenant's environment: her record rules, her company, the
    request's language. Changes are flushed as her before the answer."""
    context = dict(env.context)
    context.pop("allowed_company_ids", None)  # the endpoint's, not hers
    user_env = env(user=credential.user_id, context=context)
    yield user_env
    user_env.flush_all()


async def paging(
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="page, from 1")] = 1,
    limit: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description="items per page")
    ] = DEFAULT_PAGE_SIZE,
) -> Paging:
    return Paging(page=page, limit=limit)
