from odoo import models
from odoo.tools.translate import TranslationImporter, get_po_paths


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
        for lang in langs:
            for po_path in _extra_po_paths(lang):
                extra.load_file(po_path, lang)
        if not extra.model_translations and not extra.model_terms_translations:
            return
        records = TranslationImporter(self.env.cr, verbose=False)
        records.model_translations = self._wbg54_uncustomized(extra.model_translations)
        extra.model_translations.clear()
        # templates' texts: the addon's German replaces theirs
        extra.save(overwrite=True)
        # records such as helpdesk_mgmt's stages are noupdate data staff may
        # rename: their German is replaced where it is missing or still the
        # one their module ships, never a name staff chose
        records.save(force_overwrite=True)

    def _wbg54_uncustomized(self, model_translations):
        """``{model: {field: {xmlid: {lang: value}}}}`` reduced to the
        translations whose record has no German yet or their module's own."""
        kept = {}
        for model_name, by_field in model_translations.items():
            for field_name, by_xmlid in by_field.items():
                for xmlid, by_lang in by_xmlid.items():
                    record = self.env.ref(xmlid, raise_if_not_found=False)
                    if record is None or record._name != model_name:
                        continue
                    source = record.with_context(lang="en_US")[field_name]
                    shipped = self._wbg54_shipped_translations(xmlid, by_lang)
                    for lang, value in by_lang.items():
                        current = record.with_context(lang=lang)[field_name]
                        if current in (source, shipped.get(lang)):
                            kept.setdefault(model_name, {}).setdefault(
                                field_name, {}
                            ).setdefault(xmlid, {})[lang] = value
        return kept

    def _wbg54_shipped_translations(self, xmlid, by_lang):
        """The translations of ``xmlid``'s record in its own module's files."""
        module = xmlid.split(".", 1)[0]
        shipped = TranslationImporter(self.env.cr, verbose=False)
        for lang in by_lang:
            for po_path in get_po_paths(module, lang):
                shipped.load_file(po_path, lang, xmlids={xmlid})
        return {
            lang: value
            for by_field in shipped.model_translations.values()
            for by_xmlid in by_field.values()
            for lang, value in by_xmlid.get(xmlid, {}).items()
        }
