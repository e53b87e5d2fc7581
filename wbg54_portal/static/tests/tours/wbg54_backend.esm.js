import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// A German-speaking staff user opens the cooperative app, finds a contract
// and sees its current usage fee.
registry.category("web_tour.tours").add("wbg54_backend_contract", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "wbg54_portal.wbg54_menu_root",
            "Open the Genossenschaft app"
        ),
        {
            content: "The app is called Genossenschaft",
            trigger: '.o_main_navbar .o_menu_brand:contains("Genossenschaft")',
        },
        {
            content: "Open the contracts menu",
            trigger:
                '.o_main_navbar button[data-menu-xmlid="wbg54_portal.wbg54_menu_contracts"]',
            run: "click",
        },
        {
            content: "Open Nutzungsverträge",
            trigger:
                '.dropdown-item[data-menu-xmlid="wbg54_portal.wbg54_contract_menu"]:contains("Nutzungsverträge")',
            run: "click",
        },
        {
            content: "Open the tour's contract",
            trigger: '.o_list_view .o_data_row td:contains("NV-TOUR-1")',
            run: "click",
        },
        {
            content: "The current fee is shown with its German label",
            trigger:
                '.o_form_view label:contains("Aktuelle monatliche Nutzungsgebühr")',
        },
        {
            content: "The fee sums the lines valid today",
            trigger:
                '.o_form_view .o_field_widget[name="fee_total"]:contains("612,50")',
        },
    ],
});
