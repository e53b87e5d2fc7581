from odoo import api, fields, models
from odoo.exceptions import UserError


class Wbg54RegistrationLetterWizard(models.TransientModel):
    _name = "wbg54.registration.letter.wizard"
    _description = "Print Registration Letters"

    partner_ids = fields.Many2many("res.partner", string="Members")
    already_confirmed_count = fields.Integer(compute="_compute_already_confirmed_count")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            self.env.context.get("active_model") == "res.partner"
            and "partner_ids" in fields_list
        ):
            values["partner_ids"] = [
                fields.Command.set(self.env.context.get("active_ids", []))
            ]
        return values

    @api.depends("partner_ids")
    def _compute_already_confirmed_count(self):
        for wizard in self:
            wizard.already_confirmed_count = len(
                wizard.partner_ids.filtered(
                    lambda p: p.registration_state in ("registered", "confirmed")
                )
            )

    def action_print(self):
        self.ensure_one()
        partners = self.partner_ids.filtered(
            lambda p: p.membership_state == "member"
            and p.registration_state not in ("registered", "confirmed")
        )
        if not partners:
            raise UserError(
                self.env._(
                    "None of the selected persons is a member waiting for a "
                    "registration letter."
                )
            )
        codes = self.env["wbg54.registration"]._generate_codes(partners)
        # the numbers exist in clear only in this print job; the letters are
        # one document (one HTML body), which any wkhtmltopdf build can print
        return self.env.ref(
            "wbg54_portal.action_report_registration_letter"
        ).report_action(
            None,
            data={
                "partner_ids": partners.ids,
                "codes": {str(pid): code for pid, code in codes.items()},
            },
            config=False,
        )
