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
            "portal_url": get_param("web.base.url"),
            "registrations": {r.partner_id.id: r for r in self.env["wbg54.registration"].sudo().search(
                [("partner_id", "in", docids)])},
        }
