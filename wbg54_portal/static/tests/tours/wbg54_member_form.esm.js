import {registry} from "@web/core/registry";

// Staff open a member: membership, no sales, purchase or tax data.
registry.category("web_tour.tours").add("wbg54_member_form", {
    steps: () => [
        {
            content: "The member's form shows the membership tab",
            trigger: ".o_form_view .o_notebook_headers a[name='wbg54_membership']",
        },
        {
            content: "but no sales and purchase tab and no tax id",
            trigger:
                ".o_form_view:not(:has(.o_notebook_headers a[name='sales_purchases'])):not(:has(div[name='vat']))",
        },
    ],
});

// A business partner (a craftsman's company) keeps them.
registry.category("web_tour.tours").add("wbg54_business_partner_form", {
    steps: () => [
        {
            content: "Sales and purchase tab and tax id are there",
            trigger:
                ".o_form_view:has(.o_notebook_headers a[name='sales_purchases']):has(div[name='vat'])",
        },
    ],
});
