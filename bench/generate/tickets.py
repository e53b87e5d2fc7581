"""Tickets (helpdesk_mgmt): damage reports with photos, applications with
decisions, messages and data change requests, with their comments."""

import io
import random
from datetime import datetime, time, timedelta
from time import perf_counter

from odoo.tools import SQL, formataddr

PHOTO_RATE = 0.10
TICKET_COUNTS = (3, 4, 5, 5, 6, 7)  # mean 5
TICKET_KINDS = (
    ("damage", 0.45),
    ("application", 0.15),
    ("message", 0.25),
    ("data_change", 0.15),
)
TICKET_YEARS = 3

DAMAGE = {
    "helpdesk_category_sanitary": (
        "Sanitär",
        (
            ("Bad", "Der Wasserhahn am Waschbecken tropft seit einigen Tagen."),
            ("Bad", "Die Toilettenspülung läuft ständig nach."),
            ("Küche", "Der Abfluss der Spüle ist verstopft, das Wasser läuft kaum ab."),
            (
                "Bad",
                "Unter der Badewanne ist es feucht, vermutlich ist die Silikonfuge "
                "undicht.",
            ),
        ),
    ),
    "helpdesk_category_heating": (
        "Heizung",
        (
            ("Wohnzimmer", "Der Heizkörper im Wohnzimmer wird nicht mehr warm."),
            ("Schlafzimmer", "Das Thermostatventil lässt sich nicht mehr drehen."),
            ("Bad", "Der Handtuchheizkörper gluckert und bleibt kalt."),
        ),
    ),
    "helpdesk_category_electrical": (
        "Elektrik",
        (
            ("Flur", "Die Sicherung für den Flur fliegt immer wieder heraus."),
            ("Küche", "Eine Steckdose in der Küche ist locker und funkt."),
            ("Treppenhaus", "Das Licht im Treppenhaus geht im 2. OG nicht mehr an."),
        ),
    ),
    "helpdesk_category_windows": (
        "Fenster und Türen",
        (
            (
                "Schlafzimmer",
                "Das Fenster im Schlafzimmer schließt nicht mehr richtig, es zieht.",
            ),
            ("Wohnungstür", "Das Schloss der Wohnungstür klemmt."),
            ("Balkon", "Die Balkontür lässt sich nur noch schwer öffnen."),
        ),
    ),
    "helpdesk_category_elevator": (
        "Aufzug",
        (
            (
                "Treppenhaus",
                "Der Aufzug hält zwischen den Etagen und die Tür öffnet nicht.",
            ),
            ("Treppenhaus", "Der Aufzug ist seit heute früh außer Betrieb."),
        ),
    ),
    "helpdesk_category_outdoor": (
        "Außenanlagen",
        (
            ("Hof", "Die Beleuchtung im Hof ist ausgefallen."),
            ("Spielplatz", "Auf dem Spielplatz ist ein Brett der Sandkiste gebrochen."),
            ("Müllplatz", "Die Tür zum Müllplatz schließt nicht mehr."),
        ),
    ),
    "helpdesk_category_other": (
        "Sonstiger Schaden",
        (
            ("Keller", "Im Kellerabteil ist die Wand feucht und es riecht muffig."),
            ("Briefkasten", "Mein Briefkasten wurde aufgebrochen."),
            ("Wohnzimmer", "An der Decke im Wohnzimmer ist ein Wasserfleck."),
        ),
    ),
}

MESSAGES = (
    (
        "Frage zur Betriebskostenabrechnung",
        "Ich habe eine Frage zur Position Hausreinigung in der letzten Abrechnung.",
    ),
    (
        "Zusätzlicher Schlüssel",
        "Ich benötige einen zusätzlichen Haustürschlüssel. Wie gehe ich vor?",
    ),
    (
        "Lärm im Haus",
        "In der Wohnung über uns ist es fast jede Nacht nach 22 Uhr sehr laut.",
    ),
    (
        "Anfrage Stellplatz",
        "Ist in unserem Haus ein Pkw-Stellplatz oder eine Garage frei?",
    ),
    ("Wohnungstausch", "Wir suchen eine größere Wohnung innerhalb der Genossenschaft."),
    (
        "Sperrmüll im Keller",
        "Im Kellergang steht seit Wochen Sperrmüll, der nicht abgeholt wird.",
    ),
    ("Mitgliederversammlung", "Wann findet die nächste Vertreterversammlung statt?"),
)

DATA_CHANGES = (
    (
        "Bankverbindung",
        "Bitte buchen Sie die Nutzungsgebühr ab sofort von meinem neuen Konto ab.",
    ),
    (
        "Name",
        "Ich habe geheiratet und heiße jetzt anders. Die Heiratsurkunde reiche ich "
        "nach.",
    ),
    (
        "Telefonnummer",
        "Meine Festnetznummer gibt es nicht mehr, bitte nur noch die Handynummer "
        "verwenden.",
    ),
    ("Haushaltsmitglieder", "Mein Sohn ist ausgezogen, bitte tragen Sie ihn aus."),
)

