"""Firebase Cloud Messaging (HTTP v1) through pyfcm, for a queue drained by a cron."""

import json

from google.oauth2 import service_account
from pyfcm import FCMNotification
from pyfcm.errors import RetryAfterException
from requests.adapters import HTTPAdapter

FCM_ENDPOINT = "https://fcm.googleapis.com/v1/projects"
FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging"
SERVICE_ACCOUNT_KEYS = (
    "type",
    "project_id",
    "private_key",
    "client_email",
    "token_uri",
)


def parse_service_account(text):
    """Return the service-account JSON as a dict, or raise ValueError."""
    try:
        info = json.loads(text)
    except (TypeError, ValueError) as e:
        raise ValueError("not JSON") from e
    if (
        not isinstance(info, dict)
        or info.get("type") != "service_account"
        or not all(info.get(key) for key in SERVICE_ACCOUNT_KEYS)
    ):
        raise ValueError("not a service account")
    # fails on a broken private key
    service_account.Credentials.from_service_account_info(info, scopes=[FCM_SCOPE])
    return info


class QueueFCM(FCMNotification):
    """pyfcm's client making exactly one attempt per call.

    pyfcm sleeps through Retry-After and lets urllib3 retry 502/503 inside the
    call. A cron worker must not sleep: the wait goes back to the outbox,
    through the RetryAfterException pyfcm provides for this, and urllib3 does
    no retries of its own. OAuth2 tokens come from the service account's
    ``token_uri`` (google-auth), messages go to ``<endpoint>/<project>/messages:send``.
    """

    def __init__(self, service_account_info, project_id=None, endpoint=FCM_ENDPOINT):
        credentials = service_account.Credentials.from_service_account_info(
            service_account_info, scopes=[FCM_SCOPE]
        )
        super().__init__(credentials=credentials, adapter=HTTPAdapter(max_retries=0))
        project_id = project_id or service_account_info["project_id"]
        self._fcm_end_point = f"{endpoint.rstrip('/')}/{project_id}/messages:send"

    def send_request(self, payload=None, timeout=None):
        response = self.requests_session.post(
            self.fcm_end_point, data=payload, timeout=timeout
        )
        if self._is_access_token_expired(response):
            self.thread_local.token_expiry = 0
            response = self.requests_session.post(
                self.fcm_end_point, data=payload, timeout=timeout
            )
        retry_after = response.headers.get("Retry-After", "")
        if (
            response.status_code >= 429
            and retry_after.isdigit()
            and int(retry_after) > 0
        ):
            raise RetryAfterException(int(retry_after))
        return response

    @staticmethod
    def error_code(text):
        """The FCM error code (UNREGISTERED, INVALID_ARGUMENT, ...) of an error body."""
        try:
            error = json.loads(text)["error"]
        except (TypeError, ValueError, KeyError):
            return None
        for detail in error.get("details") or ():
            if detail.get("errorCode"):
                return detail["errorCode"]
        return error.get("status")
