from typing import Annotated

from fastapi import APIRouter, Depends, Request

from odoo.api import Environment

from ..dependencies import tenant_env
from ..error_handlers import ApiProblem
from ..exceptions import FieldValidationError
from ..models.res_partner import NOTIFICATION_FIELDS
from ..schemas import Preferences, PreferencesUpdate
from .common import (
    AUTH_RESPONSES,
    BODY_RESPONSES,
    COMMON_RESPONSES,
    NOT_MODIFIED,
    json_response,
)

router = APIRouter(
    tags=["notifications"], responses={**COMMON_RESPONSES, **AUTH_RESPONSES}
)
EVENTS = ("document", "notice", "ticket")
CHANNELS = ("email", "push")


def _preferences(partner):
    values = partner.read(list(NOTIFICATION_FIELDS))[0]
    return Preferences(
        **{
            event: {
                channel: values[f"wbg54_notify_{event}_{channel}"]
                for channel in CHANNELS
            }
            for event in EVENTS
        }
    )


@router.get("/preferences", response_model=Preferences, responses=NOT_MODIFIED)
async def preferences(
    request: Request, env: Annotated[Environment, Depends(tenant_env)]
):
    """Which news reach her by e-mail and by push."""
    return json_response(request, _preferences(env.user.partner_id))


@router.put("/preferences", response_model=Preferences, responses=BODY_RESPONSES)
async def update_preferences(
    request: Request,
    body: PreferencesUpdate,
    env: Annotated[Environment, Depends(tenant_env)],
):
    """Change what is given, e.g. ``{"notice": {"push": false}}``."""
    vals = {
        f"wbg54_notify_{event}_{channel}": wanted
        for event, channels in body.model_dump(exclude_none=True).items()
        for channel, wanted in channels.items()
    }
    try:
        partner = env["res.partner"]._wbg54_update_notification_preferences(vals)
    except FieldValidationError as error:
        raise ApiProblem.from_field_errors(
            error,
            {
                f"wbg54_notify_{event}_{channel}": f"{event}.{channel}"
                for event in EVENTS
                for channel in CHANNELS
            },
        ) from None
    return json_response(request, _preferences(partner), cache=False)