STAFF_REPLIES = {
    "damage": (
        "Vielen Dank für Ihre Meldung. Wir haben einen Handwerker beauftragt, er "
        "meldet sich bei Ihnen.",
        "Der Handwerker war vor Ort, ein Ersatzteil ist bestellt.",
        "Die Reparatur ist abgeschlossen. Bitte melden Sie sich, falls das Problem "
        "wieder auftritt.",
    ),
    "application": (
        "Vielen Dank für Ihren Antrag. Wir prüfen ihn und melden uns.",
        "Bitte senden Sie uns noch ein Angebot des Fachbetriebs.",
        "Wir haben über Ihren Antrag entschieden, den Bescheid finden Sie im Portal.",
    ),
    "message": (
        "Vielen Dank für Ihre Nachricht. Wir kümmern uns darum.",
        "Wir haben mit den Beteiligten gesprochen und melden uns wieder.",
        "Wir hoffen, Ihre Frage ist damit beantwortet.",
    ),
    "data_change": (
        "Vielen Dank, wir haben Ihre Angaben geändert.",
        "Bitte reichen Sie noch einen Nachweis ein.",
        "Die Änderung ist eingetragen.",
    ),
}

TENANT_REPLIES = (
    "Vielen Dank für die schnelle Rückmeldung!",
    "Vormittags bin ich meistens zu Hause, ein Termin nach 9 Uhr passt gut.",
    "Das Problem besteht leider immer noch.",
    "Ich habe die Unterlagen heute in den Briefkasten der Geschäftsstelle geworfen.",
    "Nachtrag: Ich habe noch ein Foto gemacht.",
)

APPLICATIONS = {
    "application_type_pet": ("Tierhaltung", "pet"),
    "application_type_renovation": ("Badumbau", "renovation"),
    "application_type_awning": ("Markise", "awning"),
}

DECISION_REASONS = {
    "pet": {
        "approved_conditions": "Die Zustimmung gilt für dieses Tier; "
        "Schäden trägt der Halter.",
        "rejected": "In dieser Wohnung ist die Haltung großer Hunde nicht möglich.",
    },
    "renovation": {
        "approved_conditions": "Die Arbeiten sind durch einen Meisterbetrieb "
        "auszuführen.",
        "rejected": "Die Leitungen des Hauses lassen den Umbau derzeit nicht zu.",
    },
    "awning": {
        "approved_conditions": "Die Markise ist in der Farbe der Fassade anzubringen.",
        "rejected": "Das Haus steht unter Denkmalschutz, Markisen sind nicht zulässig.",
    },
}


