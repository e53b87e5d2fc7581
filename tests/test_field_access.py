"""What a tenant can read of the fields staff write.

A portal user can call ``/web/dataset/call_kw`` (``read``, ``search_read``,
``web_read``, ``read_group``, ``search`` with a domain) on every record her
rules allow, and so reads every field without ``groups``. The first test
enumerates every model she can read and every field of it she can read and
fails on any field that is not in ``ALLOWED``: a field added to a model a
tenant reads (by this addon, Odoo or helpdesk_mgmt) must either get
``groups=`` or be put on the list after asking "may a tenant see its value
on her own records?". The second class asks the running server over HTTP.
"""

import json

from odoo.tests import HttpCase, TransactionCase

from .common import TENANT_PASSWORD, TenantFixture


def _names(text):
    return frozenset(text.split())


_META = _names("id display_name create_date create_uid write_date write_uid")
_THREAD = _names("""
    has_message message_has_error message_has_error_counter message_has_sms_error
    message_ids
    message_is_follower message_needaction message_needaction_counter
    website_message_ids
""")
_PORTAL = _names("access_token access_url access_warning")
_ACTIVITY = _names(
    "activity_exception_decoration activity_exception_icon activity_type_icon"
)

# Her own partner: her name, addresses, contact data, language, membership
# (number, state, dates), contracts, shares and notification preferences; her
# own VAT number and reference (ref also serves Odoo's partner name search).
# Not: internal notes (comment), tags (category_id), the registration letters
# and consent records, and the duplicate look-ups (same_vat_partner_id,
# same_company_registry_partner_id), which search every partner as superuser.
_PARTNER = (
    _META
    | _THREAD
    | _ACTIVITY
    | _names("""
    active active_lang_count additional_info avatar_1024 avatar_128 avatar_1920
    avatar_256
    avatar_512 bank_ids barcode channel_ids child_ids city co_contract_ids color
    commercial_company_name commercial_partner_id company_id company_name
    company_registry
    company_registry_label company_type complete_name contact_address
    contact_address_inline
    contract_count contract_ids country_code country_id edelivery_consent email
    email_formatted
    email_normalized employee function helpdesk_ticket_active_count
    helpdesk_ticket_count
    helpdesk_ticket_count_string helpdesk_ticket_ids im_status image_1024 image_128
    image_1920
    image_256 image_512 industry_id is_company is_public lang member_entry_date
    member_exit_date
    member_number membership_state message_bounce mobile name parent_id parent_name
    partner_gid
    partner_latitude partner_longitude partner_share phone phone_mobile_search
    phone_sanitized ref
    self share_balance share_capital_subscribed share_count share_currency_id
    share_movement_ids
    starred_message_ids state_id street street2 title type tz tz_offset user_id user_ids
    vat
    vat_label wbg54_notify_document_email wbg54_notify_document_push
    wbg54_notify_notice_email
    wbg54_notify_notice_push wbg54_notify_ticket_email wbg54_notify_ticket_push website
    zip
""")
)

