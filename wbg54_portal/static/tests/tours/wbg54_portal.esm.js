import {registry} from "@web/core/registry";

// A German-speaking tenant on a phone: her contract and fee, then her phone
// number with a typo that is refused without losing what she typed.
registry.category("web_tour.tours").add("wbg54_portal_tenant", {
    url: "/my",
    steps: () => [
        {
            content: "Open Meine Verträge",
            trigger:
                '.o_portal_index_card:not(.d-none) a[href="/my/contracts"]:contains("Meine Verträge")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the contract",
            trigger: '.o_wbg54_contracts a:contains("NV-TOUR-P")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The current usage fee is shown",
            trigger:
                '.o_wbg54_current_fee:contains("Summe monatlich"):contains("612,50")',
        },
        {
            content: "Back to the portal home",
            trigger: '.o_portal_submenu a[href="/my/home"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open Meine Daten",
            trigger: 'a[href="/my/data"]:contains("Meine Daten")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Type a wrong phone number",
            trigger: 'form.o_wbg54_my_data input[name="phone"]',
            run: "edit 0341 12x",
        },
        {
            content: "Type a mobile number",
            trigger: 'form.o_wbg54_my_data input[name="mobile"]',
            run: "edit 0151 23456789",
        },
        {
            content: "Save",
            trigger: 'form.o_wbg54_my_data button[type="submit"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The mistake is explained in German",
            trigger: '.invalid-feedback:contains("ist keine gültige Telefonnummer")',
        },
        {
            content: "The mobile number typed is still there",
            trigger: 'input[name="mobile"][value="0151 23456789"]',
        },
        {
            content: "Correct the phone number",
            trigger: 'form.o_wbg54_my_data input[name="phone"]',
            run: "edit 0341 1234567",
        },
        {
            content: "Save again",
            trigger: 'form.o_wbg54_my_data button[type="submit"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Saved",
            trigger: '.alert-success:contains("gespeichert")',
        },
    ],
});
