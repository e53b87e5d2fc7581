from werkzeug.exceptions import HTTPException

from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        """Errors of the app's JSON API (a missing or bad API key above all,
        which Odoo answers before the route runs) come back as JSON too."""
        response = super()._handle_error(exception)
        if request.httprequest.path.startswith("/api/wbg54/") and isinstance(response, HTTPException):
            error = request.make_json_response(
                {"error": {"code": response.name.lower().replace(" ", "_"), "message": response.description}},
                status=response.code)
            if response.code == 401:
                error.headers["WWW-Authenticate"] = "Bearer"
            return error
        return response
