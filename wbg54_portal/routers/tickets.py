"""Her requests (Anliegen): damage reports, applications and their replies.
The checks and the creation are the model's (helpdesk.ticket._wbg54_submit_*),
as for the web portal's forms; here only the input is read and the answer
shaped."""

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Path, Request, UploadFile, status
from fastapi.responses import Response

from odoo.api import Environment
from odoo.tools import html2plaintext, plaintext2html

from ..dependencies import Paging, paging, tenant_env
from ..error_handlers import ApiProblem
from ..exceptions import FieldValidationError
from ..schemas import (
    ApplicationCreate,
    ApplicationTypeList,
    DamageCategoryList,
    RequestClose,
    RequestDetail,
    RequestPage,
    RequestSummary,
)
from ..tools.params import MAX_INT
from .common import (
    API,
    AUTH_RESPONSES,
    BODY_RESPONSES,
    COMMON_RESPONSES,
    NOT_FOUND,
    NOT_MODIFIED,
    json_response,
    labelled,
    stream_response,
)

router = APIRouter(tags=["requests"], responses={**COMMON_RESPONSES, **AUTH_RESPONSES})
ORDER = "create_date desc, id desc"
# the messages of her thread, as the portal's chatter shows them
THREAD_DOMAIN = [
    ("message_type", "in", ("comment", "email", "email_outgoing", "auto_comment")),
    ("subtype_id", "!=", False),
    ("subtype_id.internal", "=", False),
    "|",
    ("body", "!=", ""),
    ("attachment_ids", "!=", False),
]
# a reply's files: as many as a request's photos
MAX_FILES = 10
MAX_FILE_BYTES = 15 * 1024 * 1024
UPLOAD_RESPONSES = {
    **BODY_RESPONSES,
    415: BODY_RESPONSES[415] | {"description": "Request body is not multipart"},
}


def _stage(stage):
    return {"id": stage.id, "name": stage.name, "closed": stage.closed}


def _summary(ticket):
    return {
        "id": ticket.id,
        "number": ticket.number,
        "title": ticket.name,
        "kind": labelled(ticket, "wbg54_kind"),
        "stage": _stage(ticket.stage_id),
        "created_at": ticket.create_date,
        "updated_at": ticket.last_stage_update or None,
        "closed_at": ticket.closed_date or None,
        "url": f"{API}/requests/{ticket.id}",
        "web_url": f"/my/ticket/{ticket.id}",
    }


def _find(env, request_id):
    found = env["helpdesk.ticket"].search([("id", "=", request_id)], limit=1)
    if not found:
        raise ApiProblem(404, env._("Request not found."))
    return found


def _thread(ticket):
    """Her thread's messages (her rules hide staff's internal notes), oldest
    first; the files sent with the request; the ids of all the files she may
    download (those and the ones of the messages she reads)."""
    env = ticket.env
    messages = env["mail.message"].search(
        [("model", "=", ticket._name), ("res_id", "=", ticket.id)] + THREAD_DOMAIN,
        order="date asc, id asc",
    )
    # the files of her ticket, found with her rules, as its web page lists
    # them (those on a message apart, internal notes' too)
    sent = ticket._wbg54_request_files()
    # the messages her rules let her read, with their files and authors
    messages_sudo = messages.sudo()
    return messages_sudo, sent, sent | messages_sudo.attachment_ids


def _attachment(ticket, attachment):
    return {
        "id": attachment.id,
        "name": attachment.name,
        "mimetype": attachment.mimetype or "application/octet-stream",
        "size": attachment.file_size,
        "content_url": f"{API}/requests/{ticket.id}/attachments/{attachment.id}",
    }


def _detail(ticket):
    env = ticket.env
    # messages her rules let her read, with their authors' names and files
    # (the portal's chatter shows them the same way)
    messages_sudo, sent, _allowed = _thread(ticket)
    partner = env.user.partner_id
    contract = ticket.wbg54_contract_id
    answers = []
    described = env["helpdesk.ticket"]._wbg54_question_descriptions(
        ticket.wbg54_application_type_id
    )
    for field_name, description in described.items():
        value = ticket[field_name]
        answers.append(
            {
                "field": field_name,
                "question": description["string"],
                "type": description["type"],
                "value": value if value or value == 0 else None,
            }
        )
    closable = env["helpdesk.ticket.stage"]
    if not ticket.closed_date:
        closable = ticket.team_id._get_applicable_stages().filtered("close_from_portal")
    return RequestDetail(
        **_summary(ticket),
        description=html2plaintext(ticket.description or ""),
        category={"id": ticket.category_id.id, "name": ticket.category_id.name}
        if ticket.category_id
        else None,
        contract={
            "id": contract.id,
            "number": contract.name,
            "unit": contract.unit_id.name,
        }
        if contract
        else None,
        location=ticket.wbg54_location or None,
        urgency=labelled(ticket, "wbg54_urgency")
        if ticket.wbg54_kind == "damage"
        else None,
        access_allowed=ticket.wbg54_access_allowed,
        time_windows=ticket.wbg54_time_windows or None,
        application_type={
            "id": ticket.wbg54_application_type_id.id,
            "name": ticket.wbg54_application_type_id.name,
        }
        if ticket.wbg54_application_type_id
        else None,
        answers=answers,
        attachments=[_attachment(ticket, attachment) for attachment in sent],
        messages=[
            {
                "id": message.id,
                "date": message.date,
                "author": message.author_id.name or message.email_from or "",
                "from_her": message.author_id == partner,
                "body": html2plaintext(message.body or ""),
                "attachments": [
                    _attachment(ticket, attachment)
                    for attachment in message.attachment_ids.sorted("id")
                ],
            }
            for message in messages_sudo
        ],
        close_stages=[_stage(stage) for stage in closable],
    )


