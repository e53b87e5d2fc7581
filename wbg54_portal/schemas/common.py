"""Shapes shared by the API's answers: problems, pages, labelled codes."""

import datetime
import re
from typing import Annotated, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
)
from pydantic_core import PydanticCustomError

T = TypeVar("T")

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


def _no_control_characters(value):
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise PydanticCustomError(
            "wbg54_control_characters", "The text must not contain control characters."
        )
    return value


def _utc(value):
    # Odoo keeps datetimes as naive UTC; whole seconds are precise enough
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.replace(microsecond=0)


# one line of text: no NUL (PostgreSQL takes none), no line breaks
Line = Annotated[str, AfterValidator(_no_control_characters)]
# a point in time, always written in UTC with a "Z"
UtcDateTime = Annotated[
    datetime.datetime,
    AfterValidator(_utc),
    PlainSerializer(
        lambda value: _utc(value).isoformat().replace("+00:00", "Z"),
        return_type=str,
        when_used="json",
    ),
    Field(json_schema_extra={"format": "date-time", "example": "2025-03-01T08:30:00Z"}),
]


ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _iso_date_text(value):
    # pydantic alone also reads a count of seconds ("0" as 1970-01-01) and
    # a midnight time as a day; a date is written as the description says
    if isinstance(value, str) and not ISO_DATE_RE.fullmatch(value):
        raise PydanticCustomError("date_parsing", "A date (YYYY-MM-DD) is expected.")
    return value


# a day as input, written YYYY-MM-DD only
IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date_text)]


class StrictModel(BaseModel):
    """An input: unknown fields are errors, nothing is converted silently."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Labelled(BaseModel):
    """A fixed value of a list (a state, a kind) with its label in the
    language of the request."""

    code: str
    label: str


class ProblemError(BaseModel):
    location: str = Field(description="body, query, path or header")
    field: str = Field(description="the field, nested names joined by dots")
    detail: str


class Problem(BaseModel):
    """An error (RFC 9457 problem details), sent as application/problem+json."""

    type: str = Field(
        description="urn:wbg54:problem:… (not-found, validation-error, "
        "unauthorized, invalid-credentials, totp-required, too-many-requests …)",
        examples=["urn:wbg54:problem:not-found"],
    )
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[ProblemError] | None = Field(
        default=None, description="422 only: what is wrong with which field"
    )


class Page(BaseModel, Generic[T]):
    """One page of a list in a stable order."""

    items: list[T]
    page: int = Field(description="this page, from 1")
    limit: int = Field(description="items per page")
    total: int = Field(description="items of all pages")
    next_page: int | None = Field(description="the next page, null on the last")
