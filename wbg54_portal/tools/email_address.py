"""The one check of an e-mail address a tenant types (sign-up, new login,
letter request, confirmation link). Odoo's ``email_normalize`` only asks for
an "@" in the text, so "@ü" passed and the mail server refused it later: the
tenant was told "could not send" instead of "this is no address"."""

import re

from odoo.tools import email_normalize

# RFC 5322 dot-atom in ASCII: what every mail provider hands out
LOCAL_PART = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$"
)
DOMAIN_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
TOP_LEVEL = re.compile(r"^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


def valid_email(text):
    """The address in ``text`` in Odoo's normalized form (lower case) if
    ``text`` is one deliverable-looking address and nothing else (no name,
    no list), else False. Domains with umlauts count (IDNA)."""
    if not isinstance(text, str) or len(text) > 254:
        return False
    text = text.strip()
    address = email_normalize(text)
    if not address or address != text.lower() or address.count("@") != 1:
        return False
    local, domain = address.split("@")
    if len(local) > 64 or not LOCAL_PART.match(local):
        return False
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(DOMAIN_LABEL.match(label) for label in labels):
        return False
    return address if TOP_LEVEL.match(labels[-1]) else False
