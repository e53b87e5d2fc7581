"""Normalise photos tenants upload: orientation, size, format, no metadata."""

import io
import struct

from PIL import (  # noqa: F401  (Odoo preloads only a few formats; phones send WebP)
    Image,
    WebPImagePlugin,
)

from odoo.tools.image import image_fix_orientation

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_BYTES = 15 * 1024 * 1024
MAX_PHOTOS = 10
MAX_SIDE = 1920  # Odoo's own limit for images; plenty to judge a damage
# Pixels one request may decode, all photos together. Decoding, scaling and
# re-encoding cost about 40 ms of CPU per million pixels (measured for JPEG,
# PNG and WebP), so one request stays near a second. A JPEG is decoded at a
# reduced scale (a 12 MP phone photo costs 3 MP, ten of them fit), PNG and
# WebP at full size.
REQUEST_PIXEL_BUDGET = 32_000_000
MAX_DECLARED_PIXELS = 120_000_000  # what a JPEG may declare before its reduced decoding


class PhotoError(ValueError):
    """``reason`` is one of: too_big, type, corrupt, truncated, bomb, budget."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class PixelBudget:
    """What is left of one request's ``REQUEST_PIXEL_BUDGET``."""

    def __init__(self, pixels=REQUEST_PIXEL_BUDGET):
        self.left = pixels

    def spend(self, pixels):
        if pixels > self.left:
            raise PhotoError("budget")
        self.left -= pixels


def normalize_photo(data, budget=None):
    """Re-encode an uploaded photo.

    Honours the EXIF orientation, scales the long side down to ``MAX_SIDE``
    and writes a new file without any metadata (EXIF, GPS, ICC, text chunks).

    :param bytes data: the uploaded file
    :param PixelBudget budget: the request's budget, charged with the pixels
        this photo decodes (a fresh full budget when not given)
    :return: (bytes, mimetype, extension)
    :raise PhotoError: oversize, not JPEG/PNG/WebP, unreadable, truncated,
        too many pixels
    """
    if len(data) > MAX_BYTES:
        raise PhotoError("too_big")
    budget = budget or PixelBudget()
    try:
        image = Image.open(io.BytesIO(data))
        image_format = image.format
        if image_format not in FORMATS:
            raise PhotoError("type")
        # checked before decoding: a few KB can declare billions of pixels
        if image.width * image.height > (
            MAX_DECLARED_PIXELS if image_format == "JPEG" else REQUEST_PIXEL_BUDGET
        ):
            raise PhotoError("bomb")
        # Odoo turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process,
        # which would fill a cut-off upload with grey; look for the end ourselves
        if not _is_complete(image_format, data):
            raise PhotoError("truncated")
        if image_format == "JPEG":
            image.draft("RGB", _draft_size(image.size))
        budget.spend(image.width * image.height)
        image.load()
    except PhotoError:
        raise
    except Image.DecompressionBombError:
        raise PhotoError("bomb") from None
    except Image.UnidentifiedImageError:
        raise PhotoError("type") from None
    except (OSError, SyntaxError, ValueError, struct.error):
        raise PhotoError("corrupt") from None
    image = image_fix_orientation(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.LANCZOS)
    output = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(output, "JPEG", quality=85)
    elif image_format == "PNG":
        image.save(output, "PNG", compress_level=1)  # fast; photos are shrunk anyway
    else:
        image.save(output, "WEBP", quality=85)
    return output.getvalue(), FORMATS[image_format], EXTENSIONS[image_format]


def _draft_size(size):
    """The smallest size of the same shape whose long side still covers MAX_SIDE."""
    width, height = size
    scale = min(1.0, MAX_SIDE / max(width, height))
    return max(1, int(width * scale)), max(1, int(height * scale))


def _is_complete(image_format, data):
    if image_format == "JPEG":
        return _jpeg_complete(data)
    if image_format == "PNG":
        return _png_complete(data)
    # WebP: a RIFF container that says how long it is
    return len(data) >= 8 and len(data) >= struct.unpack("<I", data[4:8])[0] + 8


def _png_complete(data):
    """Walk the chunks up to IEND."""
    position = 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        position += 12 + length
        if kind == b"IEND":
            return position <= len(data)
    return False


def _jpeg_complete(data):
    """Walk the markers and the entropy-coded scans up to EOI (FFD9).

    Whatever follows EOI (phones append motion-photo videos) is ignored."""
    position = 2  # after SOI
    size = len(data)
    while position + 4 <= size:
        if data[position] != 0xFF:
            return False
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:
            return True
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            position += 2
            continue
        length = struct.unpack(">H", data[position + 2 : position + 4])[0]
        position += 2 + length
        if (
            marker == 0xDA
        ):  # start of scan: skip entropy-coded data to the next real marker
            while True:
                position = data.find(b"\xff", position)
                if position < 0 or position + 1 >= size:
                    return False
                following = data[position + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    position += 1 if following == 0xFF else 2
                    continue
                break
    return size - position >= 2 and data[position : position + 2] == b"\xff\xd9"
