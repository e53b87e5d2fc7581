"""A local stand-in for Firebase Cloud Messaging, speaking the real protocol.

- ``POST /token``: Google's OAuth2 JWT-bearer grant. The assertion must be an
  RS256 JWT signed with the service account's key, for the token endpoint and
  the firebase.messaging scope; the answer is an access token.
- ``POST /v1/projects/<project>/messages:send``: FCM HTTP v1. Needs a token
  from ``/token``; answers ``{"name": "projects/<p>/messages/<n>"}`` or the
  FCM error body (``google.firebase.fcm.v1.FcmError`` with an ``errorCode``).

Faults are queued per registration token (``fail(token, ...)``) and played
in order: ``429`` with Retry-After, ``500``/``503``, ``timeout`` (answers too
late), ``UNREGISTERED`` (404), ``INVALID_ARGUMENT`` (400) and ``hang`` (waits
until ``release()``, to kill a sender mid-batch).
"""

import base64
import json
import logging
import threading
import time
import uuid
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

_logger = logging.getLogger(__name__)

FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging"
# google-auth signs for Google's token endpoint whatever token_uri says, and Google
# accepts that
GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token"
ERRORS = {
    "UNREGISTERED": (404, "NOT_FOUND", "Requested entity was not found."),
    "INVALID_ARGUMENT": (
        400,
        "INVALID_ARGUMENT",
        "The registration token is not a valid FCM registration token",
    ),
    "QUOTA_EXCEEDED": (429, "RESOURCE_EXHAUSTED", "Quota exceeded."),
    "INTERNAL": (500, "INTERNAL", "Internal error."),
    "UNAVAILABLE": (503, "UNAVAILABLE", "The service is currently unavailable."),
}


def _b64decode(part):
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as with Google
    # one write per answer and no Nagle: headers and body in separate small
    # writes would wait for the client's delayed ACK (40 ms a message)
    wbufsize = -1
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def _answer(self, status, body, headers=()):
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            # the client gave up (timeout) or was killed
            _logger.debug("client gone before the answer", exc_info=True)

    def _error(self, code, retry_after=None):
        status, status_name, message = ERRORS[code]
        body = {
            "error": {
                "code": status,
                "message": message,
                "status": status_name,
                "details": [
                    {
                        "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                        "errorCode": code,
                    }
                ],
            }
        }
        self._answer(
            status, body, [("Retry-After", str(retry_after))] if retry_after else ()
        )

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        fake = self.server.fake
        if self.path == "/token":
            return self._token(fake, raw)
        prefix = f"/v1/projects/{fake.project_id}/messages:send"
        if self.path != prefix:
            return self._answer(
                404,
                {"error": {"code": 404, "message": "Not found", "status": "NOT_FOUND"}},
            )
        if (
            self.headers.get("Authorization", "").removeprefix("Bearer ")
            not in fake.access_tokens
        ):
            return self._answer(
                401,
                {
                    "error": {
                        "code": 401,
                        "status": "UNAUTHENTICATED",
                        "message": "Request had invalid authentication credentials.",
                    }
                },
            )
        message = json.loads(raw)["message"]
        token = message.get("token")
        if fake.latency:
            time.sleep(fake.latency)
        fault = fake._next_fault(token)
        with fake.lock:
            fake.attempts[token] += 1
        if fault == "hang":
            fake.hanging.set()
            fake._release.wait(30)
            return self._answer(
                503,
                {"error": {"code": 503, "status": "UNAVAILABLE", "message": "hung"}},
            )
        if fault == "timeout":
            time.sleep(fake.timeout_delay)
            return self._error("UNAVAILABLE")
        if fault:
            code, retry_after = fault
            return self._error(code, retry_after)
        with fake.lock:
            fake.sequence += 1
            name = f"projects/{fake.project_id}/messages/{fake.sequence}"
            fake.delivered.append((token, message))
        self._answer(200, {"name": name})

    def _token(self, fake, raw):
        form = parse_qs(raw.decode())
        try:
            assert form["grant_type"] == ["urn:ietf:params:oauth:grant-type:jwt-bearer"]
            header, claims, signature = form["assertion"][0].split(".")
            fake.public_key.verify(
                _b64decode(signature),
                f"{header}.{claims}".encode(),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
            claims = json.loads(_b64decode(claims))
            assert json.loads(_b64decode(header))["alg"] == "RS256"
            assert claims["iss"] == fake.client_email and claims["aud"] in (
                fake.token_uri,
                GOOGLE_TOKEN_AUDIENCE,
            )
            assert FCM_SCOPE in claims["scope"].split() and claims["exp"] > time.time()
        except Exception:  # noqa: BLE001 - any defect is an invalid grant
            return self._answer(
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "Invalid JWT Signature.",
                },
            )
        token = f"ya29.fake-{uuid.uuid4().hex}"
        with fake.lock:
            fake.access_tokens.add(token)
        self._answer(
            200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}
        )


class FakeFCM:
    def __init__(self, project_id="wbg54-test", timeout_delay=3, latency=0):
        self.project_id = project_id
        self.latency = latency  # seconds per message, as a network would add
        self.timeout_delay = timeout_delay
        self.lock = threading.Lock()
        self.hanging = threading.Event()
        self._release = threading.Event()
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.public_key = self.key.public_key()
        self.client_email = f"push@{project_id}.iam.gserviceaccount.com"
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.fake = self
        self.reset()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def token_uri(self):
        return f"{self.url}/token"

    @property
    def endpoint(self):
        return f"{self.url}/v1/projects"

    def service_account_json(self):
        pem = self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        return json.dumps(
            {
                "type": "service_account",
                "project_id": self.project_id,
                "private_key_id": uuid.uuid4().hex,
                "private_key": pem,
                "client_email": self.client_email,
                "client_id": "1234567890",
                "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                "token_uri": self.token_uri,
            }
        )

    def start(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self._release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def reset(self):
        with self.lock:
            self.faults = defaultdict(list)
            self.delivered = []
            self.attempts = Counter()
            self.access_tokens = set()
            self.sequence = 0
        self.hanging.clear()
        self._release.clear()

    def fail(self, token, *faults):
        """Queue faults for a token: "429:<s>" (Retry-After), "500", "503",
        "timeout", "hang", or an FCM error code such as "UNREGISTERED"."""
        for fault in faults:
            if fault.startswith("429"):
                self.faults[token].append(
                    ("QUOTA_EXCEEDED", int(fault.partition(":")[2] or 0) or None)
                )
            elif fault in ("500", "503"):
                self.faults[token].append(
                    ("INTERNAL" if fault == "500" else "UNAVAILABLE", None)
                )
            elif fault in ("timeout", "hang"):
                self.faults[token].append(fault)
            else:
                self.faults[token].append((fault, None))

    def release(self):
        self._release.set()

    def _next_fault(self, token):
        with self.lock:
            return self.faults[token].pop(0) if self.faults.get(token) else None

    def delivered_ids(self):
        """Outbox ids of the delivered messages, with repeats."""
        with self.lock:
            return Counter(
                int(message["data"]["id"]) for _token, message in self.delivered
            )
