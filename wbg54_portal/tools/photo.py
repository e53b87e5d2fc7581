"""Normalise photos tenants upload: orientation, size, format, no metadata."""
import io

from PIL import Image, WebPImagePlugin  # noqa: F401  (Odoo preloads only a few formats; phones send WebP)

from odoo.tools.image import IMAGE_MAX_RESOLUTION, image_fix_orientation

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_BYTES = 15 * 1024 * 1024
MAX_PHOTOS = 10
MAX_SIDE = 2560


class PhotoError(ValueError):
    """``reason`` is one of: too_big, type, corrupt, bomb."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def normalize_photo(data):
    """Re-encode an uploaded photo.

    Honours the EXIF orientation, scales the long side down to ``MAX_SIDE``
    and writes a new file without any metadata (EXIF, GPS, ICC, text chunks).

    :param bytes data: the uploaded file
    :return: (bytes, mimetype, extension)
    :raise PhotoError: oversize, not JPEG/PNG/WebP, unreadable, too many pixels
    """
    if len(data) > MAX_BYTES:
        raise PhotoError("too_big")
    try:
        image = Image.open(io.BytesIO(data))
        image_format = image.format
        if image_format not in FORMATS:
            raise PhotoError("type")
        # checked before decoding: a few KB can declare billions of pixels
        if image.width * image.height > IMAGE_MAX_RESOLUTION:
            raise PhotoError("bomb")
        image.load()
    except PhotoError:
        raise
    except Image.DecompressionBombError:
        raise PhotoError("bomb") from None
    except Image.UnidentifiedImageError:
        raise PhotoError("type") from None
    except (OSError, SyntaxError, ValueError):
        raise PhotoError("corrupt") from None
    image = image_fix_orientation(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.LANCZOS)
    output = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(output, "JPEG", quality=85, optimize=True)
    elif image_format == "PNG":
        image.save(output, "PNG", optimize=True)
    else:
        image.save(output, "WEBP", quality=85)
    return output.getvalue(), FORMATS[image_format], EXTENSIONS[image_format]
