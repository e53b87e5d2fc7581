from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import Response

from odoo.api import Environment
from odoo.exceptions import AccessDenied, UserError

from ..dependencies import AppCredential, app_credential, tenant_env
from ..error_handlers import ApiProblem
from ..exceptions import FieldValidationError, MailNotSentError
from ..schemas import (
    EmailChangePending,
    EmailChangeRequest,
    PasswordChange,
    Profile,
    ProfileUpdate,
)
from .common import (
    AUTH_RESPONSES,
    BODY_RESPONSES,
    COMMON_RESPONSES,
    NOT_MODIFIED,
    json_response,
    labelled,
    problem,
)

router = APIRouter(tags=["profile"], responses={**COMMON_RESPONSES, **AUTH_RESPONSES})
FORBIDDEN = {403: problem("Only members change their data here")}


def _profile(user):
    partner = user.partner_id
    return Profile(
        id=partner.id,
        name=partner.name,
        login=user.login,
        email=partner.email or None,
        phone=partner.phone or None,
        mobile=partner.mobile or None,
        lang=partner.lang or None,
        member_number=partner.member_number or None,
        membership=labelled(partner, "membership_state"),
        member_since=partner.member_entry_date or None,
        address={
            "street": partner.street or None,
            "street2": partner.street2 or None,
            "zip": partner.zip or None,
            "city": partner.city or None,
            "country_code": partner.country_id.code or None,
        },
    )


@router.get("/me", response_model=Profile, responses=NOT_MODIFIED)
async def me(request: Request, env: Annotated[Environment, Depends(tenant_env)]):
    """The signed-in tenant's data (Meine Daten)."""
    return json_response(request, _profile(env.user))


@router.patch("/me", response_model=Profile, responses={**BODY_RESPONSES, **FORBIDDEN})
async def update_me(
    request: Request,
    body: ProfileUpdate,
    env: Annotated[Environment, Depends(tenant_env)],
):
    """Change her phones, her mobile and her language (of letters, e-mails
    and texts); only what is given changes, an empty or null number clears
    it. Name, address and bank account change through a change request on
    the web portal."""
    values = {
        field: "" if value is None and field != "lang" else value
        for field, value in body.model_dump(exclude_unset=True).items()
    }
    try:
        env["res.partner"]._wbg54_update_self_service(values)
    except FieldValidationError as error:
        raise ApiProblem.from_field_errors(error) from None
    return json_response(request, _profile(env.user), cache=False)


@router.post(
    "/me/email-change",
    response_model=EmailChangePending,
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        **BODY_RESPONSES,
        **FORBIDDEN,
        503: problem("The confirmation e-mail could not be sent just now"),
    },
)
async def request_email_change(
    request: Request,
    body: EmailChangeRequest,
    env: Annotated[Environment, Depends(tenant_env)],
):
    """Change the e-mail address she signs in with: a link to confirm it is
    sent to the new address; her login stays until she follows it."""
    try:
        change = env["wbg54.email.change"]._request_for_current_user(body.new_email)
    except MailNotSentError as error:
        raise ApiProblem(
            503, error.errors.get("mail"), problem="service-unavailable"
        ) from None
    except FieldValidationError as error:
        raise ApiProblem.from_field_errors(error) from None
    return json_response(
        request,
        EmailChangePending(new_email=change.new_email, expires_at=change.expiry),
        status_code=202,
        cache=False,
    )


@router.post(
    "/me/password",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=BODY_RESPONSES,
)
async def change_password(
    body: PasswordChange,
    credential: Annotated[AppCredential, Depends(app_credential)],
    env: Annotated[Environment, Depends(tenant_env)],
):
    """Change her password: the current one and the new one, which follows
    the cooperative's password rules. This app stays signed in; her other
    app sign-ins end, as her web sessions do."""
    errors = {}
    if not body.new_password.strip():
        errors["new_password"] = env._("Please enter a new password.")
    else:
        try:
            env["res.users"].with_context(
                wbg54_app_key_id=credential.key_id
            ).change_password(body.old_password, body.new_password)
        except AccessDenied:
            errors["old_password"] = env._(
                "The current password is not correct; your password was not " "changed."
            )
        except UserError as error:
            errors["new_password"] = str(error.args[0])
    if errors:
        raise ApiProblem.from_field_errors(FieldValidationError(errors))
    return Response(status_code=204)
