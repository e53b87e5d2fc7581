from odoo import fields, models


class Wbg54DocumentCategory(models.Model):
    _name = "wbg54.document.category"
    _description = "Document Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
