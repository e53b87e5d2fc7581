from odoo import api, fields, models

CONSENT_KINDS = [
    ("privacy", "Privacy Policy"),
    ("terms", "Terms of Use"),
    ("edelivery", "Electronic Document Delivery"),
]


class Wbg54Consent(models.Model):
    _name = "wbg54.consent"
    _description = "Consent of a Member"
    _order = "accepted_on desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection(CONSENT_KINDS, string="Consent Kind", required=True)
    version = fields.Char(string="Text Version", required=True)
    accepted_on = fields.Datetime(required=True, default=fields.Datetime.now)
    ip_address = fields.Char(string="IP Address")

    @api.model
    def _current_versions(self):
        get_param = self.env["ir.config_parameter"].sudo().get_param
        return {
            kind: get_param(f"wbg54_portal.consent_{kind}_version", "1")
            for kind, _label in CONSENT_KINDS
        }

    @api.model
    def _record(self, partner, kinds, ip_address=None):
        versions = self._current_versions()
        return self.sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "kind": kind,
                    "version": versions[kind],
                    "ip_address": ip_address,
                }
                for kind in kinds
            ]
        )
