"""Benchmark data for wbg54_portal at the scale of a housing cooperative.

``grow(env, scale)`` fills a database where wbg54_portal is installed
(without demo data) through the ORM, in batches, and is additive: it brings
the database from the bench data it already holds up to ``scale``, so one
database can be measured at scale 0.1, grown to 1, then to 10. Scale 1 is
about 1,000 households.

Per household: one apartment in a building of about 24 units (about 5 %
of the units stay vacant), a member (and for about 30 % a co-member), an
active usage contract with fee history (about 3 % of the units were let
before under a contract that has ended, to a former member), posted share
movements, 10 published member or contract documents (each building has 2
more), about 5 tickets with 1-3 comments, and for the first
``100 + 100 * scale`` households a portal user ``bench000001@wbg54.example``
... (password ``Wohnen2024``) with a push device. Buildings get two notices
each, one published and valid, one resolved. Staff user
``bench.staff@wbg54.example`` / ``staff2024``.

Where the addon's own code would work record by record (member numbers,
contract and ticket numbers, the reply-to of each message), the generator
hands in the values it computed for the whole batch; share movements are
posted with ``action_post`` and contracts activated with ``action_activate``
(in slices: its overlap check is quadratic in the batch size).

Everything random comes from ``random.Random`` seeded per building and per
household, so household 42 is the same whatever the chunking or the order
of growing. Dates are relative to the day of generation.

One module per kind of record, each a mixin of the generator below with
its constants, its plans (pure Python) and its ``_create_*`` methods:
buildings.py (buildings, units, caretakers), members.py (households:
members, co-members, former members), contracts.py (usage contracts, fee
lines), shares.py (share movements), documents.py (documents and their
recipients), notices.py (building notices and their recipients), tickets.py
(damage reports, applications, messages with photos), users.py (staff,
portal users with push devices, registrations and consents); common.py holds
the scale, batch sizes and date helpers.

Command line (prints the report as JSON)::

    .venv/bin/python -m bench.generate -c .run/odoo.conf -d DB --scale 1 \
        [--json out.json]
"""

import argparse
import json
import logging
from datetime import timedelta
from time import perf_counter

from odoo import SUPERUSER_ID, api, fields
from odoo.tools import SQL, formataddr

from .buildings import BuildingsMixin
from .common import CHUNK_HOUSEHOLDS, CONTEXT, HOUSEHOLDS_PER_SCALE, SEED, BATCH, _Stats
from .contracts import ContractsMixin
from .documents import DocumentsMixin
from .members import MembersMixin
from .notices import NoticesMixin
from .shares import SharesMixin
from .tickets import APPLICATIONS, DAMAGE, TicketsMixin, _jpeg
from .users import UsersMixin

_logger = logging.getLogger(__name__)


