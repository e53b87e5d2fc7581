from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import format_date

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk

from ..exceptions import FieldValidationError
from ..tools.params import parse_id, parse_int
from ..tools.photo import MAX_PHOTOS


def _own_ticket(ticket_id):
    """The logged-in tenant's ticket, or 404: helpdesk_mgmt's routes load
    posted ids with sudo and no ownership check."""
    ticket = request.env["helpdesk.ticket"].browse(_required_id(ticket_id))
    try:
        ticket.check_access("read")
        if not ticket.exists():
            # never shown: turned into the 404 below
            raise MissingError("")  # pylint: disable=translation-required
    except (AccessError, MissingError):
        raise NotFound() from None
    return ticket


def _required_id(value):
    """The id posted by one of the portal's buttons; anything else is a
    malformed request (400 with a German message), not a server error."""
    record_id = parse_id(value)
    if record_id is None:
        raise UserError(request.env._("The request is malformed."))
    return record_id


class Wbg54HelpdeskTicketController(HelpdeskTicketController):
    # closing changes the ticket: a form post with a CSRF token, never a link;
    # the ticket page's buttons lead to a confirmation page (no script needed),
    # whose button posts again with "confirm"
    @http.route(methods=["POST"], website=True)
    def support_ticket_close(self, **kw):
        ticket = _own_ticket(kw.get("ticket_id"))
        stage_id = _required_id(kw.get("stage_id"))
        if kw.get("confirm") != "1":
            stage = (
                ticket.team_id._get_applicable_stages()
                .filtered("close_from_portal")
                .filtered(lambda s: s.id == stage_id)
            )
            if not stage:
                raise UserError(
                    request.env._("Please choose one of the offered options.")
                )
            return request.render(
                "wbg54_portal.portal_ticket_close_confirm",
                {"ticket": ticket, "stage": stage, "page_name": "ticket"},
            )
        # helpdesk_mgmt turns every posted "*_id" into int(): pass on only the checked
        # ids
        return super().support_ticket_close(
            ticket_id=str(ticket.id), stage_id=str(stage_id)
        )

    @http.route(methods=["POST"])
    def submit_ticket(self, **kw):
        env = request.env
        if (
            not (kw.get("subject") or "").strip()
            or not (kw.get("description") or "").strip()
        ):
            raise UserError(env._("Please enter a subject and describe your request."))
        for field in ("category", "team"):
            if kw.get(field) and parse_id(kw[field]) is None:
                raise UserError(env._("Please choose one of the offered options."))
        if kw.get("category") and not self._get_categories().filtered(
            lambda c: c.id == int(kw["category"])
        ):
            raise UserError(env._("Please choose one of the offered options."))
        return super().submit_ticket(**kw)


