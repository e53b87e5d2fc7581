from typing import Annotated

from fastapi import APIRouter, Depends, Request

from odoo.api import Environment

from ..dependencies import Paging, paging, tenant_env
from ..schemas import ShareCapital, ShareMovementPage
from .common import (
    AUTH_RESPONSES,
    COMMON_RESPONSES,
    NOT_MODIFIED,
    json_response,
    labelled,
)

router = APIRouter(tags=["shares"], responses={**COMMON_RESPONSES, **AUTH_RESPONSES})


@router.get("/shares", response_model=ShareCapital, responses=NOT_MODIFIED)
def shares(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    page: Annotated[Paging, Depends(paging)],
):
    """Her cooperative shares and paid-in balance; the posted movements,
    newest first, paged by ``page`` and ``limit``."""
    partner = env.user.partner_id
    Movement = env["wbg54.share.movement"]
    domain = [("partner_id", "=", partner.id), ("state", "=", "posted")]
    movements = Movement.search(
        domain, order="date desc, id desc", limit=page.limit, offset=page.offset
    )
    return json_response(
        request,
        ShareCapital(
            share_count=partner.share_count,
            nominal_value=partner.company_id.share_nominal_value
            or env.company.share_nominal_value,
            capital_subscribed=partner.share_capital_subscribed,
            balance=partner.share_balance,
            currency=partner.share_currency_id.name,
            movements=ShareMovementPage(
                items=[
                    {
                        "id": movement.id,
                        "date": movement.date,
                        "kind": labelled(movement, "kind"),
                        "shares": movement.share_qty_signed,
                        "amount": movement.amount_signed,
                    }
                    for movement in movements
                ],
                **page.page_values(Movement.search_count(domain)),
            ),
        ),
    )
