import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.fcm import parse_service_account


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    share_nominal_value = fields.Monetary(
        related="company_id.share_nominal_value",
        currency_field="share_currency_id",
        readonly=False,
    )
    share_currency_id = fields.Many2one(
        related="company_id.currency_id",
        string="Share Currency",
    )
    # emergencies: the on-call address is mailed every emergency damage report,
    # the damage form shows the phone number
    wbg54_on_call_email = fields.Char(
        related="company_id.wbg54_on_call_email", readonly=False
    )
    wbg54_emergency_phone = fields.Char(
        related="company_id.wbg54_emergency_phone", readonly=False
    )
    # the registration letter prints these (report_registration_letter.py)
    wbg54_portal_url = fields.Char(
        string="Portal Address", config_parameter="wbg54_portal.portal_url"
    )
    wbg54_privacy_url = fields.Char(
        string="Privacy Policy Page", config_parameter="wbg54_portal.privacy_url"
    )
    wbg54_terms_url = fields.Char(
        string="Terms of Use Page", config_parameter="wbg54_portal.terms_url"
    )
    # push: the service account's key lives in ir.config_parameter, which only
    # administrators can read; the settings show which account is set, never the key
    wbg54_fcm_project_id = fields.Char(
        string="Firebase Project ID", config_parameter="wbg54_portal.fcm_project_id"
    )
    wbg54_fcm_service_account_file = fields.Binary(string="Service Account Key (JSON)")
    wbg54_fcm_client_email = fields.Char(
        string="Service Account", compute="_compute_wbg54_fcm_client_email"
    )

    @api.depends("wbg54_fcm_service_account_file")
    def _compute_wbg54_fcm_client_email(self):
        text = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("wbg54_portal.fcm_service_account")
        )
        try:
            email = parse_service_account(text)["client_email"] if text else False
        except ValueError:
            email = False
        for settings in self:
            settings.wbg54_fcm_client_email = email

    def set_values(self):
        res = super().set_values()
        ICP = self.env["ir.config_parameter"].sudo()
        for settings in self.filtered("wbg54_fcm_service_account_file"):
            text = base64.b64decode(settings.wbg54_fcm_service_account_file).decode(
                "utf-8", "replace"
            )
            try:
                info = parse_service_account(text)
            except ValueError:
                raise UserError(
                    self.env._(
                        "The file is not a Firebase service account key. Download it "
                        "in the Firebase console "
                        "under Project settings › Service accounts › Generate new "
                        "private key."
                    )
                ) from None
            ICP.set_param("wbg54_portal.fcm_service_account", text)
            if not settings.wbg54_fcm_project_id:
                ICP.set_param("wbg54_portal.fcm_project_id", info["project_id"])
        return res

    def action_wbg54_fcm_remove_key(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "wbg54_portal.fcm_service_account", False
        )