def _read_uploads(files):
    return [
        (upload.filename, upload.file.read(), upload.content_type)
        for upload in files or ()
        if upload.filename
    ]


# ------------------------------------------------------------
# READ
# ------------------------------------------------------------


@router.get("/requests", response_model=RequestPage, responses=NOT_MODIFIED)
async def requests(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    page: Annotated[Paging, Depends(paging)],
):
    """Her requests with their status, newest first."""
    Ticket = env["helpdesk.ticket"]
    found = Ticket.search([], order=ORDER, limit=page.limit, offset=page.offset)
    return json_response(
        request,
        RequestPage(
            items=[RequestSummary(**_summary(ticket)) for ticket in found],
            **page.page_values(Ticket.search_count([])),
        ),
    )


@router.get(
    "/requests/{request_id}",
    response_model=RequestDetail,
    responses={**NOT_MODIFIED, **NOT_FOUND},
)
async def request_detail(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    request_id: Annotated[int, Path(ge=1, le=MAX_INT)],
):
    """One of her requests: what she sent, the replies she can read (no
    internal notes) and the attachments."""
    return json_response(request, _detail(_find(env, request_id)))


@router.get(
    "/requests/{request_id}/attachments/{attachment_id}",
    response_class=Response,
    responses={
        200: {
            "description": "The file, as a download",
            "content": {"image/jpeg": {}, "application/octet-stream": {}},
        },
        **NOT_MODIFIED,
        **NOT_FOUND,
    },
)
async def request_attachment(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    request_id: Annotated[int, Path(ge=1, le=MAX_INT)],
    attachment_id: Annotated[int, Path(ge=1, le=MAX_INT)],
):
    """A photo or file of one of her requests or of a reply she can read."""
    ticket = _find(env, request_id)
    allowed = _thread(ticket)[2].filtered(lambda a: a.id == attachment_id)
    if not allowed:
        raise ApiProblem(404, env._("Attachment not found."))
    # a file of her ticket, sent with it or with a message she can read
    stream = env["ir.binary"]._get_stream_from(allowed, "raw")
    return stream_response(request, stream)


@router.get(
    "/damage-categories", response_model=DamageCategoryList, responses=NOT_MODIFIED
)
async def damage_categories(
    request: Request, env: Annotated[Environment, Depends(tenant_env)]
):
    """What may be damaged (the choice of a damage report)."""
    found = env["helpdesk.ticket.category"].search([("wbg54_damage", "=", True)])
    return json_response(
        request,
        DamageCategoryList(
            items=[{"id": category.id, "name": category.name} for category in found]
        ),
    )


@router.get(
    "/application-types", response_model=ApplicationTypeList, responses=NOT_MODIFIED
)
async def application_types(
    request: Request, env: Annotated[Environment, Depends(tenant_env)]
):
    """What she may apply for, each with its questions (all required)."""
    Ticket = env["helpdesk.ticket"]
    items = []
    for application_type in env["wbg54.application.type"].search([]):
        questions = Ticket._wbg54_question_descriptions(application_type)
        items.append(
            {
                "id": application_type.id,
                "name": application_type.name,
                "description": application_type.description or None,
                "questions": [
                    {
                        "field": field_name,
                        "question": description["string"],
                        "type": description["type"],
                        "required": True,
                    }
                    for field_name, description in questions.items()
                ],
            }
        )
    return json_response(request, ApplicationTypeList(items=items))


# ------------------------------------------------------------
# WRITE
# ------------------------------------------------------------


@router.post(
    "/requests/damage",
    response_model=RequestDetail,
    status_code=status.HTTP_201_CREATED,
    responses=UPLOAD_RESPONSES,
)
async def report_damage(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    category_id: Annotated[int, Form(ge=1, le=MAX_INT)],
    description: Annotated[str, Form(min_length=1, max_length=10000)],
    contract_id: Annotated[int | None, Form(ge=1, le=MAX_INT)] = None,
    location: Annotated[str | None, Form(max_length=200)] = None,
    urgency: Annotated[str, Form(pattern="^(normal|urgent|emergency)$")] = "normal",
    access_allowed: Annotated[bool, Form()] = False,
    time_windows: Annotated[str | None, Form(max_length=200)] = None,
    photos: Annotated[
        list[UploadFile] | None, File(description="JPEG, PNG or WebP, at most 10")
    ] = None,
):
    """Report damage, as a form with photos (multipart/form-data). Without
    `contract_id` it concerns her apartment."""
    values = {
        "category_id": category_id,
        "description": description,
        "contract_id": contract_id,
        "location": location,
        "urgency": urgency,
        "access_allowed": access_allowed,
        "time_windows": time_windows,
    }
    try:
        ticket = env["helpdesk.ticket"]._wbg54_submit_damage(
            values, _read_uploads(photos)
        )
    except FieldValidationError as error:
        raise ApiProblem.from_field_errors(error) from None
    return json_response(request, _detail(ticket), status_code=201, cache=False)


