from typing import Annotated

from fastapi import APIRouter, Depends, Request

from odoo import fields
from odoo.api import Environment

from ..dependencies import Paging, paging, tenant_env
from ..schemas import NoticePage
from .common import (
    AUTH_RESPONSES,
    COMMON_RESPONSES,
    NOT_MODIFIED,
    json_response,
    labelled,
)

router = APIRouter(tags=["notices"], responses={**COMMON_RESPONSES, **AUTH_RESPONSES})


@router.get("/notices", response_model=NoticePage, responses=NOT_MODIFIED)
async def notices(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    page: Annotated[Paging, Depends(paging)],
):
    """The notices of her buildings that are valid now, in the order of the
    portal's start page (by kind, then newest first)."""
    Notice = env["wbg54.notice"]
    domain = Notice._portal_domain(env.user.partner_id, fields.Datetime.now())
    found = Notice.search(
        domain,
        order="kind, valid_from desc, id desc",
        limit=page.limit,
        offset=page.offset,
    )
    return json_response(
        request,
        NoticePage(
            items=[
                {
                    "id": notice.id,
                    "title": notice.name,
                    "text": notice.body,
                    "kind": labelled(notice, "kind"),
                    "valid_from": notice.valid_from,
                    "valid_to": notice.valid_to or None,
                }
                for notice in found
            ],
            **page.page_values(Notice.search_count(domain)),
        ),
    )