ALLOWED = {
    # Odoo's own models: her own records (authenticator devices, API keys, identity
    # checks, filters, presence, chats, the messages and notifications Odoo's rules let
    # her see) or reference data (countries, currencies, languages, her company). Odoo
    # decides what they hold; the cooperative's staff write nothing there.
    "auth_totp.device": _names("""
        create_date display_name expiration_date id name scope user_id
    """),
    "auth_totp.wizard": _META
    | _names("""
        code qrcode secret url user_id
    """),
    "bus.presence": _names("""
        display_name guest_id id last_poll last_presence status user_id
    """),
    "discuss.channel": _META
    | _THREAD
    | _names("""
        active allow_public_upload avatar_128 avatar_cache_key channel_member_ids
        channel_partner_ids
        channel_type default_display_mode description from_message_id group_ids
        group_public_id
        image_128 invitation_url is_editable is_member last_interest_dt member_count
        name
        parent_channel_id pinned_message_ids sub_channel_ids uuid
    """),
    "discuss.channel.member": _META
    | _names("""
        channel_id custom_channel_name custom_notifications fetched_message_id
        fold_state guest_id
        is_pinned is_self last_interest_dt last_seen_dt message_unread_counter
        mute_until_dt
        new_message_separator partner_id rtc_inviting_session_id rtc_session_ids
        seen_message_id
        unpin_dt
    """),
    # the fastapi addon's endpoint_route_handler: a transient tool model its ACLs open
    # to everyone; route definitions (used as new records, not stored), no person's data
    "endpoint.route.handler.tool": _META
    | _names("""
        active auth_type csrf endpoint_hash name readonly registry_sync
        request_content_type request_method route route_group route_type
    """),
    "ir.filters": _META
    | _names("""
        action_id active context domain embedded_action_id embedded_parent_res_id
        is_default model_id
        name sort user_id
    """),
    "mail.message": _META
    | _names("""
        attachment_ids author_avatar author_guest_id author_id body child_ids date
        email_add_signature
        email_from email_layout_xmlid has_error has_sms_error
        is_current_user_or_guest_author
        is_internal letter_ids mail_activity_type_id mail_server_id message_id
        message_type model
        needaction notification_ids notified_partner_ids parent_id partner_ids pinned_at
        preview
        record_alias_domain_id record_company_id record_name reply_to reply_to_force_new
        res_id
        snailmail_error starred starred_partner_ids subject subtype_id
    """),
    "mail.message.subtype": _META
    | _names("""
        default description hidden internal name parent_id relation_field res_model
        sequence
        track_recipients
    """),
    "mail.notification": _names("""
        author_id display_name failure_reason failure_type id is_read letter_id
        mail_mail_id
        mail_message_id notification_status notification_type read_date res_partner_id
        sms_id sms_id_int
        sms_tracker_ids
    """),
    "res.company": _META
    | _names("""
        active alias_domain_id alias_domain_name all_child_ids bank_ids bounce_email
        bounce_formatted
        catchall_email catchall_formatted child_ids city color company_details
        company_registry
        country_code country_id currency_id default_from_email email email_formatted
        email_primary_color
        email_secondary_color external_report_layout_id font
        helpdesk_mgmt_duplicate_ticket_stage_id
        helpdesk_mgmt_duplicate_tracking helpdesk_mgmt_portal_category_id_required
        helpdesk_mgmt_portal_select_category helpdesk_mgmt_portal_select_team
        helpdesk_mgmt_portal_team_id_required helpdesk_mgmt_ticket_auto_assign
        iap_enrich_auto_done
        is_company_details_empty layout_background layout_background_image logo logo_web
        mobile name
        paperformat_id parent_id parent_ids parent_path partner_gid partner_id phone
        primary_color
        report_footer report_header root_id secondary_color sequence share_nominal_value
        snailmail_color wbg54_emergency_phone
        snailmail_cover snailmail_duplex state_id street street2
        uninstalled_l10n_module_ids user_ids
        uses_default_logo vat website zip
    """),
    "res.country": _META
    | _names("""
        address_format address_view_id code country_group_ids currency_id image_url name
        name_position
        phone_code state_ids state_required vat_label zip_required
    """),
    "res.country.group": _META
    | _names("""
        country_ids name
    """),
    "res.country.state": _META
    | _names("""
        code country_id name
    """),
    "res.currency": _META
    | _names("""
        active currency_subunit_label currency_unit_label date decimal_places full_name
        inverse_rate
        is_current_company_currency iso_numeric name position rate rate_ids rate_string
        rounding symbol
    """),
    "res.currency.rate": _META
    | _names("""
        company_id company_rate currency_id inverse_company_rate name rate
    """),
    "res.lang": _META
    | _names("""
        active code date_format decimal_point direction flag_image flag_image_url
        grouping iso_code name
        short_time_format thousands_sep time_format url_code week_start
    """),
    "res.partner.autocomplete.sync": _META
    | _names("""
        partner_id synched
    """),
    "res.users.apikeys": _names("""
        create_date display_name expiration_date id name scope user_id
    """),
    "res.users.apikeys.description": _META
    | _names("""
        duration expiration_date name
    """),
    "res.users.identitycheck": _META
    | _names("""
        auth_method password
    """),
    "res.partner": _PARTNER,
    # Her own user: Odoo's user fields and her partner's (inherited, same groups).
    "res.users": _META
    | _THREAD
    | _ACTIVITY
    | _PARTNER
    | _names("""
        accesses_count action_id active_partner api_key_ids companies_count company_ids
        device_ids
        groups_count groups_id helpdesk_team_ids log_ids login login_date new_password
        notification_type
        odoobot_failed odoobot_state partner_id password res_users_settings_id
        res_users_settings_ids
        rules_count share signature state totp_enabled totp_trusted_device_ids
        tour_enabled
        user_group_warning
    """),
    # Requests (helpdesk_mgmt): her own tickets with what she wrote, their stage, team,
    # category and assignee (the ticket page shows them). Not: internal notes, tags,
    # kanban state and colour, properties, duplicates (they name other tickets), the
    # team's members, and the decision on an application, which she gets as the letter
    # (a message with the PDF). priority and sequence stay: the ticket order uses them.
    # Categories, stages, portal teams and application types are configuration (no
    # persons, no figures; not the teams' members and ticket counts).
    "helpdesk.ticket": _META
    | _THREAD
    | _PORTAL
    | _ACTIVITY
    | _names("""
        active assigned_date attachment_ids awning_colour awning_position awning_size
        category_id
        channel_id closed closed_date commercial_partner_id company_id description
        duplicate_tracking_enabled duration_tracking email_cc last_stage_update name
        number
        partner_email partner_id partner_name pet_breed pet_count pet_species priority
        renovation_company renovation_date_from renovation_date_to renovation_scope
        sequence stage_id
        team_id unattended user_id wbg54_access_allowed wbg54_application_type_id
        wbg54_building_id
        wbg54_contract_id wbg54_kind wbg54_location wbg54_questions wbg54_time_windows
        wbg54_unit_id
        wbg54_urgency
    """),
    "helpdesk.ticket.category": _META
    | _names("""
        active child_id company_id complete_name name parent_id parent_path sequence
        show_in_portal
        wbg54_damage wbg54_team_id
    """),
    "helpdesk.ticket.stage": _META
    | _names("""
        active close_from_portal closed company_id description fold mail_template_id
        name sequence
        team_ids unattended
    """),
    "helpdesk.ticket.team": _META
    | _THREAD
    | _names("""
        active alias_bounced_content alias_contact alias_defaults alias_domain
        alias_domain_id
        alias_email alias_force_thread_id alias_full_name alias_id alias_incoming_local
        alias_model_id
        alias_name alias_parent_model_id alias_parent_thread_id alias_status
        category_ids color
        company_id complete_name name parent_id parent_path sequence show_in_portal
        ticket_properties
    """),
    "wbg54.application.type": _META
    | _names("""
        active description name questions sequence team_id
    """),
    # The cooperative's records her rules let her read: her contracts and their fee
    # lines, the units and buildings let to her (with the caretaker to call), her posted
    # share movements, her published documents and notices with her own receipt rows,
    # her push devices. Not: staff notes (buildings, contracts, fee lines, share
    # movements), the units' contracts and the buildings' units (who else lives there),
    # read-receipt figures and upload runs.
    "wbg54.building": _META
    | _THREAD
    | _names("""
        active caretaker_id caretaker_phone city code company_id country_id has_elevator
        name street zip
    """),
    "wbg54.contract": _META
    | _THREAD
    | _PORTAL
    | _ACTIVITY
    | _names("""
        building_id co_member_ids company_id currency_id date_end date_start
        fee_line_ids fee_total name
        partner_id state unit_id unit_type
    """),
    "wbg54.contract.fee.line": _META
    | _names("""
        amount contract_id currency_id date_from fee_type
    """),
    "wbg54.document": _META
    | _THREAD
    | _names("""
        building_ids category_id company_id contract_id document_date file file_name
        name partner_id
        publish_at published_at recipient_ids scope state
    """),
    "wbg54.document.category": _META
    | _names("""
        active name sequence
    """),
    "wbg54.document.recipient": _META
    | _names("""
        document_id opened_at partner_id
    """),
    "wbg54.notice": _META
    | _THREAD
    | _names("""
        body building_ids company_id kind name published_at recipient_ids resolved_at
        state valid_from
        valid_to
    """),
    "wbg54.notice.recipient": _META
    | _names("""
        notice_id partner_id
    """),
    "wbg54.push.device": _META
    | _names("""
        active app_version deactivation_reason last_seen_at partner_id platform token
        user_id
    """),
    "wbg54.share.movement": _META
    | _THREAD
    | _names("""
        amount amount_signed capital_signed company_id currency_id date kind name
        nominal_value
        partner_id reversed_movement_id share_qty share_qty_signed state
    """),
    "wbg54.unit": _META
    | _THREAD
    | _names("""
        active building_id company_id floor living_area name position rooms unit_type
    """),
}


