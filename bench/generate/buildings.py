"""Buildings with their units (apartments) and caretakers."""

import random
from time import perf_counter

from .members import MOBILE_PREFIXES

CARETAKER_REF = "BENCH-K%04d"
BUILDING_CODE_BASE = 2001
VACANCY = 0.05

STREETS = (
    ("Georg-Schwarz-Straße", "04179", "Leipzig"),
    ("Hermann-Liebmann-Straße", "04315", "Leipzig"),
    ("Kochstraße", "04275", "Leipzig"),
    ("Karl-Liebknecht-Straße", "04275", "Leipzig"),
    ("Eisenbahnstraße", "04315", "Leipzig"),
    ("Lützner Straße", "04177", "Leipzig"),
    ("Zschochersche Straße", "04229", "Leipzig"),
    ("Holbeinstraße", "04229", "Leipzig"),
    ("Stötteritzer Straße", "04317", "Leipzig"),
    ("Wurzner Straße", "04315", "Leipzig"),
    ("Georg-Schumann-Straße", "04155", "Leipzig"),
    ("Gohliser Straße", "04105", "Leipzig"),
    ("Lindenthaler Straße", "04155", "Leipzig"),
    ("Delitzscher Straße", "04129", "Leipzig"),
    ("Kieler Straße", "04357", "Leipzig"),
    ("Mockauer Straße", "04357", "Leipzig"),
    ("Prager Straße", "04317", "Leipzig"),
    ("Riebeckstraße", "04317", "Leipzig"),
    ("Dresdner Straße", "04317", "Leipzig"),
    ("Wiedebachstraße", "04277", "Leipzig"),
    ("Bornaische Straße", "04277", "Leipzig"),
    ("Arno-Nitzsche-Straße", "04277", "Leipzig"),
    ("Brünner Straße", "04209", "Leipzig"),
    ("Ratzelstraße", "04207", "Leipzig"),
    ("Stuttgarter Allee", "04209", "Leipzig"),
    ("Miltitzer Allee", "04205", "Leipzig"),
    ("Paunsdorfer Allee", "04329", "Leipzig"),
    ("Heiterblickallee", "04329", "Leipzig"),
    ("Schönefelder Allee", "04347", "Leipzig"),
    ("Waldstraße", "04105", "Leipzig"),
    ("Jahnallee", "04109", "Leipzig"),
    ("Merseburger Straße", "04177", "Leipzig"),
    ("Erich-Zeigner-Allee", "04229", "Leipzig"),
    ("Antonienstraße", "04229", "Leipzig"),
    ("Ludwig-Hupfeld-Straße", "04178", "Leipzig"),
    ("Plovdiver Straße", "04205", "Leipzig"),
    ("Rathausstraße", "04416", "Markkleeberg"),
    ("Koburger Straße", "04416", "Markkleeberg"),
    ("Leipziger Straße", "04425", "Taucha"),
    ("Portitzer Straße", "04425", "Taucha"),
)

BUILDING_NAMES = (
    "Lindenhof",
    "Birkenhof",
    "Kastanienhof",
    "Ahornhof",
    "Eichenhof",
    "Am Rabet",
    "Südhof",
    "Nordhof",
    "Parkblick",
    "Sonnenhof",
    "Auenblick",
    "Elsterhaus",
    "Pleißehof",
    "Lindenauer Hof",
    "Gartenhof",
    "Rosenhof",
    "Am Stadtpark",
    "Wiesenhof",
    "Kirschhof",
    "Lerchenhof",
    "Am Wasserturm",
    "Mühlenhof",
)

POSITIONS = {
    3: ("links", "Mitte", "rechts"),
    4: ("links", "Mitte links", "Mitte rechts", "rechts"),
    5: ("links", "Mitte links", "Mitte", "Mitte rechts", "rechts"),
}
ROOMS = (1.0, 1.5, 2.0, 2.0, 2.5, 2.5, 3.0, 3.0, 3.0, 3.5, 4.0, 4.0, 5.0)


