from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    # Tenants read the teams shown in the portal (helpdesk_mgmt's ticket form
    # offers them); who works in a team and its ticket figures are for staff.
    user_ids = fields.Many2many(groups="base.group_user")
    user_id = fields.Many2one(groups="base.group_user")
    ticket_ids = fields.One2many(groups="base.group_user")
    todo_ticket_count = fields.Integer(groups="base.group_user")
    todo_ticket_count_unassigned = fields.Integer(groups="base.group_user")
    todo_ticket_count_unattended = fields.Integer(groups="base.group_user")
    todo_ticket_count_high_priority = fields.Integer(groups="base.group_user")

    # helpdesk_mgmt assigns a ticket only to a member of its team; the shipped
    # teams have no members and are open to every staff user instead
    wbg54_open_to_staff = fields.Boolean(
        string="Open to All Staff",
        help="Every internal user can be assigned to this team's tickets, "
        "not only the team members.",
        groups="base.group_user",
    )

    def _wbg54_staff(self):
        """The staff users a new request of this team is told of: its leader
        and members; every staff user on a team open to all staff that has
        neither, and for a request without a team (a general message)."""
        if self:
            self.ensure_one()
        # who works on the team, to notify them (a tenant's request is created
        # in her name; she reads nothing of it)
        team_sudo = self.sudo()
        users = team_sudo.user_id | team_sudo.user_ids
        if not users and (not self or team_sudo.wbg54_open_to_staff):
            users = self.env.ref("wbg54_portal.group_wbg54_portal_user").sudo().users
        return users.filtered(lambda u: u.active and not u.share)