class TestTenantReadableFields(TenantFixture, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()

    def _readable_fields(self, user):
        """{model: {field}} for every model ``user`` may read."""
        env = self.env(user=user, su=False)
        readable = {}
        for name in sorted(self.env.registry):
            model = env[name]
            if model._abstract or not model.has_access("read"):
                continue
            readable[name] = {
                fname
                for fname, field in model._fields.items()
                if field.is_accessible(env)
            }
        return readable

    def test_only_allowed_fields_are_readable(self):
        self.assertEqual(
            self.user_a.groups_id,
            self.env.ref("base.group_portal"),
            "a tenant: portal group only",
        )
        readable = self._readable_fields(self.user_a)
        self.assertIn("helpdesk.ticket", readable)
        self.assertIn("wbg54.contract", readable)
        unexpected = {
            model: sorted(fields - ALLOWED.get(model, frozenset()))
            for model, fields in readable.items()
            if fields - ALLOWED.get(model, frozenset())
        }
        self.assertFalse(
            unexpected,
            "Tenants can read these fields: give them groups= (staff only) or, if a "
            "tenant may see "
            "their value on her own records, add them to ALLOWED in "
            "tests/test_field_access.py",
        )

    def test_restricted_fields_stay_readable_for_staff(self):
        staff = self.env["res.users"].create(
            {
                "name": "Sachbearbeiterin",
                "login": "fields_staff",
                "groups_id": [
                    (4, self.env.ref("wbg54_portal.group_wbg54_portal_user").id)
                ],
            }
        )
        for model, fname in STAFF_ONLY:
            self.assertTrue(
                self.env[model]._fields[fname].is_accessible(self.env(user=staff)),
                (model, fname),
            )
            self.assertFalse(
                self.env[model]
                ._fields[fname]
                .is_accessible(self.env(user=self.user_a)),
                (model, fname),
            )


# fields a tenant must not read (a sample of each kind, asked over HTTP below)
STAFF_ONLY = [
    ("helpdesk.ticket", "notes"),
    ("helpdesk.ticket", "wbg54_decision"),
    ("helpdesk.ticket", "wbg54_decision_reason"),
    ("helpdesk.ticket", "wbg54_decision_date"),
    ("helpdesk.ticket", "tag_ids"),
    ("helpdesk.ticket", "duplicate_id"),
    ("helpdesk.ticket.team", "user_ids"),
    ("res.partner", "comment"),
    ("res.partner", "category_id"),
    ("res.partner", "consent_ids"),
    ("res.users", "comment"),
    ("wbg54.contract", "note"),
    ("wbg54.contract.fee.line", "note"),
    ("wbg54.building", "note"),
    ("wbg54.unit", "contract_ids"),
    ("wbg54.share.movement", "note"),
    ("wbg54.document", "opened_count"),
]


class TestTenantRpc(TenantFixture, HttpCase):
    """The server refuses staff-only fields to a logged-in tenant on every
    ORM route of ``/web/dataset/call_kw`` and still answers the others."""

    SECRET = "Geheimvermerk"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Antrag Hund",
                "description": "Ein kleiner Hund",
                "partner_id": cls.partner_a.id,
                "wbg54_kind": "application",
                "wbg54_contract_id": cls.contract_a1.id,
                "wbg54_application_type_id": cls.env.ref(
                    "wbg54_portal.application_type_pet"
                ).id,
                "notes": f"<p>{cls.SECRET}: Nachbarn beschweren sich</p>",
                "wbg54_decision": "rejected",
                "wbg54_decision_reason": f"{cls.SECRET}: Allergiker im Haus",
            }
        )
        cls.partner_a.comment = f"<p>{cls.SECRET}: Mietrückstand</p>"
        cls.contract_a1.note = f"<p>{cls.SECRET}: Kündigung prüfen</p>"
        cls.building.note = f"<p>{cls.SECRET}: Sanierung 2027</p>"

    def _call(self, model, method, args, kwargs=None):
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response

    def _refused(self, model, method, args, kwargs=None):
        with self.assertLogs("odoo.http", "WARNING"):
            response = self._call(model, method, args, kwargs)
        body = response.json()
        self.assertEqual(
            body.get("error", {}).get("data", {}).get("name"),
            "odoo.exceptions.AccessError",
            f"{model}.{method} {args} {kwargs}: {response.text[:300]}",
        )
        self.assertNotIn(self.SECRET, response.text)

    def _allowed(self, model, method, args, kwargs=None):
        response = self._call(model, method, args, kwargs)
        body = response.json()
        self.assertIn("result", body, f"{model}.{method}: {response.text[:300]}")
        self.assertNotIn(self.SECRET, response.text)
        return body["result"]

    def test_ticket_notes_and_decision(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        ids = [self.ticket.id]
        for fname in (
            "notes",
            "wbg54_decision",
            "wbg54_decision_reason",
            "wbg54_decision_date",
        ):
            with self.subTest(field=fname):
                self._refused("helpdesk.ticket", "read", [ids, [fname]])
                self._refused(
                    "helpdesk.ticket",
                    "search_read",
                    [[("id", "in", ids)], ["name", fname]],
                )
                self._refused(
                    "helpdesk.ticket", "web_read", [ids], {"specification": {fname: {}}}
                )
                self._refused("helpdesk.ticket", "search", [[(fname, "!=", False)]])
                self._refused(
                    "helpdesk.ticket", "read_group", [[], [f"{fname}:count"], [fname]]
                )
                self._refused(
                    "helpdesk.ticket",
                    "web_search_read",
                    [[]],
                    {"specification": {fname: {}}},
                )
        # the fields the web client learns of leave them out
        described = self._allowed(
            "helpdesk.ticket", "fields_get", [], {"attributes": ["type"]}
        )
        self.assertIn("number", described)
        self.assertFalse(
            {"notes", "wbg54_decision", "wbg54_decision_reason"} & set(described)
        )
        record = self._allowed(
            "helpdesk.ticket",
            "read",
            [ids, ["name", "number", "stage_id", "wbg54_kind"]],
        )[0]
        self.assertEqual(
            (record["name"], record["wbg54_kind"]), ("Antrag Hund", "application")
        )
        # nor does the decision letter's report render for her before staff send it
        response = self.url_open(
            f"/report/html/wbg54_portal.report_application_decision/{self.ticket.id}"
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(self.SECRET, response.text)
        # staff still read them
        staff = self.env["res.users"].create(
            {
                "name": "Sachbearbeiterin",
                "login": "fields_staff",
                "password": "fields_staff_2024",
                "groups_id": [
                    (4, self.env.ref("wbg54_portal.group_wbg54_portal_user").id)
                ],
            }
        )
        self.authenticate(staff.login, "fields_staff_2024")
        response = self._call(
            "helpdesk.ticket", "read", [ids, ["notes", "wbg54_decision_reason"]]
        )
        self.assertEqual(
            response.json()["result"][0]["wbg54_decision_reason"],
            f"{self.SECRET}: Allergiker im Haus",
        )

    def test_contract_partner_and_building_notes(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self._refused("wbg54.contract", "read", [[self.contract_a1.id], ["note"]])
        self._refused("wbg54.building", "read", [[self.building.id], ["note"]])
        self._refused("res.partner", "read", [[self.partner_a.id], ["comment"]])
        self._refused("res.users", "read", [[self.user_a.id], ["comment"]])
        self._refused(
            "res.partner",
            "search_read",
            [[("comment", "ilike", self.SECRET)], ["name"]],
        )
        contract = self._allowed(
            "wbg54.contract",
            "read",
            [[self.contract_a1.id], ["name", "date_start", "fee_total"]],
        )
        self.assertEqual(contract[0]["name"], self.contract_a1.name)
        partner = self._allowed(
            "res.partner",
            "read",
            [[self.partner_a.id], ["name", "member_number", "email"]],
        )
        self.assertEqual(partner[0]["member_number"], self.partner_a.member_number)
        self.assertNotIn(
            "comment",
            self._allowed("res.partner", "fields_get", [], {"attributes": ["type"]}),
        )
        self.assertNotIn(
            "note",
            self._allowed("wbg54.contract", "fields_get", [], {"attributes": ["type"]}),
        )
