import datetime

from pydantic import BaseModel, Field

from .common import Labelled, Line, StrictModel, UtcDateTime


class Address(BaseModel):
    street: str | None
    street2: str | None
    zip: str | None
    city: str | None
    country_code: str | None = Field(description="ISO 3166-1 alpha-2")


class Profile(BaseModel):
    """The signed-in tenant as the cooperative keeps her (Meine Daten)."""

    id: int = Field(description="her partner id")
    name: str
    login: str = Field(description="the e-mail address she signs in with")
    email: str | None
    phone: str | None
    mobile: str | None
    lang: str | None = Field(description="language of letters and e-mails, e.g. de_DE")
    member_number: str | None
    membership: Labelled | None
    member_since: datetime.date | None
    address: Address


class ProfileUpdate(StrictModel):
    """Only what is given changes; an empty or null phone number clears it."""

    phone: Line | None = Field(default=None, max_length=64)
    mobile: Line | None = Field(default=None, max_length=64)
    lang: Line | None = Field(
        default=None, max_length=16, description="an installed language, e.g. de_DE"
    )


class EmailChangeRequest(StrictModel):
    new_email: Line = Field(max_length=254)


class EmailChangePending(BaseModel):
    """The link to confirm the new address went to it; her login stays until
    she follows it."""

    new_email: str
    expires_at: UtcDateTime


class PasswordChange(StrictModel):
    old_password: str = Field(max_length=1024)
    new_password: str = Field(
        max_length=1024, description="the cooperative's password rules apply"
    )
