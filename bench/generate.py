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

Command line (prints the report as JSON)::

    .venv/bin/python bench/generate.py -c .run/odoo.conf -d DB --scale 1 [--json out.json]
"""

import argparse
import base64
import io
import json
import logging
import random
import string
import unicodedata
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from time import perf_counter

from odoo import SUPERUSER_ID, api, fields
from odoo.fields import Command
from odoo.tools import SQL, formataddr

_logger = logging.getLogger(__name__)

SEED = 1954
HOUSEHOLDS_PER_SCALE = 1000
CHUNK_HOUSEHOLDS = 500  # households per transaction
BATCH = 2000  # records per create() call
ACTIVATE_BATCH = 500  # contracts per action_activate()
USER_BATCH = 500

CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}

STAFF_LOGIN = "bench.staff@wbg54.example"
STAFF_PASSWORD = "staff2024"
TENANT_PASSWORD = "Wohnen2024"
HOUSEHOLD_REF = "BENCH-H%06d"
CO_MEMBER_REF = "BENCH-C%06d"
FORMER_REF = "BENCH-F%06d"
CARETAKER_REF = "BENCH-K%04d"
BUILDING_CODE_BASE = 2001

VACANCY = 0.05
CO_MEMBER_RATE = 0.30
CO_MEMBER_IS_MEMBER = 0.25
RELET_RATE = 0.03
PERSONAL_DOCUMENTS = 10  # plus BUILDING_DOCUMENTS per building: about 10 per household in all
PHOTO_RATE = 0.10
BUILDING_DOCUMENTS = 2  # house rules and a current letter
TICKET_COUNTS = (3, 4, 5, 5, 6, 7)  # mean 5
TICKET_KINDS = (("damage", 0.45), ("application", 0.15), ("message", 0.25), ("data_change", 0.15))
TICKET_YEARS = 3
URLSAFE = string.ascii_letters + string.digits + "-_"

FEMALE = (
    "Anna", "Maria", "Ursula", "Monika", "Petra", "Elke", "Sabine", "Renate", "Helga", "Karin", "Brigitte",
    "Ingrid", "Gerda", "Heike", "Birgit", "Claudia", "Susanne", "Andrea", "Kerstin", "Katrin", "Nicole",
    "Stefanie", "Julia", "Laura", "Lena", "Sarah", "Lisa", "Hannah", "Lea", "Marie", "Sophie", "Emma", "Mia",
    "Johanna", "Franziska", "Jana", "Doreen", "Manuela", "Silke", "Anke", "Christine", "Gabriele", "Jutta",
    "Martina", "Sandra", "Yvonne", "Antje", "Ines", "Romy", "Charlotte",
)
MALE = (
    "Thomas", "Michael", "Andreas", "Stefan", "Frank", "Klaus", "Wolfgang", "Jürgen", "Uwe", "Dieter",
    "Manfred", "Horst", "Peter", "Bernd", "Jens", "Steffen", "Torsten", "Matthias", "Sven", "Ronny", "René",
    "Dirk", "Lars", "Daniel", "Tobias", "Christian", "Sebastian", "Florian", "Paul", "Lukas", "Felix",
    "Jonas", "Maximilian", "Tim", "Niklas", "Marcel", "Rico", "Maik", "Heiko", "Ralf", "Gerd", "Hans-Jürgen",
    "Karl-Heinz", "Volker", "Holger", "Mario", "Enrico", "Toni", "Erik", "Leon",
)
LAST_NAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
    "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
    "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel",
    "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann",
    "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher",
    "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas",
    "Schreiber", "Graf", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch", "Bergmann",
    "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer", "Böhme", "Kunze", "Ulbrich", "Tröger", "Uhlig", "Hennig",
    "Rösler", "Seifert", "Gräfe", "Wendt", "Nitzsche", "Funke", "Hempel", "Teichmann",
)
# Leipzig and two neighbouring towns: (street, zip, city)
STREETS = (
    ("Georg-Schwarz-Straße", "04179", "Leipzig"), ("Hermann-Liebmann-Straße", "04315", "Leipzig"),
    ("Kochstraße", "04275", "Leipzig"), ("Karl-Liebknecht-Straße", "04275", "Leipzig"),
    ("Eisenbahnstraße", "04315", "Leipzig"), ("Lützner Straße", "04177", "Leipzig"),
    ("Zschochersche Straße", "04229", "Leipzig"), ("Holbeinstraße", "04229", "Leipzig"),
    ("Stötteritzer Straße", "04317", "Leipzig"), ("Wurzner Straße", "04315", "Leipzig"),
    ("Georg-Schumann-Straße", "04155", "Leipzig"), ("Gohliser Straße", "04105", "Leipzig"),
    ("Lindenthaler Straße", "04155", "Leipzig"), ("Delitzscher Straße", "04129", "Leipzig"),
    ("Kieler Straße", "04357", "Leipzig"), ("Mockauer Straße", "04357", "Leipzig"),
    ("Prager Straße", "04317", "Leipzig"), ("Riebeckstraße", "04317", "Leipzig"),
    ("Dresdner Straße", "04317", "Leipzig"), ("Wiedebachstraße", "04277", "Leipzig"),
    ("Bornaische Straße", "04277", "Leipzig"), ("Arno-Nitzsche-Straße", "04277", "Leipzig"),
    ("Brünner Straße", "04209", "Leipzig"), ("Ratzelstraße", "04207", "Leipzig"),
    ("Stuttgarter Allee", "04209", "Leipzig"), ("Miltitzer Allee", "04205", "Leipzig"),
    ("Paunsdorfer Allee", "04329", "Leipzig"), ("Heiterblickallee", "04329", "Leipzig"),
    ("Schönefelder Allee", "04347", "Leipzig"), ("Waldstraße", "04105", "Leipzig"),
    ("Jahnallee", "04109", "Leipzig"), ("Merseburger Straße", "04177", "Leipzig"),
    ("Erich-Zeigner-Allee", "04229", "Leipzig"), ("Antonienstraße", "04229", "Leipzig"),
    ("Ludwig-Hupfeld-Straße", "04178", "Leipzig"), ("Plovdiver Straße", "04205", "Leipzig"),
    ("Rathausstraße", "04416", "Markkleeberg"), ("Koburger Straße", "04416", "Markkleeberg"),
    ("Leipziger Straße", "04425", "Taucha"), ("Portitzer Straße", "04425", "Taucha"),
)
BUILDING_NAMES = (
    "Lindenhof", "Birkenhof", "Kastanienhof", "Ahornhof", "Eichenhof", "Am Rabet", "Südhof", "Nordhof",
    "Parkblick", "Sonnenhof", "Auenblick", "Elsterhaus", "Pleißehof", "Lindenauer Hof", "Gartenhof",
    "Rosenhof", "Am Stadtpark", "Wiesenhof", "Kirschhof", "Lerchenhof", "Am Wasserturm", "Mühlenhof",
)
POSITIONS = {
    3: ("links", "Mitte", "rechts"),
    4: ("links", "Mitte links", "Mitte rechts", "rechts"),
    5: ("links", "Mitte links", "Mitte", "Mitte rechts", "rechts"),
}
ROOMS = (1.0, 1.5, 2.0, 2.0, 2.5, 2.5, 3.0, 3.0, 3.0, 3.5, 4.0, 4.0, 5.0)
MOBILE_PREFIXES = ("151", "152", "157", "160", "162", "170", "171", "172", "173", "174", "175", "176", "177", "179")
FEE_NOTES = {
    "base": "Anpassung Nutzungsgebühr nach Modernisierung",
    "heating_costs": "Anpassung Heizkostenvorauszahlung (Energiepreise)",
    "operating_costs": "Anpassung nach Betriebskostenabrechnung",
}

# damage categories (xml ids of wbg54_portal) with what tenants write
DAMAGE = {
    "helpdesk_category_sanitary": ("Sanitär", (
        ("Bad", "Der Wasserhahn am Waschbecken tropft seit einigen Tagen."),
        ("Bad", "Die Toilettenspülung läuft ständig nach."),
        ("Küche", "Der Abfluss der Spüle ist verstopft, das Wasser läuft kaum ab."),
        ("Bad", "Unter der Badewanne ist es feucht, vermutlich ist die Silikonfuge undicht."),
    )),
    "helpdesk_category_heating": ("Heizung", (
        ("Wohnzimmer", "Der Heizkörper im Wohnzimmer wird nicht mehr warm."),
        ("Schlafzimmer", "Das Thermostatventil lässt sich nicht mehr drehen."),
        ("Bad", "Der Handtuchheizkörper gluckert und bleibt kalt."),
    )),
    "helpdesk_category_electrical": ("Elektrik", (
        ("Flur", "Die Sicherung für den Flur fliegt immer wieder heraus."),
        ("Küche", "Eine Steckdose in der Küche ist locker und funkt."),
        ("Treppenhaus", "Das Licht im Treppenhaus geht im 2. OG nicht mehr an."),
    )),
    "helpdesk_category_windows": ("Fenster und Türen", (
        ("Schlafzimmer", "Das Fenster im Schlafzimmer schließt nicht mehr richtig, es zieht."),
        ("Wohnungstür", "Das Schloss der Wohnungstür klemmt."),
        ("Balkon", "Die Balkontür lässt sich nur noch schwer öffnen."),
    )),
    "helpdesk_category_elevator": ("Aufzug", (
        ("Treppenhaus", "Der Aufzug hält zwischen den Etagen und die Tür öffnet nicht."),
        ("Treppenhaus", "Der Aufzug ist seit heute früh außer Betrieb."),
    )),
    "helpdesk_category_outdoor": ("Außenanlagen", (
        ("Hof", "Die Beleuchtung im Hof ist ausgefallen."),
        ("Spielplatz", "Auf dem Spielplatz ist ein Brett der Sandkiste gebrochen."),
        ("Müllplatz", "Die Tür zum Müllplatz schließt nicht mehr."),
    )),
    "helpdesk_category_other": ("Sonstiger Schaden", (
        ("Keller", "Im Kellerabteil ist die Wand feucht und es riecht muffig."),
        ("Briefkasten", "Mein Briefkasten wurde aufgebrochen."),
        ("Wohnzimmer", "An der Decke im Wohnzimmer ist ein Wasserfleck."),
    )),
}
MESSAGES = (
    ("Frage zur Betriebskostenabrechnung", "Ich habe eine Frage zur Position Hausreinigung in der letzten Abrechnung."),
    ("Zusätzlicher Schlüssel", "Ich benötige einen zusätzlichen Haustürschlüssel. Wie gehe ich vor?"),
    ("Lärm im Haus", "In der Wohnung über uns ist es fast jede Nacht nach 22 Uhr sehr laut."),
    ("Anfrage Stellplatz", "Ist in unserem Haus ein Pkw-Stellplatz oder eine Garage frei?"),
    ("Wohnungstausch", "Wir suchen eine größere Wohnung innerhalb der Genossenschaft."),
    ("Sperrmüll im Keller", "Im Kellergang steht seit Wochen Sperrmüll, der nicht abgeholt wird."),
    ("Mitgliederversammlung", "Wann findet die nächste Vertreterversammlung statt?"),
)
DATA_CHANGES = (
    ("Bankverbindung", "Bitte buchen Sie die Nutzungsgebühr ab sofort von meinem neuen Konto ab."),
    ("Name", "Ich habe geheiratet und heiße jetzt anders. Die Heiratsurkunde reiche ich nach."),
    ("Telefonnummer", "Meine Festnetznummer gibt es nicht mehr, bitte nur noch die Handynummer verwenden."),
    ("Haushaltsmitglieder", "Mein Sohn ist ausgezogen, bitte tragen Sie ihn aus."),
)
STAFF_REPLIES = {
    "damage": (
        "Vielen Dank für Ihre Meldung. Wir haben einen Handwerker beauftragt, er meldet sich bei Ihnen.",
        "Der Handwerker war vor Ort, ein Ersatzteil ist bestellt.",
        "Die Reparatur ist abgeschlossen. Bitte melden Sie sich, falls das Problem wieder auftritt.",
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
    "pet": {"approved_conditions": "Die Zustimmung gilt für dieses Tier; Schäden trägt der Halter.",
            "rejected": "In dieser Wohnung ist die Haltung großer Hunde nicht möglich."},
    "renovation": {"approved_conditions": "Die Arbeiten sind durch einen Meisterbetrieb auszuführen.",
                   "rejected": "Die Leitungen des Hauses lassen den Umbau derzeit nicht zu."},
    "awning": {"approved_conditions": "Die Markise ist in der Farbe der Fassade anzubringen.",
               "rejected": "Das Haus steht unter Denkmalschutz, Markisen sind nicht zulässig."},
}
NOTICES = {
    "disruption": (
        ("Aufzug außer Betrieb", "Der Aufzug ist wegen einer Reparatur außer Betrieb. Wir bitten um Verständnis."),
        ("Wasserabsperrung", "Wegen Arbeiten an der Steigleitung ist das Wasser von 8 bis 12 Uhr abgestellt."),
        ("Heizungsausfall", "Die Heizung fällt wegen eines Defekts der Therme aus, der Notdienst ist informiert."),
    ),
    "information": (
        ("Neue Hausordnung", "Ab dem nächsten Monat gilt eine neue Hausordnung, sie hängt im Eingang aus."),
        ("Fahrradkeller aufräumen", "Bitte kennzeichnen Sie Ihre Fahrräder; unbeschriftete werden entfernt."),
        ("Hofbegrünung", "Im Frühjahr werden im Hof neue Bäume gepflanzt."),
    ),
    "appointment": (
        ("Ablesung der Heizkostenverteiler", "Die Verbrauchswerte werden abgelesen, bitte ermöglichen Sie den Zugang."),
        ("Wartung der Rauchwarnmelder", "Die jährliche Wartung der Rauchwarnmelder findet statt."),
        ("Treppenhausreinigung", "Die Grundreinigung des Treppenhauses ist angesetzt, bitte räumen Sie es frei."),
    ),
}


# ------------------------------------------------------------
# SMALL HELPERS
# ------------------------------------------------------------

def _ascii(text):
    text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in text.lower() if ch.isalnum() or ch in "-.")


def _file_name(title):
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")):
        title = title.replace(umlaut, plain)
    title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return "_".join("".join(ch for ch in word if ch.isalnum() or ch in "-.") for word in title.split()) + ".pdf"


def _add_months(day, months):
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _month_end(day):
    return _add_months(day, 1) - timedelta(days=1)


def _random_day(rng, start, end):
    """A day in [start, end]."""
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _at(day, rng, hour_from=7, hour_to=17):
    return datetime.combine(day, time(rng.randint(hour_from, hour_to), rng.randint(0, 59), rng.randint(0, 59)))


def _pdf(lines):
    """A small valid one-page PDF showing ``lines`` (cp1252 text)."""
    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    content = ("BT /F1 11 Tf 56 800 Td 16 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET").encode(
        "cp1252", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _jpeg():
    """A small photo-like JPEG (about 2 kB), made once per run."""
    from PIL import Image, ImageDraw  # noqa: PLC0415 (only needed when generating)

    image = Image.new("RGB", (160, 120), (182, 176, 160))
    draw = ImageDraw.Draw(image)
    for y in range(0, 120, 4):
        draw.line([(0, y), (160, y + 20)], fill=(160 + y // 3, 150 + y // 4, 130 + y // 5))
    draw.ellipse([52, 34, 108, 86], fill=(120, 96, 70), outline=(70, 55, 40))
    draw.rectangle([10, 90, 60, 115], fill=(220, 220, 215))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


class _Stats:
    """Records created and seconds spent, per model and per step."""

    def __init__(self):
        self.models = defaultdict(lambda: [0, 0.0])
        self.steps = defaultdict(float)

    def add(self, model, count, seconds):
        self.models[model][0] += count
        self.models[model][1] += seconds

    def step(self, name, seconds):
        self.steps[name] += seconds

    def report(self):
        def rate(count, seconds):
            return round(count / seconds, 1) if seconds else None
        models = {
            model: {"created": count, "seconds": round(seconds, 2), "per_second": rate(count, seconds)}
            for model, (count, seconds) in sorted(self.models.items())
        }
        created = sum(count for count, _seconds in self.models.values())
        seconds = sum(seconds for _count, seconds in self.models.values())
        return models, {name: round(seconds, 2) for name, seconds in sorted(self.steps.items())}, created, seconds


# ------------------------------------------------------------
# GENERATOR
# ------------------------------------------------------------

class _Generator:
    def __init__(self, env, seed, commit):
        self.env = env(context=dict(env.context, **CONTEXT))
        self.seed = seed
        self.do_commit = commit
        self.stats = _Stats()
        self.today = fields.Date.context_today(self.env["res.partner"])
        self.now = fields.Datetime.now()
        self.portal_start = self.today - timedelta(days=3 * 365)  # the portal went live
        self.building_plans = []
        self.slots = []  # household n lives in building_plans[k].units[u]: slots[n - 1] = (k, u)

    # ------------------------------------------------------------
    # SETUP
    # ------------------------------------------------------------

    def setup(self):
        env = self.env
        ref = env.ref
        lang = env["res.lang"].with_context(active_test=False).search([("code", "=", "de_DE")])
        if not lang.active:
            env["res.lang"]._activate_lang("de_DE")
        self.company = env.company
        self.nominal_value = self.company.share_nominal_value or 160.0
        self.country_id = ref("base.de").id
        self.doc_categories = {
            key: ref(f"wbg54_portal.document_category_{key}").id
            for key in ("operating_costs", "contract", "letters", "certificates", "house_rules", "receipts")
        }
        self.teams = {key: ref(f"wbg54_portal.helpdesk_team_{key}") for key in ("technical", "administration")}
        self.damage = {}
        for xmlid, (label, texts) in DAMAGE.items():
            category = ref(f"wbg54_portal.{xmlid}")
            self.damage[xmlid] = (category.id, category.wbg54_team_id.id or self.teams["technical"].id, label, texts)
        self.applications = {}
        for xmlid, (label, questions) in APPLICATIONS.items():
            application_type = ref(f"wbg54_portal.{xmlid}")
            self.applications[xmlid] = (application_type.id, application_type.team_id.id, label, questions)
        self.stages = {
            key: ref(f"helpdesk_mgmt.helpdesk_ticket_stage_{key}").id
            for key in ("new", "in_progress", "awaiting", "done", "cancelled", "rejected")
        }
        self.channels = {
            key: ref(f"helpdesk_mgmt.helpdesk_ticket_channel_{key}").id for key in ("web", "email", "phone")
        }
        self.comment_subtype_id = ref("mail.mt_comment").id
        self.portal_group_id = ref("base.group_portal").id
        self.staff = self._ensure_staff()
        self.staff_partner = self.staff.partner_id
        self.staff_email_from = formataddr((self.staff_partner.name, self.staff_partner.email))
        self.photo = _jpeg()
        self.consent_versions = env["wbg54.consent"]._current_versions()
        self.sequences = {
            code: env["ir.sequence"].search([("code", "=", code)], limit=1)
            for code in ("wbg54.member", "wbg54.contract", "helpdesk.ticket.sequence")
        }

    def _ensure_staff(self):
        Users = self.env["res.users"].with_context(active_test=False)
        staff = Users.search([("login", "=", STAFF_LOGIN)])
        if not staff:
            t0 = perf_counter()
            staff = Users.create({
                "name": "Katrin Vogt",
                "login": STAFF_LOGIN,
                "email": STAFF_LOGIN,
                "password": STAFF_PASSWORD,
                "lang": "de_DE",
                "tz": "Europe/Berlin",
                "groups_id": [Command.set([
                    self.env.ref("base.group_user").id,
                    self.env.ref("wbg54_portal.group_wbg54_portal_user").id,
                ])],
            })
            self.stats.add("res.users", 1, perf_counter() - t0)
        for team in self.teams.values():
            if staff not in team.user_ids:
                team.user_ids = [Command.link(staff.id)]
        return staff

    # ------------------------------------------------------------
    # STATE
    # ------------------------------------------------------------

    def existing_households(self):
        last = self.env["res.partner"].with_context(active_test=False).search(
            [("ref", "=like", "BENCH-H%")], order="ref desc", limit=1)
        return int(last.ref[len("BENCH-H"):]) if last else 0

    def _layout(self, households):
        """Plan buildings until there are ``households`` occupied apartments."""
        while len(self.slots) < households:
            k = len(self.building_plans)
            plan = self._plan_building(k)
            self.building_plans.append(plan)
            self.slots += [(k, u) for u, unit in enumerate(plan["units"]) if not unit["vacant"]]

    # ------------------------------------------------------------
    # PLANS (pure python, deterministic)
    # ------------------------------------------------------------

    def _plan_building(self, k):
        rng = random.Random(f"{self.seed}:building:{k}")
        street, zip_code, city = rng.choice(STREETS)
        floors = rng.randint(5, 7)
        per_floor = rng.choice((3, 4, 4, 5))
        units = []
        for floor in range(floors):
            for position in range(per_floor):
                rooms = rng.choice(ROOMS)
                units.append({
                    "name": f"{floor:02d}.{position + 1:02d}",
                    "floor": floor,
                    "position": POSITIONS[per_floor][position],
                    "rooms": rooms,
                    "living_area": round(18 + 17 * rooms + rng.uniform(-6, 8), 2),
                    # bench user 1 lives in the first apartment of the first building
                    "vacant": rng.random() < VACANCY and (k, floor, position) != (0, 0, 0),
                })
        built = rng.randint(1900, 1995)
        return {
            "k": k,
            "code": str(BUILDING_CODE_BASE + k),
            "name": rng.choice(BUILDING_NAMES),
            "street": f"{street} {rng.randint(1, 140)}{rng.choice(('', '', '', 'a', 'b'))}",
            "zip": zip_code,
            "city": city,
            "has_elevator": rng.random() < (0.6 if floors >= 7 else 0.2),
            "caretaker": k // 8,
            "built": built,
            "units": units,
        }

    def _plan_household(self, n, building, unit):
        rng = random.Random(f"{self.seed}:household:{n}")
        today = self.today
        plan = {"n": n, "building": building, "unit": unit}
        plan["main"] = self._plan_person(rng, n, female=rng.random() < 0.55)
        plan["co"] = None
        if rng.random() < CO_MEMBER_RATE:
            # mostly a couple of the same name
            female = plan["main"]["female"] != (rng.random() < 0.85)
            last = plan["main"]["last"] if rng.random() < 0.8 else None
            co = self._plan_person(rng, n, female=female, last=last, tag="c")
            co["member"] = rng.random() < CO_MEMBER_IS_MEMBER
            plan["co"] = co
        # contract history of the unit
        latest_start = date(today.year - 2, 12, 1)
        plan["former"] = None
        if rng.random() < RELET_RATE:
            previous_start = _add_months(date(1985, 1, 1), rng.randint(0, 12 * 27))
            previous_end = _month_end(_add_months(previous_start, rng.randint(36, max(
                37, (latest_start.year - previous_start.year) * 12 - 1))))
            previous_end = min(previous_end, latest_start - timedelta(days=1))
            former = self._plan_person(rng, n, female=rng.random() < 0.55, tag="f")
            former["entry"] = _add_months(previous_start, -1)
            former["exit"] = date(previous_end.year, 12, 31)
            former["start"], former["end"] = previous_start, previous_end
            former["fees"] = self._plan_fees(rng, unit, previous_start, previous_end, changes=0)
            plan["former"] = former
            start = previous_end + timedelta(days=1)
        else:
            years = min(40, int(rng.expovariate(1 / 12)))
            start = date(latest_start.year - years, rng.randint(1, 12), 1)
        plan["start"] = start
        plan["main"]["entry"] = _add_months(start, -rng.randint(1, 3))
        if plan["co"]:
            plan["co"]["entry"] = plan["main"]["entry"]
        plan["fees"] = self._plan_fees(rng, unit, start, None, changes=rng.choice((1, 1, 2)))
        plan["shares"] = self._plan_shares(rng, plan)
        plan["documents"] = self._plan_documents(rng, plan)
        plan["tickets"] = self._plan_tickets(rng, plan)
        plan["token"] = "".join(rng.choice(URLSAFE) for _i in range(40))
        plan["platform"] = rng.choice(("android", "android", "ios"))
        return plan

    def _plan_person(self, rng, n, female, last=None, tag=""):
        first = rng.choice(FEMALE if female else MALE)
        last = last or rng.choice(LAST_NAMES)
        person = {
            "female": female,
            "first": first,
            "last": last,
            "name": f"{first} {last}",
            "email": f"{_ascii(first)}.{_ascii(last)}.{n}{tag}@example.com",
            "phone": f"+49341{rng.randint(2000000, 9999999)}" if rng.random() < 0.7 else False,
            "mobile": rng.random() < 0.6 and f"+49{rng.choice(MOBILE_PREFIXES)}{rng.randint(1000000, 99999999)}",
            "notify": {
                "wbg54_notify_document_email": rng.random() < 0.8,
                "wbg54_notify_notice_email": rng.random() < 0.2,
                "wbg54_notify_ticket_email": rng.random() < 0.85,
                "wbg54_notify_ticket_push": rng.random() < 0.9,
            },
        }
        return person

    def _plan_fees(self, rng, unit, start, end, changes):
        area = unit["living_area"]
        amounts = {
            "base": round(area * rng.uniform(5.2, 7.8), 2),
            "operating_costs": round(area * rng.uniform(1.7, 2.4), 2),
            "heating_costs": round(area * rng.uniform(0.9, 1.5), 2),
        }
        lines = [(fee_type, amount, start, False) for fee_type, amount in amounts.items()]
        last_day = end or self.today
        candidates = [
            date(year, month, 1)
            for year in range(start.year + 1, last_day.year + 1)
            for month in (1, 7)
            if date(year, month, 1) <= last_day
        ]
        for day in sorted(rng.sample(candidates, min(changes, len(candidates)))):
            for fee_type in rng.sample(list(amounts), rng.randint(1, 3)):
                amounts[fee_type] = round(amounts[fee_type] * rng.uniform(1.02, 1.08), 2)
                note = FEE_NOTES[fee_type]
                if fee_type == "operating_costs":
                    note = f"{note} {day.year - 1}"
                lines.append((fee_type, amounts[fee_type], day, note))
        return lines

    def _plan_shares(self, rng, plan):
        """[(person key, kind, date, share qty, amount, note)], per member in posting order."""
        unit = plan["unit"]
        movements = []

        def membership(key, entry, qty, note):
            capital = qty * self.nominal_value
            movements.append((key, "subscription", entry, qty, 0.0, note))
            installments = 1 if rng.random() < 0.65 else rng.randint(2, 3)
            part = round(capital / installments // 10 * 10, 2)
            for i in range(installments):
                amount = part if i < installments - 1 else round(capital - part * (installments - 1), 2)
                day = entry + timedelta(days=14) if i == 0 else _add_months(entry, i + 1)
                movements.append((key, "payment", day, 0, amount,
                                  f"{i + 1}. Rate" if installments > 1 else "Einzahlung Geschäftsanteile"))
            return capital

        membership("main", plan["main"]["entry"], max(2, int(unit["rooms"] * 2)) + rng.choice((0, 0, 0, 1, 2)),
                   "Pflichtanteile lt. Satzung")
        if rng.random() < 0.05:
            day = _random_day(rng, plan["main"]["entry"] + timedelta(days=60), self.today - timedelta(days=30))
            qty = rng.randint(1, 3)
            movements.append(("main", "top_up", day, qty, 0.0, "Zusätzliche Anteile (freiwillig)"))
            movements.append(("main", "payment", day + timedelta(days=10), 0, qty * self.nominal_value,
                              "Einzahlung Zusatzanteile"))
        if plan["co"] and plan["co"]["member"]:
            membership("co", plan["co"]["entry"], 2, "Pflichtanteile lt. Satzung (Mitnutzer)")
        former = plan["former"]
        if former:
            qty = max(2, int(unit["rooms"] * 2))
            capital = membership("former", former["entry"], qty, "Pflichtanteile lt. Satzung")
            payout = date(former["exit"].year + 1, 7, 15)
            movements.append(("former", "payout", min(payout, self.today), qty, capital,
                              f"Auszahlung Geschäftsguthaben nach Austritt zum {former['exit']:%d.%m.%Y}"))
        return [m for m in movements if m[2] <= self.today]

    def _plan_documents(self, rng, plan):
        """[(scope, category key, title, document date)]: PERSONAL_DOCUMENTS per household."""
        today, start = self.today, plan["start"]
        unit, building = plan["unit"], plan["building"]
        documents = [("contract", "contract", f"Nutzungsvertrag Wohnung {building['code']}/{unit['name']}",
                      start - timedelta(days=rng.randint(10, 40)))]
        for year in range(today.year - 1, today.year - 6, -1):
            if year < start.year or len(documents) > 4:
                break
            if date(year + 1, 5, 1) < today:
                day = _random_day(rng, date(year + 1, 5, 1), min(date(year + 1, 11, 30), today - timedelta(days=1)))
                documents.append(("contract", "operating_costs", f"Betriebskostenabrechnung {year}", day))
        for day in sorted({day for _fee_type, _amount, day, note in plan["fees"] if note}):
            if len(documents) < 6:
                documents.append(("contract", "letters", f"Anpassung der Nutzungsgebühr zum {day:%d.%m.%Y}",
                                  day - timedelta(days=rng.randint(30, 60))))
        documents.append(("member", "certificates", "Mitgliedsbescheinigung",
                          _random_day(rng, today - timedelta(days=3 * 365), today - timedelta(days=1))))
        year = today.year - 1
        while len(documents) < PERSONAL_DOCUMENTS:
            kind = len(documents) % 3
            if kind == 0:
                documents.append(("member", "receipts", f"Bestätigung Geschäftsguthaben {year}",
                                  date(year + 1, 1, rng.randint(10, 28))))
            elif kind == 1:
                documents.append(("member", "letters", f"Einladung zur Vertreterversammlung {year}",
                                  date(year, 5, rng.randint(2, 25))))
            else:
                documents.append(("contract", "certificates", f"Mietbescheinigung {year}",
                                  date(year, rng.randint(2, 11), rng.randint(1, 28))))
                year -= 1
        # nothing from the future; contract papers not long before the contract
        latest = today - timedelta(days=1)
        return [
            (scope, category, title, min(latest, max(day, start - timedelta(days=60))))
            for scope, category, title, day in documents[:PERSONAL_DOCUMENTS]
        ]

    def _plan_tickets(self, rng, plan):
        tickets = []
        earliest = max(self.now - timedelta(days=TICKET_YEARS * 365), datetime.combine(plan["start"], time(9)))
        span = max(1, int((self.now - earliest).total_seconds()))
        kinds, weights = zip(*TICKET_KINDS)
        damage_keys = [key for key in DAMAGE if key != "helpdesk_category_elevator" or plan["building"]["has_elevator"]]
        count = rng.choice(TICKET_COUNTS)
        if plan["n"] == 1:
            count = 5  # benchmarks compare the pages of bench user 1 across scales
        for _i in range(count):
            created = earliest + timedelta(seconds=rng.randint(0, span))
            age = (self.now - created).days
            kind = rng.choices(kinds, weights)[0]
            if (age > 60 and rng.random() > 0.03) or (14 < age <= 60 and rng.random() < 0.5):
                stage = rng.choices(("done", "cancelled", "rejected"),
                                    (0.82, 0.08, 0.10) if kind == "application" else (0.9, 0.08, 0.02))[0]
            else:
                stage = rng.choices(("new", "in_progress", "awaiting"), (0.35, 0.4, 0.25))[0]
            ticket = {"kind": kind, "created": created, "stage": stage}
            if kind == "damage":
                ticket["category"] = rng.choice(damage_keys)
                ticket["text"] = rng.choice(DAMAGE[ticket["category"]][1])
                ticket["urgency"] = rng.choices(("normal", "urgent", "emergency"), (0.8, 0.17, 0.03))[0]
                ticket["access_allowed"] = rng.random() < 0.4
                ticket["time_windows"] = rng.choice(("Mo–Fr ab 16 Uhr", "vormittags", "nach Absprache", ""))
                ticket["photo"] = rng.random() < PHOTO_RATE
            elif kind == "application":
                ticket["application"] = rng.choice(list(APPLICATIONS))
                ticket["seed"] = rng.random()
            elif kind == "message":
                ticket["subject"], ticket["text"] = rng.choice(MESSAGES)
            else:
                ticket["subject"], ticket["text"] = rng.choice(DATA_CHANGES)
            ticket["channel"] = rng.choices(("web", "email", "phone"), (0.75, 0.15, 0.1))[0]
            end = self.now if stage not in ("done", "cancelled", "rejected") else min(
                self.now, created + timedelta(days=rng.randint(1, 45), hours=rng.randint(0, 8)))
            ticket["closed"] = end if stage in ("done", "cancelled", "rejected") else False
            comments = rng.choices((1, 2, 3), (0.4, 0.4, 0.2))[0]
            # staff answers first, except on tickets nobody has looked at yet
            authors = ["tenant", "staff", "tenant"] if stage == "new" else ["staff", "tenant", "staff"]
            step = (end - created) / (comments + 1)
            ticket["messages"] = [
                (authors[i], created + step * (i + 1), i, rng.randint(0, 4)) for i in range(comments)
            ]
            tickets.append(ticket)
        return tickets

    # ------------------------------------------------------------
    # DATABASE
    # ------------------------------------------------------------

    def _create(self, model, vals_list, env=None):
        Model = (env or self.env)[model]
        ids = []
        t0 = perf_counter()
        for start in range(0, len(vals_list), BATCH):
            ids += Model.create(vals_list[start:start + BATCH]).ids
            # stored computes run at the flush: count them with the model
            Model.env.flush_all()
        self.stats.add(model, len(ids), perf_counter() - t0)
        return ids

    def _reserve(self, code, count):
        """``count`` numbers of sequence ``code`` as next_by_code() would hand them out one by one."""
        sequence = self.sequences[code]
        if not count:
            return []
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [self.env["ir.sequence"].next_by_code(code) for _i in range(count)]
        self.env.cr.execute(SQL(
            "SELECT nextval(%s) FROM generate_series(1, %s)", f"ir_sequence_{sequence.id:03d}", count))
        # get_next_char() with the prefix and suffix interpolated once
        prefix, suffix = sequence._get_prefix_suffix()
        return [f"{prefix}{number:0{sequence.padding}d}{suffix}" for (number,) in self.env.cr.fetchall()]

    def _commit(self):
        t0 = perf_counter()
        if self.do_commit:
            self.env.cr.commit()
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
            _logger.info("bench: households %s-%s of %s in %.1fs (%.0f households/s)",
                         first, last, target, seconds, (last - first + 1) / seconds)

    def _grow_chunk(self, first, last):
        env = self.env
        t0 = perf_counter()
        numbers = range(first, last + 1)
        buildings = self._ensure_buildings(sorted({self.slots[n - 1][0] for n in numbers}))
        plans = []
        for n in numbers:
            k, u = self.slots[n - 1]
            plan = self._plan_household(n, self.building_plans[k], self.building_plans[k]["units"][u])
            plan["building_db"] = buildings[k]
            plan["unit_id"] = buildings[k]["units"][plan["unit"]["name"]]
            plans.append(plan)
        self.stats.step("plan", perf_counter() - t0)

        self._create_partners(plans)
        self._create_contracts(plans)
        self._create_share_movements(plans)
        self._create_documents(plans)
        self._create_building_recipients(plans)
        self._create_tickets(plans)
        env.flush_all()

    # ------------------------------------------------------------
    # BUILDINGS
    # ------------------------------------------------------------

    def _ensure_buildings(self, ks):
        env = self.env
        t0 = perf_counter()
        plans = {self.building_plans[k]["code"]: self.building_plans[k] for k in ks}
        found = env["wbg54.building"].with_context(active_test=False).search_fetch(
            [("code", "in", list(plans))], ["code"])
        ids = {building.code: building.id for building in found}
        self.stats.step("lookups", perf_counter() - t0)
        missing = [plan for code, plan in plans.items() if code not in ids]
        if missing:
            caretakers = self._ensure_caretakers(sorted({plan["caretaker"] for plan in missing}))
            created = self._create("wbg54.building", [{
                "code": plan["code"],
                "name": plan["name"],
                "street": plan["street"],
                "zip": plan["zip"],
                "city": plan["city"],
                "country_id": self.country_id,
                "has_elevator": plan["has_elevator"],
                "caretaker_id": caretakers[plan["caretaker"]],
                "note": f"<p>Baujahr {plan['built']}, {len(plan['units'])} Wohnungen.</p>",
            } for plan in missing])
            for plan, building_id in zip(missing, created):
                ids[plan["code"]] = building_id
            self._create("wbg54.unit", [{
                "building_id": ids[plan["code"]],
                "name": unit["name"],
                "unit_type": "apartment",
                "floor": unit["floor"],
                "position": unit["position"],
                "rooms": unit["rooms"],
                "living_area": unit["living_area"],
            } for plan in missing for unit in plan["units"]])
            self._create_building_documents(missing, ids)
            self._create_notices(missing, ids)

        t0 = perf_counter()
        result = {
            k: {"id": ids[self.building_plans[k]["code"]], "units": {}, "documents": [], "notices": []} for k in ks
        }
        by_id = {data["id"]: data for data in result.values()}
        for unit in env["wbg54.unit"].with_context(active_test=False).search_fetch(
                [("building_id", "in", list(by_id))], ["name", "building_id"]):
            by_id[unit.building_id.id]["units"][unit.name] = unit.id
        for document in env["wbg54.document"].search_fetch(
                [("scope", "=", "building"), ("building_ids", "in", list(by_id))], ["building_ids"]):
            for building in document.building_ids:
                if building.id in by_id:
                    by_id[building.id]["documents"].append(document.id)
        for notice in env["wbg54.notice"].search_fetch(
                [("state", "in", ("published", "resolved")), ("building_ids", "in", list(by_id))], ["building_ids"]):
            for building in notice.building_ids:
                if building.id in by_id:
                    by_id[building.id]["notices"].append(notice.id)
        self.stats.step("lookups", perf_counter() - t0)
        return result

    def _ensure_caretakers(self, indexes):
        Partner = self.env["res.partner"].with_context(active_test=False)
        refs = {CARETAKER_REF % index: index for index in indexes}
        found = {partner.ref: partner.id for partner in Partner.search_fetch([("ref", "in", list(refs))], ["ref"])}
        missing = [index for ref, index in refs.items() if ref not in found]
        vals_list = []
        for index in missing:
            rng = random.Random(f"{self.seed}:caretaker:{index}")
            person = self._plan_person(rng, index, female=rng.random() < 0.3, tag="k")
            street, zip_code, city = rng.choice(STREETS)
            vals_list.append({
                "name": person["name"],
                "ref": CARETAKER_REF % index,
                "function": "Hausmeister",
                "street": f"{street} {rng.randint(1, 140)}",
                "zip": zip_code,
                "city": city,
                "country_id": self.country_id,
                "email": person["email"],
                "phone": f"+49341{rng.randint(2000000, 9999999)}",
                "mobile": f"+49{rng.choice(MOBILE_PREFIXES)}{rng.randint(1000000, 99999999)}",
                "lang": "de_DE",
            })
        for index, partner_id in zip(missing, self._create("res.partner", vals_list)):
            found[CARETAKER_REF % index] = partner_id
        return {index: found[ref] for ref, index in refs.items()}

    def _document_vals(self, category, title, day, rng, pdf_lines, **vals):
        published = max(_at(day, rng, 8, 16), datetime.combine(self.portal_start, time(6)) + timedelta(
            minutes=rng.randint(0, 600)))
        pdf = _pdf(["Wohnungsbaugenossenschaft 1954 eG", title, f"Datum: {day:%d.%m.%Y}", *pdf_lines])
        return {
            "name": title,
            "category_id": self.doc_categories[category],
            "document_date": day,
            "company_id": self.company.id,
            "file": base64.b64encode(pdf),
            "file_name": _file_name(title),
            "state": "published",
            "published_at": min(published, self.now),
            **vals,
        }

    def _create_building_documents(self, plans, ids):
        vals_list = []
        for plan in plans:
            rng = random.Random(f"{self.seed}:building-documents:{plan['k']}")
            building_id = ids[plan["code"]]
            lines = [f"Haus {plan['code']} {plan['name']}, {plan['street']}, {plan['zip']} {plan['city']}"]
            year = self.today.year - rng.randint(0, 2)
            yesterday = self.today - timedelta(days=1)
            letters = (
                (f"Information zur Heizungswartung {year}", min(date(year, 9, rng.randint(1, 28)), yesterday)),
                (rng.choice(("Ankündigung Strangsanierung", "Ankündigung Fassadenanstrich",
                             "Information Rauchwarnmelder")),
                 _random_day(rng, self.today - timedelta(days=700), yesterday)),
            )
            documents = [("house_rules", "Hausordnung", self.portal_start + timedelta(days=rng.randint(0, 30)))]
            documents += [("letters", title, day) for title, day in rng.sample(letters, BUILDING_DOCUMENTS - 1)]
            for category, title, day in documents:
                vals_list.append(self._document_vals(
                    category, title, day, rng, lines, scope="building", building_ids=[Command.set([building_id])]))
        self._create("wbg54.document", vals_list)

    def _create_notices(self, plans, ids):
        vals_list = []
        for plan in plans:
            rng = random.Random(f"{self.seed}:notices:{plan['k']}")
            building = [Command.set([ids[plan["code"]]])]

            def pick(rng=rng, elevator=plan["has_elevator"]):
                kind = rng.choice(list(NOTICES))
                title, body = rng.choice([
                    notice for notice in NOTICES[kind] if elevator or notice[0] != "Aufzug außer Betrieb"])
                return kind, title, body

            kind, title, body = pick()
            valid_from = self.now - timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 12))
            vals_list.append({
                "name": title, "body": body, "kind": kind, "building_ids": building,
                "company_id": self.company.id, "valid_from": valid_from,
                "valid_to": False if rng.random() < 0.4 else self.now + timedelta(days=rng.randint(5, 90)),
                "state": "published", "published_at": valid_from,
            })
            kind, title, body = pick()
            valid_from = self.now - timedelta(days=rng.randint(30, 400))
            resolved = valid_from + timedelta(days=rng.randint(1, 14), hours=rng.randint(0, 10))
            vals_list.append({
                "name": title, "body": body, "kind": kind, "building_ids": building,
                "company_id": self.company.id, "valid_from": valid_from, "valid_to": resolved,
                "state": "resolved", "published_at": valid_from, "resolved_at": resolved,
            })
        self._create("wbg54.notice", vals_list)

    # ------------------------------------------------------------
    # HOUSEHOLDS
    # ------------------------------------------------------------

    def _partner_vals(self, person, plan, ref, membership):
        building = plan["building"]
        vals = {
            "name": person["name"],
            "ref": ref,
            "is_company": False,
            "street": building["street"],
            "street2": f"Wohnung {plan['unit']['name']} ({plan['unit']['position']})",
            "zip": building["zip"],
            "city": building["city"],
            "country_id": self.country_id,
            "email": person["email"],
            "phone": person["phone"],
            "mobile": person["mobile"],
            "lang": "de_DE",
            "tz": "Europe/Berlin",
            **person["notify"],
        }
        if membership:
            vals.update(membership_state="member", member_entry_date=person["entry"])
        return vals

    def _create_partners(self, plans):
        vals_list, owners = [], []
        for plan in plans:
            n = plan["n"]
            vals_list.append(self._partner_vals(plan["main"], plan, HOUSEHOLD_REF % n, True))
            owners.append((plan, "main"))
            if plan["co"]:
                vals_list.append(self._partner_vals(plan["co"], plan, CO_MEMBER_REF % n, plan["co"]["member"]))
                owners.append((plan, "co"))
            if plan["former"]:
                vals = self._partner_vals(plan["former"], plan, FORMER_REF % n, True)
                vals.update(street2=False)
                vals_list.append(vals)
                owners.append((plan, "former"))
        # member numbers from the sequence, reserved in one query: the addon's
        # create() would assign them with one write per partner
        t0 = perf_counter()
        numbers = iter(self._reserve("wbg54.member", sum(1 for vals in vals_list if vals.get("membership_state"))))
        for vals in vals_list:
            if vals.get("membership_state"):
                vals["member_number"] = next(numbers)
        self.stats.step("sequences", perf_counter() - t0)
        for (plan, key), partner_id in zip(owners, self._create("res.partner", vals_list)):
            plan[f"{key}_id"] = partner_id

    def _create_contracts(self, plans):
        env = self.env
        vals_list, owners = [], []
        for plan in plans:
            if plan["former"]:
                vals_list.append({
                    "unit_id": plan["unit_id"], "partner_id": plan["former_id"],
                    "date_start": plan["former"]["start"], "date_end": plan["former"]["end"],
                    "note": f"<p>Kündigung durch das Mitglied zum {plan['former']['end']:%d.%m.%Y}.</p>",
                })
                owners.append((plan, "former"))
            vals_list.append({
                "unit_id": plan["unit_id"], "partner_id": plan["main_id"], "date_start": plan["start"],
                "co_member_ids": [Command.set([plan["co_id"]])] if plan["co"] else [],
            })
            owners.append((plan, "main"))
        t0 = perf_counter()
        for vals, name in zip(vals_list, self._reserve("wbg54.contract", len(vals_list))):
            vals["name"] = name
        self.stats.step("sequences", perf_counter() - t0)
        contract_ids = self._create("wbg54.contract", vals_list)
        for (plan, key), contract_id in zip(owners, contract_ids):
            plan[f"{key}_contract_id"] = contract_id

        lines = []
        for plan, key in owners:
            fees = plan["former"]["fees"] if key == "former" else plan["fees"]
            lines += [{
                "contract_id": plan[f"{key}_contract_id"], "fee_type": fee_type, "amount": amount,
                "date_from": day, "note": note,
            } for fee_type, amount, day, note in fees]
        self._create("wbg54.contract.fee.line", lines)

        # activate as staff does; the previous contracts of re-let units then end
        t0 = perf_counter()
        contracts = env["wbg54.contract"].browse(contract_ids)
        for start in range(0, len(contracts), ACTIVATE_BATCH):
            contracts[start:start + ACTIVATE_BATCH].action_activate()
        previous = env["wbg54.contract"].browse([plan["former_contract_id"] for plan in plans if plan["former"]])
        previous.action_end()
        by_exit = defaultdict(list)
        for plan in plans:
            if plan["former"]:
                by_exit[plan["former"]["exit"]].append(plan["former_id"])
        for exit_date, partner_ids in by_exit.items():
            env["res.partner"].browse(partner_ids).write({"membership_state": "former", "member_exit_date": exit_date})
        env.flush_all()
        seconds = perf_counter() - t0
        self.stats.add("wbg54.contract", 0, seconds)
        self.stats.step("wbg54.contract: action_activate/action_end", seconds)

    def _create_share_movements(self, plans):
        vals_list = []
        for plan in plans:
            for key, kind, day, qty, amount, note in plan["shares"]:
                vals_list.append({
                    "partner_id": plan[f"{key}_id"], "company_id": self.company.id, "kind": kind, "date": day,
                    "share_qty": qty, "nominal_value": self.nominal_value, "amount": amount, "note": note,
                })
        movement_ids = self._create("wbg54.share.movement", vals_list)
        t0 = perf_counter()
        self.env["wbg54.share.movement"].browse(movement_ids).action_post()
        self.env.flush_all()
        seconds = perf_counter() - t0
        self.stats.add("wbg54.share.movement", 0, seconds)
        self.stats.step("wbg54.share.movement: action_post", seconds)

    def _household_persons(self, plan):
        return [plan["main_id"]] + ([plan["co_id"]] if plan["co"] else [])

    def _recipient_vals(self, rng, partner_ids, document_id, published_at):
        vals_list = []
        for partner_id in partner_ids:
            vals = {"document_id": document_id, "partner_id": partner_id}
            if rng.random() < 0.65:
                vals["opened_at"] = min(self.now, published_at + timedelta(hours=rng.randint(1, 24 * 30)))
            vals_list.append(vals)
        return vals_list

    def _create_documents(self, plans):
        vals_list, owners = [], []
        for plan in plans:
            rng = random.Random(f"{self.seed}:documents:{plan['n']}")
            for index, (scope, category, title, day) in enumerate(plan["documents"], 1):
                target = {"partner_id": plan["main_id"]} if scope == "member" else {
                    "contract_id": plan["main_contract_id"]}
                lines = [f"Haushalt {plan['n']:06d} - {plan['main']['name']}",
                         f"Dokument {index} von {len(plan['documents'])}"]
                vals_list.append(self._document_vals(category, title, day, rng, lines, scope=scope, **target))
                owners.append((plan, scope, rng))
        document_ids = self._create("wbg54.document", vals_list)
        recipients = []
        for (plan, scope, rng), document_id, vals in zip(owners, document_ids, vals_list):
            partner_ids = [plan["main_id"]] if scope == "member" else self._household_persons(plan)
            recipients += self._recipient_vals(rng, partner_ids, document_id, vals["published_at"])
        self._create("wbg54.document.recipient", recipients)

    def _create_building_recipients(self, plans):
        """New households receive their building's documents and notices as if
        they had lived there when these were published."""
        documents, notices = [], []
        published = {}
        all_documents = {d for plan in plans for d in plan["building_db"]["documents"]}
        for document in self.env["wbg54.document"].browse(all_documents):
            published[document.id] = document.published_at
        for plan in plans:
            rng = random.Random(f"{self.seed}:building-recipients:{plan['n']}")
            persons = self._household_persons(plan)
            for document_id in plan["building_db"]["documents"]:
                documents += self._recipient_vals(rng, persons, document_id, published[document_id])
            notices += [
                (notice_id, partner_id)
                for notice_id in plan["building_db"]["notices"] for partner_id in persons
            ]
        self._create("wbg54.document.recipient", documents)
        # activating a contract already adds its persons to the published notices
        informed = {(r.notice_id.id, r.partner_id.id) for r in self.env["wbg54.notice.recipient"].search(
            [("notice_id", "in", list({notice_id for notice_id, _partner in notices}))])}
        self._create("wbg54.notice.recipient", [
            {"notice_id": notice_id, "partner_id": partner_id}
            for notice_id, partner_id in dict.fromkeys(notices) if (notice_id, partner_id) not in informed])

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
            vals.update(user_id=self.staff.id, assigned_date=ticket["created"] + timedelta(hours=3))
        if kind == "damage":
            category_id, team_id, label, _texts = self.damage[ticket["category"]]
            location, text = ticket["text"]
            vals.update({
                "name": f"Schadensmeldung: {label}",
                "description": f"<p>{text}</p>",
                "category_id": category_id,
                "team_id": team_id,
                "wbg54_location": location,
                "wbg54_urgency": ticket["urgency"],
                "wbg54_access_allowed": ticket["access_allowed"],
                "wbg54_time_windows": ticket["time_windows"],
                "priority": {"normal": "1", "urgent": "2", "emergency": "3"}[ticket["urgency"]],
            })
        elif kind == "application":
            type_id, team_id, label, questions = self.applications[ticket["application"]]
            rng = random.Random(ticket["seed"])
            vals.update({
                "name": f"Antrag: {label}",
                "wbg54_application_type_id": type_id,
                "team_id": team_id,
            })
            if questions == "pet":
                species = rng.choice((("Hund", "Labrador, ca. 30 kg"), ("Katze", "Europäisch Kurzhaar"),
                                      ("Hund", "Dackel"), ("Kaninchen", "Zwergkaninchen")))
                vals.update(pet_species=species[0], pet_count=rng.randint(1, 2), pet_breed=species[1],
                            description=f"<p>Wir möchten gern einen {species[0]} halten.</p>")
            elif questions == "renovation":
                begin = ticket["created"].date() + timedelta(days=rng.randint(30, 90))
                vals.update(renovation_scope="Badewanne raus, bodengleiche Dusche rein, neue Fliesen.",
                            renovation_date_from=begin, renovation_date_to=begin + timedelta(days=rng.randint(5, 20)),
                            renovation_company=rng.choice(("Sanitär Müller GmbH", "Bad & Wärme Leipzig",
                                                           "Fliesen Schubert")),
                            description="<p>Wir möchten unser Bad altersgerecht umbauen.</p>")
            else:
                vals.update(awning_size=rng.choice(("3 x 2 m", "4 x 2,5 m")),
                            awning_colour=rng.choice(("Anthrazit", "Beige", "Grau-Weiß")),
                            awning_position=rng.choice(("Balkon", "Loggia")),
                            description="<p>Wir möchten am Balkon eine Markise anbringen lassen.</p>")
            if ticket["stage"] in ("done", "rejected"):
                if ticket["stage"] == "rejected":
                    decision = "rejected"
                else:
                    decision = rng.choice(("approved", "approved", "approved_conditions"))
                vals.update(
                    wbg54_decision=decision,
                    wbg54_decision_date=ticket["closed"].date(),
                    wbg54_decision_reason=DECISION_REASONS[questions].get(decision, False),
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
        for vals, number in zip(vals_list, self._reserve("helpdesk.ticket.sequence", len(vals_list))):
            vals["number"] = number
        self.stats.step("sequences", perf_counter() - t0)
        ticket_ids = self._create("helpdesk.ticket", vals_list)
        # the ORM stamps create_date itself: date the tickets back in one query
        t0 = perf_counter()
        env.flush_all()
        env.cr.execute(SQL(
            "UPDATE helpdesk_ticket AS t SET create_date = v.created, write_date = v.written "
            "FROM (VALUES %s) AS v(id, created, written) WHERE t.id = v.id",
            SQL(", ").join(
                SQL("(%s, %s::timestamp, %s::timestamp)", ticket_id, ticket["created"],
                    ticket["closed"] or ticket["messages"][-1][1])
                for ticket_id, (_plan, ticket) in zip(ticket_ids, owners)
            ),
        ))
        env["helpdesk.ticket"].invalidate_model(["create_date", "write_date"])
        self.stats.add("helpdesk.ticket", 0, perf_counter() - t0)

        t0 = perf_counter()
        reply_to = env["helpdesk.ticket"].browse(ticket_ids)._notify_get_reply_to(default=False)
        self.stats.step("mail.message: reply-to", perf_counter() - t0)
        messages, followers, photos = [], [], []
        for ticket_id, vals, (plan, ticket) in zip(ticket_ids, vals_list, owners):
            tenant_from = formataddr((plan["main"]["name"], plan["main"]["email"]))
            for author, when, index, pick in ticket["messages"]:
                if author == "staff":
                    replies = STAFF_REPLIES[ticket["kind"]]
                    body, author_id, email_from = replies[min(index, len(replies) - 1)], self.staff_partner.id, \
                        self.staff_email_from
                else:
                    body, author_id, email_from = TENANT_REPLIES[pick], plan["main_id"], tenant_from
                messages.append({
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
                })
            # the tenant follows her request, as the portal form subscribes her
            followers.append({"res_model": "helpdesk.ticket", "res_id": ticket_id, "partner_id": plan["main_id"]})
            if ticket.get("photo"):
                photos.append({
                    "name": f"Schaden_{vals['number']}.jpg",
                    "raw": self.photo,
                    "mimetype": "image/jpeg",
                    "res_model": "helpdesk.ticket",
                    "res_id": ticket_id,
                })
        self._create("mail.message", messages)
        self._create("mail.followers", followers)
        self._create("ir.attachment", photos, env=env(context=dict(env.context, image_no_postprocess=True)))

    # ------------------------------------------------------------
    # PORTAL USERS
    # ------------------------------------------------------------

    def ensure_users(self, count):
        env = self.env
        Users = env["res.users"].with_context(active_test=False)
        logins = {self._login(n): n for n in range(1, count + 1)}
        existing = set(Users.search_fetch([("login", "in", list(logins))], ["login"]).mapped("login"))
        missing = [n for login, n in logins.items() if login not in existing]
        if not missing:
            return
        password = Users._crypt_context().hash(TENANT_PASSWORD)  # hashing is slow by design: once
        self._layout(max(missing))
        for start in range(0, len(missing), USER_BATCH):
            numbers = missing[start:start + USER_BATCH]
            t0 = perf_counter()
            partners = {
                partner.ref: partner.id
                for partner in env["res.partner"].with_context(active_test=False).search_fetch(
                    [("ref", "in", [HOUSEHOLD_REF % n for n in numbers])], ["ref"])
            }
            self.stats.step("lookups", perf_counter() - t0)
            numbers = [n for n in numbers if HOUSEHOLD_REF % n in partners]
            user_ids = self._create("res.users", [{
                "login": self._login(n),
                "partner_id": partners[HOUSEHOLD_REF % n],
                "lang": "de_DE",
                "tz": "Europe/Berlin",
                "groups_id": [Command.set([self.portal_group_id])],
            } for n in numbers])
            t0 = perf_counter()
            env.flush_all()
            env.cr.execute(SQL("UPDATE res_users SET password = %s WHERE id IN %s", password, tuple(user_ids)))
            Users.invalidate_model(["password"])
            self.stats.add("res.users", 0, perf_counter() - t0)
            devices, registrations, consents = [], [], []
            for n, user_id in zip(numbers, user_ids):
                k, u = self.slots[n - 1]
                plan = self._plan_household(n, self.building_plans[k], self.building_plans[k]["units"][u])
                rng = random.Random(f"{self.seed}:user:{n}")
                registered = _at(_random_day(rng, self.portal_start, self.today - timedelta(days=2)), rng)
                devices.append({
                    "user_id": user_id,
                    "token": f"bench-token-{n:06d}-{plan['token']}",
                    "platform": plan["platform"],
                    "app_version": rng.choice(("2.3.1", "2.4.0", "2.4.2")),
                    "last_seen_at": min(self.now, registered + timedelta(days=rng.randint(1, 700))),
                })
                registrations.append({
                    "partner_id": partners[HOUSEHOLD_REF % n],
                    "user_id": user_id,
                    "state": "confirmed",
                    "letter_date": registered - timedelta(days=rng.randint(3, 30)),
                    "registered_date": registered,
                    "confirmed_date": registered + timedelta(minutes=rng.randint(2, 600)),
                })
                consents += [{
                    "partner_id": partners[HOUSEHOLD_REF % n], "kind": kind, "version": version,
                    "accepted_on": registered,
                } for kind, version in self.consent_versions.items()]
            self._create("wbg54.push.device", devices)
            self._create("wbg54.registration", registrations)
            self._create("wbg54.consent", consents)
            self._commit()
            _logger.info("bench: %s portal users", start + len(numbers))

    def building_count(self, households):
        self._layout(households)
        return len({k for k, _u in self.slots[:households]})

    @staticmethod
    def _login(n):
        return f"bench{n:06d}@wbg54.example"


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
    parser.add_argument("--scale", type=float, required=True, help="1 = about 1,000 households")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--chunk", type=int, default=CHUNK_HOUSEHOLDS, help="households per transaction")
    parser.add_argument("--json", help="also write the report to this file")
    args = parser.parse_args(argv)
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        report = grow(env, args.scale, seed=args.seed, chunk_size=args.chunk)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as file:
            file.write(text + "\n")


if __name__ == "__main__":
    main()
