from typing import Any

from fastapi import APIRouter, Depends, FastAPI

from odoo import api, fields, models

from ..dependencies import check_request_body
from ..error_handlers import PROBLEM_MEDIA_TYPE
from ..routers import ROUTERS

APP_DESCRIPTION = """
The API of the app **54er2go**: what a tenant sees and does on the web portal
of WBG 54, for her phone. Version 1; everything lives under `/api/wbg54/v1`.

**Sign-in.** `POST /auth/login` with e-mail, password, a name for the device
(and the 6-digit code of her authenticator app when she enabled two-factor
login) returns an access token for this device, valid 30 days. Send it as
`Authorization: Bearer <token>`. `POST /auth/refresh` swaps it for a new one
before it expires, `POST /auth/logout` revokes it; the tenant sees and revokes
her app sign-ins on the portal's page *Sicherheit* (`/my/security`). Failed
sign-ins are throttled as on the web (429 with `Retry-After`).

**Sign-up** works without a token, as on the web: `GET
/registrations/requirements` (consents, password rules), `POST
/registrations` with the number of the registration letter, then the link of
the confirmation e-mail; `POST /registrations/confirmation-mail` sends it
again, `POST /letter-requests` asks for a letter, `POST /auth/password-reset`
mails a link to choose a new password. Their answers do not tell whether an
address has an account; too many attempts answer 429 with `Retry-After`.

**Errors** come in one format for every status, RFC 9457 problem details as
`application/problem+json`: `type` (`urn:wbg54:problem:…`), `title`,
`status`, `detail`, `instance`, and for 422 an `errors` list (`location`,
`field`, `detail`).

**Lists** are paged (`page` from 1, `limit` up to 100) in a stable order and
say `total` and `next_page`. Lists and details carry an `ETag`; send it back
in `If-None-Match` to get `304 Not Modified` while nothing changed.

**Texts** (labels, messages) are in the language `Accept-Language` asks for,
else German. Times are UTC in ISO 8601 (`2025-03-01T08:30:00Z`), dates
`YYYY-MM-DD`.
"""


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    app = fields.Selection(
        selection_add=[("wbg54_app", "54er2go app API")],
        ondelete={"wbg54_app": "cascade"},
    )

    def _get_fastapi_routers(self) -> list[APIRouter]:
        if self.app == "wbg54_app":
            return ROUTERS
        return super()._get_fastapi_routers()

    def _get_fastapi_app_dependencies(self) -> list[Depends]:
        dependencies = super()._get_fastapi_app_dependencies()
        if self.app == "wbg54_app":
            dependencies.append(Depends(check_request_body))
        return dependencies

    def _prepare_fastapi_app_params(self) -> dict[str, Any]:
        params = super()._prepare_fastapi_app_params()
        if self.app == "wbg54_app":
            params.update(
                version="1",
                description=APP_DESCRIPTION,
                openapi_tags=[
                    {"name": "sign-in", "description": "The app's access token"},
                    {
                        "name": "sign-up",
                        "description": "Registration with the letter's number, "
                        "password forgotten (no access token)",
                    },
                    {"name": "profile", "description": "Meine Daten"},
                    {"name": "contracts", "description": "Usage contracts"},
                    {"name": "shares", "description": "Cooperative shares"},
                    {"name": "documents", "description": "Her documents"},
                    {"name": "notices", "description": "Notices of her building"},
                    {"name": "requests", "description": "Damage, applications"},
                    {"name": "notifications", "description": "Push and e-mail"},
                ],
            )
        return params

    @api.model
    def get_app(self, path):
        # The fastapi addon's app without its a2wsgi wrapper, whose event loop
        # thread would idle: this addon's dispatcher runs the app on the
        # request's thread (fastapi_dispatcher.py).
        record = self._get_endpoint(path)
        if not record:
            return None
        app = FastAPI()
        app.mount(record.root_path, record._get_app())
        self._clear_fastapi_exception_handlers(app)
        return app

    def _get_app(self):
        app = super()._get_app()
        if self.app == "wbg54_app":
            # The routes depend on this addon's dependencies only, none on the
            # fastapi addon's overridable ones (endpoint id, company, partner).
            # While any override exists, FastAPI analyses every dependency's
            # signature again on every request (solve_dependencies calls
            # get_dependant per sub-dependency): 77 analyses, half the time of
            # GET /me.
            app.dependency_overrides.clear()
            app.openapi = _problem_media_type(app.openapi)
        return app


def _problem_media_type(openapi):
    """The description's error answers as application/problem+json, the
    media type they are sent with (FastAPI writes application/json)."""

    def wbg54_openapi():
        schema = openapi()
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content") or {}
                    if status[:1] in ("4", "5") and "application/json" in content:
                        content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
        return schema

    return wbg54_openapi
