from odoo import api, fields, models
from odoo.exceptions import UserError

MATCH_STATES = [
    ("matched", "Matched"),
    ("unmatched", "Unmatched"),
    ("ambiguous", "Ambiguous"),
    ("duplicate", "Duplicate"),
    ("rejected", "Rejected"),
]


class Wbg54DocumentBatchLine(models.Model):
    """One uploaded file of a mass upload and the contract or member it goes to."""

    _name = "wbg54.document.batch.line"
    _description = "Document Mass Upload File"
    _order = "batch_id, id"
    _rec_name = "file_name"
    _check_company_auto = True

    batch_id = fields.Many2one(
        "wbg54.document.batch", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="batch_id.company_id")
    file_name = fields.Char(readonly=True)
    file = fields.Binary(attachment=True, readonly=True)
    match_state = fields.Selection(
        MATCH_STATES,
        required=True,
        default="unmatched",
        readonly=True,
        index=True,
        help="Matched: published when the batch is confirmed. Unmatched or ambiguous: "
        "choose the contract or member. Duplicate: another file goes to the same "
        "recipient. Rejected: not a PDF file.",
    )
    contract_id = fields.Many2one(
        "wbg54.contract", string="Contract", check_company=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        check_company=True,
        domain="[('member_number', '!=', False)]",
    )
    message = fields.Char(readonly=True)
    document_id = fields.Many2one(
        "wbg54.document", string="Document", readonly=True, ondelete="set null"
    )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        """Choosing the contract or member by hand matches the line, unless
        another file of the batch already goes to that recipient."""
        if not {"contract_id", "partner_id"} & set(vals):
            return super().write(vals)
        if self.batch_id.filtered(lambda b: b.state != "draft"):
            raise UserError(
                self.env._(
                    "The upload batch is already confirmed; its files cannot be "
                    "changed."
                )
            )
        if vals.get("contract_id"):
            vals = dict(vals, partner_id=False)
        elif vals.get("partner_id") and "contract_id" not in vals:
            vals = dict(vals, contract_id=False)
        if (vals.get("contract_id") or vals.get("partner_id")) and self.filtered(
            lambda line: line.match_state == "rejected"
        ):
            raise UserError(
                self.env._(
                    "A rejected file cannot be published; upload it again as a PDF "
                    "file."
                )
            )
        result = super().write(vals)
        self._rematch_by_hand()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if self.batch_id.filtered(lambda b: b.state != "draft"):
            raise UserError(
                self.env._("The files of a confirmed upload batch cannot be deleted.")
            )

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    # super() here is this model's parent write, which skips the re-matching of
    # this model's own write; the helper has no result to pass on
    def _rematch_by_hand(self):  # pylint: disable=missing-return
        for line in self.filtered(lambda line: line.match_state != "rejected"):
            if not line.contract_id and not line.partner_id:
                super(Wbg54DocumentBatchLine, line).write(
                    {
                        "match_state": "unmatched",
                        "message": self.env._("Choose a contract or a member."),
                    }
                )
                continue
            other = line.batch_id.line_ids.filtered(
                lambda other, line=line: other != line
                and other.match_state == "matched"
                and other._target() == line._target()
            )[:1]
            if other:
                super(Wbg54DocumentBatchLine, line).write(
                    {
                        "match_state": "duplicate",
                        "message": self.env._(
                            "Another file of this batch is already matched to the "
                            "same recipient: %(file)s.",
                            file=other.file_name,
                        ),
                    }
                )
            else:
                super(Wbg54DocumentBatchLine, line).write(
                    {
                        "match_state": "matched",
                        "message": self.env._("Matched by hand."),
                    }
                )

    def _target(self):
        self.ensure_one()
        return (
            ("contract", self.contract_id.id)
            if self.contract_id
            else ("member", self.partner_id.id)
        )

    def _check_unique_targets(self):
        files_by_target = {}
        for line in self:
            files_by_target.setdefault(line._target(), []).append(line.file_name)
        for files in files_by_target.values():
            if len(files) > 1:
                raise UserError(
                    self.env._(
                        "Several files of this batch go to the same recipient: "
                        "%(files)s.",
                        files=", ".join(files),
                    )
                )

    def _prepare_document_vals(self):
        self.ensure_one()
        batch = self.batch_id
        return {
            "name": batch.name,
            "category_id": batch.category_id.id,
            "document_date": batch.document_date,
            "publish_at": batch.publish_at,
            "company_id": batch.company_id.id,
            "batch_id": batch.id,
            "file": self.with_context(bin_size=False).file,
            "file_name": self.file_name,
            "scope": "contract" if self.contract_id else "member",
            "contract_id": self.contract_id.id,
            "partner_id": self.partner_id.id,
        }
