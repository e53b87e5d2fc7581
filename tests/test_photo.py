import io

from PIL import Image

from odoo.tests import BaseCase

from odoo.addons.wbg54_portal.tools.photo import (
    MAX_SIDE,
    REQUEST_PIXEL_BUDGET,
    PhotoError,
    PixelBudget,
    normalize_photo,
)


def make_photo(fmt="JPEG", size=(4000, 3000), orientation=None, gps=False):
    image = Image.new("RGB", size, "white")
    image.paste(
        (200, 0, 0), (0, 0, size[0] // 2, size[1] // 10)
    )  # red band at the top left
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 18.0)}
        exif[0x010F] = "PhoneMaker"
    stream = io.BytesIO()
    kwargs = (
        {"exif": exif.tobytes()}
        if (orientation or gps) and fmt in ("JPEG", "WEBP", "PNG")
        else {}
    )
    image.save(stream, fmt, **kwargs)
    return stream.getvalue()


class TestPhotoNormalisation(BaseCase):
    def test_downscaled_and_metadata_gone(self):
        data, mimetype, ext = normalize_photo(make_photo(gps=True))
        image = Image.open(io.BytesIO(data))
        self.assertEqual((mimetype, ext), ("image/jpeg", "jpg"))
        self.assertEqual(max(image.size), MAX_SIDE)
        self.assertEqual(image.size, (1920, 1440))
        self.assertFalse(image.getexif(), "no EXIF, no GPS")
        self.assertNotIn(b"PhoneMaker", data)
        self.assertNotIn("icc_profile", image.info)

    def test_orientation_honoured(self):
        # orientation 6: the camera was turned, the picture must be rotated 90°
        # clockwise
        data, _mimetype, _ext = normalize_photo(
            make_photo(size=(800, 600), orientation=6)
        )
        image = Image.open(io.BytesIO(data)).convert("RGB")
        self.assertEqual(image.size, (600, 800))
        self.assertGreater(
            image.getpixel((590, 10))[0], 150, "the red band is now at the top right"
        )
        self.assertLess(image.getpixel((590, 10))[1], 100)

    def test_png_and_webp_kept_in_their_format(self):
        for fmt, mimetype in (("PNG", "image/png"), ("WEBP", "image/webp")):
            data, got, _ext = normalize_photo(
                make_photo(fmt, size=(3000, 1000), gps=True)
            )
            image = Image.open(io.BytesIO(data))
            self.assertEqual((got, image.format), (mimetype, fmt))
            self.assertEqual(image.size, (1920, 640))
            self.assertFalse(image.getexif())

    def test_bad_files(self):
        gif = io.BytesIO()
        Image.new("RGB", (10, 10)).save(gif, "GIF")
        cases = {
            b"%PDF-1.4 not a photo": "type",
            gif.getvalue(): "type",
            make_photo(size=(100, 100))[:300]: "corrupt",
            b"\xff" * (15 * 1024 * 1024 + 1): "too_big",
        }
        bomb = io.BytesIO()
        Image.new("1", (10000, 10000)).save(bomb, "PNG")  # 100 Mpx in a few KB
        cases[bomb.getvalue()] = "bomb"
        png_49_mpx = io.BytesIO()
        Image.new("RGB", (7000, 7000), "white").save(png_49_mpx, "PNG")  # about 140 KB
        cases[png_49_mpx.getvalue()] = "bomb"
        for data, reason in cases.items():
            with self.assertRaises(PhotoError) as caught:
                normalize_photo(data)
            self.assertEqual(caught.exception.reason, reason, data[:20])

    def test_truncated_files_refused(self):
        # Odoo turns on Pillow's LOAD_TRUNCATED_IMAGES: a cut-off upload would be filled
        # with grey
        for fmt in ("JPEG", "PNG", "WEBP"):
            data = make_photo(fmt, size=(800, 600))
            for cut in (len(data) // 2, len(data) - 2):
                with self.assertRaises(PhotoError, msg=f"{fmt} cut at {cut}") as caught:
                    normalize_photo(data[:cut])
                self.assertIn(caught.exception.reason, ("truncated", "corrupt"), fmt)
            normalize_photo(data)  # the whole file is fine
        # phones append a video after the JPEG's end (motion photos): still a complete
        # photo
        data, mimetype, _ext = normalize_photo(
            make_photo(size=(800, 600)) + b"\x00\x00\x00\x18ftypmp42" * 50
        )
        self.assertEqual(mimetype, "image/jpeg")

    def test_pixel_budget_of_one_request(self):
        # a JPEG is decoded at a reduced scale: a 12 MP photo costs a quarter
        budget = PixelBudget()
        normalize_photo(make_photo(size=(4000, 3000)), budget)
        self.assertEqual(REQUEST_PIXEL_BUDGET - budget.left, 2000 * 1500)
        # PNG at full size: two 12 MP PNGs fit, the third is refused
        budget = PixelBudget()
        png = make_photo("PNG", size=(4000, 3000))
        normalize_photo(png, budget)
        normalize_photo(png, budget)
        with self.assertRaises(PhotoError) as caught:
            normalize_photo(png, budget)
        self.assertEqual(caught.exception.reason, "budget")
        # ten ordinary phone photos fit into one request
        budget = PixelBudget()
        for _i in range(10):
            normalize_photo(make_photo(size=(4032, 3024)), budget)
