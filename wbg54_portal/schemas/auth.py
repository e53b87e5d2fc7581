from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field

from .common import Line, StrictModel, UtcDateTime


def _no_nul(value):
    if "\x00" in value:
        raise ValueError("NUL")
    return value


class LoginRequest(StrictModel):
    email: Annotated[Line, Field(min_length=1, max_length=254)] = Field(
        description="the login e-mail address of the portal"
    )
    password: Annotated[
        str, AfterValidator(_no_nul), Field(min_length=1, max_length=1024)
    ]
    device_name: Annotated[Line, Field(min_length=1, max_length=64)] = Field(
        description="shown to the tenant on /my/security, e.g. “Annas iPhone”"
    )
    totp_code: Annotated[str, Field(pattern=r"^\s*\d{6}\s*$")] | None = Field(
        default=None,
        description="the 6-digit code of her authenticator app, when she "
        "enabled two-factor login (the first attempt without it answers 401 "
        "urn:wbg54:problem:totp-required)",
    )


class AppSignIn(BaseModel):
    """A sign-in of the app: one device's access token."""

    id: int
    device_name: str
    created_at: UtcDateTime
    expires_at: UtcDateTime | None


class AccessToken(BaseModel):
    access_token: str = Field(
        description="send as `Authorization: Bearer <token>`; shown only now"
    )
    token_type: Literal["Bearer"] = "Bearer"
    expires_at: UtcDateTime = Field(
        description="refresh before (POST /auth/refresh), else sign in again"
    )
    sign_in: AppSignIn
