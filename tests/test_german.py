import pathlib

import polib

import odoo
from odoo.tests import TransactionCase
from odoo.tools.translate import TranslationModuleReader

I18N = pathlib.Path(odoo.modules.module.get_module_path("wbg54_portal"), "i18n")


class TestGerman(TransactionCase):
    def test_every_term_has_a_german_translation(self):
        german = {
            entry.msgid: entry.msgstr
            for entry in polib.pofile(I18N / "de.po")
            if not entry.obsolete
        }
        reader = TranslationModuleReader(self.env.cr, modules=["wbg54_portal"])
        sources = {
            source
            for _module, _type, _name, _res_id, source, _value, _comments in reader
            if source
        }
        self.assertTrue(sources)
        missing = sorted(source for source in sources if not german.get(source))
        self.assertEqual(missing, [], "terms without German translation in de.po")

    def test_template_is_current(self):
        template = {entry.msgid for entry in polib.pofile(I18N / "wbg54_portal.pot")}
        reader = TranslationModuleReader(self.env.cr, modules=["wbg54_portal"])
        sources = {
            source
            for _module, _type, _name, _res_id, source, _value, _comments in reader
            if source
        }
        self.assertEqual(sources - template, set(), "regenerate wbg54_portal.pot")

    def test_labels_are_german_for_german_users(self):
        self.env.ref("base.lang_de").active = True
        self.env["ir.module.module"]._load_module_terms(
            ["wbg54_portal"], ["de_DE"], overwrite=True
        )
        env_de = self.env(context={"lang": "de_DE"})
        fields_de = env_de["wbg54.contract"].fields_get(
            ["fee_total", "state"], ["string", "selection"]
        )
        self.assertEqual(
            fields_de["fee_total"]["string"], "Aktuelle monatliche Nutzungsgebühr"
        )
        self.assertIn(("terminated", "Gekündigt"), fields_de["state"]["selection"])
        self.assertEqual(
            env_de.ref("wbg54_portal.wbg54_menu_root").name, "Genossenschaft"
        )
        self.assertEqual(
            env_de.ref("wbg54_portal.group_wbg54_portal_user").name, "Sachbearbeitung"
        )

    def test_stage_names_staff_chose_are_kept(self):
        """i18n_extra's German replaces helpdesk_mgmt's own ("Warten auf"),
        never a name staff gave a stage."""
        self.env.ref("base.lang_de").active = True
        awaiting = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        rejected = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_rejected")
        awaiting.with_context(lang="de_DE").name = "Warten auf"  # the module's
        rejected.with_context(lang="de_DE").name = "Nicht möglich"  # staff's
        Modules = self.env["ir.module.module"]
        # as an update of the addon loads them (no --i18n-overwrite)
        Modules._load_module_terms(["wbg54_portal"], ["de_DE"])
        self.env.invalidate_all()
        self.assertEqual(
            awaiting.with_context(lang="de_DE").name, "Wartet auf Rückmeldung"
        )
        self.assertEqual(rejected.with_context(lang="de_DE").name, "Nicht möglich")
