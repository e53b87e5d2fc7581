"""Keep secrets that travel in URLs out of the access log.

werkzeug logs every request line with its query string; confirmation,
reset, portal access and CSRF tokens, API keys and passwords stand there in
clear unless they are masked."""

import logging
import re

# a query parameter whose name ends in token or key, or names a password/secret
SECRET_IN_URL = re.compile(
    r"([?&;](?:[^=&;\s\"]*(?:token|key)|password|passwd|secret)=)[^&;\s\"]*",
    re.IGNORECASE,
)


def redact(text):
    return SECRET_IN_URL.sub(r"\1[redacted]", text)


class RedactSecretsFilter(logging.Filter):
    def filter(self, record):
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        elif isinstance(record.msg, str) and not record.args:
            record.msg = redact(record.msg)
        return True


def install():
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, RedactSecretsFilter) for f in logger.filters):
        logger.addFilter(RedactSecretsFilter())
