"""JSON API for the mobile app "54er2go".

Authenticated with an API key of the portal user (``Authorization: Bearer
<key>``, Odoo's ``auth='bearer'``), so no session cookie and no CSRF token.
Errors are JSON: ``{"error": {"code": ..., "message": ..., "field": ...}}``."""

import re

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from ..models.res_partner import NOTIFICATION_FIELDS
from ..models.wbg54_push_device import PLATFORMS
from ..tools.params import MAX_INT

API = "/api/wbg54/v1"
# FCM registration tokens: URL-safe base64 with ':' separators, about 150-250 characters
TOKEN_RE = re.compile(r"^[A-Za-z0-9_:\-.]{20,4096}$")
EVENTS = ("document", "notice", "ticket")
CHANNELS = ("email", "push")


class InputError(ValueError):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


def _error(status, code, message, field=None):
    error = {"code": code, "message": message}
    if field:
        error["field"] = field
    return request.make_json_response({"error": error}, status=status)


def _json_body():
    try:
        body = request.get_json_data()
    except (
        ValueError,
        RecursionError,
    ):  # RecursionError: nested deeper than Python's stack
        body = None
    if not isinstance(body, dict):
        raise InputError(None, request.env._("The request body must be a JSON object."))
    return body


def _device_json(device):
    return {
        "id": device.id,
        "platform": device.platform,
        "app_version": device.app_version or None,
        "last_seen_at": device.last_seen_at and device.last_seen_at.isoformat() + "Z",
        "active": device.active,
    }


class Wbg54Api(http.Controller):
    @http.route(
        f"{API}/devices",
        type="http",
        auth="bearer",
        methods=["GET"],
        csrf=False,
        readonly=True,
    )
    def wbg54_api_devices(self, **kw):
        devices = request.env["wbg54.push.device"].search(
            [("user_id", "=", request.env.uid)]
        )
        return request.make_json_response(
            {"devices": [_device_json(d) for d in devices]}
        )

    @http.route(
        f"{API}/devices", type="http", auth="bearer", methods=["POST"], csrf=False
    )
    def wbg54_api_device_register(self, **kw):
        try:
            body = _json_body()
            token, platform, app_version = (
                body.get("token"),
                body.get("platform"),
                body.get("app_version"),
            )
            if not isinstance(token, str) or not TOKEN_RE.match(token):
                raise InputError(
                    "token",
                    request.env._("The registration token is missing or malformed."),
                )
            if not isinstance(platform, str) or platform not in dict(PLATFORMS):
                raise InputError(
                    "platform",
                    request.env._("The platform must be one of: android, ios, web."),
                )
            if app_version is not None and (
                not isinstance(app_version, str)
                or len(app_version) > 32
                or not app_version.isprintable()
            ):
                raise InputError(
                    "app_version",
                    request.env._(
                        "The app version must be text of at most 32 characters."
                    ),
                )
        except InputError as e:
            return _error(400, "invalid_input", str(e), e.field)
        device, created = request.env["wbg54.push.device"]._register_token(
            token, platform, app_version
        )
        return request.make_json_response(
            {"device": _device_json(device)}, status=201 if created else 200
        )

    @http.route(
        f"{API}/devices/<int:device_id>",
        type="http",
        auth="bearer",
        methods=["DELETE"],
        csrf=False,
    )
    def wbg54_api_device_unregister(self, device_id, **kw):
        if not 0 < device_id <= MAX_INT:
            return _error(404, "not_found", request.env._("Device not found."))
        device = request.env["wbg54.push.device"].browse(device_id)
        try:
            # another user's device reads as missing: nothing tells it exists
            device._unregister_device()
        except (AccessError, MissingError):
            return _error(404, "not_found", request.env._("Device not found."))
        # her own device (_unregister_device checked access); sudo to read it once
        # archived
        return request.make_json_response({"device": _device_json(device.sudo())})

    @http.route(
        f"{API}/preferences",
        type="http",
        auth="bearer",
        methods=["GET"],
        csrf=False,
        readonly=True,
    )
    def wbg54_api_preferences(self, **kw):
        return request.make_json_response({"preferences": self._preferences()})

    @http.route(
        f"{API}/preferences", type="http", auth="bearer", methods=["PUT"], csrf=False
    )
    def wbg54_api_preferences_update(self, **kw):
        try:
            body = _json_body()
            vals = {}
            for event, channels in body.items():
                if event not in EVENTS or not isinstance(channels, dict):
                    raise InputError(
                        event,
                        request.env._("Unknown event; use document, notice or ticket."),
                    )
                for channel, wanted in channels.items():
                    if channel not in CHANNELS or not isinstance(wanted, bool):
                        raise InputError(
                            f"{event}.{channel}",
                            request.env._(
                                'Each event takes "email" and "push" '
                                "with true or false."
                            ),
                        )
                    vals[f"wbg54_notify_{event}_{channel}"] = wanted
        except InputError as e:
            return _error(400, "invalid_input", str(e), e.field)
        # the caller's own partner and only whitelisted fields
        request.env.user.partner_id.sudo().write(vals)
        return request.make_json_response({"preferences": self._preferences()})

    def _preferences(self):
        partner = request.env.user.partner_id
        values = partner.read(list(NOTIFICATION_FIELDS))[0]
        return {
            event: {
                channel: values[f"wbg54_notify_{event}_{channel}"]
                for channel in CHANNELS
            }
            for event in EVENTS
        }
