"""Single-use links mailed for a confirmation (sign-up, login e-mail change).

Only a keyed hash of the token is stored; the token itself travels in the
e-mail alone, so that e-mail is sent at once and dropped when it could not be
sent (the tenant asks again) rather than kept in the mail queue."""

import logging
import secrets
from datetime import timedelta

from odoo import fields
from odoo.tools.misc import hmac

_logger = logging.getLogger(__name__)


def token_hash(env, scope, token):
    return hmac(env(su=True), scope, token)


def new_token(env, scope):
    """Return a fresh URL token, its keyed hash and its expiry."""
    token = secrets.token_urlsafe(32)
    hours = int(
        env["ir.config_parameter"]
        .sudo()
        .get_param("wbg54_portal.confirmation_hours", 24)
    )
    return (
        token,
        token_hash(env, scope, token),
        fields.Datetime.now() + timedelta(hours=hours),
    )


def send_link_mail(template, record, url, **email_values):
    """Send ``template`` for ``record`` with ``url`` as its link, now or never.

    :return: whether the mail went out; the caller tells the visitor the
        truth (and the sign-up keeps nothing when it did not)
    """
    mail_id = (
        template.with_context(wbg54_confirm_url=url)
        .sudo()
        .send_mail(
            record.id,
            force_send=True,
            raise_exception=False,
            email_values={"auto_delete": True, **email_values},
        )
    )
    # a sent mail is gone already (auto_delete); one that stayed has failed
    mail = record.env["mail.mail"].sudo().browse(mail_id).exists()
    if mail and mail.state != "sent":
        _logger.warning(
            "Confirmation e-mail %s could not be sent (%s); dropped",
            mail.id,
            mail.failure_reason,
        )
        mail.unlink()
        return False
    return True
