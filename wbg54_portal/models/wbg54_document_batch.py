import base64
import io
import logging
import re
import zipfile
import zlib
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

_logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
ZIP_MIMETYPES = ("application/zip", "application/x-zip-compressed")
# guards against zip bombs; both can be raised with a system parameter
DEFAULT_MAX_FILES = 5000
DEFAULT_MAX_SIZE_MB = 500
# what zipfile raises on a damaged archive besides BadZipFile: a central
# directory with a bad version (NotImplementedError), offsets before the start
# (ValueError: negative seek), names in no encoding (UnicodeDecodeError, a
# ValueError), an empty name (IndexError)
UNREADABLE_ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    ValueError,
    IndexError,
    OSError,
    EOFError,
)
UNREADABLE_ENTRY_ERRORS = (*UNREADABLE_ARCHIVE_ERRORS, zlib.error, RuntimeError)
# numbers count only as whole words; "_" and "-" separate words in file names
CONTRACT_NUMBER_RE = re.compile(r"(?<![^\W_])NV-(\d+)(?![^\W_])", re.IGNORECASE)
MEMBER_NUMBER_RE = re.compile(r"(?<![^\W_])(\d+)(?![^\W_])")


class Wbg54DocumentBatch(models.Model):
    """A run of personal documents (e.g. 2,000 operating-cost statements)
    uploaded at once: the files are matched to contracts or members by the
    numbers in their names, checked and fixed by staff in the preview, and
    only published when the batch is confirmed."""

    _name = "wbg54.document.batch"
    _description = "Document Mass Upload"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"

    name = fields.Char(
        string="Title",
        required=True,
        tracking=True,
        help=(
            "Title of every document of the batch, e.g. "
            "Betriebskostenabrechnung 2025."
        ),
    )
    category_id = fields.Many2one(
        "wbg54.document.category", required=True, tracking=True
    )
    document_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    publish_at = fields.Datetime(
        string="Publish On",
        tracking=True,
        help="Empty: the documents are published when the batch is confirmed. "
        "In the future: they are published then by a scheduled action.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "wbg54_document_batch_attachment_rel",
        "batch_id",
        "attachment_id",
        string="Uploaded Files",
        copy=False,
        help="ZIP archives of PDF files and/or single PDF files.",
    )
    preview_outdated = fields.Boolean(
        readonly=True,
        copy=False,
        help="The uploaded files changed since the last preview.",
    )
    line_ids = fields.One2many(
        "wbg54.document.batch.line", "batch_id", string="Files", copy=False
    )
    problem_line_ids = fields.One2many(
        "wbg54.document.batch.line",
        "batch_id",
        string="Files Not Matched",
        domain=[("match_state", "!=", "matched")],
    )
    document_ids = fields.One2many(
        "wbg54.document", "batch_id", string="Documents", readonly=True
    )
    line_count = fields.Integer(string="Number of Files", compute="_compute_counts")
    matched_count = fields.Integer(string="Matched", compute="_compute_counts")
    unmatched_count = fields.Integer(string="Unmatched", compute="_compute_counts")
    ambiguous_count = fields.Integer(string="Ambiguous", compute="_compute_counts")
    duplicate_count = fields.Integer(string="Duplicates", compute="_compute_counts")
    rejected_count = fields.Integer(string="Rejected", compute="_compute_counts")
    problem_count = fields.Integer(string="Not Matched", compute="_compute_counts")
    document_count = fields.Integer(compute="_compute_document_count")

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("line_ids.match_state")
    def _compute_counts(self):
        for batch in self:
            counts = defaultdict(int)
            for line in batch.line_ids:
                counts[line.match_state] += 1
            batch.line_count = len(batch.line_ids)
            batch.matched_count = counts["matched"]
            batch.unmatched_count = counts["unmatched"]
            batch.ambiguous_count = counts["ambiguous"]
            batch.duplicate_count = counts["duplicate"]
            batch.rejected_count = counts["rejected"]
            batch.problem_count = batch.line_count - batch.matched_count

    @api.depends("document_ids")
    def _compute_document_count(self):
        for batch in self:
            batch.document_count = len(batch.document_ids)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        batches = super().create(vals_list)
        batches._attach_uploads()
        return batches

    def write(self, vals):
        if "attachment_ids" in vals:
            vals = dict(vals, preview_outdated=True)
        result = super().write(vals)
        if "attachment_ids" in vals:
            self._attach_uploads()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if self.filtered(lambda b: b.state != "draft"):
            raise UserError(self.env._("Only draft upload batches can be deleted."))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_preview(self):
        """Unpack the uploads into one line per file and match the lines;
        replaces the lines of an earlier preview. Creates no documents."""
        for batch in self:
            batch._check_draft()
            if not batch.attachment_ids:
                raise UserError(self.env._("Upload a ZIP archive or PDF files first."))
            files = batch._unpack_uploads()
            batch.line_ids.unlink()
            self.env["wbg54.document.batch.line"].create(batch._match_files(files))
            batch.preview_outdated = False
        return True

    def action_confirm(self):
        """Create the documents of the matched lines and publish them (or
        schedule them); lines that are not matched stay in the batch."""
        Document = self.env["wbg54.document"].with_context(mail_create_nosubscribe=True)
        for batch in self:
            batch._check_draft()
            if not batch.line_ids:
                raise UserError(self.env._("Run the preview first."))
            if batch.preview_outdated:
                raise UserError(
                    self.env._(
                        "The uploaded files changed since the preview; run the preview "
                        "again."
                    )
                )
            matched = batch.line_ids.filtered(
                lambda line: line.match_state == "matched"
            )
            if not matched:
                raise UserError(
                    self.env._(
                        "No file of this batch is matched to a contract or member; "
                        "there is nothing to publish."
                    )
                )
            matched._check_unique_targets()
            documents = Document.create(
                [line._prepare_document_vals() for line in matched]
            )
            for line, document in zip(matched, documents, strict=False):
                line.document_id = document
            batch.state = "confirmed"
            documents.action_publish()
            batch._message_post_confirmation(documents)
        return True

    def action_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wbg54_portal.wbg54_document_action"
        )
        action["domain"] = [("batch_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _check_draft(self):
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "Upload batch %(batch)s is already confirmed.", batch=self.name
                )
            )

    def _attach_uploads(self):
        """Files uploaded in the form before the batch was saved belong to no
        record yet; only their uploader may read them, so they are moved onto
        the batch like mail does for the composer's attachments."""
        for batch in self:
            batch.attachment_ids.filtered(
                lambda a: not a.res_id
                and a.res_model in (False, self._name)
                and a.create_uid == self.env.user
            ).write({"res_model": self._name, "res_id": batch.id})

    def _get_limits(self):
        # reading system parameters needs no more than staff rights
        params_sudo = self.env["ir.config_parameter"].sudo()
        max_files = int(
            params_sudo.get_param("wbg54_portal.batch_max_files", DEFAULT_MAX_FILES)
        )
        max_size_mb = int(
            params_sudo.get_param("wbg54_portal.batch_max_size_mb", DEFAULT_MAX_SIZE_MB)
        )
        return max_files, max_size_mb

    def _unpack_uploads(self):
        """Return ``[(file_name, pdf_bytes or None, reason or None)]``, one
        entry per uploaded PDF or file in an uploaded ZIP. Files that are not
        PDFs get a reason instead of content; the whole upload is refused
        when it holds too many files or unpacks to too many bytes."""
        self.ensure_one()
        max_files, max_size_mb = self._get_limits()
        max_size = max_size_mb * 1024 * 1024
        archives, singles = [], []
        for attachment in self.attachment_ids:
            is_zip = (
                attachment.name.lower().endswith(".zip")
                or attachment.mimetype in ZIP_MIMETYPES
            )
            raw = attachment.raw or b""
            if is_zip:
                try:
                    archive = zipfile.ZipFile(io.BytesIO(raw))
                    entries = [
                        info
                        for info in archive.infolist()
                        # folders, and the resource forks macOS adds to its archives,
                        # are no files
                        if not info.is_dir()
                        and not info.filename.startswith("__MACOSX/")
                    ]
                except UNREADABLE_ARCHIVE_ERRORS as error:
                    _logger.info(
                        "Unreadable ZIP archive %s in an upload batch: %r",
                        attachment.name,
                        error,
                    )
                    raise UserError(
                        self.env._(
                            "%(file)s is not a readable ZIP archive.",
                            file=attachment.name,
                        )
                    ) from None
                archives.append((archive, entries))
            else:
                singles.append((attachment.name, raw))

        count = len(singles) + sum(len(entries) for _archive, entries in archives)
        if not count:
            raise UserError(self.env._("The upload holds no files."))
        if count > max_files:
            raise UserError(
                self.env._(
                    "The upload holds %(count)s files; a batch takes at most %(max)s. "
                    "Split it into several batches.",
                    count=count,
                    max=max_files,
                )
            )
        # the sizes an archive declares bound what zipfile unpacks (it stops
        # there and fails on the checksum), so they are checked before unpacking
        size = sum(len(raw) for _name, raw in singles) + sum(
            info.file_size for _archive, entries in archives for info in entries
        )
        if size > max_size:
            raise UserError(
                self.env._(
                    "The upload unpacks to %(size)s MB; a batch takes at most %(max)s "
                    "MB. Split it into several batches.",
                    size=-(-size // (1024 * 1024)),
                    max=max_size_mb,
                )
            )

        files = [(name, *self._check_pdf(raw)) for name, raw in singles]
        for archive, entries in archives:
            for info in entries:
                name = _entry_file_name(info)
                if info.flag_bits & 0x1:
                    files.append(
                        (
                            name,
                            None,
                            self.env._("The file is encrypted in the archive."),
                        )
                    )
                    continue
                try:
                    with archive.open(info) as entry:
                        raw = entry.read(info.file_size + 1)
                except UNREADABLE_ENTRY_ERRORS as error:
                    _logger.info(
                        "Unreadable entry %s in an upload batch: %s",
                        info.filename,
                        error,
                    )
                    files.append(
                        (name, None, self.env._("The file is damaged in the archive."))
                    )
                    continue
                files.append((name, *self._check_pdf(raw)))
        return files

    def _check_pdf(self, raw):
        if raw.startswith(PDF_MAGIC):
            return raw, None
        return None, self.env._("Not a PDF file.")

    def _match_files(self, files):
        """Line values for the files of ``_unpack_uploads``, matched by the
        numbers in their names: a contract number (NV-00017) gives the
        contract, otherwise a member number (00042) the member. All
        candidates are looked up at once, with one search per model."""
        self.ensure_one()
        parsed = []
        contract_numbers, member_numbers = set(), set()
        for name, raw, reason in files:
            contracts = sorted(
                {f"NV-{digits}" for digits in CONTRACT_NUMBER_RE.findall(name)}
            )
            members = sorted(
                set(MEMBER_NUMBER_RE.findall(CONTRACT_NUMBER_RE.sub(" ", name)))
            )
            parsed.append((name, raw, reason, contracts, members))
            if not reason:
                contract_numbers.update(contracts)
                member_numbers.update(members)
        contract_by_number = (
            {
                contract.name.upper(): contract
                for contract in self.env["wbg54.contract"].search(
                    [
                        ("name", "in", sorted(contract_numbers)),
                        ("company_id", "=", self.company_id.id),
                    ]
                )
            }
            if contract_numbers
            else {}
        )
        member_by_number = (
            {
                partner.member_number: partner
                for partner in self.env["res.partner"].search(
                    [
                        ("member_number", "in", sorted(member_numbers)),
                        ("company_id", "in", [False, self.company_id.id]),
                    ]
                )
            }
            if member_numbers
            else {}
        )

        vals_list = []
        first_line_by_target = {}
        for name, raw, reason, contract_numbers, member_numbers in parsed:
            vals = {
                "batch_id": self.id,
                "file_name": name,
                "file": base64.b64encode(raw) if raw else False,
            }
            if reason:
                vals.update(match_state="rejected", message=reason)
                vals_list.append(vals)
                continue
            members = [
                member_by_number[n] for n in member_numbers if n in member_by_number
            ]
            vals.update(
                self._match_numbers(contract_numbers, members, contract_by_number)
            )
            if vals["match_state"] == "matched":
                target = (
                    ("contract", vals["contract_id"])
                    if vals.get("contract_id")
                    else ("member", vals["partner_id"])
                )
                if target in first_line_by_target:
                    vals.update(
                        match_state="duplicate",
                        message=self.env._(
                            "Another file of this batch is already matched to the "
                            "same recipient: %(file)s.",
                            file=first_line_by_target[target],
                        ),
                    )
                else:
                    first_line_by_target[target] = name
            vals_list.append(vals)
        return vals_list

    def _match_numbers(self, contract_numbers, members, contract_by_number):
        if len(contract_numbers) > 1:
            return {
                "match_state": "ambiguous",
                "message": self.env._(
                    "Several contract numbers in the file name: %(numbers)s.",
                    numbers=", ".join(contract_numbers),
                ),
            }
        if contract_numbers:
            contract = contract_by_number.get(contract_numbers[0].upper())
            if not contract:
                return {
                    "match_state": "unmatched",
                    "message": self.env._(
                        "There is no contract %(number)s.", number=contract_numbers[0]
                    ),
                }
            strangers = [
                m
                for m in members
                if m not in contract.partner_id | contract.co_member_ids
            ]
            if strangers:
                return {
                    "match_state": "ambiguous",
                    "message": self.env._(
                        "The file name names contract %(contract)s and member "
                        "%(member)s, who is not party to it.",
                        contract=contract.name,
                        member=strangers[0].member_number,
                    ),
                }
            return {"match_state": "matched", "contract_id": contract.id}
        if len(members) > 1:
            return {
                "match_state": "ambiguous",
                "message": self.env._(
                    "Several member numbers in the file name: %(numbers)s.",
                    numbers=", ".join(m.member_number for m in members),
                ),
            }
        if members:
            return {"match_state": "matched", "partner_id": members[0].id}
        return {
            "match_state": "unmatched",
            "message": self.env._(
                "No contract or member number found in the file name."
            ),
        }

    def _message_post_confirmation(self, documents):
        self.ensure_one()
        scheduled = documents.filtered(lambda d: d.state == "scheduled")
        if scheduled:
            body = self.env._(
                "%(count)s documents created; they are published on %(date)s.",
                count=len(documents),
                date=format_datetime(self.env, self.publish_at),
            )
        else:
            body = self.env._(
                "%(count)s documents created and published.", count=len(documents)
            )
        if self.problem_count:
            body += " " + self.env._(
                "Not published: %(unmatched)s unmatched, %(ambiguous)s ambiguous, "
                "%(duplicate)s duplicate and "
                "%(rejected)s rejected files; they stay listed in the batch.",
                unmatched=self.unmatched_count,
                ambiguous=self.ambiguous_count,
                duplicate=self.duplicate_count,
                rejected=self.rejected_count,
            )
        self.message_post(body=body)


def _entry_file_name(info):
    """The name of a ZIP entry without its folders. Archives made on Windows
    often store names in the DOS code page without saying so (zipfile then
    reads them as cp437); UTF-8 is tried first, then cp850 (German DOS)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        encoded = name.encode("cp437")
        try:
            name = encoded.decode("utf-8")
        except UnicodeDecodeError:
            name = encoded.decode("cp850")
    return re.split(r"[/\\]", name)[-1]
