import {registry} from "@web/core/registry";

// A member with her registration letter signs up from the login page (the
// visitor's browser language decides the page language; German is checked in
// the Python tests).
registry.category("web_tour.tours").add("wbg54_signup", {
    url: "/web/login",
    steps: () => [
        {
            content: "Register beside the login form",
            trigger: 'a.btn-outline-primary[href="/web/signup"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Registration number from the letter",
            trigger: 'input[name="registration_number"]',
            run: "edit abcd-efgh-jkmn-23",
        },
        {trigger: 'input[name="email"]', run: "edit tour.member@example.org"},
        {
            content: "The password rules are explained next to the field",
            trigger: ".o_wbg54_password_rules li:nth-child(3)",
        },
        {trigger: 'input[name="password"]', run: "edit Wohnen2024"},
        {trigger: 'input[name="confirm_password"]', run: "edit Wohnen2024"},
        {trigger: 'input[name="consent_privacy"]', run: "click"},
        {trigger: 'input[name="consent_terms"]', run: "click"},
        {trigger: 'input[name="consent_edelivery"]', run: "click"},
        {
            content: "Send",
            trigger: 'form.o_wbg54_signup button[type="submit"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Asked to confirm by e-mail",
            trigger: '.o_wbg54_signup_done:contains("tour.member@example.org")',
        },
    ],
});
