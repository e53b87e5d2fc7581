from odoo import api, models


class ReportRegistrationLetter(models.AbstractModel):
    _name = "report.wbg54_portal.report_registration_letter"
    _description = "Registration Letter"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        codes = data.get("codes") or {}
        docids = data.get("partner_ids") or docids
        get_param = self.env["ir.config_parameter"].sudo().get_param
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": self.env["res.partner"].browse(docids),
            # without a number (e.g. a reprint from the Print menu) the letter says so
            "codes": codes,
            # the address tenants use, not the server's own (web.base.url may be
            # an internal name or localhost behind a proxy)
            "signup_url": self._wbg54_portal_url() + "/web/signup",
            "privacy_url": get_param("wbg54_portal.privacy_url"),
            "terms_url": get_param("wbg54_portal.terms_url"),
            "registrations": {
                r.partner_id.id: r
                for r in self.env["wbg54.registration"]
                .sudo()
                .search([("partner_id", "in", docids)])
            },
        }

    @api.model
    def _wbg54_portal_url(self):
        """The portal's public address: system parameter
        ``wbg54_portal.portal_url``, else ``web.base.url``; without a
        trailing slash."""
        get_param = self.env["ir.config_parameter"].sudo().get_param
        url = get_param("wbg54_portal.portal_url") or get_param("web.base.url") or ""
        return url.strip().rstrip("/")
