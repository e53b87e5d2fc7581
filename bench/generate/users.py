"""Users: the staff user, and portal users with push devices, registrations
and consents."""

import logging
import random
from datetime import timedelta
from time import perf_counter

from odoo.fields import Command
from odoo.tools import SQL

from .common import _at, _random_day
from .members import HOUSEHOLD_REF

_logger = logging.getLogger(__name__)

USER_BATCH = 500
STAFF_LOGIN = "bench.staff@wbg54.example"
STAFF_PASSWORD = "staff2024"
TENANT_PASSWORD = "Wohnen2024"


class UsersMixin:
    def _ensure_staff(self):
        Users = self.env["res.users"].with_context(active_test=False)
        staff = Users.search([("login", "=", STAFF_LOGIN)])
        if not staff:
            t0 = perf_counter()
            staff = Users.create(
                {
                    "name": "Katrin Vogt",
                    "login": STAFF_LOGIN,
                    "email": STAFF_LOGIN,
                    "password": STAFF_PASSWORD,
                    "lang": "de_DE",
                    "tz": "Europe/Berlin",
                    "groups_id": [
                        Command.set(
                            [
                                self.env.ref("base.group_user").id,
                                self.env.ref("wbg54_portal.group_wbg54_portal_user").id,
                            ]
                        )
                    ],
                }
            )
            self.stats.add("res.users", 1, perf_counter() - t0)
        for team in self.teams.values():
            if staff not in team.user_ids:
                team.user_ids = [Command.link(staff.id)]
        return staff

    def ensure_users(self, count):
        env = self.env
        Users = env["res.users"].with_context(active_test=False)
        logins = {self._login(n): n for n in range(1, count + 1)}
        existing = set(
            Users.search_fetch([("login", "in", list(logins))], ["login"]).mapped(
                "login"
            )
        )
        missing = [n for login, n in logins.items() if login not in existing]
        if not missing:
            return
        password = Users._crypt_context().hash(
            TENANT_PASSWORD
        )  # hashing is slow by design: once
        self._layout(max(missing))
        for start in range(0, len(missing), USER_BATCH):
            numbers = missing[start : start + USER_BATCH]
            t0 = perf_counter()
            partners = {
                partner.ref: partner.id
                for partner in env["res.partner"]
                .with_context(active_test=False)
                .search_fetch(
                    [("ref", "in", [HOUSEHOLD_REF % n for n in numbers])], ["ref"]
                )
            }
            self.stats.step("lookups", perf_counter() - t0)
            numbers = [n for n in numbers if HOUSEHOLD_REF % n in partners]
            user_ids = self._create(
                "res.users",
                [
                    {
                        "login": self._login(n),
                        "partner_id": partners[HOUSEHOLD_REF % n],
                        "lang": "de_DE",
                        "tz": "Europe/Berlin",
                        "groups_id": [Command.set([self.portal_group_id])],
                    }
                    for n in numbers
                ],
            )
            t0 = perf_counter()
            env.flush_all()
            env.cr.execute(
                SQL(
                    "UPDATE res_users SET password = %s WHERE id IN %s",
                    password,
                    tuple(user_ids),
                )
            )
            Users.invalidate_model(["password"])
            self.stats.add("res.users", 0, perf_counter() - t0)
            devices, registrations, consents = [], [], []
            for n, user_id in zip(numbers, user_ids, strict=False):
                k, u = self.slots[n - 1]
                plan = self._plan_household(
                    n, self.building_plans[k], self.building_plans[k]["units"][u]
                )
                rng = random.Random(f"{self.seed}:user:{n}")
                registered = _at(
                    _random_day(rng, self.portal_start, self.today - timedelta(days=2)),
                    rng,
                )
                devices.append(
                    {
                        "user_id": user_id,
                        "token": f"bench-token-{n:06d}-{plan['token']}",
                        "platform": plan["platform"],
                        "app_version": rng.choice(("2.3.1", "2.4.0", "2.4.2")),
                        "last_seen_at": min(
                            self.now, registered + timedelta(days=rng.randint(1, 700))
                        ),
                    }
                )
                registrations.append(
                    {
                        "partner_id": partners[HOUSEHOLD_REF % n],
                        "user_id": user_id,
                        "state": "confirmed",
                        "letter_date": registered - timedelta(days=rng.randint(3, 30)),
                        "registered_date": registered,
                        "confirmed_date": registered
                        + timedelta(minutes=rng.randint(2, 600)),
                    }
                )
                consents += [
                    {
                        "partner_id": partners[HOUSEHOLD_REF % n],
                        "kind": kind,
                        "version": version,
                        "accepted_on": registered,
                    }
                    for kind, version in self.consent_versions.items()
                ]
            self._create("wbg54.push.device", devices)
            self._create("wbg54.registration", registrations)
            self._create("wbg54.consent", consents)
            self._commit()
            _logger.info("bench: %s portal users", start + len(numbers))

    @staticmethod
    def _login(n):
        return f"bench{n:06d}@wbg54.example"
