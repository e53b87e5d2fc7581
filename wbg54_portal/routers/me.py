from typing import Annotated

from fastapi import APIRouter, Depends, Request

from odoo.api import Environment

from ..dependencies import tenant_env
from ..schemas import Profile
from .common import (
    AUTH_RESPONSES,
    COMMON_RESPONSES,
    NOT_MODIFIED,
    json_response,
    labelled,
)

router = APIRouter(tags=["profile"], responses={**COMMON_RESPONSES, **AUTH_RESPONSES})


@router.get("/me", response_model=Profile, responses=NOT_MODIFIED)
def me(request: Request, env: Annotated[Environment, Depends(tenant_env)]):
    """The signed-in tenant's data (Meine Daten)."""
    user = env.user
    partner = user.partner_id
    return json_response(
        request,
        Profile(
            id=partner.id,
            name=partner.name,
            login=user.login,
            email=partner.email or None,
            phone=partner.phone or None,
            mobile=partner.mobile or None,
            lang=partner.lang or None,
            member_number=partner.member_number or None,
            membership=labelled(partner, "membership_state"),
            member_since=partner.member_entry_date or None,
            address={
                "street": partner.street or None,
                "street2": partner.street2 or None,
                "zip": partner.zip or None,
                "city": partner.city or None,
                "country_code": partner.country_id.code or None,
            },
        ),
    )
