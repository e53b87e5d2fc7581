import base64
import io
import zipfile
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form, TransactionCase, new_test_user

from .common import TenantFixture


def pdf(text="statement"):
    return b"%PDF-1.4\n% " + text.encode() + b"\n%%EOF\n"


def make_zip(files, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


class TestDocumentBatch(TenantFixture, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()
        cls.staff = new_test_user(
            cls.env, login="batch_staff", groups="wbg54_portal.group_wbg54_portal_user"
        )
        cls.Batch = cls.env["wbg54.document.batch"].with_user(cls.staff)
        cls.Document = cls.env["wbg54.document"]
        cls.category = cls.env.ref("wbg54_portal.document_category_letters")
        cls.nr_a, cls.nr_b, cls.nr_c = (
            cls.partner_a | cls.partner_b | cls.partner_c
        ).mapped("member_number")
        cls.files = {
            f"BK2025_{cls.contract_a1.name}.pdf": pdf("a1"),
            f"BK2025_{cls.nr_c}.pdf": pdf("c"),
            "BK2025_ohne_Nummer.pdf": pdf("none"),
            f"BK2025_{cls.nr_a}_{cls.nr_c}.pdf": pdf("a and c"),
            f"BK2025_{cls.contract_a1.name}_Korrektur.pdf": pdf("a1 again"),
            f"{cls.contract_a2.name}_{cls.nr_a}.pdf": pdf("a2 with its member"),
            f"{cls.contract_c.name}_{cls.nr_a}.pdf": pdf("c's contract, a's number"),
            "BK2025_NV-99999.pdf": pdf("unknown contract"),
            "liesmich.txt": b"Bitte beachten Sie ...",
            "falsch.pdf": b"<html>not a pdf</html>",
        }

    def _upload(self, name, raw):
        """As the many2many_binary widget does: the file belongs to no record yet."""
        return (
            self.env["ir.attachment"]
            .with_user(self.staff)
            .create(
                {
                    "name": name,
                    "raw": raw,
                    "res_model": "wbg54.document.batch",
                    "res_id": 0,
                }
            )
        )

    def _batch(self, *uploads, **vals):
        attachments = self.env["ir.attachment"].union(
            *(self._upload(name, raw) for name, raw in uploads)
        )
        return self.Batch.create(
            {
                "name": "Betriebskostenabrechnung 2025",
                "category_id": self.category.id,
                "attachment_ids": [Command.set(attachments.ids)],
                **vals,
            }
        )

    def _line(self, batch, file_name):
        line = batch.line_ids.filtered(lambda line: line.file_name == file_name)
        self.assertEqual(len(line), 1, file_name)
        return line

    def _tenant_documents(self, user):
        return self.Document.with_user(user).search([])

    # ------------------------------------------------------------
    # preview
    # ------------------------------------------------------------

    def test_preview_matches_file_names(self):
        batch = self._batch(("run.zip", make_zip(self.files)))
        self.assertEqual(
            batch.attachment_ids.res_id, batch.id, "the upload now belongs to the batch"
        )
        documents_before = self.Document.search_count([])
        batch.action_preview()

        self.assertEqual(
            self.Document.search_count([]),
            documents_before,
            "the preview creates no documents",
        )
        self.assertFalse(batch.document_ids)
        self.assertEqual(batch.state, "draft")
        self.assertEqual(
            len(batch.line_ids), len(self.files), "one line per file, none dropped"
        )

        by_contract = self._line(batch, f"BK2025_{self.contract_a1.name}.pdf")
        self.assertEqual(
            (by_contract.match_state, by_contract.contract_id),
            ("matched", self.contract_a1),
        )
        self.assertFalse(by_contract.partner_id)
        self.assertEqual(base64.b64decode(by_contract.file), pdf("a1"))
        by_member = self._line(batch, f"BK2025_{self.nr_c}.pdf")
        self.assertEqual(
            (by_member.match_state, by_member.partner_id), ("matched", self.partner_c)
        )
        self.assertFalse(by_member.contract_id)
        contract_and_own_member = self._line(
            batch, f"{self.contract_a2.name}_{self.nr_a}.pdf"
        )
        self.assertEqual(
            (contract_and_own_member.match_state, contract_and_own_member.contract_id),
            ("matched", self.contract_a2),
        )

        self.assertEqual(
            self._line(batch, "BK2025_ohne_Nummer.pdf").match_state, "unmatched"
        )
        unknown = self._line(batch, "BK2025_NV-99999.pdf")
        self.assertEqual(unknown.match_state, "unmatched")
        self.assertIn("NV-99999", unknown.message)
        two_members = self._line(batch, f"BK2025_{self.nr_a}_{self.nr_c}.pdf")
        self.assertEqual(two_members.match_state, "ambiguous")
        self.assertFalse(two_members.partner_id | two_members.contract_id.partner_id)
        stranger = self._line(batch, f"{self.contract_c.name}_{self.nr_a}.pdf")
        self.assertEqual(
            stranger.match_state, "ambiguous", "member A is no party to C's contract"
        )
        duplicate = self._line(batch, f"BK2025_{self.contract_a1.name}_Korrektur.pdf")
        self.assertEqual(duplicate.match_state, "duplicate")
        self.assertIn(by_contract.file_name, duplicate.message)
        for name in ("liesmich.txt", "falsch.pdf"):
            rejected = self._line(batch, name)
            self.assertEqual(rejected.match_state, "rejected", name)
            self.assertEqual(rejected.message, "Not a PDF file.")
            self.assertFalse(rejected.file, "what is not a PDF is not kept")

        self.assertEqual(
            (
                batch.line_count,
                batch.matched_count,
                batch.unmatched_count,
                batch.ambiguous_count,
                batch.duplicate_count,
                batch.rejected_count,
                batch.problem_count,
            ),
            (10, 3, 2, 2, 1, 2, 7),
        )
        self.assertEqual(
            batch.problem_line_ids,
            batch.line_ids.filtered(lambda line: line.match_state != "matched"),
        )
        for user in (self.user_a, self.user_b, self.user_c):
            self.assertFalse(self._tenant_documents(user))

    def test_single_pdfs_and_zip_together(self):
        batch = self._batch(
            (f"{self.nr_b}.pdf", pdf("b")),
            ("Anschreiben.docx", make_zip({"word/document.xml": "<w/>"})),
            (
                "run.zip",
                make_zip(
                    {
                        f"Abrechnung-{self.contract_c.name}.pdf": pdf("c"),
                        "unterordner/": b"",
                        "__MACOSX/._x.pdf": b"\x00",
                    }
                ),
            ),
        )
        batch.action_preview()
        self.assertEqual(
            {(line.file_name, line.match_state) for line in batch.line_ids},
            {
                (f"{self.nr_b}.pdf", "matched"),
                ("Anschreiben.docx", "rejected"),
                (f"Abrechnung-{self.contract_c.name}.pdf", "matched"),
            },
            "a .docx is a zip file inside, but it is no upload archive; folders are "
            "no files",
        )

    def test_windows_file_names(self):
        # Windows' zip tools store names in the DOS code page without the UTF-8 flag
        raw = make_zip({f"Mxller_{self.nr_c}.pdf": pdf()}).replace(
            b"Mxller", "Müller".encode("cp850")
        )
        batch = self._batch(("run.zip", raw))
        batch.action_preview()
        self.assertEqual(batch.line_ids.file_name, f"Müller_{self.nr_c}.pdf")
        self.assertEqual(batch.line_ids.partner_id, self.partner_c)

    def test_damaged_entry_is_listed(self):
        raw = make_zip(
            {f"{self.nr_c}.pdf": pdf("intact"), f"{self.nr_a}.pdf": pdf("damaged")},
            zipfile.ZIP_STORED,
        )
        batch = self._batch(("run.zip", raw.replace(b"damaged", b"DAMAGED")))
        batch.action_preview()
        damaged = self._line(batch, f"{self.nr_a}.pdf")
        self.assertEqual(
            (damaged.match_state, damaged.message),
            ("rejected", "The file is damaged in the archive."),
        )
        self.assertEqual(self._line(batch, f"{self.nr_c}.pdf").match_state, "matched")

    def test_preview_again_replaces_the_lines(self):
        batch = self._batch(("run.zip", make_zip(self.files)))
        batch.action_preview()
        old_lines = batch.line_ids
        batch.action_preview()
        self.assertFalse(old_lines.exists())
        self.assertEqual(len(batch.line_ids), len(self.files))

        batch.attachment_ids = [
            Command.link(self._upload(f"{self.nr_b}.pdf", pdf("b")).id)
        ]
        self.assertTrue(batch.preview_outdated)
        with self.assertRaisesRegex(UserError, "run the preview again"):
            batch.action_confirm()
        self.assertFalse(batch.document_ids)
        batch.action_preview()
        self.assertEqual(len(batch.line_ids), len(self.files) + 1)
        self.assertEqual(
            self._line(batch, f"{self.nr_b}.pdf").partner_id, self.partner_b
        )

    def test_too_many_files_are_refused(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "wbg54_portal.batch_max_files", "3"
        )
        batch = self._batch(
            ("run.zip", make_zip({f"{i}.pdf": pdf() for i in range(4)}))
        )
        with self.assertRaisesRegex(
            UserError, r"holds 4 files; a batch takes at most 3"
        ):
            batch.action_preview()
        self.assertFalse(batch.line_ids)

    def test_zip_bomb_is_refused_before_unpacking(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "wbg54_portal.batch_max_size_mb", "1"
        )
        bomb = make_zip({"bomb.pdf": b"%PDF-" + b"\0" * (3 * 1024 * 1024 - 5)})
        self.assertLess(len(bomb), 20 * 1024, "small when packed")
        batch = self._batch(("bomb.zip", bomb))
        with self.assertRaisesRegex(
            UserError, r"unpacks to 3 MB; a batch takes at most 1 MB"
        ):
            batch.action_preview()
        self.assertFalse(batch.line_ids)

    def test_damaged_zip_is_refused(self):
        batch = self._batch(("run.zip", b"PK\x03\x04 garbage"))
        with self.assertRaisesRegex(UserError, "not a readable ZIP archive"):
            batch.action_preview()
        empty = self._batch(("empty.zip", make_zip({"leer/": b""})))
        with self.assertRaisesRegex(UserError, "holds no files"):
            empty.action_preview()

    def test_default_limit_allows_a_large_run(self):
        batch = self._batch(
            (
                "run.zip",
                make_zip(
                    {f"{i:05d}-x.pdf": pdf() for i in range(60)}, zipfile.ZIP_STORED
                ),
            )
        )
        batch.action_preview()
        self.assertEqual(len(batch.line_ids), 60)

    # ------------------------------------------------------------
    # manual fixes
    # ------------------------------------------------------------

    def test_fix_lines_by_hand(self):
        batch = self._batch(("run.zip", make_zip(self.files)))
        batch.action_preview()
        unmatched = self._line(batch, "BK2025_ohne_Nummer.pdf")
        # as the form saves an edited line
        batch.write(
            {
                "line_ids": [
                    Command.update(unmatched.id, {"partner_id": self.partner_b.id})
                ]
            }
        )
        self.assertEqual(unmatched.match_state, "matched")
        self.assertEqual(unmatched.message, "Matched by hand.")

        ambiguous = self._line(batch, f"BK2025_{self.nr_a}_{self.nr_c}.pdf")
        ambiguous.partner_id = self.partner_c
        self.assertEqual(
            ambiguous.match_state,
            "duplicate",
            f"BK2025_{self.nr_c}.pdf already goes to C",
        )
        ambiguous.contract_id = self.contract_c
        self.assertEqual(ambiguous.match_state, "matched")
        self.assertFalse(ambiguous.partner_id, "a contract replaces the member")

        ambiguous.contract_id = False
        self.assertEqual(ambiguous.match_state, "unmatched")

        with self.assertRaisesRegex(UserError, "rejected file"):
            self._line(batch, "liesmich.txt").partner_id = self.partner_a

    def test_fix_a_line_in_the_form(self):
        batch = self._batch(("run.zip", make_zip(self.files)))
        batch.action_preview()
        lines = batch.line_ids
        index = lines.ids.index(self._line(batch, "BK2025_ohne_Nummer.pdf").id)
        with Form(batch) as form:
            with form.line_ids.edit(index) as line:
                line.contract_id = self.contract_c
        fixed = lines[index]
        self.assertEqual(
            (fixed.match_state, fixed.contract_id), ("matched", self.contract_c)
        )
        self.assertNotIn(fixed, batch.problem_line_ids)

    # ------------------------------------------------------------
    # confirm
    # ------------------------------------------------------------

    def test_confirm_publishes_the_matched_files_only(self):
        batch = self._batch(("run.zip", make_zip(self.files)))
        batch.action_preview()
        fixed = self._line(batch, "BK2025_ohne_Nummer.pdf")
        fixed.partner_id = self.partner_b
        matched = batch.line_ids.filtered(lambda line: line.match_state == "matched")
        not_matched = batch.line_ids - matched
        self.assertEqual(len(matched), 4)

        batch.action_confirm()

        self.assertEqual(batch.state, "confirmed")
        documents = batch.document_ids
        self.assertEqual(len(documents), 4)
        self.assertEqual(matched.document_id, documents)
        self.assertEqual(set(documents.mapped("state")), {"published"})
        self.assertEqual(
            set(documents.mapped("name")), {"Betriebskostenabrechnung 2025"}
        )
        self.assertEqual(documents.category_id, self.category)
        self.assertEqual(
            batch.line_ids, matched | not_matched, "files not matched stay in the batch"
        )
        self.assertFalse(not_matched.document_id)

        def document(line_name):
            return self._line(batch, line_name).document_id

        a1 = document(f"BK2025_{self.contract_a1.name}.pdf")
        a2 = document(f"{self.contract_a2.name}_{self.nr_a}.pdf")
        c = document(f"BK2025_{self.nr_c}.pdf")
        b = document("BK2025_ohne_Nummer.pdf")
        self.assertEqual(
            (a1.scope, a1.contract_id, c.scope, c.partner_id),
            ("contract", self.contract_a1, "member", self.partner_c),
        )
        self.assertEqual(self._tenant_documents(self.user_a), a1 | a2)
        self.assertEqual(
            self._tenant_documents(self.user_b),
            a1 | b,
            "B is co-member of A's first contract",
        )
        self.assertEqual(self._tenant_documents(self.user_c), c)
        self.assertEqual(
            base64.b64decode(self.Document.with_user(self.user_c).browse(c.id).file),
            pdf("c"),
        )

        message = batch.message_ids[0].body
        self.assertIn("4 documents created and published", message)
        self.assertIn("1 unmatched, 2 ambiguous, 1 duplicate and 2 rejected", message)

        with self.assertRaisesRegex(UserError, "already confirmed"):
            batch.action_confirm()
        with self.assertRaisesRegex(UserError, "already confirmed"):
            batch.action_preview()
        with self.assertRaises(UserError):
            self._line(batch, "BK2025_NV-99999.pdf").contract_id = self.contract_c
        with self.assertRaises(UserError):
            not_matched.unlink()

    def test_confirm_with_publishing_date_schedules(self):
        batch = self._batch(
            ("run.zip", make_zip(self.files)),
            publish_at=fields.Datetime.now() + timedelta(days=2),
        )
        batch.action_preview()
        batch.action_confirm()
        self.assertEqual(set(batch.document_ids.mapped("state")), {"scheduled"})
        self.assertFalse(self._tenant_documents(self.user_a))

    def test_failure_while_publishing_is_not_swallowed(self):
        batch = self._batch(("run.zip", make_zip(self.files)))
        batch.action_preview()
        Document = type(self.env["wbg54.document"])
        with (
            patch.object(
                Document, "action_publish", side_effect=UserError("mail server gone")
            ),
            self.assertRaisesRegex(UserError, "mail server gone"),
            self.env.cr.savepoint(),
        ):
            batch.action_confirm()
        self.env.invalidate_all()
        self.assertEqual(batch.state, "draft")
        self.assertFalse(self.Document.search([("batch_id", "=", batch.id)]))
        self.assertFalse(batch.line_ids.document_id)

    def test_nothing_matched_is_refused(self):
        batch = self._batch(("run.zip", make_zip({"ohne.pdf": pdf()})))
        batch.action_preview()
        with self.assertRaisesRegex(UserError, "nothing to publish"):
            batch.action_confirm()

    def test_tenants_have_no_access(self):
        batch = self._batch(("run.zip", make_zip(self.files)))
        batch.action_preview()
        with self.assertRaises(AccessError):
            self.env["wbg54.document.batch"].with_user(self.user_a).browse(
                batch.id
            ).read(["name"])
        with self.assertRaises(AccessError):
            self.env["wbg54.document.batch.line"].with_user(self.user_a).search([])

    # ------------------------------------------------------------
    # performance
    # ------------------------------------------------------------

    def test_preview_queries_do_not_grow_with_the_files(self):
        members = self.env["res.partner"].create(
            [{"name": f"Mitglied {i}", "membership_state": "member"} for i in range(40)]
        )

        def run(count):
            files = {
                f"BK2025_{self.contract_a1.name}.pdf": pdf(),
                f"BK2025_{self.contract_c.name}.pdf": pdf(),
                f"BK2025_{self.nr_a}_{self.nr_c}.pdf": pdf(),
                "BK2025_ohne.pdf": pdf(),
                "x.txt": b"x",
            }
            files.update(
                {
                    f"BK2025_{member.member_number}.pdf": pdf()
                    for member in members[: count - 5]
                }
            )
            return make_zip(files)

        def preview_queries(batch):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            batch.action_preview()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        small, large = (
            self._batch(("small.zip", run(5))),
            self._batch(("large.zip", run(45))),
        )
        for batch in (
            small,
            large,
            small,
            large,
        ):  # warm the caches; the measured runs replace these lines
            batch.action_preview()
            self.env.flush_all()
        small_queries = preview_queries(small)
        large_queries = preview_queries(large)
        self.assertEqual(
            len(large.line_ids.filtered(lambda line: line.match_state == "matched")), 42
        )
        self.assertEqual(
            large_queries, small_queries, "matching 45 files takes as many queries as 5"
        )