class Wbg54TicketPortal(CustomerPortalHelpdesk):
    @http.route()
    def portal_my_tickets(
        self,
        page=1,
        date_begin=None,
        date_end=None,
        sortby=None,
        filterby=None,
        search=None,
        search_in=None,
        groupby=None,
        **kw,
    ):
        # helpdesk_mgmt looks sortby up without a default and puts the dates
        # into SQL as they come: unknown values are a malformed request
        env = request.env
        if sortby and sortby not in self._ticket_get_searchbar_sortings():
            raise UserError(env._("Unknown sort order."))
        if groupby and groupby not in self._ticket_get_searchbar_groupby():
            raise UserError(env._("Unknown grouping."))
        for value in (date_begin, date_end):
            try:
                fields.Datetime.to_datetime(value)
            except ValueError:
                raise UserError(env._("Please give dates as YYYY-MM-DD.")) from None
        # a page number of thousands of digits is more than Python's int() takes
        return super().portal_my_tickets(
            page=parse_int(page, 1) or 1,
            date_begin=date_begin,
            date_end=date_end,
            sortby=sortby,
            filterby=filterby,
            search=search,
            search_in=search_in,
            groupby=groupby,
            **kw,
        )

    @http.route()
    def portal_my_ticket(self, ticket_id, access_token=None, **kw):
        if request.env.user._is_public() and not access_token:
            return request.redirect(f"/web/login?redirect=/my/ticket/{int(ticket_id)}")
        # another tenant's ticket is not there for her (404, no redirect)
        try:
            self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError):
            raise NotFound() from None
        return super().portal_my_ticket(ticket_id, access_token=access_token, **kw)

    # the search bar of "Meine Anliegen" in the cooperative's words
    # (helpdesk_mgmt's German says "Stufe" and "Suche in Alle")
    def _ticket_get_searchbar_sortings(self):
        sortings = super()._ticket_get_searchbar_sortings()
        sortings["stage"]["label"] = request.env._("Status")
        sortings["update"]["label"] = request.env._("Last status change")
        return sortings

    def _ticket_get_searchbar_groupby(self):
        groupby = super()._ticket_get_searchbar_groupby()
        groupby["none"]["label"] = request.env._("No grouping")
        groupby["stage"]["label"] = request.env._("Status")
        return groupby

    def _ticket_get_searchbar_inputs(self):
        inputs = super()._ticket_get_searchbar_inputs()
        inputs["all"]["label"] = request.env._("Search everywhere")
        inputs["number"]["label"] = request.env._("Search by number")
        inputs["name"]["label"] = request.env._("Search by title")
        return inputs

    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        values["wbg54_answers"] = self._wbg54_answers(ticket)
        # what she sent, as the app lists it: no file of an internal note
        values["wbg54_files"] = ticket._wbg54_request_files()
        return values

    def _wbg54_answers(self, ticket):
        """The application's questions with the tenant's answers, as (label,
        text) in her language."""
        env = request.env
        answers = []
        for field_name in ticket._wbg54_question_fields():
            field = ticket._fields[field_name]
            value = ticket[field_name]
            if field.type == "date":
                text = format_date(env, value)
            elif field.type == "integer":
                text = str(value)
            else:
                text = value or ""
            answers.append((field._description_string(env), text))
        return answers

    # ------------------------------------------------------------
    # SCHADEN MELDEN / ANTRAG STELLEN
    # ------------------------------------------------------------

    @http.route(
        "/my/tickets/damage",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def wbg54_report_damage(self, **post):
        if request.httprequest.method == "POST":
            return self._wbg54_submit("damage", post)
        return self._wbg54_render_form(
            "damage", {"urgency": "normal", **self._wbg54_default_contract_form()}, {}
        )

    @http.route(
        "/my/tickets/application",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def wbg54_apply(self, **post):
        if request.httprequest.method == "POST":
            return self._wbg54_submit("application", post)
        return self._wbg54_render_form(
            "application",
            {
                "application_type_id": post.get("type", ""),
                **self._wbg54_default_contract_form(),
            },
            {},
        )

    def _wbg54_default_contract_form(self):
        Ticket = request.env["helpdesk.ticket"]
        contract = Ticket._wbg54_default_contract(Ticket._wbg54_request_contracts())
        return {"contract_id": str(contract.id)} if contract else {}

    def _wbg54_render_form(self, kind, form, errors):
        values = self._prepare_portal_layout_values()
        Ticket = request.env["helpdesk.ticket"]
        application_types = request.env["wbg54.application.type"].search([])
        chosen_type = application_types.filtered(
            lambda t: str(t.id) == str(form.get("application_type_id"))
        )
        values.update(
            {
                "page_name": f"wbg54_new_{kind}",
                "kind": kind,
                "form": form,
                "errors": errors,
                # the tenant's own, found with her rules
                "contracts": Ticket._wbg54_request_contracts().sudo(),
                "categories": request.env["helpdesk.ticket.category"].search(
                    [("wbg54_damage", "=", True)]
                ),
                "application_types": application_types,
                "application_type": chosen_type[:1],
                "questions": Ticket._wbg54_question_descriptions(chosen_type)
                if kind == "application"
                else {},
                "max_photos": MAX_PHOTOS,
            }
        )
        return request.render("wbg54_portal.portal_ticket_form", values)

    def _wbg54_submit(self, kind, post):
        # the checks and the creation are the model's (the app files requests
        # through the same methods); here only the form is read
        form = {key: value for key, value in post.items() if isinstance(value, str)}
        Ticket = request.env["helpdesk.ticket"]
        if kind == "damage" and form.get("urgency") not in dict(
            Ticket._fields["wbg54_urgency"].selection
        ):
            # the form offers no other choice: a forged one counts as normal
            form["urgency"] = "normal"
        photos = [
            (upload.filename, upload.read(), upload.mimetype)
            for upload in request.httprequest.files.getlist("photos")
            if upload.filename
        ]
        submit = (
            Ticket._wbg54_submit_damage
            if kind == "damage"
            else Ticket._wbg54_submit_application
        )
        try:
            ticket = submit(form, photos)
        except FieldValidationError as error:
            return self._wbg54_render_form(kind, form, error.errors)
        return request.redirect(f"/my/ticket/{ticket.id}")