@router.post(
    "/requests/applications",
    response_model=RequestDetail,
    status_code=status.HTTP_201_CREATED,
    responses=BODY_RESPONSES,
)
async def apply(
    request: Request,
    body: ApplicationCreate,
    env: Annotated[Environment, Depends(tenant_env)],
):
    """Apply for something (GET /application-types names the questions to
    answer in `answers`)."""
    Ticket = env["helpdesk.ticket"]
    described = Ticket._wbg54_question_descriptions(
        env["wbg54.application.type"].search([("id", "=", body.application_type_id)])
    )
    unknown = set(body.answers) - set(described)
    if unknown:
        raise ApiProblem(
            422,
            errors=[
                {
                    "location": "body",
                    "field": f"answers.{name}",
                    "detail": env._("This field is not known."),
                }
                for name in sorted(unknown)
            ],
        )
    values = {
        **body.answers,
        "application_type_id": body.application_type_id,
        "description": body.description,
        "contract_id": body.contract_id,
    }
    try:
        ticket = Ticket._wbg54_submit_application(values)
    except FieldValidationError as error:
        raise ApiProblem.from_field_errors(
            error, {name: f"answers.{name}" for name in described}
        ) from None
    return json_response(request, _detail(ticket), status_code=201, cache=False)


@router.post(
    "/requests/{request_id}/messages",
    response_model=RequestDetail,
    status_code=status.HTTP_201_CREATED,
    responses={**UPLOAD_RESPONSES, **NOT_FOUND},
)
async def reply(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    request_id: Annotated[int, Path(ge=1, le=MAX_INT)],
    body: Annotated[str, Form(max_length=10000)] = "",
    attachments: Annotated[
        list[UploadFile] | None, File(description="files, at most 10 of 15 MB")
    ] = None,
):
    """Reply to one of her requests, with files (multipart/form-data)."""
    ticket = _find(env, request_id)
    files = _read_uploads(attachments)
    errors = {}
    text = body.strip()
    if "\x00" in text:
        errors["body"] = env._("The text must not contain control characters.")
    elif not text and not files:
        errors["body"] = env._("Please write a message or attach a file.")
    if len(files) > MAX_FILES:
        errors["attachments"] = env._(
            "Please send at most %(count)s files.", count=MAX_FILES
        )
    elif any(len(data) > MAX_FILE_BYTES for _name, data, _type in files):
        errors["attachments"] = env._("A file may be at most 15 MB.")
    if errors:
        raise ApiProblem.from_field_errors(FieldValidationError(errors))
    # her uploads, pending as the chatter's are (portal users have no access
    # to attachments); message_post moves them to her ticket, found with her
    # rules. Odoo stores HTML-like files of a portal user as text even so.
    attachments_sudo = (
        env["ir.attachment"]
        .sudo()
        .create(
            [
                {
                    "name": name or "file",
                    "raw": data,
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
                for name, data, _mimetype in files
            ]
        )
    )
    ticket.message_post(
        body=plaintext2html(text),
        message_type="comment",
        subtype_xmlid="mail.mt_comment",
        attachment_ids=attachments_sudo.ids,
    )
    return json_response(request, _detail(ticket), status_code=201, cache=False)


@router.post(
    "/requests/{request_id}/close",
    response_model=RequestDetail,
    responses={**BODY_RESPONSES, **NOT_FOUND},
)
async def close(
    request: Request,
    body: RequestClose,
    env: Annotated[Environment, Depends(tenant_env)],
    request_id: Annotated[int, Path(ge=1, le=MAX_INT)],
):
    """Close one of her requests as one of its `close_stages` (the web's
    close buttons)."""
    ticket = _find(env, request_id)
    stage = env["helpdesk.ticket.stage"]
    if not ticket.closed_date:
        stage = (
            ticket.team_id._get_applicable_stages()
            .filtered("close_from_portal")
            .filtered(lambda s: s.id == body.stage_id)
        )
    if not stage:
        raise ApiProblem.from_field_errors(
            FieldValidationError(
                {"stage_id": env._("Please choose one of the offered options.")}
            )
        )
    # her ticket, found with her rules, into a stage she may close it as
    # (helpdesk_mgmt's web route writes it the same way)
    ticket.sudo().stage_id = stage
    return json_response(request, _detail(ticket), cache=False)
