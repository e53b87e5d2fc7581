from pydantic import BaseModel

from .common import StrictModel


class Channels(BaseModel):
    email: bool
    push: bool


class Preferences(BaseModel):
    """Which news reach her by e-mail and by push."""

    document: Channels
    notice: Channels
    ticket: Channels


class ChannelsUpdate(StrictModel):
    email: bool | None = None
    push: bool | None = None


class PreferencesUpdate(StrictModel):
    """Only what is given changes."""

    document: ChannelsUpdate | None = None
    notice: ChannelsUpdate | None = None
    ticket: ChannelsUpdate | None = None
