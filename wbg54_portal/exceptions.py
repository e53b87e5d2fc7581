"""Errors of the tenants' self-service, shared by the web portal and the app
API."""

from odoo.exceptions import ValidationError


class FieldValidationError(ValidationError):
    """Input refused field by field.

    ``errors`` maps the name of each refused field (as the web form and the
    API call it) to its message, in the language of the environment that
    checked it. The web form shows each message at its field; the API answers
    422 with one error per field. Nothing was created or changed.

    :param dict errors: ``{field: message}``, at least one entry
    """

    def __init__(self, errors):
        self.errors = dict(errors)
        super().__init__("\n".join(self.errors.values()))


class TooManyAttemptsError(FieldValidationError):
    """Refused because the caller asked too often (sign-up numbers guessed,
    letters requested): nothing was looked at or saved; try again later
    (the API answers 429).

    :param int retry_after: seconds after which the lock has ended at the
        latest (the API's ``Retry-After``)
    """

    def __init__(self, errors, retry_after=60):
        super().__init__(errors)
        self.retry_after = retry_after


class MailNotSentError(FieldValidationError):
    """An e-mail the action depends on (a confirmation link) could not be
    sent just now, so nothing was saved; try again later (the API answers
    503). ``errors`` holds the message under ``mail``."""
