"""An error of the app API reaches Odoo every time, not most of the time.

OCA fastapi lets an exception of a route end the ASGI app, so that Odoo rolls
the transaction back and ``ir.http`` answers it (the API's problem details).
a2wsgi hands the exception over in a message of its own, but when the app
fails right after reading the request body, a2wsgi may see the app done before
that message and end the response without one: OCA fastapi's dispatcher then
fails with "no attribute 'headers'" and the client gets a 500 (seen on about
one in five broken JSON bodies). Here the exception travels with the response
instead: the app answers 500 with a marker header, the dispatcher takes the
exception back by that marker and raises it as OCA fastapi does.
"""

import uuid

from odoo.addons.fastapi.fastapi_dispatcher import FastApiDispatcher

MARKER = "x-wbg54-exception"
_PENDING = {}


class CarryException:
    """ASGI wrapper: an exception before the response started is kept in
    ``_PENDING`` and announced by an empty 500 response naming it."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        started = False

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started or scope["type"] != "http":
                raise
            key = uuid.uuid4().hex
            _PENDING[key] = exc
            await send(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [(MARKER.encode(), key.encode())],
                }
            )
            await send({"type": "http.response.body", "body": b""})


class Wbg54FastApiDispatcher(FastApiDispatcher):
    # the same routing type: Odoo's dispatcher registry takes this class for
    # every fastapi endpoint of the process
    routing_type = "fastapi"

    def _make_response(self, status_mapping, headers_tuple, content):
        result = super()._make_response(status_mapping, headers_tuple, content)
        for name, value in headers_tuple:
            if name.lower() == MARKER:
                self.inner_exception = _PENDING.pop(value, None)
        return result
