import datetime

from pydantic import BaseModel, Field

from .common import Labelled, Page, StrictModel, UtcDateTime


class RequestStage(BaseModel):
    id: int
    name: str
    closed: bool = Field(description="the request is done (closed or refused)")


class RequestSummary(BaseModel):
    id: int
    number: str
    title: str
    kind: Labelled = Field(description="damage, application, message, data_change")
    stage: RequestStage
    created_at: UtcDateTime
    updated_at: UtcDateTime | None = Field(description="last change of the stage")
    closed_at: UtcDateTime | None
    url: str = Field(description="the API's detail")
    web_url: str


class RequestPage(Page[RequestSummary]):
    """Her requests, newest first."""


class Named(BaseModel):
    id: int
    name: str


class RequestContract(BaseModel):
    id: int
    number: str
    unit: str = Field(description="the unit's number")


class Attachment(BaseModel):
    id: int
    name: str
    mimetype: str
    size: int = Field(description="bytes")
    content_url: str = Field(description="GET it to download")


class Answer(BaseModel):
    field: str
    question: str
    type: str = Field(description="char, text, integer or date")
    value: str | int | datetime.date | None


class Message(BaseModel):
    """A reply in the request's thread (internal notes of staff are not
    listed)."""

    id: int
    date: UtcDateTime
    author: str
    from_her: bool = Field(description="written by the signed-in tenant")
    body: str = Field(description="plain text")
    attachments: list[Attachment]


class RequestDetail(RequestSummary):
    """What she sent, the thread visible to her, the attachments and how she
    may close it."""

    description: str = Field(description="plain text")
    category: Named | None
    contract: RequestContract | None
    location: str | None
    urgency: Labelled | None
    access_allowed: bool = Field(description="entry in her absence allowed")
    time_windows: str | None = Field(description="when she is at home")
    application_type: Named | None
    answers: list[Answer]
    attachments: list[Attachment] = Field(description="sent with the request")
    messages: list[Message] = Field(description="oldest first")
    close_stages: list[RequestStage] = Field(
        description="stages she may close it as (POST …/close); empty when closed"
    )


class DamageCategory(BaseModel):
    id: int
    name: str


class DamageCategoryList(BaseModel):
    items: list[DamageCategory]


class Question(BaseModel):
    field: str = Field(description="the key in `answers`")
    question: str
    type: str = Field(description="char, text, integer (1–999) or date")
    required: bool


class ApplicationType(BaseModel):
    id: int
    name: str
    description: str | None
    questions: list[Question]


class ApplicationTypeList(BaseModel):
    items: list[ApplicationType]


class ApplicationCreate(StrictModel):
    """A new application; the type's questions answered in `answers`."""

    application_type_id: int = Field(ge=1, le=2**31 - 1)
    description: str = Field(max_length=10000)
    contract_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    answers: dict[str, str | int] = Field(
        default_factory=dict,
        description="per question field: text, a whole number or YYYY-MM-DD",
    )


class RequestClose(StrictModel):
    stage_id: int = Field(ge=1, le=2**31 - 1, description="one of `close_stages`")
