import datetime

from pydantic import BaseModel, Field

from .common import Page, UtcDateTime


class DocumentCategory(BaseModel):
    id: int
    name: str


class Document(BaseModel):
    id: int
    title: str
    category: DocumentCategory
    date: datetime.date
    published_at: UtcDateTime | None
    file_name: str | None
    opened: bool = Field(description="downloaded before (read receipt)")
    opened_at: UtcDateTime | None
    content_url: str = Field(description="GET it to download (marks it opened)")
    web_url: str


class DocumentPage(Page[Document]):
    """Unread documents first, then the read ones; each newest first."""