class BuildingsMixin:
    def _plan_building(self, k):
        rng = random.Random(f"{self.seed}:building:{k}")
        street, zip_code, city = rng.choice(STREETS)
        floors = rng.randint(5, 7)
        per_floor = rng.choice((3, 4, 4, 5))
        units = []
        for floor in range(floors):
            for position in range(per_floor):
                rooms = rng.choice(ROOMS)
                units.append(
                    {
                        "name": f"{floor:02d}.{position + 1:02d}",
                        "floor": floor,
                        "position": POSITIONS[per_floor][position],
                        "rooms": rooms,
                        "living_area": round(18 + 17 * rooms + rng.uniform(-6, 8), 2),
                        # bench user 1 lives in the first apartment of building 1
                        "vacant": rng.random() < VACANCY
                        and (k, floor, position) != (0, 0, 0),
                    }
                )
        built = rng.randint(1900, 1995)
        return {
            "k": k,
            "code": str(BUILDING_CODE_BASE + k),
            "name": rng.choice(BUILDING_NAMES),
            "street": f"{street} {rng.randint(1, 140)}"
            f"{rng.choice(('', '', '', 'a', 'b'))}",
            "zip": zip_code,
            "city": city,
            "has_elevator": rng.random() < (0.6 if floors >= 7 else 0.2),
            "caretaker": k // 8,
            "built": built,
            "units": units,
        }

    def _ensure_buildings(self, ks):
        env = self.env
        t0 = perf_counter()
        plans = {self.building_plans[k]["code"]: self.building_plans[k] for k in ks}
        found = (
            env["wbg54.building"]
            .with_context(active_test=False)
            .search_fetch([("code", "in", list(plans))], ["code"])
        )
        ids = {building.code: building.id for building in found}
        self.stats.step("lookups", perf_counter() - t0)
        missing = [plan for code, plan in plans.items() if code not in ids]
        if missing:
            caretakers = self._ensure_caretakers(
                sorted({plan["caretaker"] for plan in missing})
            )
            created = self._create(
                "wbg54.building",
                [
                    {
                        "code": plan["code"],
                        "name": plan["name"],
                        "street": plan["street"],
                        "zip": plan["zip"],
                        "city": plan["city"],
                        "country_id": self.country_id,
                        "has_elevator": plan["has_elevator"],
                        "caretaker_id": caretakers[plan["caretaker"]],
                        "note": f"<p>Baujahr {plan['built']}, "
                        f"{len(plan['units'])} Wohnungen.</p>",
                    }
                    for plan in missing
                ],
            )
            for plan, building_id in zip(missing, created, strict=False):
                ids[plan["code"]] = building_id
            self._create(
                "wbg54.unit",
                [
                    {
                        "building_id": ids[plan["code"]],
                        "name": unit["name"],
                        "unit_type": "apartment",
                        "floor": unit["floor"],
                        "position": unit["position"],
                        "rooms": unit["rooms"],
                        "living_area": unit["living_area"],
                    }
                    for plan in missing
                    for unit in plan["units"]
                ],
            )
            self._create_building_documents(missing, ids)
            self._create_notices(missing, ids)

        t0 = perf_counter()
        result = {
            k: {
                "id": ids[self.building_plans[k]["code"]],
                "units": {},
                "documents": [],
                "notices": [],
            }
            for k in ks
        }
        by_id = {data["id"]: data for data in result.values()}
        for unit in (
            env["wbg54.unit"]
            .with_context(active_test=False)
            .search_fetch([("building_id", "in", list(by_id))], ["name", "building_id"])
        ):
            by_id[unit.building_id.id]["units"][unit.name] = unit.id
        for document in env["wbg54.document"].search_fetch(
            [("scope", "=", "building"), ("building_ids", "in", list(by_id))],
            ["building_ids"],
        ):
            for building in document.building_ids:
                if building.id in by_id:
                    by_id[building.id]["documents"].append(document.id)
        for notice in env["wbg54.notice"].search_fetch(
            [
                ("state", "in", ("published", "resolved")),
                ("building_ids", "in", list(by_id)),
            ],
            ["building_ids"],
        ):
            for building in notice.building_ids:
                if building.id in by_id:
                    by_id[building.id]["notices"].append(notice.id)
        self.stats.step("lookups", perf_counter() - t0)
        return result

    def _ensure_caretakers(self, indexes):
        Partner = self.env["res.partner"].with_context(active_test=False)
        refs = {CARETAKER_REF % index: index for index in indexes}
        found = {
            partner.ref: partner.id
            for partner in Partner.search_fetch([("ref", "in", list(refs))], ["ref"])
        }
        missing = [index for ref, index in refs.items() if ref not in found]
        vals_list = []
        for index in missing:
            rng = random.Random(f"{self.seed}:caretaker:{index}")
            person = self._plan_person(rng, index, female=rng.random() < 0.3, tag="k")
            street, zip_code, city = rng.choice(STREETS)
            vals_list.append(
                {
                    "name": person["name"],
                    "ref": CARETAKER_REF % index,
                    "function": "Hausmeister",
                    "street": f"{street} {rng.randint(1, 140)}",
                    "zip": zip_code,
                    "city": city,
                    "country_id": self.country_id,
                    "email": person["email"],
                    "phone": f"+49341{rng.randint(2000000, 9999999)}",
                    "mobile": f"+49{rng.choice(MOBILE_PREFIXES)}"
                    f"{rng.randint(1000000, 99999999)}",
                    "lang": "de_DE",
                }
            )
        for index, partner_id in zip(
            missing, self._create("res.partner", vals_list), strict=False
        ):
            found[CARETAKER_REF % index] = partner_id
        return {index: found[ref] for ref, index in refs.items()}
