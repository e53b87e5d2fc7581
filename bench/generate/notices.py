"""Building notices (one published, one resolved per building) and their recipients."""

import random
from datetime import timedelta

from odoo.fields import Command

NOTICES = {
    "disruption": (
        (
            "Aufzug außer Betrieb",
            "Der Aufzug ist wegen einer Reparatur außer Betrieb. Wir bitten um "
            "Verständnis.",
        ),
        (
            "Wasserabsperrung",
            "Wegen Arbeiten an der Steigleitung ist das Wasser von 8 bis 12 Uhr "
            "abgestellt.",
        ),
        (
            "Heizungsausfall",
            "Die Heizung fällt wegen eines Defekts der Therme aus, der Notdienst ist "
            "informiert.",
        ),
    ),
    "information": (
        (
            "Neue Hausordnung",
            "Ab dem nächsten Monat gilt eine neue Hausordnung, sie hängt im Eingang "
            "aus.",
        ),
        (
            "Fahrradkeller aufräumen",
            "Bitte kennzeichnen Sie Ihre Fahrräder; unbeschriftete werden entfernt.",
        ),
        ("Hofbegrünung", "Im Frühjahr werden im Hof neue Bäume gepflanzt."),
    ),
    "appointment": (
        (
            "Ablesung der Heizkostenverteiler",
            "Die Verbrauchswerte werden abgelesen, bitte ermöglichen Sie den Zugang.",
        ),
        (
            "Wartung der Rauchwarnmelder",
            "Die jährliche Wartung der Rauchwarnmelder findet statt.",
        ),
        (
            "Treppenhausreinigung",
            "Die Grundreinigung des Treppenhauses ist angesetzt, bitte räumen Sie es "
            "frei.",
        ),
    ),
}


class NoticesMixin:
    def _create_notices(self, plans, ids):
        vals_list = []
        for plan in plans:
            rng = random.Random(f"{self.seed}:notices:{plan['k']}")
            building = [Command.set([ids[plan["code"]]])]

            def pick(rng=rng, elevator=plan["has_elevator"]):
                kind = rng.choice(list(NOTICES))
                title, body = rng.choice(
                    [
                        notice
                        for notice in NOTICES[kind]
                        if elevator or notice[0] != "Aufzug außer Betrieb"
                    ]
                )
                return kind, title, body

            kind, title, body = pick()
            valid_from = self.now - timedelta(
                days=rng.randint(0, 20), hours=rng.randint(0, 12)
            )
            vals_list.append(
                {
                    "name": title,
                    "body": body,
                    "kind": kind,
                    "building_ids": building,
                    "company_id": self.company.id,
                    "valid_from": valid_from,
                    "valid_to": False
                    if rng.random() < 0.4
                    else self.now + timedelta(days=rng.randint(5, 90)),
                    "state": "published",
                    "published_at": valid_from,
                }
            )
            kind, title, body = pick()
            valid_from = self.now - timedelta(days=rng.randint(30, 400))
            resolved = valid_from + timedelta(
                days=rng.randint(1, 14), hours=rng.randint(0, 10)
            )
            vals_list.append(
                {
                    "name": title,
                    "body": body,
                    "kind": kind,
                    "building_ids": building,
                    "company_id": self.company.id,
                    "valid_from": valid_from,
                    "valid_to": resolved,
                    "state": "resolved",
                    "published_at": valid_from,
                    "resolved_at": resolved,
                }
            )
        self._create("wbg54.notice", vals_list)

    def _create_building_notice_recipients(self, plans):
        """New households receive their building's notices as if they had
        lived there when these were published."""
        notices = []
        for plan in plans:
            persons = self._household_persons(plan)
            notices += [
                (notice_id, partner_id)
                for notice_id in plan["building_db"]["notices"]
                for partner_id in persons
            ]
        # activating a contract already adds its persons to the published notices
        informed = {
            (r.notice_id.id, r.partner_id.id)
            for r in self.env["wbg54.notice.recipient"].search(
                [
                    (
                        "notice_id",
                        "in",
                        list({notice_id for notice_id, _partner in notices}),
                    )
                ]
            )
        }
        self._create(
            "wbg54.notice.recipient",
            [
                {"notice_id": notice_id, "partner_id": partner_id}
                for notice_id, partner_id in dict.fromkeys(notices)
                if (notice_id, partner_id) not in informed
            ],
        )
