from odoo import api, fields, models


class ReportShareConfirmation(models.AbstractModel):
    _name = "report.wbg54_portal.report_share_confirmation"
    _description = "Share Capital Confirmation"

    @api.model
    def _get_report_values(self, docids, data=None):
        date = fields.Date.to_date(
            (data or {}).get("date")
        ) or fields.Date.context_today(self)
        partners = self.env["res.partner"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "date": date,
            "figures": {
                partner.id: partner._wbg54_share_figures_at(date)
                for partner in partners
            },
        }
