import datetime

from pydantic import BaseModel, Field

from .common import Labelled, Page


class ShareMovement(BaseModel):
    id: int
    date: datetime.date
    kind: Labelled
    shares: int = Field(description="shares added (negative: given back)")
    amount: float = Field(description="paid in (negative: paid out)")


class ShareMovementPage(Page[ShareMovement]):
    pass


class ShareCapital(BaseModel):
    """Her cooperative shares (Geschäftsanteile) and paid-in balance
    (Geschäftsguthaben), with the posted movements, newest first."""

    share_count: int
    nominal_value: float = Field(description="per share")
    capital_subscribed: float
    balance: float
    currency: str
    movements: ShareMovementPage