def _jpeg():
    """A small photo-like JPEG (about 2 kB), made once per run."""
    from PIL import Image, ImageDraw  # noqa: PLC0415 (only needed when generating)

    image = Image.new("RGB", (160, 120), (182, 176, 160))
    draw = ImageDraw.Draw(image)
    for y in range(0, 120, 4):
        draw.line(
            [(0, y), (160, y + 20)], fill=(160 + y // 3, 150 + y // 4, 130 + y // 5)
        )
    draw.ellipse([52, 34, 108, 86], fill=(120, 96, 70), outline=(70, 55, 40))
    draw.rectangle([10, 90, 60, 115], fill=(220, 220, 215))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


class TicketsMixin:
    def _plan_tickets(self, rng, plan):
        tickets = []
        earliest = max(
            self.now - timedelta(days=TICKET_YEARS * 365),
            datetime.combine(plan["start"], time(9)),
        )
        span = max(1, int((self.now - earliest).total_seconds()))
        kinds, weights = zip(*TICKET_KINDS, strict=False)
        damage_keys = [
            key
            for key in DAMAGE
            if key != "helpdesk_category_elevator" or plan["building"]["has_elevator"]
        ]
        count = rng.choice(TICKET_COUNTS)
        if plan["n"] == 1:
            count = 5  # benchmarks compare the pages of bench user 1 across scales
        for _i in range(count):
            created = earliest + timedelta(seconds=rng.randint(0, span))
            age = (self.now - created).days
            kind = rng.choices(kinds, weights)[0]
            if (age > 60 and rng.random() > 0.03) or (
                14 < age <= 60 and rng.random() < 0.5
            ):
                stage = rng.choices(
                    ("done", "cancelled", "rejected"),
                    (0.82, 0.08, 0.10) if kind == "application" else (0.9, 0.08, 0.02),
                )[0]
            else:
                stage = rng.choices(
                    ("new", "in_progress", "awaiting"), (0.35, 0.4, 0.25)
                )[0]
            ticket = {"kind": kind, "created": created, "stage": stage}
            if kind == "damage":
                ticket["category"] = rng.choice(damage_keys)
                ticket["text"] = rng.choice(DAMAGE[ticket["category"]][1])
                ticket["urgency"] = rng.choices(
                    ("normal", "urgent", "emergency"), (0.8, 0.17, 0.03)
                )[0]
                ticket["access_allowed"] = rng.random() < 0.4
                ticket["time_windows"] = rng.choice(
                    ("Mo–Fr ab 16 Uhr", "vormittags", "nach Absprache", "")
                )
                ticket["photo"] = rng.random() < PHOTO_RATE
            elif kind == "application":
                ticket["application"] = rng.choice(list(APPLICATIONS))
                ticket["seed"] = rng.random()
            elif kind == "message":
                ticket["subject"], ticket["text"] = rng.choice(MESSAGES)
            else:
                ticket["subject"], ticket["text"] = rng.choice(DATA_CHANGES)
            ticket["channel"] = rng.choices(
                ("web", "email", "phone"), (0.75, 0.15, 0.1)
            )[0]
            end = (
                self.now
                if stage not in ("done", "cancelled", "rejected")
                else min(
                    self.now,
                    created
                    + timedelta(days=rng.randint(1, 45), hours=rng.randint(0, 8)),
                )
            )
            ticket["closed"] = (
                end if stage in ("done", "cancelled", "rejected") else False
            )
            comments = rng.choices((1, 2, 3), (0.4, 0.4, 0.2))[0]
            # staff answers first, except on tickets nobody has looked at yet
            authors = (
                ["tenant", "staff", "tenant"]
                if stage == "new"
                else ["staff", "tenant", "staff"]
            )
            step = (end - created) / (comments + 1)
            ticket["messages"] = [
                (authors[i], created + step * (i + 1), i, rng.randint(0, 4))
                for i in range(comments)
            ]
            tickets.append(ticket)
        return tickets

    def _ticket_vals(self, plan, ticket):
        kind = ticket["kind"]
        main = plan["main"]
        vals = {
            "wbg54_kind": kind,
            "partner_id": plan["main_id"],
            "partner_name": main["name"],
            "partner_email": main["email"],
            "wbg54_contract_id": plan["main_contract_id"],
            "company_id": self.company.id,
            "channel_id": self.channels[ticket["channel"]],
            "stage_id": self.stages[ticket["stage"]],
            "last_stage_update": ticket["closed"] or ticket["messages"][-1][1],
            "closed_date": ticket["closed"],
            "priority": "1",
        }
        if ticket["stage"] != "new":
            vals.update(
                user_id=self.staff.id,
                assigned_date=ticket["created"] + timedelta(hours=3),
            )
        if kind == "damage":
            category_id, team_id, label, _texts = self.damage[ticket["category"]]
            location, text = ticket["text"]
            vals.update(
                {
                    "name": f"Schadensmeldung: {label}",
                    "description": f"<p>{text}</p>",
                    "category_id": category_id,
                    "team_id": team_id,
                    "wbg54_location": location,
                    "wbg54_urgency": ticket["urgency"],
                    "wbg54_access_allowed": ticket["access_allowed"],
                    "wbg54_time_windows": ticket["time_windows"],
                    "priority": {"normal": "1", "urgent": "2", "emergency": "3"}[
                        ticket["urgency"]
                    ],
                }
            )
        elif kind == "application":
            type_id, team_id, label, questions = self.applications[
                ticket["application"]
            ]
            rng = random.Random(ticket["seed"])
            vals.update(
                {
                    "name": f"Antrag: {label}",
                    "wbg54_application_type_id": type_id,
                    "team_id": team_id,
                }
            )
            if questions == "pet":
                species = rng.choice(
                    (
                        ("Hund", "Labrador, ca. 30 kg"),
                        ("Katze", "Europäisch Kurzhaar"),
                        ("Hund", "Dackel"),
                        ("Kaninchen", "Zwergkaninchen"),
                    )
                )
                vals.update(
                    pet_species=species[0],
                    pet_count=rng.randint(1, 2),
                    pet_breed=species[1],
                    description=f"<p>Wir möchten gern einen {species[0]} halten.</p>",
                )
            elif questions == "renovation":
                begin = ticket["created"].date() + timedelta(days=rng.randint(30, 90))
                vals.update(
                    renovation_scope="Badewanne raus, bodengleiche Dusche rein, neue "
                    "Fliesen.",
                    renovation_date_from=begin,
                    renovation_date_to=begin + timedelta(days=rng.randint(5, 20)),
                    renovation_company=rng.choice(
                        (
                            "Sanitär Müller GmbH",
                            "Bad & Wärme Leipzig",
                            "Fliesen Schubert",
                        )
                    ),
                    description="<p>Wir möchten unser Bad altersgerecht umbauen.</p>",
                )
            else:
                vals.update(
                    awning_size=rng.choice(("3 x 2 m", "4 x 2,5 m")),
                    awning_colour=rng.choice(("Anthrazit", "Beige", "Grau-Weiß")),
                    awning_position=rng.choice(("Balkon", "Loggia")),
                    description="<p>Wir möchten am Balkon eine Markise anbringen "
                    "lassen.</p>",
                )
            if ticket["stage"] in ("done", "rejected"):
                if ticket["stage"] == "rejected":
                    decision = "rejected"
                else:
                    decision = rng.choice(
                        ("approved", "approved", "approved_conditions")
                    )
                vals.update(
                    wbg54_decision=decision,
                    wbg54_decision_date=ticket["closed"].date(),
                    wbg54_decision_reason=DECISION_REASONS[questions].get(
                        decision, False
                    ),
                )
        else:
            team = self.teams["administration"]
            if kind == "message":
                vals["name"] = ticket["subject"]
            else:
                vals["name"] = f"Änderungswunsch: {ticket['subject']}"
            vals.update(description=f"<p>{ticket['text']}</p>", team_id=team.id)
        return vals

    def _create_tickets(self, plans):
        env = self.env
        vals_list, owners = [], []
        for plan in plans:
            for ticket in plan["tickets"]:
                vals_list.append(self._ticket_vals(plan, ticket))
                owners.append((plan, ticket))
        t0 = perf_counter()
        for vals, number in zip(
            vals_list,
            self._reserve("helpdesk.ticket.sequence", len(vals_list)),
            strict=False,
        ):
            vals["number"] = number
        self.stats.step("sequences", perf_counter() - t0)
        ticket_ids = self._create("helpdesk.ticket", vals_list)
        # the ORM stamps create_date itself: date the tickets back in one query
        t0 = perf_counter()
        env.flush_all()
        env.cr.execute(
            SQL(
                "UPDATE helpdesk_ticket AS t SET create_date = v.created, write_date = "
                "v.written "
                "FROM (VALUES %s) AS v(id, created, written) WHERE t.id = v.id",
                SQL(", ").join(
                    SQL(
                        "(%s, %s::timestamp, %s::timestamp)",
                        ticket_id,
                        ticket["created"],
                        ticket["closed"] or ticket["messages"][-1][1],
                    )
                    for ticket_id, (_plan, ticket) in zip(
                        ticket_ids, owners, strict=False
                    )
                ),
            )
        )
        env["helpdesk.ticket"].invalidate_model(["create_date", "write_date"])
        self.stats.add("helpdesk.ticket", 0, perf_counter() - t0)

        t0 = perf_counter()
        reply_to = (
            env["helpdesk.ticket"]
            .browse(ticket_ids)
            ._notify_get_reply_to(default=False)
        )
        self.stats.step("mail.message: reply-to", perf_counter() - t0)
        messages, followers, photos = [], [], []
        for ticket_id, vals, (plan, ticket) in zip(
            ticket_ids, vals_list, owners, strict=False
        ):
            tenant_from = formataddr((plan["main"]["name"], plan["main"]["email"]))
            for author, when, index, pick in ticket["messages"]:
                if author == "staff":
                    replies = STAFF_REPLIES[ticket["kind"]]
                    body, author_id, email_from = (
                        replies[min(index, len(replies) - 1)],
                        self.staff_partner.id,
                        self.staff_email_from,
                    )
                else:
                    body, author_id, email_from = (
                        TENANT_REPLIES[pick],
                        plan["main_id"],
                        tenant_from,
                    )
                messages.append(
                    {
                        "model": "helpdesk.ticket",
                        "res_id": ticket_id,
                        "message_type": "comment",
                        "subtype_id": self.comment_subtype_id,
                        "author_id": author_id,
                        "email_from": email_from,
                        "reply_to": reply_to.get(ticket_id) or email_from,
                        "record_name": f"{vals['number']} - {vals['name']}",
                        "body": f"<p>{body}</p>",
                        "date": when,
                    }
                )
            # the tenant follows her request, as the portal form subscribes her
            followers.append(
                {
                    "res_model": "helpdesk.ticket",
                    "res_id": ticket_id,
                    "partner_id": plan["main_id"],
                }
            )
            if ticket.get("photo"):
                photos.append(
                    {
                        "name": f"Schaden_{vals['number']}.jpg",
                        "raw": self.photo,
                        "mimetype": "image/jpeg",
                        "res_model": "helpdesk.ticket",
                        "res_id": ticket_id,
                    }
                )
        self._create("mail.message", messages)
        self._create("mail.followers", followers)
        self._create(
            "ir.attachment",
            photos,
            env=env(context=dict(env.context, image_no_postprocess=True)),
        )
