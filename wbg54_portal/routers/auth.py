from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import Response

from odoo.api import Environment

from ..dependencies import AppCredential, app_credential, public_env, tenant_env
from ..error_handlers import ApiProblem
from ..models.res_users_apikeys import AppSignInRefused
from ..schemas import AccessToken, LoginRequest
from .common import (
    AUTH_RESPONSES,
    BODY_RESPONSES,
    COMMON_RESPONSES,
    json_response,
    problem,
)

router = APIRouter(tags=["sign-in"], responses={**COMMON_RESPONSES, **BODY_RESPONSES})


def _token(request, key, secret):
    return json_response(
        request,
        AccessToken(
            access_token=secret,
            expires_at=key.expiration_date,
            sign_in={
                "id": key.id,
                "device_name": key.name,
                "created_at": key.create_date,
                "expires_at": key.expiration_date,
            },
        ),
        cache=False,
    )


def _refusal(env, refused):
    if refused.reason == "cooldown":
        return ApiProblem(
            429,
            env._(
                "Too many failed sign-ins. Please wait %(seconds)s seconds and "
                "try again.",
                seconds=refused.retry_after,
            ),
            headers={"Retry-After": str(refused.retry_after)},
        )
    if refused.reason == "not_tenant":
        return ApiProblem(
            403,
            env._("Only members of the cooperative can sign in to the app."),
            problem="not-a-tenant",
        )
    if refused.reason == "totp_required":
        return ApiProblem(
            401,
            env._("Please enter the 6-digit code of your authenticator app."),
            problem="totp-required",
        )
    if refused.reason == "totp_invalid":
        return ApiProblem(
            401,
            env._("The code is wrong or has expired; please enter the current one."),
            problem="totp-invalid",
        )
    return ApiProblem(
        401,
        env._("The e-mail address or the password is wrong."),
        problem="invalid-credentials",
    )


@router.post(
    "/auth/login",
    response_model=AccessToken,
    responses={
        401: problem(
            "Wrong e-mail or password (invalid-credentials), or the two-factor "
            "code is missing (totp-required) or wrong (totp-invalid)"
        ),
        403: problem("Not a member or tenant (not-a-tenant)"),
        429: problem("Too many failed sign-ins from this address; see Retry-After"),
    },
)
async def login(
    body: LoginRequest,
    request: Request,
    env: Annotated[Environment, Depends(public_env)],
):
    """Sign in with the portal's e-mail and password: an access token for
    this device. Throttled like the web login (Odoo's login cooldown)."""
    Keys = env["res.users.apikeys"]
    try:
        user = Keys._wbg54_app_authenticate(body.email, body.password, body.totp_code)
    except AppSignInRefused as refused:
        raise _refusal(env, refused) from None
    key, secret = Keys._wbg54_app_sign_in(user, body.device_name.strip())
    return _token(request, key, secret)


@router.post("/auth/refresh", response_model=AccessToken, responses=AUTH_RESPONSES)
async def refresh(
    request: Request,
    credential: Annotated[AppCredential, Depends(app_credential)],
    env: Annotated[Environment, Depends(tenant_env)],
):
    """A new access token for this device (30 days again); the one sent is
    revoked."""
    old = env["res.users.apikeys"].browse(credential.key_id)
    key, secret = old._wbg54_app_refresh()
    return _token(request, key, secret)


@router.post(
    "/auth/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=AUTH_RESPONSES,
)
async def logout(
    credential: Annotated[AppCredential, Depends(app_credential)],
    env: Annotated[Environment, Depends(tenant_env)],
):
    """Sign out: the access token sent is revoked."""
    env["res.users.apikeys"].browse(credential.key_id)._wbg54_revoke()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
