"""The cooperative's letters as a landlord or an office receives them.

Rent certificate, share confirmation, decision on an application and
registration letter, rendered by the system's wkhtmltopdf (Debian's, with
unpatched Qt) against this run's own server, so that the report assets (CSS,
fonts) load as in production; read back with poppler's ``pdftotext``.
"""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from odoo import fields
from odoo.tests import TransactionCase, tagged

from .common import TenantFixture

PT_PER_MM = 72 / 25.4


def pdftotext(pdf, *options):
    if not shutil.which("pdftotext"):
        raise AssertionError(
            "the letter tests need pdftotext: apt install poppler-utils"
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "letter.pdf")
        path.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", *options, str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


@tagged("post_install", "-at_install")
class TestLetters(TenantFixture, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()
        cls.env.company.write(
            {
                "name": "Wohnungsbaugenossenschaft Teststadt eG",
                "street": "Genossenschaftsweg 1",
                "zip": "04177",
                "city": "Leipzig",
                "phone": "+49 341 111222",
                "email": "post@wbg-test.example",
                "company_registry": "GnR 4711, Amtsgericht Leipzig",
            }
        )
        cls.today = fields.Date.context_today(cls.env.user).strftime("%d.%m.%Y")

    def _pdf(self, report_ref, res_ids, data=None):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report_ref, res_ids, data=data)
        )
        self.assertEqual(kind, "pdf")
        return pdf

    def _text(self, pdf):
        return " ".join(pdftotext(pdf).split())

    def _assert_letter(self, text, recipient):
        """Letterhead, recipient, place and date of issue."""
        for expected in (
            "Wohnungsbaugenossenschaft Teststadt eG",
            "Genossenschaftsweg 1",
            "+49 341 111222",
            "post@wbg-test.example",
            "Genossenschaftsregister: GnR 4711, Amtsgericht Leipzig",
            recipient,
            f"Ort, Datum: Leipzig, {self.today}",
        ):
            self.assertIn(expected, text)

    def _word_box(self, pdf, word):
        """Position (x, y of the top left corner, in mm) of the first ``word``
        on page 1."""
        match = re.search(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>'
            + re.escape(word)
            + "</word>",
            pdftotext(pdf, "-bbox", "-f", "1", "-l", "1"),
        )
        self.assertTrue(match, word)
        return float(match[1]) / PT_PER_MM, float(match[2]) / PT_PER_MM

    def _assert_in_address_window(self, pdf, word):
        """DIN 5008 form B: window 20 mm from the left and 45 mm from the top,
        85 x 45 mm;
        the address below the return line (17.7 mm), its text 5 mm in."""
        x, y = self._word_box(pdf, word)
        self.assertTrue(23 <= x <= 28, f"{word} {x:.1f} mm from the left")
        self.assertTrue(45 + 12 <= y <= 90 - 10, f"{word} {y:.1f} mm from the top")

    def test_rent_certificate(self):
        pdf = self._pdf(
            "wbg54_portal.action_report_rent_certificate", self.contract_a1.ids
        )
        text = self._text(pdf)
        self._assert_letter(text, "Alma Albrecht Portalweg 7 04109 Leipzig")
        for expected in (
            "Mietbescheinigung",
            "Bodo Albrecht",
            self.contract_a1.name,
            "Anzahl der Personen im Haushalt 2",
            "Portalweg 7, 04109 Leipzig",
            "70,50 m²",
            "420,00 €",
            "140,00 €",
            "52,50 €",
            "Summe monatlich 612,50 €",
        ):
            self.assertIn(expected, text)
        self._assert_in_address_window(pdf, "Alma")
        # the subject below the address field (form B: 98.5 mm)
        self.assertTrue(95 <= self._word_box(pdf, "Mietbescheinigung")[1] <= 102)

    def test_household_size_on_the_certificate(self):
        self.assertEqual(
            self.contract_a1.household_size, 2, "main member and co-member"
        )
        self.assertEqual(self.contract_a2.household_size, 1)
        self.contract_a2.household_size = 4  # staff: two children live there too
        text = self._text(
            self._pdf(
                "wbg54_portal.action_report_rent_certificate", self.contract_a2.ids
            )
        )
        self.assertIn("Anzahl der Personen im Haushalt 4", text)

    def test_two_certificates_in_one_print(self):
        # Debian's wkhtmltopdf prints one HTML document only: one article,
        # a sheet per letter
        pdf = self._pdf(
            "wbg54_portal.action_report_rent_certificate",
            (self.contract_a1 | self.contract_c).ids,
        )
        pages = pdftotext(pdf).split("\f")
        self.assertIn("Alma Albrecht", pages[0])
        self.assertIn("Clara Fremd", pages[1])
        self.assertNotIn("Alma Albrecht", pages[1])

    def test_share_confirmation(self):
        pdf = self._pdf(
            "wbg54_portal.action_report_share_confirmation",
            self.partner_a.ids,
            data={"date": "2020-03-01"},
        )
        text = self._text(pdf)
        self._assert_letter(text, "Alma Albrecht Portalweg 7 04109 Leipzig")
        for expected in (
            "Bestätigung über Geschäftsguthaben",
            "640,00 €",
            "400,00 €",
            "01.03.2020",
        ):
            self.assertIn(expected, text)
        self._assert_in_address_window(pdf, "Alma")

    def test_decision_letter(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Antrag",
                "description": "Hund",
                "partner_id": self.partner_a.id,
                "wbg54_kind": "application",
                "wbg54_application_type_id": self.env.ref(
                    "wbg54_portal.application_type_pet"
                ).id,
                "wbg54_contract_id": self.contract_a1.id,
                "pet_species": "Hund",
                "pet_count": 1,
                "wbg54_decision": "approved_conditions",
                "wbg54_decision_reason": "Leinenpflicht im Hof.",
                "wbg54_decision_date": fields.Date.context_today(self.env.user),
            }
        )
        pdf = self._pdf("wbg54_portal.action_report_application_decision", ticket.ids)
        text = self._text(pdf)
        self._assert_letter(text, "Alma Albrecht Portalweg 7 04109 Leipzig")
        for expected in (
            "Entscheidung über Ihren Antrag",
            ticket.number,
            "Leinenpflicht im Hof.",
            self.contract_a1.name,
        ):
            self.assertIn(expected, text)
        self._assert_in_address_window(pdf, "Alma")

    def test_registration_letter(self):
        # the portal address as staff set it in the settings, the pages as
        # system parameters
        self.env["res.config.settings"].create(
            {"wbg54_portal_url": "https://portal.wbg-test.example/"}
        ).execute()
        ICP = self.env["ir.config_parameter"]
        # as long as the real one, with hyphens where a line could break
        ICP.set_param(
            "wbg54_portal.privacy_url",
            "https://wbg-1954-crmportal.wbg-test.example/site/crmportal/Datenschutzerklaerung",
        )
        ICP.set_param(
            "wbg54_portal.terms_url", "https://wbg-test.example/nutzungsbedingungen"
        )
        wizard = (
            self.env["wbg54.registration.letter.wizard"]
            .with_context(active_model="res.partner", active_ids=self.partner_b.ids)
            .create({})
        )
        data = wizard.action_print()["data"]
        pdf = self._pdf("wbg54_portal.action_report_registration_letter", [], data=data)
        text = self._text(pdf)
        self._assert_letter(text, "Bodo Albrecht Portalweg 7 04109 Leipzig")
        for expected in (
            data["codes"][str(self.partner_b.id)],
            "https://portal.wbg-test.example/web/signup",
            "https://wbg-1954-crmportal.wbg-test.example/site/crmportal/Datenschutzerklaerung",
            "https://wbg-test.example/nutzungsbedingungen",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("localhost", text)
        self.assertNotIn("127.0.0.1", text)
        self._assert_in_address_window(pdf, "Bodo")
        self.assertEqual(len(pdftotext(pdf).strip("\f").split("\f")), 1, "one sheet")

    def test_text_in_system_fonts(self):
        """Text, not vector paths: every font in the PDF is an embedded system font."""
        pdf = self._pdf(
            "wbg54_portal.action_report_rent_certificate", self.contract_a1.ids
        )
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp, "letter.pdf")
            path.write_bytes(pdf)
            fonts = subprocess.run(
                ["pdffonts", str(path)], check=True, capture_output=True, text=True
            ).stdout
        names = {line.split()[0] for line in fonts.splitlines()[2:]}
        self.assertTrue(names)
        self.assertTrue(all(name.startswith("DejaVu") for name in names), names)
