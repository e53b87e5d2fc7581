import {registry} from "@web/core/registry";

// A tenant on her phone reports a dripping siphon and lands on her request.
registry.category("web_tour.tours").add("wbg54_damage_report", {
    url: "/my",
    steps: () => [
        {
            content: "Open Schaden melden",
            trigger: 'a[href="/my/tickets/damage"]:contains("Schaden melden")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "What is damaged",
            trigger: 'select[name="category_id"]',
            run: "selectByLabel Sanitär",
        },
        {trigger: 'input[name="location"]', run: "edit Bad"},
        {trigger: 'textarea[name="description"]', run: "edit Der Siphon tropft."},
        {
            content: "Send",
            trigger: 'form.o_wbg54_ticket_form button[type="submit"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request page shows what was sent",
            trigger: 'body:contains("Der Siphon tropft.")',
        },
    ],
});
