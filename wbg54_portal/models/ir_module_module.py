from odoo import models
from odoo.tools import file_open
from odoo.tools.translate import PoFileReader, TranslationImporter, get_po_paths


def _extra_po_paths(lang):
    return [
        po_path
        for po_path in get_po_paths("wbg54_portal", lang)
        if "/i18n_extra/" in po_path
    ]


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(
        self, modules, langs, overwrite=False, imported_module=False
    ):
        """The addon's ``i18n_extra/<lang>.po`` holds the cooperative's German
        for texts of the modules it builds on, where theirs is missing or
        wrong for tenants (helpdesk_mgmt's truncated "Warten auf" for a
        waiting ticket, its untranslated portal labels, Odoo's "Login"
        button). Odoo loads the file with the addon's own terms but keeps the
        translations that exist, and loading one of those modules again
        brings their German back: it is applied over theirs after every
        load."""
        super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        extra = TranslationImporter(self.env.cr, verbose=False)
        # the English each record translation translates, by (model, field, xmlid)
        sources = {}
        for lang in langs:
            for po_path in _extra_po_paths(lang):
                extra.load_file(po_path, lang)
                with file_open(po_path, mode="rb") as po_file:
                    for row in PoFileReader(po_file):
                        if row["type"] == "model":
                            model_name, field_name = row["name"].split(",")
                            key = (model_name, field_name, row["imd_name"])
                            sources[key] = row["src"]
        if not extra.model_translations and not extra.model_terms_translations:
            return
        records = TranslationImporter(self.env.cr, verbose=False)
        records.model_translations = self._wbg54_uncustomized(
            extra.model_translations, sources
        )
        extra.model_translations.clear()
        # templates' texts: the addon's German replaces theirs
        extra.save(overwrite=True)
        # records such as helpdesk_mgmt's stages are noupdate data staff may
        # rename: their German is replaced where it is missing or still the
        # one their module ships, never a name staff chose
        records.save(force_overwrite=True)

    def _wbg54_uncustomized(self, model_translations, sources):
        """``{model: {field: {xmlid: {lang: value}}}}`` reduced to the
        translations whose record still has the English of ``sources`` (no
        German yet) or their module's German. The record's en_US value is no
        sign of that: where English is not installed, Odoo writes a name
        staff give in German into en_US too."""
        langs = {
            lang
            for by_field in model_translations.values()
            for by_xmlid in by_field.values()
            for by_lang in by_xmlid.values()
            for lang in by_lang
        }
        xmlids = {
            xmlid
            for by_field in model_translations.values()
            for by_xmlid in by_field.values()
            for xmlid in by_xmlid
        }
        shipped = self._wbg54_shipped_translations(xmlids, langs)
        kept = {}
        for model_name, by_field in model_translations.items():
            for field_name, by_xmlid in by_field.items():
                for xmlid, by_lang in by_xmlid.items():
                    record = self.env.ref(xmlid, raise_if_not_found=False)
                    if record is None or record._name != model_name:
                        continue
                    source = sources.get((model_name, field_name, xmlid))
                    theirs = shipped.get((model_name, field_name, xmlid), {})
                    for lang, value in by_lang.items():
                        current = record.with_context(lang=lang)[field_name]
                        if current in (source, theirs.get(lang)):
                            kept.setdefault(model_name, {}).setdefault(
                                field_name, {}
                            ).setdefault(xmlid, {})[lang] = value
        return kept

    def _wbg54_shipped_translations(self, xmlids, langs):
        """The translations of the ``xmlids``' records in their own modules'
        files, each file read once: ``{(model, field, xmlid): {lang: value}}``."""
        by_module = {}
        for xmlid in xmlids:
            by_module.setdefault(xmlid.split(".", 1)[0], set()).add(xmlid)
        shipped = TranslationImporter(self.env.cr, verbose=False)
        for module, module_xmlids in by_module.items():
            for lang in langs:
                for po_path in get_po_paths(module, lang):
                    shipped.load_file(po_path, lang, xmlids=module_xmlids)
        return {
            (model_name, field_name, xmlid): by_lang
            for model_name, by_field in shipped.model_translations.items()
            for field_name, by_xmlid in by_field.items()
            for xmlid, by_lang in by_xmlid.items()
        }
