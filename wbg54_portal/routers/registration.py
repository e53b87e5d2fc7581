"""Sign-up from the app, without an access token: the public forms of the
login page (registration with the letter's number, confirmation e-mail
again, registration letter, password forgotten) through the model methods
the web forms call, with the same checks, throttles and answers."""

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Request, status

from odoo.api import Environment

from ..dependencies import public_env
from ..error_handlers import ApiProblem
from ..models.res_users import RUN_LENGTH
from ..models.wbg54_consent import CONSENT_KINDS
from ..models.wbg54_registration import CODE_LENGTH
from ..schemas.registration import (
    Accepted,
    ConfirmationMailRequest,
    LetterRequestCreate,
    PasswordResetRequest,
    SignUpAccepted,
    SignUpRequest,
    SignUpRequirements,
)
from .common import (
    BODY_RESPONSES,
    COMMON_RESPONSES,
    NOT_MODIFIED,
    json_response,
    problem,
)

_logger = logging.getLogger(__name__)

router = APIRouter(tags=["sign-up"], responses=COMMON_RESPONSES)

# the password rules of res.users._wbg54_password_failures
MIN_DIGITS = 2
TOO_MANY = {
    429: {
        **problem(
            "Too many attempts from this connection (or for this address); "
            "see Retry-After"
        ),
        "headers": {
            "Retry-After": {
                "description": "seconds until the lock has ended at the latest",
                "schema": {"type": "integer"},
            }
        },
    }
}
MAIL_FAILED = {503: problem("The confirmation e-mail could not be sent just now")}
RESET_OFF = {404: problem("The cooperative has switched the password reset off")}


def client_address(request: Request):
    """The caller's address as the web forms take it (Odoo's
    ``httprequest.remote_addr``: the same WSGI environ, behind a proxy
    corrected by ``proxy_mode``), for the throttles and the consents."""
    return request.client.host if request.client else None


def _param(env, key, default=None):
    # settings of the cooperative, no one's data
    return env["ir.config_parameter"].sudo().get_param(key, default)


def _link_valid_hours(env):
    return int(_param(env, "wbg54_portal.confirmation_hours", 24))


def _reset_enabled(env):
    return _param(env, "auth_signup.reset_password") == "True"


def _accepted(request, message):
    return json_response(request, Accepted(message=message), 202, cache=False)


# ------------------------------------------------------------
# WHAT THE SIGN-UP ASKS FOR
# ------------------------------------------------------------


def _consents(env):
    versions = env["wbg54.consent"]._current_versions()
    labels = {
        "privacy": env._("I have read the privacy policy."),
        "terms": env._("I accept the terms of use."),
        "edelivery": env._(
            "I agree to receive my documents electronically in the service "
            "portal and the app (electronic document delivery)."
        ),
    }
    urls = {
        "privacy": _param(env, "wbg54_portal.privacy_url") or None,
        "terms": _param(env, "wbg54_portal.terms_url") or None,
    }
    return [
        {
            "field": f"consent_{kind}",
            "label": labels[kind],
            "url": urls.get(kind),
            "version": versions[kind],
        }
        for kind, _label in CONSENT_KINDS
    ]


def _password_rules(env):
    min_length = env["res.users"]._wbg54_min_password_length()
    return {
        "min_length": min_length,
        "min_digits": MIN_DIGITS,
        "upper_and_lower_case": True,
        "no_run_of_name_or_email": RUN_LENGTH,
        "rules": [
            env._("At least %(count)s characters", count=min_length),
            env._("At least one upper-case and one lower-case letter"),
            env._("At least %(count)s digits", count=MIN_DIGITS),
            env._(
                "No %(count)s consecutive characters of your surname or your "
                "e-mail address",
                count=RUN_LENGTH,
            ),
        ],
    }


@router.get(
    "/registrations/requirements",
    response_model=SignUpRequirements,
    responses=NOT_MODIFIED,
)
async def sign_up_requirements(
    request: Request, env: Annotated[Environment, Depends(public_env)]
):
    """What the web's sign-up page shows beside its form: the consents with
    their texts' links and versions, the password rules, the format of the
    registration number, how long the confirmation link is valid, and
    whether the password can be reset by e-mail."""
    return json_response(
        request,
        SignUpRequirements(
            registration_number={
                "length": CODE_LENGTH,
                "placeholder": "XXXX-XXXX-XXXX-XX",
            },
            consents=_consents(env),
            password=_password_rules(env),
            link_valid_hours=_link_valid_hours(env),
            password_reset=_reset_enabled(env),
        ),
    )


