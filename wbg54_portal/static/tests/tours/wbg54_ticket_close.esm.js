import {registry} from "@web/core/registry";

// A tenant on a phone closes her request: the button asks once more on a page
// of its own, the page fits the screen, and the request is then closed.
registry.category("web_tour.tours").add("wbg54_ticket_close", {
    steps: () => [
        {
            content: "What she sent is on the page",
            trigger:
                ".o_wbg54_ticket_details dd:contains('Bad, unter dem Waschbecken')",
        },
        {
            content: "Close the request as done",
            trigger: "div[name='ticket_close_buttons'] button:contains('Erledigt')",
            run: "click",
        },
        {
            content: "The question comes first",
            trigger: "h3:contains('Dieses Anliegen schließen?')",
            run() {
                const page = document.documentElement;
                if (page.scrollWidth > page.clientWidth) {
                    throw new Error(
                        `The page is wider than the phone: ${page.scrollWidth} px`
                    );
                }
            },
        },
        {
            content: "Confirm",
            trigger: "button:contains('Ja, Anliegen schließen')",
            run: "click",
        },
        {
            content: "Back on the request, which is closed",
            trigger: ".badge:contains('Erledigt')",
        },
    ],
});
