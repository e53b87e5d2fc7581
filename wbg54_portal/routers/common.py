"""What the routers share: answers with an ETag, the documented errors."""

import hashlib
import re
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import Response

from ..schemas.common import Problem

API = "/api/wbg54/v1"


def problem(description):
    return {"model": Problem, "description": description}


# every route: input FastAPI refuses
COMMON_RESPONSES = {422: problem("Invalid input; `errors` lists the fields")}
# routes that take a body: one that is broken, too large or no JSON
BODY_RESPONSES = {
    400: problem("Request body cannot be read (broken JSON or form)"),
    413: problem("Request body too large"),
    415: problem("Request body is not JSON"),
}
AUTH_RESPONSES = {401: problem("No valid access token: sign in (again)")}
NOT_FOUND = {404: problem("Not found, or not hers")}
NOT_MODIFIED = {
    304: {"description": "Not modified: the `If-None-Match` ETag is current"}
}


def etag_matches(if_none_match, etag):
    """Whether an ``If-None-Match`` header names ``etag`` (weakly compared)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    tags = (tag.strip() for tag in if_none_match.split(","))
    return any(tag.removeprefix("W/") == etag for tag in tags)


def json_response(request: Request, model, status_code=200, cache=True):
    """``model`` as JSON. ``cache``: with an ETag of its bytes, and 304 (no
    body) when the app's ``If-None-Match`` names it; else never stored."""
    body = model.model_dump_json().encode()
    headers = {"Vary": "Accept-Language, Authorization"}
    if not cache:
        headers["Cache-Control"] = "no-store"
        return Response(body, status_code, headers, media_type="application/json")
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    headers.update({"ETag": etag, "Cache-Control": "private, no-cache"})
    if etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, status_code, headers, media_type="application/json")


def content_disposition(filename):
    """The download's name for every client: an ASCII ``filename`` (curl -J,
    older clients) beside the exact UTF-8 ``filename*`` (RFC 6266; Odoo's
    ``http.content_disposition`` writes only the latter)."""
    ascii_name = re.sub(r'[^\x20-\x7e]|["\\]', "_", filename)
    return (
        f'attachment; filename="{ascii_name}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )


def stream_response(request: Request, stream):
    """An ``ir.binary`` stream as a download with its ETag, and 304 (no
    body) when the app's ``If-None-Match`` names it."""
    etag = f'"{stream.etag}"'
    headers = {
        "ETag": etag,
        "Cache-Control": "private, no-cache",
        "Content-Disposition": content_disposition(stream.download_name),
        "X-Content-Type-Options": "nosniff",
    }
    if etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(stream.read(), headers=headers, media_type=stream.mimetype)


def pdf_responses(description):
    """The documented 200 of a route answering a PDF download."""
    return {200: {"description": description, "content": {"application/pdf": {}}}}


def pdf_response(pdf, filename):
    """A PDF rendered for this request (a certificate) as a download named as
    on the web portal. Made anew each time and personal: never stored, no
    ETag (each rendering differs, and each is noted on the record)."""
    return Response(
        pdf,
        headers={
            "Cache-Control": "no-store",
            "Content-Disposition": content_disposition(filename),
            "X-Content-Type-Options": "nosniff",
        },
        media_type="application/pdf",
    )


def labelled(record, field_name):
    """{code, label} of a selection field, the label in the env's language."""
    code = record[field_name]
    if not code:
        return None
    labels = dict(record._fields[field_name]._description_selection(record.env))
    return {"code": code, "label": labels.get(code, code)}
