"""Households: members, co-members and former members (res.partner)."""

import random
import string
import unicodedata
from datetime import date, timedelta
from time import perf_counter

from .common import _add_months, _month_end

HOUSEHOLD_REF = "BENCH-H%06d"
CO_MEMBER_REF = "BENCH-C%06d"
FORMER_REF = "BENCH-F%06d"

CO_MEMBER_RATE = 0.30
CO_MEMBER_IS_MEMBER = 0.25
RELET_RATE = 0.03
URLSAFE = string.ascii_letters + string.digits + "-_"

FEMALE = (
    "Anna",
    "Maria",
    "Ursula",
    "Monika",
    "Petra",
    "Elke",
    "Sabine",
    "Renate",
    "Helga",
    "Karin",
    "Brigitte",
    "Ingrid",
    "Gerda",
    "Heike",
    "Birgit",
    "Claudia",
    "Susanne",
    "Andrea",
    "Kerstin",
    "Katrin",
    "Nicole",
    "Stefanie",
    "Julia",
    "Laura",
    "Lena",
    "Sarah",
    "Lisa",
    "Hannah",
    "Lea",
    "Marie",
    "Sophie",
    "Emma",
    "Mia",
    "Johanna",
    "Franziska",
    "Jana",
    "Doreen",
    "Manuela",
    "Silke",
    "Anke",
    "Christine",
    "Gabriele",
    "Jutta",
    "Martina",
    "Sandra",
    "Yvonne",
    "Antje",
    "Ines",
    "Romy",
    "Charlotte",
)

MALE = (
    "Thomas",
    "Michael",
    "Andreas",
    "Stefan",
    "Frank",
    "Klaus",
    "Wolfgang",
    "Jürgen",
    "Uwe",
    "Dieter",
    "Manfred",
    "Horst",
    "Peter",
    "Bernd",
    "Jens",
    "Steffen",
    "Torsten",
    "Matthias",
    "Sven",
    "Ronny",
    "René",
    "Dirk",
    "Lars",
    "Daniel",
    "Tobias",
    "Christian",
    "Sebastian",
    "Florian",
    "Paul",
    "Lukas",
    "Felix",
    "Jonas",
    "Maximilian",
    "Tim",
    "Niklas",
    "Marcel",
    "Rico",
    "Maik",
    "Heiko",
    "Ralf",
    "Gerd",
    "Hans-Jürgen",
    "Karl-Heinz",
    "Volker",
    "Holger",
    "Mario",
    "Enrico",
    "Toni",
    "Erik",
    "Leon",
)

LAST_NAMES = (
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Schmitz",
    "Krause",
    "Meier",
    "Lehmann",
    "Schmid",
    "Schulze",
    "Maier",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Scholz",
    "Möller",
    "Weiß",
    "Jung",
    "Hahn",
    "Schubert",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
    "Frank",
    "Berger",
    "Winkler",
    "Roth",
    "Beck",
    "Lorenz",
    "Baumann",
    "Franke",
    "Albrecht",
    "Schuster",
    "Simon",
    "Ludwig",
    "Böhm",
    "Winter",
    "Kraus",
    "Martin",
    "Schumacher",
    "Krämer",
    "Vogt",
    "Stein",
    "Jäger",
    "Otto",
    "Sommer",
    "Groß",
    "Seidel",
    "Heinrich",
    "Brandt",
    "Haas",
    "Schreiber",
    "Graf",
    "Dietrich",
    "Ziegler",
    "Kuhn",
    "Kühn",
    "Pohl",
    "Engel",
    "Horn",
    "Busch",
    "Bergmann",
    "Voigt",
    "Sauer",
    "Arnold",
    "Wolff",
    "Pfeiffer",
    "Böhme",
    "Kunze",
    "Ulbrich",
    "Tröger",
    "Uhlig",
    "Hennig",
    "Rösler",
    "Seifert",
    "Gräfe",
    "Wendt",
    "Nitzsche",
    "Funke",
    "Hempel",
    "Teichmann",
)
# Leipzig and two neighbouring towns: (street, zip, city)
MOBILE_PREFIXES = (
    "151",
    "152",
    "157",
    "160",
    "162",
    "170",
    "171",
    "172",
    "173",
    "174",
    "175",
    "176",
    "177",
    "179",
)


def _ascii(text):
    text = (
        text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    )
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in text.lower() if ch.isalnum() or ch in "-.")


class MembersMixin:
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
            previous_end = _month_end(
                _add_months(
                    previous_start,
                    rng.randint(
                        36, max(37, (latest_start.year - previous_start.year) * 12 - 1)
                    ),
                )
            )
            previous_end = min(previous_end, latest_start - timedelta(days=1))
            former = self._plan_person(rng, n, female=rng.random() < 0.55, tag="f")
            former["entry"] = _add_months(previous_start, -1)
            former["exit"] = date(previous_end.year, 12, 31)
            former["start"], former["end"] = previous_start, previous_end
            former["fees"] = self._plan_fees(
                rng, unit, previous_start, previous_end, changes=0
            )
            plan["former"] = former
            start = previous_end + timedelta(days=1)
        else:
            years = min(40, int(rng.expovariate(1 / 12)))
            start = date(latest_start.year - years, rng.randint(1, 12), 1)
        plan["start"] = start
        plan["main"]["entry"] = _add_months(start, -rng.randint(1, 3))
        if plan["co"]:
            plan["co"]["entry"] = plan["main"]["entry"]
        plan["fees"] = self._plan_fees(
            rng, unit, start, None, changes=rng.choice((1, 1, 2))
        )
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
            "phone": f"+49341{rng.randint(2000000, 9999999)}"
            if rng.random() < 0.7
            else False,
            "mobile": rng.random() < 0.6
            and f"+49{rng.choice(MOBILE_PREFIXES)}{rng.randint(1000000, 99999999)}",
            "notify": {
                "wbg54_notify_document_email": rng.random() < 0.8,
                "wbg54_notify_notice_email": rng.random() < 0.2,
                "wbg54_notify_ticket_email": rng.random() < 0.85,
                "wbg54_notify_ticket_push": rng.random() < 0.9,
            },
        }
        return person

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
            vals_list.append(
                self._partner_vals(plan["main"], plan, HOUSEHOLD_REF % n, True)
            )
            owners.append((plan, "main"))
            if plan["co"]:
                vals_list.append(
                    self._partner_vals(
                        plan["co"], plan, CO_MEMBER_REF % n, plan["co"]["member"]
                    )
                )
                owners.append((plan, "co"))
            if plan["former"]:
                vals = self._partner_vals(plan["former"], plan, FORMER_REF % n, True)
                vals.update(street2=False)
                vals_list.append(vals)
                owners.append((plan, "former"))
        # member numbers from the sequence, reserved in one query: the addon's
        # create() would assign them with one write per partner
        t0 = perf_counter()
        numbers = iter(
            self._reserve(
                "wbg54.member",
                sum(1 for vals in vals_list if vals.get("membership_state")),
            )
        )
        for vals in vals_list:
            if vals.get("membership_state"):
                vals["member_number"] = next(numbers)
        self.stats.step("sequences", perf_counter() - t0)
        for (plan, key), partner_id in zip(
            owners, self._create("res.partner", vals_list), strict=False
        ):
            plan[f"{key}_id"] = partner_id

    def _household_persons(self, plan):
        return [plan["main_id"]] + ([plan["co_id"]] if plan["co"] else [])
