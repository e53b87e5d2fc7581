from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from odoo.api import Environment

from ..dependencies import Paging, paging, tenant_env
from ..error_handlers import ApiProblem
from ..schemas import Document, DocumentPage
from ..tools.params import MAX_INT
from .common import (
    API,
    AUTH_RESPONSES,
    COMMON_RESPONSES,
    NOT_FOUND,
    NOT_MODIFIED,
    json_response,
    stream_response,
)

router = APIRouter(tags=["documents"], responses={**COMMON_RESPONSES, **AUTH_RESPONSES})
ORDER = "document_date desc, id desc"


def _domain(env):
    # published for her (her record rule says the same)
    return [
        ("state", "=", "published"),
        ("recipient_ids.partner_id", "=", env.user.partner_id.id),
    ]


def _opened_at(env, documents):
    recipients = env["wbg54.document.recipient"].search(
        [
            ("document_id", "in", documents.ids),
            ("partner_id", "=", env.user.partner_id.id),
            ("opened_at", "!=", False),
        ]
    )
    return {recipient.document_id.id: recipient.opened_at for recipient in recipients}


def _document(document, opened_at):
    return Document(
        id=document.id,
        title=document.name,
        category={"id": document.category_id.id, "name": document.category_id.name},
        date=document.document_date,
        published_at=document.published_at or None,
        file_name=document.file_name or None,
        opened=bool(opened_at),
        opened_at=opened_at or None,
        content_url=f"{API}/documents/{document.id}/content",
        web_url=f"/my/documents/{document.id}/download",
    )


def _find(env, document_id):
    found = env["wbg54.document"].search(
        [("id", "=", document_id)] + _domain(env), limit=1
    )
    if not found:
        raise ApiProblem(404, env._("Document not found."))
    return found


@router.get("/documents", response_model=DocumentPage, responses=NOT_MODIFIED)
async def documents(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    page: Annotated[Paging, Depends(paging)],
    category: Annotated[
        int | None, Query(ge=1, le=MAX_INT, description="a category id")
    ] = None,
    year: Annotated[
        int | None, Query(ge=1, le=9999, description="the document's year")
    ] = None,
):
    """Her documents: the unread ones first, then the read ones, each newest
    first; optionally of one category and one year."""
    Document_ = env["wbg54.document"]
    partner_id = env.user.partner_id.id
    domain = _domain(env)
    if category:
        domain.append(("category_id", "=", category))
    if year:
        domain += [
            ("document_date", ">=", f"{year:04d}-01-01"),
            ("document_date", "<=", f"{year:04d}-12-31"),
        ]

    def receipt(opened):
        return [
            (
                "recipient_ids",
                "any",
                [
                    ("partner_id", "=", partner_id),
                    ("opened_at", "!=" if opened else "=", False),
                ],
            )
        ]

    total = Document_.search_count(domain)
    unread_count = Document_.search_count(domain + receipt(False))
    unread = Document_.browse()
    if page.offset < unread_count:
        unread = Document_.search(
            domain + receipt(False), order=ORDER, limit=page.limit, offset=page.offset
        )
    read = Document_.browse()
    if len(unread) < page.limit and page.offset + len(unread) < total:
        read = Document_.search(
            domain + receipt(True),
            order=ORDER,
            limit=page.limit - len(unread),
            offset=max(0, page.offset - unread_count),
        )
    opened = _opened_at(env, read)
    return json_response(
        request,
        DocumentPage(
            items=[_document(document, None) for document in unread]
            + [_document(document, opened.get(document.id)) for document in read],
            **page.page_values(total),
        ),
    )


@router.get(
    "/documents/{document_id}",
    response_model=Document,
    responses={**NOT_MODIFIED, **NOT_FOUND},
)
async def document(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    document_id: Annotated[int, Path(ge=1, le=MAX_INT)],
):
    """One of her documents."""
    found = _find(env, document_id)
    return json_response(
        request, _document(found, _opened_at(env, found).get(found.id))
    )


@router.get(
    "/documents/{document_id}/content",
    response_class=Response,
    responses={
        200: {
            "description": "The file (mostly PDF), as a download",
            "content": {"application/pdf": {}, "application/octet-stream": {}},
        },
        **NOT_MODIFIED,
        **NOT_FOUND,
    },
)
async def document_content(
    request: Request,
    env: Annotated[Environment, Depends(tenant_env)],
    document_id: Annotated[int, Path(ge=1, le=MAX_INT)],
):
    """Download one of her documents; the first download is her read
    receipt, as on the web portal."""
    found = _find(env, document_id)
    env["wbg54.document.recipient"]._wbg54_mark_opened(found)
    # hers, found with her record rules; sudo as the web's download does
    # (CustomerPortal._document_check_access) to stream the stored file
    document_sudo = found.sudo()
    stream = env["ir.binary"]._get_stream_from(
        document_sudo,
        "file",
        filename=document_sudo.file_name or document_sudo.name,
    )
    return stream_response(request, stream)