class _Generator(
    BuildingsMixin,
    MembersMixin,
    ContractsMixin,
    SharesMixin,
    DocumentsMixin,
    NoticesMixin,
    TicketsMixin,
    UsersMixin,
):
    """Plans households (pure Python, seeded) and creates them chunk by chunk."""

    def __init__(self, env, seed, commit):
        self.env = env(context=dict(env.context, **CONTEXT))
        self.seed = seed
        self.do_commit = commit
        self.stats = _Stats()
        self.today = fields.Date.context_today(self.env["res.partner"])
        self.now = fields.Datetime.now()
        self.portal_start = self.today - timedelta(days=3 * 365)  # the portal went live
        self.building_plans = []
        # household n lives in building_plans[k].units[u]: slots[n - 1] = (k, u)
        self.slots = []

    def setup(self):
        env = self.env
        ref = env.ref
        lang = (
            env["res.lang"]
            .with_context(active_test=False)
            .search([("code", "=", "de_DE")])
        )
        if not lang.active:
            env["res.lang"]._activate_lang("de_DE")
        self.company = env.company
        self.nominal_value = self.company.share_nominal_value or 160.0
        self.country_id = ref("base.de").id
        self.doc_categories = {
            key: ref(f"wbg54_portal.document_category_{key}").id
            for key in (
                "operating_costs",
                "contract",
                "letters",
                "certificates",
                "house_rules",
                "receipts",
            )
        }
        self.teams = {
            key: ref(f"wbg54_portal.helpdesk_team_{key}")
            for key in ("technical", "administration")
        }
        self.damage = {}
        for xmlid, (label, texts) in DAMAGE.items():
            category = ref(f"wbg54_portal.{xmlid}")
            self.damage[xmlid] = (
                category.id,
                category.wbg54_team_id.id or self.teams["technical"].id,
                label,
                texts,
            )
        self.applications = {}
        for xmlid, (label, questions) in APPLICATIONS.items():
            application_type = ref(f"wbg54_portal.{xmlid}")
            self.applications[xmlid] = (
                application_type.id,
                application_type.team_id.id,
                label,
                questions,
            )
        self.stages = {
            key: ref(f"helpdesk_mgmt.helpdesk_ticket_stage_{key}").id
            for key in (
                "new",
                "in_progress",
                "awaiting",
                "done",
                "cancelled",
                "rejected",
            )
        }
        self.channels = {
            key: ref(f"helpdesk_mgmt.helpdesk_ticket_channel_{key}").id
            for key in ("web", "email", "phone")
        }
        self.comment_subtype_id = ref("mail.mt_comment").id
        self.portal_group_id = ref("base.group_portal").id
        self.staff = self._ensure_staff()
        self.staff_partner = self.staff.partner_id
        self.staff_email_from = formataddr(
            (self.staff_partner.name, self.staff_partner.email)
        )
        self.photo = _jpeg()
        self.consent_versions = env["wbg54.consent"]._current_versions()
        self.sequences = {
            code: env["ir.sequence"].search([("code", "=", code)], limit=1)
            for code in ("wbg54.member", "wbg54.contract", "helpdesk.ticket.sequence")
        }

    def existing_households(self):
        last = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("ref", "=like", "BENCH-H%")], order="ref desc", limit=1)
        )
        return int(last.ref[len("BENCH-H") :]) if last else 0

    def _layout(self, households):
        """Plan buildings until there are ``households`` occupied apartments."""
        while len(self.slots) < households:
            k = len(self.building_plans)
            plan = self._plan_building(k)
            self.building_plans.append(plan)
            self.slots += [
                (k, u) for u, unit in enumerate(plan["units"]) if not unit["vacant"]
            ]

    def _create(self, model, vals_list, env=None):
        Model = (env or self.env)[model]
        ids = []
        t0 = perf_counter()
        for start in range(0, len(vals_list), BATCH):
            ids += Model.create(vals_list[start : start + BATCH]).ids
            # stored computes run at the flush: count them with the model
            Model.env.flush_all()
        self.stats.add(model, len(ids), perf_counter() - t0)
        return ids

    def _reserve(self, code, count):
        """``count`` numbers of sequence ``code``, as next_by_code() would hand
        them out one by one."""
        sequence = self.sequences[code]
        if not count:
            return []
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [self.env["ir.sequence"].next_by_code(code) for _i in range(count)]
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{sequence.id:03d}",
                count,
            )
        )
        # get_next_char() with the prefix and suffix interpolated once
        prefix, suffix = sequence._get_prefix_suffix()
        return [
            f"{prefix}{number:0{sequence.padding}d}{suffix}"
            for (number,) in self.env.cr.fetchall()
        ]

    def _commit(self):
        t0 = perf_counter()
        if self.do_commit:
            # a chunk of households is complete in itself: keep it in the bench
            # database even if a later chunk fails (hours at scale 10)
            self.env.cr.commit()  # pylint: disable=invalid-commit
        self.env.invalidate_all()
        self.stats.step("commit", perf_counter() - t0)

    def grow_households(self, before, target, chunk_size):
        self._layout(target)
        for first in range(before + 1, target + 1, chunk_size):
            last = min(target, first + chunk_size - 1)
            t0 = perf_counter()
            self._grow_chunk(first, last)
            self._commit()
            seconds = perf_counter() - t0
            _logger.info(
                "bench: households %s-%s of %s in %.1fs (%.0f households/s)",
                first,
                last,
                target,
                seconds,
                (last - first + 1) / seconds,
            )

    def _grow_chunk(self, first, last):
        env = self.env
        t0 = perf_counter()
        numbers = range(first, last + 1)
        buildings = self._ensure_buildings(
            sorted({self.slots[n - 1][0] for n in numbers})
        )
        plans = []
        for n in numbers:
            k, u = self.slots[n - 1]
            plan = self._plan_household(
                n, self.building_plans[k], self.building_plans[k]["units"][u]
            )
            plan["building_db"] = buildings[k]
            plan["unit_id"] = buildings[k]["units"][plan["unit"]["name"]]
            plans.append(plan)
        self.stats.step("plan", perf_counter() - t0)

        self._create_partners(plans)
        self._create_contracts(plans)
        self._create_share_movements(plans)
        self._create_documents(plans)
        self._create_building_document_recipients(plans)
        self._create_building_notice_recipients(plans)
        self._create_tickets(plans)
        env.flush_all()

    def building_count(self, households):
        self._layout(households)
        return len({k for k, _u in self.slots[:households]})


def grow(env, scale, seed=SEED, commit=True, chunk_size=CHUNK_HOUSEHOLDS):
    """Bring the bench data of the database up to ``scale`` (1 = 1,000 households).

    Additive: households already there stay and the next ones are added, so
    growing 0.1 -> 1 -> 10 ends with the same data as generating 10 at once.
    Commits after each chunk of ``chunk_size`` households (each chunk is
    complete in itself) unless ``commit`` is false.

    :return: dict with, per model, records created, seconds and records per
        second, the totals and the household count before and after
    """
    started = perf_counter()
    generator = _Generator(env, seed, commit)
    t0 = perf_counter()
    generator.setup()
    generator.stats.step("setup", perf_counter() - t0)
    before = generator.existing_households()
    target = max(1, round(scale * HOUSEHOLDS_PER_SCALE))
    if target > before:
        generator.grow_households(before, target, chunk_size)
    households = max(before, target)
    generator.ensure_users(min(households, int(100 + 100 * scale)))
    generator._commit()
    models, steps, created, seconds = generator.stats.report()
    elapsed = perf_counter() - started
    return {
        "scale": scale,
        "seed": seed,
        "households_before": before,
        "households": households,
        "buildings": generator.building_count(households),
        "models": models,
        "steps": steps,
        "totals": {
            "created": created,
            "seconds_in_create": round(seconds, 2),
            "seconds": round(elapsed, 2),
            "per_second": round(created / elapsed, 1) if elapsed else None,
        },
    }


def main(argv=None):
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument(
        "--scale", type=float, required=True, help="1 = about 1,000 households"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--chunk", type=int, default=CHUNK_HOUSEHOLDS, help="households per transaction"
    )
    parser.add_argument("--json", help="also write the report to this file")
    args = parser.parse_args(argv)
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        report = grow(env, args.scale, seed=args.seed, chunk_size=args.chunk)
    text = json.dumps(report, indent=2)
    print(text)  # pylint: disable=print-used (the command line's output)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as file:
            file.write(text + "\n")


if __name__ == "__main__":
    main()
