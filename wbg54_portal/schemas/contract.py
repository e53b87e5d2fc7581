import datetime

from pydantic import BaseModel, Field

from .common import Labelled, Page


class Building(BaseModel):
    id: int
    code: str
    name: str
    street: str
    zip: str
    city: str


class Unit(BaseModel):
    id: int
    number: str
    type: Labelled
    floor: int
    position: str | None
    rooms: float
    living_area: float = Field(description="m²")
    building: Building


class FeeLine(BaseModel):
    type: Labelled
    amount: float = Field(description="monthly, in the contract's currency")
    valid_from: datetime.date


class FeeStep(BaseModel):
    """The fee from a date on: every line valid then, changed or not."""

    valid_from: datetime.date
    total: float
    lines: list[FeeLine]


class Person(BaseModel):
    name: str
    role: Labelled = Field(description="main_member or co_member")


class ContractSummary(BaseModel):
    id: int
    number: str
    state: Labelled
    date_start: datetime.date
    date_end: datetime.date | None
    unit: Unit
    fee_total: float = Field(description="monthly usage fee valid today")
    currency: str
    web_url: str


class Contract(ContractSummary):
    persons: list[Person]
    fee_lines: list[FeeLine] = Field(description="the lines valid today")
    fee_history: list[FeeStep] = Field(description="newest first")


class ContractPage(Page[ContractSummary]):
    pass
