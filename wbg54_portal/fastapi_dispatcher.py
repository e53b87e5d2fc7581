"""The FastAPI apps run on the thread of Odoo's request, not beside it.

OCA fastapi runs its apps through a2wsgi, which keeps an event loop in a
thread of its own and hands every message (request start, body, response)
across threads. That cost a third of the app API's time per call, and a2wsgi
could lose a route's exception when the route failed right after reading the
body (about one in five broken JSON bodies got a bare 500).

Here the app runs on an event loop of the request's thread until it is done:
the exception of a route leaves it as it was raised and reaches Odoo, which
rolls the transaction back and answers it (``ir.http._handle_error``); the
response is collected whole. Plain (non-async) routes still run in a worker
thread, as FastAPI does it.
"""

import asyncio
import threading

from a2wsgi.asgi import ASGIMiddleware, build_scope

from odoo.http import request

from odoo.addons.fastapi.fastapi_dispatcher import FastApiDispatcher
from odoo.addons.fastapi.pools import fastapi_app_pool

_local = threading.local()


def _thread_loop():
    """The event loop of this thread (Odoo's request threads have none)."""
    loop = getattr(_local, "loop", None)
    if loop is None or loop.is_closed():
        loop = _local.loop = asyncio.new_event_loop()
    return loop


def run_asgi(app, environ):
    """Run the ASGI ``app`` for the WSGI ``environ`` on this thread:
    (status, headers, body). An exception of the app is raised here."""
    stream = environ["wsgi.input"]
    remaining = int(environ.get("CONTENT_LENGTH") or 0)
    body_done = False
    response = {"status": 500, "headers": [], "chunks": []}

    async def receive():
        nonlocal remaining, body_done
        if body_done:
            # the client stays connected until the answer is sent: whoever
            # listens for a disconnect waits and is cancelled at the end
            await asyncio.get_running_loop().create_future()
        data = stream.read(min(65536, remaining)) if remaining > 0 else b""
        remaining -= len(data)
        body_done = remaining <= 0 or not data
        return {"type": "http.request", "body": data, "more_body": not body_done}

    async def send(message):
        if message["type"] == "http.response.start":
            response["status"] = message["status"]
            response["headers"] = [
                (name.decode("latin-1"), value.decode("latin-1"))
                for name, value in message.get("headers", [])
            ]
        elif message["type"] == "http.response.body":
            response["chunks"].append(message.get("body", b""))

    _thread_loop().run_until_complete(app(build_scope(environ), receive, send))
    return response["status"], response["headers"], b"".join(response["chunks"])


class Wbg54FastApiDispatcher(FastApiDispatcher):
    # the same routing type: Odoo's dispatcher registry takes this class for
    # every fastapi endpoint of the process
    routing_type = "fastapi"

    def dispatch(self, endpoint, args):
        # as the fastapi addon's dispatcher, without a2wsgi's thread
        self.request.params = {}
        environ = self._get_environ()
        path = environ["PATH_INFO"]
        with fastapi_app_pool.get_app(env=request.env, root_path=path) as app:
            asgi_app = app.app if isinstance(app, ASGIMiddleware) else app
            uid = request.env["fastapi.endpoint"].sudo().get_uid(path)
            with self._manage_odoo_env(uid):
                status, headers, body = run_asgi(asgi_app, environ)
                return self.request.make_response(body, headers=headers, status=status)
