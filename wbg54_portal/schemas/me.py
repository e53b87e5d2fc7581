import datetime

from pydantic import BaseModel, Field

from .common import Labelled


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
