from pydantic import BaseModel

from .common import Labelled, Page, UtcDateTime


class Notice(BaseModel):
    id: int
    title: str
    text: str
    kind: Labelled
    valid_from: UtcDateTime
    valid_to: UtcDateTime | None


class NoticePage(Page[Notice]):
    """Notices of her buildings valid now: disruptions first, newest first."""
