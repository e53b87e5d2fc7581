"""Throughput of the mass operations, on committed data in the bench database.

Each measurement commits (``invalid-commit`` disabled at those lines): the
time includes the commit, as in production, and the next step, like the push
cron, needs the rows committed, as the outbox's own cron does."""

import base64
import secrets
import sys
import time
from pathlib import Path

from odoo import SUPERUSER_ID, api

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.fake_fcm import FakeFCM  # noqa: E402

CONTEXT = {"mail_create_nosubscribe": True, "tracking_disable": True}


def _env(cr):
    return api.Environment(cr, SUPERUSER_ID, dict(CONTEXT))


def _count(env, model, domain):
    return env[model].search_count(domain)


def publish_documents(registry, count=10000):
    """Publish ``count`` operating-cost statements, one per household, with
    their e-mails (mail queue) and pushes (outbox) queued; as the mass upload
    does: one create, one publish."""
    with registry.cursor() as cr:
        env = _env(cr)
        members = env["res.partner"].search(
            [("membership_state", "=", "member"), ("contract_ids", "!=", False)],
            limit=count,
            order="id",
        )
        category = env.ref("wbg54_portal.document_category_operating_costs")
        mails_before = _count(env, "mail.mail", [])
        pushes_before = _count(env, "wbg54.push.message", [])
        start = time.perf_counter()
        documents = env["wbg54.document"].create(
            [
                {
                    "name": "Betriebskostenabrechnung 2026",
                    "category_id": category.id,
                    "scope": "member",
                    "partner_id": member.id,
                    "file_name": f"BK2026_{member.member_number}.pdf",
                    "file": base64.b64encode(
                        b"%PDF-1.4\n% Betriebskostenabrechnung "
                        + member.member_number.encode()
                    ),
                }
                for member in members
            ]
        )
        env.flush_all()
        created = time.perf_counter()
        documents.action_publish()
        env.flush_all()
        cr.commit()  # pylint: disable=invalid-commit
        done = time.perf_counter()
        return {
            "documents": len(documents),
            "create_s": round(created - start, 2),
            "publish_s": round(done - created, 2),
            "total_s": round(done - start, 2),
            "documents_per_s": round(len(documents) / (done - start), 1),
            "mails_queued": _count(env, "mail.mail", []) - mails_before,
            "pushes_queued": _count(env, "wbg54.push.message", []) - pushes_before,
        }


def notice_to_households(registry, households=2000):
    """A notice to the buildings of about ``households`` households."""
    with registry.cursor() as cr:
        env = _env(cr)
        buildings = env["wbg54.building"].browse()
        tenants = env["res.partner"].browse()
        today = env.cr.now().date()
        for building in env["wbg54.building"].search([], order="id"):
            if len(tenants) >= households:
                break
            buildings |= building
            tenants |= building._current_tenants(today)
        mails_before = _count(env, "mail.mail", [])
        pushes_before = _count(env, "wbg54.push.message", [])
        start = time.perf_counter()
        notice = env["wbg54.notice"].create(
            {
                "name": "Wasser abgestellt",
                "kind": "appointment",
                "building_ids": [(6, 0, buildings.ids)],
                "body": "Wegen Arbeiten an der Hauptleitung ist das Wasser am "
                "Dienstag von 8 bis 12 Uhr abgestellt.",
            }
        )
        notice.action_publish()
        env.flush_all()
        cr.commit()  # pylint: disable=invalid-commit
        elapsed = time.perf_counter() - start
        return {
            "buildings": len(buildings),
            "tenants_informed": len(notice.recipient_ids),
            "seconds": round(elapsed, 2),
            "mails_queued": _count(env, "mail.mail", []) - mails_before,
            "pushes_queued": _count(env, "wbg54.push.message", []) - pushes_before,
        }


def drain_push(registry, count=5000, latency=0.0):
    """Queue ``count`` pushes (on top of what the runs before queued) and
    drain the whole outbox against the local fake FCM, as the cron does."""
    fcm = FakeFCM(latency=latency).start()
    try:
        with registry.cursor() as cr:
            env = _env(cr)
            ICP = env["ir.config_parameter"]
            saved = {
                key: ICP.get_param(f"wbg54_portal.{key}")
                for key in ("fcm_service_account", "fcm_project_id", "fcm_endpoint")
            }
            ICP.set_param(
                "wbg54_portal.fcm_service_account", fcm.service_account_json()
            )
            ICP.set_param("wbg54_portal.fcm_project_id", fcm.project_id)
            ICP.set_param("wbg54_portal.fcm_endpoint", fcm.endpoint)
            devices = env["wbg54.push.device"].search([], limit=count)
            if devices:
                env["wbg54.push.message"].create(
                    [
                        {
                            "device_id": devices[i % len(devices)].id,
                            "event": "notice",
                            "title": "Aufzug außer Betrieb",
                            "body": "Aufzug Haus 3",
                            "url": "/my",
                        }
                        for i in range(count)
                    ]
                )
            pending = _count(
                env, "wbg54.push.message", [("state", "in", ("queued", "failed"))]
            )
            cr.commit()  # pylint: disable=invalid-commit
            start = time.perf_counter()
            Message = env["wbg54.push.message"]
            while Message._pending_count():
                Message._cron_send()
                cr.commit()  # pylint: disable=invalid-commit
            elapsed = time.perf_counter() - start
            sent = len(fcm.delivered)
            for key, value in saved.items():
                ICP.set_param(f"wbg54_portal.{key}", value or False)
            cr.commit()  # pylint: disable=invalid-commit
        return {
            "messages": pending,
            "delivered": sent,
            "seconds": round(elapsed, 2),
            "pushes_per_s": round(sent / elapsed, 1) if elapsed else None,
            "duplicates": sum(n - 1 for n in fcm.delivered_ids().values()),
        }
    finally:
        fcm.stop()


def registration_checks(registry, count=2000):
    """Registration numbers checked per second (as the sign-up form does):
    nearly all wrong, as an attacker's would be."""
    # importable only once the addons path is set up
    from odoo.addons.wbg54_portal.models.wbg54_registration import (
        CODE_ALPHABET,
        CODE_LENGTH,
    )

    with registry.cursor() as cr:
        env = _env(cr)
        Registration = env["wbg54.registration"]
        codes = [
            "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
            for _j in range(count)
        ]
        start = time.perf_counter()
        found = sum(1 for code in codes if Registration._find_by_code(code))
        elapsed = time.perf_counter() - start
        return {
            "checks": count,
            "found": found,
            "seconds": round(elapsed, 3),
            "checks_per_s": round(count / elapsed, 1),
        }
