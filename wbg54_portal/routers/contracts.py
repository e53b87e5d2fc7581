from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from odoo.api import Environment

from ..dependencies import Paging, paging, tenant_env
from ..error_handlers import ApiProblem
from ..schemas import Contract, ContractPage, ContractSummary
from ..tools.params import MAX_INT
from .common import (
    AUTH_RESPONSES,
    COMMON_RESPONSES,
    NOT_FOUND,
    NOT_MODIFIED,
    json_response,
    labelled,
    pdf_response,
    pdf_responses,
)

router = APIRouter(tags=["contracts"], responses={**COMMON_RESPONSES, **AUTH_RESPONSES})


def _fee_line(line):
    return {
        "type": labelled(line, "fee_type"),
        "amount": line.amount,
        "valid_from": line.date_from,
    }


def _summary(contract):
    unit = contract.unit_id
    building = unit.building_id
    return {
        "id": contract.id,
        "number": contract.name,
        "state": labelled(contract, "state"),
        "date_start": contract.date_start,
        "date_end": contract.date_end or None,
        "unit": {
            "id": unit.id,
            "number": unit.name,
            "type": labelled(unit, "unit_type"),
            "floor": unit.floor,
            "position": unit.position or None,
            "rooms": unit.rooms,
            "living_area": unit.living_area,
            "building": {
                "id": building.id,
                "code": building.code,
                "name": building.name,
                "street": building.street,
                "zip": building.zip,
                "city": building.city,
            },
        },
        "fee_total": contract.fee_total,
        "currency": contract.currency_id.name,
        "web_url": contract.access_url,
    }


@router.get("/contracts", response_model=ContractPage, responses=NOT_MODIFIED)
async def contracts(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    page: Annotated[Paging, Depends(paging)],
):
    """Her usage contracts, as main member or co-member; newest first."""
    Contract_ = env["wbg54.contract"]
    domain = Contract_._wbg54_tenant_domain(env.user.partner_id)
    found = Contract_.search(
        domain, order="date_start desc, id desc", limit=page.limit, offset=page.offset
    )
    return json_response(
        request,
        ContractPage(
            items=[ContractSummary(**_summary(contract)) for contract in found],
            **page.page_values(Contract_.search_count(domain)),
        ),
    )


@router.get(
    "/contracts/{contract_id}",
    response_model=Contract,
    responses={**NOT_MODIFIED, **NOT_FOUND},
)
async def contract(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    contract_id: Annotated[int, Path(ge=1, le=MAX_INT)],
):
    """One of her contracts with the unit, the persons and the fee (today's
    lines and its history)."""
    found = _find(env, contract_id)
    # hers, found with her record rules; sudo to name the persons of the
    # contract, whose partners her rules do not open (as the web page does)
    contract_sudo = found.sudo()
    persons = [
        {"name": contract_sudo.partner_id.name, "role": _role(env, "main_member")}
    ] + [
        {"name": person.name, "role": _role(env, "co_member")}
        for person in contract_sudo.co_member_ids
    ]
    return json_response(
        request,
        Contract(
            **_summary(found),
            persons=persons,
            fee_lines=[_fee_line(line) for line in found._get_fee_lines_at()],
            fee_history=[
                {
                    "valid_from": date,
                    "total": total,
                    "lines": [_fee_line(line) for line in lines],
                }
                for date, lines, total in found._get_fee_history()
            ],
        ),
    )


@router.get(
    "/contracts/{contract_id}/rent-certificate",
    response_class=Response,
    responses={
        **pdf_responses("The rent certificate (Mietbescheinigung) as a PDF download"),
        **NOT_FOUND,
    },
)
async def rent_certificate(
    env: Annotated[Environment, Depends(tenant_env)],
    contract_id: Annotated[int, Path(ge=1, le=MAX_INT)],
):
    """The rent certificate of one of her contracts, as the web portal's
    download gives it (for an office or a landlord): made anew with today's
    figures, each generation noted on the contract."""
    return pdf_response(*_find(env, contract_id)._wbg54_render_rent_certificate())


def _find(env, contract_id):
    # hers as main member or co-member, with her record rules; another
    # tenant's contract is not there for her, as an id nobody has
    Contract_ = env["wbg54.contract"]
    found = Contract_.search(
        [("id", "=", contract_id)]
        + Contract_._wbg54_tenant_domain(env.user.partner_id),
        limit=1,
    )
    if not found:
        raise ApiProblem(404, env._("Contract not found."))
    return found


def _role(env, code):
    labels = {
        "main_member": env._("Main member"),
        "co_member": env._("Co-member"),
    }
    return {"code": code, "label": labels[code]}
