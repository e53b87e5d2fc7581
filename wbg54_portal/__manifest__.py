# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "WBG 54 Serviceportal",
    # English, then German: Apps searches name and summary, so "Genossenschaft"
    # finds it in every language (the Apps entry belongs to base: the addon's
    # de.po cannot translate it)
    "summary": "Members, apartments, usage contracts and share capital of a "
    "housing cooperative, with a self-service portal for its tenants / "
    "Wohnungsbaugenossenschaft: Mitglieder, Wohnungen, Nutzungsverträge, "
    "Geschäftsanteile und Serviceportal für die Mitglieder",
    "version": "18.0.1.0.0",
    "category": "Services/Housing Cooperative",
    "website": "https://github.com/wbg54/wbg54_portal",
    "author": "wbg54_portal developers",
    "license": "AGPL-3",
    "application": True,
    "sequence": 10,
    "depends": [
        "base_setup",
        "mail",
        "portal",
        "phone_validation",
        "auth_signup",
        "auth_password_policy_portal",
        "auth_password_policy_signup",
        "auth_totp_portal",
        "helpdesk_mgmt",
        "fastapi",
    ],
    "external_dependencies": {"python": ["phonenumbers", "pyfcm"]},
    "data": [
        "security/wbg54_portal_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_config_parameter_data.xml",
        "data/mail_template_data.xml",
        "data/helpdesk_data.xml",
        "data/wbg54_document_data.xml",
        "data/wbg54_push_data.xml",
        "data/wbg54_account_mail_request_data.xml",
        "data/fastapi_endpoint_data.xml",
        "views/res_partner_views.xml",
        "views/wbg54_building_views.xml",
        "views/wbg54_unit_views.xml",
        "views/wbg54_contract_views.xml",
        "views/wbg54_contract_fee_line_views.xml",
        "views/wbg54_share_movement_views.xml",
        "views/wbg54_notice_views.xml",
        "views/wbg54_push_views.xml",
        "views/res_config_settings_views.xml",
        "views/web_layout_templates.xml",
        "views/portal_templates.xml",
        "views/auth_signup_templates.xml",
        "views/portal_ticket_templates.xml",
        "views/helpdesk_ticket_views.xml",
        "views/wbg54_document_views.xml",
        "views/wbg54_document_batch_views.xml",
        "views/portal_document_templates.xml",
        "views/portal_branding_templates.xml",
        "views/mail_templates_email.xml",
        "views/wbg54_registration_views.xml",
        "views/wbg54_letter_request_views.xml",
        "wizard/wbg54_registration_letter_wizard_views.xml",
        "report/wbg54_letter_layout.xml",
        "report/wbg54_reports.xml",
        "report/wbg54_report_templates.xml",
        "report/wbg54_registration_letter_reports.xml",
        "report/application_decision_reports.xml",
        "views/menus.xml",
    ],
    "assets": {
        # the letters' layout and system fonts (text stays text in Debian's wkhtmltopdf)
        "web.report_assets_common": [
            "wbg54_portal/static/src/scss/wbg54_letter.scss",
        ],
        # the portal on a phone: lists as cards, visible focus and error texts,
        # tap targets (WCAG 2.1 AA)
        "web.assets_frontend": [
            "wbg54_portal/static/src/scss/wbg54_portal.scss",
        ],
        "portal.assets_chatter_style": [
            "wbg54_portal/static/src/scss/wbg54_chatter.scss",
        ],
        # the ticket page's messages (mail's components in the portal)
        "portal.assets_chatter": [
            "wbg54_portal/static/src/xml/message_reaction_button.xml",
        ],
        "web.assets_tests": [
            "wbg54_portal/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/res_company_demo.xml",
        "demo/wbg54_portal_demo.xml",
        "demo/wbg54_notice_demo.xml",
        "demo/helpdesk_demo.xml",
    ],
}
