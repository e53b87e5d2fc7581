from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _get_lang_from_accept_language(self, accept_language):
        # the fastapi addon parses the header of every API request; a header
        # it cannot parse ("de;q=x") asks for no language rather than a 500
        try:
            return super()._get_lang_from_accept_language(accept_language)
        except ValueError:
            return None