# ------------------------------------------------------------
# SIGN-UP, CONFIRMATION E-MAIL, LETTER
# ------------------------------------------------------------


@router.post(
    "/registrations",
    response_model=SignUpAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    responses={**BODY_RESPONSES, **TOO_MANY, **MAIL_FAILED},
)
async def sign_up(
    body: SignUpRequest,
    request: Request,
    env: Annotated[Environment, Depends(public_env)],
):
    """Register with the number of the registration letter, as on the web:
    her login (the e-mail address) and password, the three consents. The
    answer says a confirmation link went to her address; once she follows it
    she signs in. Refusals: 422 per field (an unknown, used or expired number
    under `registration_number` alone), 429 after 5 wrong numbers from her
    connection or for her address within 15 minutes, 503 when the e-mail
    cannot be sent (nothing is saved then, and the number stays valid)."""
    values = body.model_dump(exclude_none=True)
    # her address as the model keeps it (the login)
    email = body.email.strip()
    env["wbg54.registration"]._wbg54_sign_up(values, client_address(request))
    hours = _link_valid_hours(env)
    return json_response(
        request,
        SignUpAccepted(
            email=email,
            link_valid_hours=hours,
            message=env._(
                "Almost done: we have sent an e-mail to %(email)s. Follow the "
                "link in it within %(hours)s hours to complete your "
                "registration, then sign in with this address and your "
                "password. If it has not arrived within 30 minutes, please "
                "check your spam folder.",
                email=email,
                hours=hours,
            ),
        ),
        202,
        cache=False,
    )


@router.post(
    "/registrations/confirmation-mail",
    response_model=Accepted,
    status_code=status.HTTP_202_ACCEPTED,
    responses=BODY_RESPONSES,
)
async def resend_confirmation(
    body: ConfirmationMailRequest,
    request: Request,
    env: Annotated[Environment, Depends(public_env)],
):
    """A new confirmation link for a registration not confirmed yet (the
    previous link stops working). The same answer for every address, whether
    or not a registration waits for it; only the address's form is checked."""
    env["wbg54.account.mail.request"]._wbg54_request_confirmation(
        body.email, client_address(request)
    )
    return _accepted(
        request,
        env._(
            "If a registration with this address is waiting for its "
            "confirmation, we have sent you a new e-mail with the link."
        ),
    )


@router.post(
    "/letter-requests",
    response_model=Accepted,
    status_code=status.HTTP_202_ACCEPTED,
    responses={**BODY_RESPONSES, **TOO_MANY},
)
async def request_letter(
    body: LetterRequestCreate,
    request: Request,
    env: Annotated[Environment, Depends(public_env)],
):
    """No registration letter (or lost it): ask for one, with her name and
    e-mail address and her member number or her address. Staff check the
    request against the member records; the same answer for everybody.
    At most 3 requests an hour from one connection (429)."""
    env["wbg54.letter.request"]._wbg54_submit(
        body.model_dump(), client_address(request)
    )
    return _accepted(
        request,
        env._(
            "Thank you, we have received your request. If you are a member, "
            "the cooperative will send you a registration letter by post once "
            "it has checked your request."
        ),
    )


# ------------------------------------------------------------
# PASSWORD FORGOTTEN
# ------------------------------------------------------------


@router.post(
    "/auth/password-reset",
    response_model=Accepted,
    status_code=status.HTTP_202_ACCEPTED,
    responses={**BODY_RESPONSES, **RESET_OFF},
)
async def request_password_reset(
    body: PasswordResetRequest,
    request: Request,
    env: Annotated[Environment, Depends(public_env)],
):
    """Password forgotten: a link to choose a new password is mailed to her
    login's address (valid 24 hours); she chooses it on the web page the
    link opens. The same answer, at once, for every address: whether an
    account exists is not told."""
    if not _reset_enabled(env):
        raise ApiProblem(
            404,
            env._(
                "Resetting the password by e-mail is switched off; please "
                "contact the cooperative."
            ),
        )
    login = body.email.strip()
    if login:
        _logger.info("Password reset requested from %s", client_address(request))
        # filed like the web form's: a cron looks the address up and mails
        env["wbg54.account.mail.request"]._file("reset", login, client_address(request))
    return _accepted(
        request,
        env._(
            "If an account exists for this address, we have sent you an e-mail "
            "with a link to choose a new password. The link is valid for 24 "
            "hours."
        ),
    )
