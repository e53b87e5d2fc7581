import {registry} from "@web/core/registry";

// Staff open a member: membership, no sales, purchase or tax data.
registry.category("web_tour.tours").add("wbg54_member_form", {
    steps: () => [
        {
            content: "The member's form shows the membership tab",
            trigger: ".o_form_view .o_notebook_headers a[name='wbg54_membership']",
        },
        {
            content: "but no sales and purchase tab, tax id, job position or website",
            trigger:
                ".o_form_view:not(:has(.o_notebook_headers a[name='sales_purchases'])):not(:has(div[name='vat'])):not(:has(div[name='function'])):not(:has(div[name='website']))",
        },
    ],
});

// A business partner (a craftsman's company) keeps them.
registry.category("web_tour.tours").add("wbg54_business_partner_form", {
    steps: () => [
        {
            content: "Sales and purchase tab, tax id and website are there",
            trigger:
                ".o_form_view:has(.o_notebook_headers a[name='sales_purchases']):has(div[name='vat']):has(div[name='website'])",
        },
    ],
});
