import logging
import random
import threading
from datetime import timedelta

import requests
from pyfcm.errors import (
    AuthenticationError,
    FCMError,
    FCMNotRegisteredError,
    FCMSenderIdMismatchError,
    InvalidDataError,
    RetryAfterException,
)

from odoo import api, fields, models
from odoo.tools import SQL

from ..routers.common import API
from ..tools.fcm import FCM_ENDPOINT, QueueFCM, parse_service_account

_logger = logging.getLogger(__name__)

# the app API's resource of a message's record (its deep link for 54er2go)
API_PATHS = {
    "helpdesk.ticket": "/requests/{id}",
    "wbg54.document": "/documents/{id}",
    "wbg54.notice": "/notices",
}

EVENTS = [
    ("document", "New Document"),
    ("notice", "Building Notice"),
    ("ticket", "Request Update"),
]
# answers that say the token will never work again: the device is deactivated
DEAD_TOKEN_CODES = ("UNREGISTERED", "INVALID_ARGUMENT", "SENDER_ID_MISMATCH")


class Wbg54PushMessage(models.Model):
    """The push outbox: one row per message and device.

    Rows are created in the transaction of their cause (a published document,
    a notice, a ticket update), so a rolled-back cause sends nothing. A
    triggered cron drains the outbox: it claims a batch with
    ``FOR UPDATE SKIP LOCKED`` (several workers or servers can drain side by
    side without taking the same rows), marks it ``sending`` with a lease and
    commits; a worker killed mid-batch leaves rows whose lease runs out and
    the next run sends them again (at-least-once; the app drops a repeated
    ``id``)."""

    _name = "wbg54.push.message"
    _description = "Push Message"
    _order = "id desc"
    _rec_name = "title"

    device_id = fields.Many2one(
        "wbg54.push.device", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(related="device_id.partner_id", string="Recipient")
    event = fields.Selection(EVENTS, required=True)
    title = fields.Char(required=True)
    body = fields.Char()
    url = fields.Char(
        string="Deep Link", help="Portal page the app opens when the message is tapped."
    )
    res_model = fields.Char(string="Related Model")
    res_id = fields.Many2oneReference(string="Related Record", model_field="res_model")
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("sending", "Sending"),
            ("sent", "Sent"),
            ("failed", "Failed, will retry"),
            ("dead", "Dead"),
        ],
        default="queued",
        required=True,
        index=True,
        readonly=True,
    )
    attempt_count = fields.Integer(string="Attempts", default=0, readonly=True)
    next_attempt_at = fields.Datetime(readonly=True)
    lease_until = fields.Datetime(readonly=True)
    sent_at = fields.Datetime(readonly=True)
    fcm_message_id = fields.Char(string="FCM Message", readonly=True)
    error = fields.Char(readonly=True)

    def init(self):
        # the drain looks only at rows still to send
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS wbg54_push_message_pending_idx ON %s (id) "
                "WHERE state IN ('queued', 'failed', 'sending')",
                SQL.identifier(self._table),
            )
        )

    # ------------------------------------------------------------
    # Queueing
    # ------------------------------------------------------------

    @api.model
    def _queue(self, event, pairs, render, url):
        """Queue a push to every active device of each partner who wants
        ``event`` by push.

        :param pairs: (partner, record) tuples, the record the message is about
        :param render: ``render(record) -> (title, body)``, called with the
            record in the partner's language (once per language and record)
        :param url: ``url(record) -> str``, the portal path the app opens
        """
        preference = f"wbg54_notify_{event}_push"
        partners = self.env["res.partner"].concat(
            *(partner for partner, _record in pairs)
        )
        wanted = partners.filtered(preference)
        if not wanted:
            return self
        # the devices of other users are not readable by the cause's user (a
        # tenant's ticket message)
        devices_by_partner = (
            self.env["wbg54.push.device"]
            .sudo()
            .search([("partner_id", "in", wanted.ids)])
            .grouped("partner_id")
        )
        texts = {}
        vals_list = []
        for partner, record in pairs:
            devices = devices_by_partner.get(partner)
            if not devices or not partner[preference]:
                continue
            key = (partner.lang, record)
            if key not in texts:
                title, body = render(record.with_context(lang=partner.lang))
                texts[key] = (title, body, url(record))
            title, body, path = texts[key]
            vals_list += [
                {
                    "device_id": device.id,
                    "event": event,
                    "title": title,
                    "body": body,
                    "url": path,
                    "res_model": record._name,
                    "res_id": record.id,
                }
                for device in devices
            ]
        if not vals_list:
            return self
        messages = self.sudo().create(vals_list)
        self.env.ref("wbg54_portal.ir_cron_send_push")._trigger()
        return messages

    # ------------------------------------------------------------
    # Draining
    # ------------------------------------------------------------

    def _param(self, key, default):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(f"wbg54_portal.push_{key}", default)
        )

    @api.model
    def _fcm_client(self):
        ICP = self.env["ir.config_parameter"].sudo()
        text = ICP.get_param("wbg54_portal.fcm_service_account")
        if not text:
            return None
        try:
            info = parse_service_account(text)
        except ValueError:
            _logger.error(
                "The Firebase service account in the settings is not valid; "
                "push messages wait."
            )
            return None
        return QueueFCM(
            info,
            project_id=ICP.get_param("wbg54_portal.fcm_project_id") or None,
            endpoint=ICP.get_param("wbg54_portal.fcm_endpoint") or FCM_ENDPOINT,
        )

    def _claim(self, limit, auto_commit=False):
        self.flush_model()
        if auto_commit:
            # Odoo's REPEATABLE READ would fail with "could not serialize" when
            # another worker claimed rows after this transaction began; under
            # READ COMMITTED, SKIP LOCKED simply passes over them. The outbox's
            # at-least-once design needs its own commits, as Odoo's mail queue does
            self.env.cr.commit()  # pylint: disable=invalid-commit
            self.env.cr.execute(SQL("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"))
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
            UPDATE %(table)s
               SET state = 'sending', attempt_count = attempt_count + 1,
                   lease_until = %(lease)s, write_date = %(now)s, write_uid = %(uid)s
             WHERE id IN (
                SELECT id FROM %(table)s
                 WHERE (state IN ('queued', 'failed')
                        AND (next_attempt_at IS NULL OR next_attempt_at <= %(now)s))
                    OR (state = 'sending' AND lease_until < %(now)s)
                 ORDER BY id
                 LIMIT %(limit)s
                   FOR UPDATE SKIP LOCKED)
         RETURNING id
        """,
                table=SQL.identifier(self._table),
                now=now,
                uid=self.env.uid,
                limit=limit,
                lease=now + timedelta(seconds=self._param("lease_seconds", 600)),
            )
        )
        ids = sorted(row[0] for row in self.env.cr.fetchall())
        self.invalidate_model(["state", "attempt_count", "lease_until"])
        return self.browse(ids)

    def _pending_count(self):
        now = fields.Datetime.now()
        return self.search_count(
            [
                "|",
                "&",
                ("state", "in", ("queued", "failed")),
                "|",
                ("next_attempt_at", "=", False),
                ("next_attempt_at", "<=", now),
                "&",
                ("state", "=", "sending"),
                ("lease_until", "<", now),
            ]
        )

    @api.model
    def _cron_send(self, batch_size=None):
        """Send one batch of due messages and report the progress to the cron."""
        client = self._fcm_client()
        if client is None:
            _logger.info("Firebase is not configured: push messages stay queued.")
            return
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        messages = self._claim(
            batch_size or self._param("batch_size", 500), auto_commit
        )
        if auto_commit:
            # the claim (state sending, lease) is visible to other workers before
            # the slow sending: the outbox's at-least-once design needs its own
            # commits, as Odoo's mail queue does
            self.env.cr.commit()  # pylint: disable=invalid-commit
        done = messages._send(client, auto_commit)
        self.env["ir.cron"]._notify_progress(done=done, remaining=self._pending_count())
        self._trigger_next_retry()

    def _send(self, client, auto_commit=False):
        """Send the claimed messages; returns how many got a final outcome."""
        timeout = self._param("timeout_seconds", 10)
        outcomes = {"sent": [], "failed": [], "dead": []}
        done = 0
        try:
            # the property fetches the OAuth2 token
            client.requests_session  # noqa: B018
        except FCMError as e:
            _logger.warning("Firebase refused the service account: %s", e)
            self._retry_later(str(e))
            return 0
        for index, message in enumerate(self):
            try:
                result = client.notify(
                    fcm_token=message.device_id.token,
                    notification_title=message.title,
                    notification_body=message.body or None,
                    data_payload=message._data(),
                    timeout=timeout,
                )
            except RetryAfterException as e:
                # FCM asks to slow down: this message and the rest of the batch wait
                at = fields.Datetime.now() + timedelta(seconds=e.delay)
                message._retry_later(f"Retry-After: {e.delay} s", at=at)
                self[index + 1 :]._release(at)
                break
            except FCMNotRegisteredError:
                outcomes["dead"].append((message, "UNREGISTERED"))
            except (InvalidDataError, FCMSenderIdMismatchError) as e:
                code = QueueFCM.error_code(str(e)) or (
                    "SENDER_ID_MISMATCH"
                    if isinstance(e, FCMSenderIdMismatchError)
                    else "INVALID"
                )
                outcomes["dead"].append((message, f"{code}: {e}"[:500]))
            except AuthenticationError as e:
                outcomes["failed"].append((message, str(e)))
            except (FCMError, requests.RequestException) as e:
                outcomes["failed"].append((message, f"{type(e).__name__}: {e}"[:500]))
            else:
                outcomes["sent"].append((message, result.get("name")))
            done += 1
            # a killed worker resends at most this many delivered messages (the
            # outbox's at-least-once design needs its own commits, as Odoo's mail
            # queue does)
            if auto_commit and done % 20 == 0:
                self._write_outcomes(outcomes)
                self.env.cr.commit()  # pylint: disable=invalid-commit
        self._write_outcomes(outcomes)
        return done

    def _data(self):
        self.ensure_one()
        base_url = self.get_base_url()
        # FCM data values must be strings; "id" lets the app drop a repeated delivery
        return {
            "id": str(self.id),
            "event": self.event,
            "url": base_url + (self.url or "/my"),
            # the app API's resource the app opens (the same record as the page)
            "api": self._api_path(),
            "model": self.res_model or "",
            "res_id": str(self.res_id or ""),
        }

    def _api_path(self):
        path = API_PATHS.get(self.res_model)
        return API + path.format(id=self.res_id) if path else ""

    def _write_outcomes(self, outcomes):
        sent, failed, dead = outcomes["sent"], outcomes["failed"], outcomes["dead"]
        self.flush_model()
        now = fields.Datetime.now()
        if sent:
            # one statement for the batch: each row keeps its own FCM message name
            self.env.cr.execute(
                SQL(
                    """UPDATE %(table)s AS m
                      SET state = 'sent', sent_at = %(now)s, fcm_message_id = v.name,
                          error = NULL, lease_until = NULL, next_attempt_at = NULL,
                          write_date = %(now)s
                     FROM (VALUES %(values)s) AS v(id, name)
                    WHERE m.id = v.id""",
                    table=SQL.identifier(self._table),
                    now=now,
                    values=SQL(", ").join(
                        SQL("(%s, %s)", message.id, name) for message, name in sent
                    ),
                )
            )
            self.browse([message.id for message, _name in sent]).invalidate_recordset()
        max_attempts = self._param("max_attempts", 8)
        for message, error in failed:
            if message.attempt_count >= max_attempts:
                dead.append(
                    (
                        message,
                        f"gave up after {message.attempt_count} attempts: {error}"[
                            :500
                        ],
                    )
                )
            else:
                message._retry_later(error)
        for message, reason in dead:
            message.write(
                {
                    "state": "dead",
                    "error": reason,
                    "lease_until": False,
                    "next_attempt_at": False,
                }
            )
            code = reason.split(":")[0]
            if code in DEAD_TOKEN_CODES:
                message.device_id._deactivate(code)
        for key in outcomes:
            outcomes[key] = []

    def _retry_later(self, error, at=None):
        """Back off exponentially (with jitter so a crowd of retries spreads out)."""
        base = self._param("backoff_seconds", 30)
        for message in self:
            delay = min(
                base * 2 ** max(message.attempt_count - 1, 0), 3600
            ) * random.uniform(1.0, 1.25)
            message.write(
                {
                    "state": "failed",
                    "error": error,
                    "lease_until": False,
                    "next_attempt_at": at
                    or fields.Datetime.now() + timedelta(seconds=delay),
                }
            )

    def _release(self, at):
        """Give claimed but untried messages back to the queue, due at ``at``."""
        if not self:
            return
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET state = 'queued', attempt_count = attempt_count - 1, "
                "lease_until = NULL, next_attempt_at = %s WHERE id IN %s",
                SQL.identifier(self._table),
                at,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(
            ["state", "attempt_count", "lease_until", "next_attempt_at"]
        )

    def _trigger_next_retry(self):
        waiting = self.search(
            [("state", "in", ("queued", "failed")), ("next_attempt_at", "!=", False)],
            order="next_attempt_at",
            limit=1,
        )
        if waiting:
            self.env.ref("wbg54_portal.ir_cron_send_push")._trigger(
                at=waiting.next_attempt_at
            )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_retry(self):
        self.filtered(lambda m: m.state in ("failed", "dead")).write(
            {"state": "queued", "next_attempt_at": False, "attempt_count": 0}
        )
        self.env.ref("wbg54_portal.ir_cron_send_push")._trigger()
