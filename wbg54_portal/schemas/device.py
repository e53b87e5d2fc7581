from typing import Annotated, Literal

from pydantic import BaseModel, Field

from .common import Page, StrictModel, UtcDateTime

# FCM registration tokens: URL-safe base64 with ':' separators
TOKEN_PATTERN = r"^[A-Za-z0-9_:\-.]{20,4096}$"


class DeviceRegistration(StrictModel):
    token: Annotated[str, Field(pattern=TOKEN_PATTERN)] = Field(
        description="the FCM registration token of this app installation"
    )
    platform: Literal["android", "ios", "web"]
    app_version: (
        Annotated[str, Field(max_length=32, pattern=r"^[\x20-\x7e]*$")] | None
    ) = None


class Device(BaseModel):
    id: int
    platform: str
    app_version: str | None
    last_seen_at: UtcDateTime | None
    active: bool


class DevicePage(Page[Device]):
    pass
