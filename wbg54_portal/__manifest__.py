# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "WBG 54 Serviceportal",
    "summary": "Members, apartments, usage contracts and share capital of a "
    "housing cooperative, with a self-service portal for its tenants",
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
    ],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/wbg54_portal_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "views/res_partner_views.xml",
        "views/wbg54_building_views.xml",
        "views/wbg54_unit_views.xml",
        "views/wbg54_contract_views.xml",
        "views/wbg54_contract_fee_line_views.xml",
        "views/wbg54_share_movement_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
        "report/wbg54_reports.xml",
        "report/wbg54_report_templates.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "wbg54_portal/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/res_company_demo.xml",
        "demo/wbg54_portal_demo.xml",
    ],
}
