"""Values a request brings (query string, form fields, path) turned into
numbers. Everything a client sends is text, and may be anything: these
helpers say "no" (``None``) instead of raising, so the caller can answer
with its own German message and a 4xx, never a server error."""

# every id and integer column in PostgreSQL is a 4-byte integer
MAX_INT = 2**31 - 1


def parse_int(value, minimum=0, maximum=MAX_INT):
    """The whole number written in ``value`` if it lies within
    ``minimum``..``maximum``, else None. Only ASCII digits with an optional
    leading minus count: no spaces inside, no signs twice, no other scripts'
    digits, no exponents."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text.startswith("-") else text
        # 12 digits are more than any bound here; longer text is not parsed at all
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
            return None
        number = int(text)
    else:
        return None
    return number if minimum <= number <= maximum else None


def parse_id(value):
    """The record id in ``value`` (a positive integer that fits the id
    column), or None."""
    return parse_int(value, minimum=1)
