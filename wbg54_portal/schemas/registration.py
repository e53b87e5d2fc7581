"""Sign-up from the app: the public forms of the login page (registration
with the letter's number, confirmation e-mail again, registration letter,
password forgotten) as JSON."""

from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from .auth import _no_nul
from .common import Line, StrictModel

# "email" tells clients (and the fuzzer) what is meant; the model checks it
Email = Annotated[
    Line,
    Field(
        max_length=254,
        json_schema_extra={"format": "email", "example": "anna@example.org"},
    ),
]
Password = Annotated[str, AfterValidator(_no_nul), Field(max_length=1024)]


class PasswordResetRequest(StrictModel):
    email: Email = Field(description="the e-mail address she signs in with")


class SignUpRequest(StrictModel):
    """What the web's sign-up form asks for. Each consent must be `true`."""

    registration_number: Annotated[Line, Field(max_length=64)] = Field(
        description="the number of her registration letter, e.g. "
        "`ABCD-EFGH-JKMN-PQ` (case, dashes and spaces do not matter)",
    )
    email: Email = Field(
        description="becomes her login; the confirmation link is sent there"
    )
    password: Password = Field(
        description="the cooperative's password rules apply (GET "
        "/registrations/requirements)"
    )
    confirm_password: Password | None = Field(
        default=None, description="compared with `password` when given"
    )
    consent_privacy: bool = Field(description="she has read the privacy policy")
    consent_terms: bool = Field(description="she accepts the terms of use")
    consent_edelivery: bool = Field(
        description="she receives her documents electronically"
    )


class ConfirmationMailRequest(StrictModel):
    email: Email = Field(description="the address she registered with")


class LetterRequestCreate(StrictModel):
    """Her name and e-mail address, and her member number or her address
    (or both), for staff to identify her."""

    name: Annotated[Line, Field(max_length=128)]
    member_number: Annotated[Line, Field(max_length=32)] | None = None
    address: Annotated[Line, Field(max_length=256)] | None = Field(
        default=None, description="street and house number, town"
    )
    email: Email


class Accepted(BaseModel):
    """Taken; ``message`` says what happens next, to show her."""

    message: str


class SignUpAccepted(Accepted):
    """Registered, not confirmed yet: she follows the link in the e-mail,
    then signs in (POST /auth/login) with this address and her password."""

    email: str = Field(description="her login, where the link went")
    link_valid_hours: int = Field(description="the confirmation link expires then")


class ConsentRequirement(BaseModel):
    field: str = Field(description="its field in POST /registrations")
    label: str = Field(description="the text she agrees to")
    url: str | None = Field(description="the full text to read, if any")
    version: str = Field(description="the version of the text recorded with it")


class PasswordRules(BaseModel):
    min_length: int
    min_digits: int
    upper_and_lower_case: bool
    no_run_of_name_or_email: int = Field(
        description="no run of this many characters of her surname or e-mail " "address"
    )
    rules: list[str] = Field(description="the rules in words, to show her")


class RegistrationNumberFormat(BaseModel):
    length: int = Field(description="letters and digits, without dashes")
    placeholder: str


class SignUpRequirements(BaseModel):
    """What the app shows beside the sign-up form, as the web page does."""

    registration_number: RegistrationNumberFormat
    consents: list[ConsentRequirement]
    password: PasswordRules
    link_valid_hours: int = Field(
        description="how long the confirmation link of the e-mail is valid"
    )
    password_reset: bool = Field(
        description="whether POST /auth/password-reset is offered"
    )
