"""Member, contract and building documents (small real PDFs) and their recipients."""

import base64
import random
import unicodedata
from datetime import date, datetime, time, timedelta

from odoo.fields import Command

from .common import _at, _random_day

PERSONAL_DOCUMENTS = (
    10  # plus BUILDING_DOCUMENTS per building: about 10 per household in all
)
BUILDING_DOCUMENTS = 2  # house rules and a current letter


def _file_name(title):
    for umlaut, plain in (
        ("ä", "ae"),
        ("ö", "oe"),
        ("ü", "ue"),
        ("Ä", "Ae"),
        ("Ö", "Oe"),
        ("Ü", "Ue"),
        ("ß", "ss"),
    ):
        title = title.replace(umlaut, plain)
    title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return (
        "_".join(
            "".join(ch for ch in word if ch.isalnum() or ch in "-.")
            for word in title.split()
        )
        + ".pdf"
    )


def _pdf(lines):
    """A small valid one-page PDF showing ``lines`` (cp1252 text)."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = (
        "BT /F1 11 Tf 56 800 Td 16 TL "
        + " ".join(f"({escape(line)}) '" for line in lines)
        + " ET"
    ).encode("cp1252", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << "
        b"/F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
        b"/WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class DocumentsMixin:
    def _plan_documents(self, rng, plan):
        """[(scope, category key, title, document date)]: PERSONAL_DOCUMENTS per
        household."""
        today, start = self.today, plan["start"]
        unit, building = plan["unit"], plan["building"]
        documents = [
            (
                "contract",
                "contract",
                f"Nutzungsvertrag Wohnung {building['code']}/{unit['name']}",
                start - timedelta(days=rng.randint(10, 40)),
            )
        ]
        for year in range(today.year - 1, today.year - 6, -1):
            if year < start.year or len(documents) > 4:
                break
            if date(year + 1, 5, 1) < today:
                day = _random_day(
                    rng,
                    date(year + 1, 5, 1),
                    min(date(year + 1, 11, 30), today - timedelta(days=1)),
                )
                documents.append(
                    (
                        "contract",
                        "operating_costs",
                        f"Betriebskostenabrechnung {year}",
                        day,
                    )
                )
        for day in sorted(
            {day for _fee_type, _amount, day, note in plan["fees"] if note}
        ):
            if len(documents) < 6:
                documents.append(
                    (
                        "contract",
                        "letters",
                        f"Anpassung der Nutzungsgebühr zum {day:%d.%m.%Y}",
                        day - timedelta(days=rng.randint(30, 60)),
                    )
                )
        documents.append(
            (
                "member",
                "certificates",
                "Mitgliedsbescheinigung",
                _random_day(
                    rng, today - timedelta(days=3 * 365), today - timedelta(days=1)
                ),
            )
        )
        year = today.year - 1
        while len(documents) < PERSONAL_DOCUMENTS:
            kind = len(documents) % 3
            if kind == 0:
                documents.append(
                    (
                        "member",
                        "receipts",
                        f"Bestätigung Geschäftsguthaben {year}",
                        date(year + 1, 1, rng.randint(10, 28)),
                    )
                )
            elif kind == 1:
                documents.append(
                    (
                        "member",
                        "letters",
                        f"Einladung zur Vertreterversammlung {year}",
                        date(year, 5, rng.randint(2, 25)),
                    )
                )
            else:
                documents.append(
                    (
                        "contract",
                        "certificates",
                        f"Mietbescheinigung {year}",
                        date(year, rng.randint(2, 11), rng.randint(1, 28)),
                    )
                )
                year -= 1
        # nothing from the future; contract papers not long before the contract
        latest = today - timedelta(days=1)
        return [
            (scope, category, title, min(latest, max(day, start - timedelta(days=60))))
            for scope, category, title, day in documents[:PERSONAL_DOCUMENTS]
        ]

    def _document_vals(self, category, title, day, rng, pdf_lines, **vals):
        published = max(
            _at(day, rng, 8, 16),
            datetime.combine(self.portal_start, time(6))
            + timedelta(minutes=rng.randint(0, 600)),
        )
        pdf = _pdf(
            [
                "Wohnungsbaugenossenschaft 1954 eG",
                title,
                f"Datum: {day:%d.%m.%Y}",
                *pdf_lines,
            ]
        )
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
            lines = [
                f"Haus {plan['code']} {plan['name']}, {plan['street']}, {plan['zip']} "
                f"{plan['city']}"
            ]
            year = self.today.year - rng.randint(0, 2)
            yesterday = self.today - timedelta(days=1)
            letters = (
                (
                    f"Information zur Heizungswartung {year}",
                    min(date(year, 9, rng.randint(1, 28)), yesterday),
                ),
                (
                    rng.choice(
                        (
                            "Ankündigung Strangsanierung",
                            "Ankündigung Fassadenanstrich",
                            "Information Rauchwarnmelder",
                        )
                    ),
                    _random_day(rng, self.today - timedelta(days=700), yesterday),
                ),
            )
            documents = [
                (
                    "house_rules",
                    "Hausordnung",
                    self.portal_start + timedelta(days=rng.randint(0, 30)),
                )
            ]
            documents += [
                ("letters", title, day)
                for title, day in rng.sample(letters, BUILDING_DOCUMENTS - 1)
            ]
            for category, title, day in documents:
                vals_list.append(
                    self._document_vals(
                        category,
                        title,
                        day,
                        rng,
                        lines,
                        scope="building",
                        building_ids=[Command.set([building_id])],
                    )
                )
        self._create("wbg54.document", vals_list)

    def _recipient_vals(self, rng, partner_ids, document_id, published_at):
        vals_list = []
        for partner_id in partner_ids:
            vals = {"document_id": document_id, "partner_id": partner_id}
            if rng.random() < 0.65:
                vals["opened_at"] = min(
                    self.now, published_at + timedelta(hours=rng.randint(1, 24 * 30))
                )
            vals_list.append(vals)
        return vals_list

    def _create_documents(self, plans):
        vals_list, owners = [], []
        for plan in plans:
            rng = random.Random(f"{self.seed}:documents:{plan['n']}")
            for index, (scope, category, title, day) in enumerate(plan["documents"], 1):
                target = (
                    {"partner_id": plan["main_id"]}
                    if scope == "member"
                    else {"contract_id": plan["main_contract_id"]}
                )
                lines = [
                    f"Haushalt {plan['n']:06d} - {plan['main']['name']}",
                    f"Dokument {index} von {len(plan['documents'])}",
                ]
                vals_list.append(
                    self._document_vals(
                        category, title, day, rng, lines, scope=scope, **target
                    )
                )
                owners.append((plan, scope, rng))
        document_ids = self._create("wbg54.document", vals_list)
        recipients = []
        for (plan, scope, rng), document_id, vals in zip(
            owners, document_ids, vals_list, strict=False
        ):
            partner_ids = (
                [plan["main_id"]]
                if scope == "member"
                else self._household_persons(plan)
            )
            recipients += self._recipient_vals(
                rng, partner_ids, document_id, vals["published_at"]
            )
        self._create("wbg54.document.recipient", recipients)

    def _create_building_document_recipients(self, plans):
        """New households receive their building's documents as if they had
        lived there when these were published."""
        documents = []
        published = {}
        all_documents = {d for plan in plans for d in plan["building_db"]["documents"]}
        for document in self.env["wbg54.document"].browse(all_documents):
            published[document.id] = document.published_at
        for plan in plans:
            rng = random.Random(f"{self.seed}:building-recipients:{plan['n']}")
            persons = self._household_persons(plan)
            for document_id in plan["building_db"]["documents"]:
                documents += self._recipient_vals(
                    rng, persons, document_id, published[document_id]
                )
        self._create("wbg54.document.recipient", documents)
