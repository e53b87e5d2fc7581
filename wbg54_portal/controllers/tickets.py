from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import format_date, plaintext2html

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk

from ..models.helpdesk_ticket import APPLICATION_QUESTIONS
from ..tools.params import parse_id, parse_int
from ..tools.photo import MAX_PHOTOS, PhotoError, PixelBudget, normalize_photo

# the answers a number question (e.g. how many animals) takes
MAX_ANSWER = 999


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

    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        values["wbg54_answers"] = self._wbg54_answers(ticket)
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

    def _wbg54_contracts(self):
        partner = request.env.user.partner_id
        return request.env["wbg54.contract"].search(
            [
                "|",
                ("partner_id", "=", partner.id),
                ("co_member_ids", "in", partner.id),
                ("state", "in", ("active", "terminated")),
            ]
        )

    @staticmethod
    def _wbg54_default_contract(contracts):
        """The contract a request most likely concerns: the apartment the tenant
        lives in, not a garage or parking space rented later (contracts come
        newest first)."""
        apartments = contracts.filtered(lambda c: c.unit_type == "apartment")
        in_use = apartments.filtered(lambda c: c.state == "active")
        return (in_use or apartments or contracts)[:1]

    def _wbg54_default_contract_form(self):
        contract = self._wbg54_default_contract(self._wbg54_contracts())
        return {"contract_id": str(contract.id)} if contract else {}

    def _wbg54_render_form(self, kind, form, errors):
        values = self._prepare_portal_layout_values()
        application_types = request.env["wbg54.application.type"].search([])
        chosen_type = application_types.filtered(
            lambda t: str(t.id) == str(form.get("application_type_id"))
        )
        questions = (
            APPLICATION_QUESTIONS[chosen_type[:1].questions or "none"]
            if kind == "application"
            else ()
        )
        values.update(
            {
                "page_name": f"wbg54_new_{kind}",
                "kind": kind,
                "form": form,
                "errors": errors,
                # the tenant's own, found with her rules
                "contracts": self._wbg54_contracts().sudo(),
                "categories": request.env["helpdesk.ticket.category"].search(
                    [("wbg54_damage", "=", True)]
                ),
                "application_types": application_types,
                "application_type": chosen_type[:1],
                # fields_get([]) would describe every field: ask only when there are
                # questions
                "questions": questions
                and request.env["helpdesk.ticket"].fields_get(
                    list(questions), ["string", "type"]
                ),
                "max_photos": MAX_PHOTOS,
            }
        )
        return request.render("wbg54_portal.portal_ticket_form", values)

    def _wbg54_submit(self, kind, post):
        env = request.env
        form = {key: value for key, value in post.items() if isinstance(value, str)}
        errors = {}
        photos = []
        uploads = [f for f in request.httprequest.files.getlist("photos") if f.filename]
        if len(uploads) > MAX_PHOTOS:
            errors["photos"] = env._(
                "Please send at most %(count)s photos.", count=MAX_PHOTOS
            )
        else:
            messages = {
                "too_big": env._("“%(name)s” is larger than 15 MB."),
                "type": env._("“%(name)s” is not a photo in JPEG, PNG or WebP format."),
                "corrupt": env._(
                    "“%(name)s” could not be read as a photo; the file may be damaged."
                ),
                "bomb": env._(
                    "“%(name)s” has too many pixels; please send a smaller photo."
                ),
                "truncated": env._(
                    "“%(name)s” is incomplete; the upload may have been interrupted."
                ),
                "budget": env._(
                    "“%(name)s” is one photo too many for one request (the photos "
                    "together are "
                    "too large); please send it afterwards as a reply to your request."
                ),
            }
            budget = PixelBudget()
            problems = []
            for upload in uploads:
                try:
                    data, mimetype, extension = normalize_photo(upload.read(), budget)
                except PhotoError as error:
                    problems.append(messages[error.reason] % {"name": upload.filename})
                    continue
                photos.append(
                    (
                        upload.filename.rsplit(".", 1)[0] + "." + extension,
                        data,
                        mimetype,
                    )
                )
            if problems:
                errors["photos"] = (
                    " ".join(problems)
                    + " "
                    + env._(
                        "Please choose the photos again; everything else you entered "
                        "is kept."
                    )
                )
        contracts = self._wbg54_contracts()
        contract = contracts.filtered(lambda c: str(c.id) == form.get("contract_id"))
        if form.get("contract_id") and not contract:
            errors["contract_id"] = env._("Please choose one of your contracts.")
        if not (form.get("description") or "").strip():
            errors["description"] = env._("Please describe your request.")
        # without a choice (a single contract: no list), her apartment
        concerned = contract or self._wbg54_default_contract(contracts)
        vals = {
            "wbg54_kind": kind,
            "description": plaintext2html(form.get("description") or ""),
            "wbg54_contract_id": concerned.id,
            "partner_id": env.user.partner_id.id,
            "partner_name": env.user.partner_id.name,
            "partner_email": env.user.partner_id.email,
            "channel_id": env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").id,
        }
        if kind == "damage":
            category = env["helpdesk.ticket.category"].search(
                [
                    ("wbg54_damage", "=", True),
                    ("id", "=", parse_id(form.get("category_id")) or 0),
                ]
            )
            if not category:
                errors["category_id"] = env._("Please choose what is damaged.")
            if form.get("urgency") not in ("normal", "urgent", "emergency"):
                form["urgency"] = "normal"
            vals.update(
                {
                    "name": env._("Damage: %(category)s", category=category.name or ""),
                    "category_id": category.id,
                    # team of a readable category; teams may be hidden
                    "team_id": category.sudo().wbg54_team_id.id,
                    "wbg54_location": (form.get("location") or "").strip(),
                    "wbg54_urgency": form["urgency"],
                    "wbg54_access_allowed": bool(form.get("access_allowed")),
                    "wbg54_time_windows": (form.get("time_windows") or "").strip(),
                }
            )
        else:
            application_type = env["wbg54.application.type"].search(
                [("id", "=", parse_id(form.get("application_type_id")) or 0)]
            )
            if not application_type:
                errors["application_type_id"] = env._(
                    "Please choose what you apply for."
                )
            vals.update(
                {
                    "name": env._(
                        "Application: %(type)s", type=application_type.name or ""
                    ),
                    "wbg54_application_type_id": application_type.id,
                    "team_id": application_type.team_id.id,
                }
            )
            errors.update(self._wbg54_question_values(application_type, form, vals))
        if errors:
            return self._wbg54_render_form(kind, form, errors)
        vals["stage_id"] = (
            env["helpdesk.ticket.team"]
            .browse(vals["team_id"])
            ._get_applicable_stages()[:1]
            .id
        )
        # the ticket of the logged-in tenant, built from validated values only;
        # sudo because portal users cannot create tickets (as helpdesk_mgmt does)
        ticket_sudo = env["helpdesk.ticket"].sudo().create(vals)
        ticket_sudo.message_subscribe(partner_ids=env.user.partner_id.ids)
        # photos of the ticket just created for her, already normalised
        # (orientation, size, no metadata): no second pass by Odoo
        env["ir.attachment"].sudo().with_context(image_no_postprocess=True).create(
            [
                {
                    "name": name,
                    "raw": data,
                    "mimetype": mimetype,
                    "res_model": "helpdesk.ticket",
                    "res_id": ticket_sudo.id,
                }
                for name, data, mimetype in photos
            ]
        )
        return request.redirect(f"/my/ticket/{ticket_sudo.id}")

    def _wbg54_question_values(self, application_type, form, vals):
        env = request.env
        errors = {}
        Ticket = env["helpdesk.ticket"]
        for field_name in APPLICATION_QUESTIONS[application_type.questions or "none"]:
            raw = (form.get(field_name) or "").strip()
            field = Ticket._fields[field_name]
            if not raw:
                errors[field_name] = env._("Please answer this question.")
                continue
            try:
                if field.type == "integer":
                    vals[field_name] = parse_int(raw, 1, MAX_ANSWER)
                    if vals[field_name] is None:
                        raise ValueError(raw)
                elif field.type == "date":
                    vals[field_name] = fields.Date.to_date(raw)
                else:
                    vals[field_name] = raw
            except ValueError:
                errors[field_name] = env._("Please check this answer.")
        if (
            vals.get("renovation_date_from")
            and vals.get("renovation_date_to")
            and str(vals["renovation_date_to"]) < str(vals["renovation_date_from"])
        ):
            errors["renovation_date_to"] = env._(
                "The planned end lies before the start."
            )
        return errors
