from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from odoo.api import Environment
from odoo.exceptions import AccessError

from ..dependencies import Paging, paging, tenant_env
from ..error_handlers import ApiProblem
from ..schemas import ShareCapital, ShareMovementPage
from ..schemas.common import IsoDate
from .common import (
    AUTH_RESPONSES,
    COMMON_RESPONSES,
    NOT_MODIFIED,
    json_response,
    labelled,
    pdf_response,
    pdf_responses,
    problem,
)

router = APIRouter(tags=["shares"], responses={**COMMON_RESPONSES, **AUTH_RESPONSES})


@router.get("/shares", response_model=ShareCapital, responses=NOT_MODIFIED)
async def shares(
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


@router.get(
    "/shares/confirmation",
    response_class=Response,
    responses={
        **pdf_responses(
            "The confirmation of her share capital (Bestätigung über "
            "Geschäftsguthaben) as a PDF download"
        ),
        403: problem("Not a member: no share capital to confirm"),
    },
)
async def share_confirmation(
    env: Annotated[Environment, Depends(tenant_env)],
    date: Annotated[
        IsoDate | None,
        Query(
            description="the day whose figures it confirms (YYYY-MM-DD); "
            "today if not given"
        ),
    ] = None,
):
    """The confirmation of her share capital at a day (shares, subscribed
    capital, paid-in balance), as the web portal's download gives it; for
    members only, as the web portal's page "Geschäftsanteile"."""
    try:
        return pdf_response(*env["res.partner"]._wbg54_render_share_confirmation(date))
    except AccessError as error:
        raise ApiProblem(403, error.args[0]) from None
