from . import email_address
from . import photo
from . import confirmation
from . import log_redact
from . import session_cookie

log_redact.install()
session_cookie.install()
