from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, status

from odoo.api import Environment
from odoo.exceptions import AccessError, MissingError

from ..dependencies import AppCredential, Paging, app_credential, paging, tenant_env
from ..error_handlers import ApiProblem
from ..schemas import Device, DevicePage, DeviceRegistration
from ..tools.params import MAX_INT
from .common import (
    AUTH_RESPONSES,
    BODY_RESPONSES,
    COMMON_RESPONSES,
    NOT_FOUND,
    NOT_MODIFIED,
    json_response,
)

router = APIRouter(
    tags=["notifications"], responses={**COMMON_RESPONSES, **AUTH_RESPONSES}
)


def _device(device):
    return Device(
        id=device.id,
        platform=device.platform,
        app_version=device.app_version or None,
        last_seen_at=device.last_seen_at or None,
        active=device.active,
    )


@router.get("/devices", response_model=DevicePage, responses=NOT_MODIFIED)
async def devices(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    page: Annotated[Paging, Depends(paging)],
):
    """Her devices that receive push messages, last seen first."""
    Device_ = env["wbg54.push.device"]
    domain = [("user_id", "=", env.uid)]
    found = Device_.search(
        domain, order="last_seen_at desc, id desc", limit=page.limit, offset=page.offset
    )
    return json_response(
        request,
        DevicePage(
            items=[_device(device) for device in found],
            **page.page_values(Device_.search_count(domain)),
        ),
    )


@router.post(
    "/devices",
    response_model=Device,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": Device, "description": "Known token, updated"},
        **BODY_RESPONSES,
    },
)
async def register_device(
    request: Request,
    body: DeviceRegistration,
    credential: Annotated[AppCredential, Depends(app_credential)],
    env: Annotated[Environment, Depends(tenant_env)],
):
    """Register this app installation's push token for her (201), or update
    it (200); a token known for another user moves to her. The device gets
    pushes while this sign-in lasts: sign-out, revocation on /my/security,
    expiry or a new password stop them."""
    device, created = env["wbg54.push.device"]._register_token(
        body.token, body.platform, body.app_version, credential.key_id
    )
    return json_response(
        request,
        _device(device),
        status_code=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        cache=False,
    )


@router.delete("/devices/{device_id}", response_model=Device, responses=NOT_FOUND)
async def unregister_device(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    device_id: Annotated[int, Path(ge=1, le=MAX_INT)],
):
    """Stop push messages to one of her devices (on sign-out of the app)."""
    device = env["wbg54.push.device"].browse(device_id)
    try:
        # another user's device reads as missing: nothing tells it exists
        device._unregister_device()
    except (AccessError, MissingError):
        raise ApiProblem(404, env._("Device not found.")) from None
    # her own device (_unregister_device checked access); sudo to read it once
    # archived
    return json_response(request, _device(device.sudo()), cache=False)
