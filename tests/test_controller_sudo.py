"""Every sudo() in a controller (and in the app API's routers and
dependencies) says why it is safe: a comment on its line or right above it
(after an ownership check, or why no record of another person can be
reached)."""

import re
from pathlib import Path

ADDON = Path(__file__).resolve().parent.parent / "wbg54_portal"
CONTROLLERS = ADDON / "controllers"
# the app API's layer answers requests too: its routers and dependencies
API_LAYER = [ADDON / "dependencies.py", ADDON / "error_handlers.py"]


def test_every_sudo_in_a_controller_is_explained():
    unexplained = []
    for path in (
        sorted(CONTROLLERS.rglob("*.py"))
        + sorted((ADDON / "routers").rglob("*.py"))
        + API_LAYER
    ):
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines):
            if ".sudo(" not in line or line.lstrip().startswith("#"):
                continue
            above = number - 1
            # the comment may stand above the statement the sudo() continues
            # (a chained call, or the line that opens the bracket it is in)
            current = line
            while (
                above >= 0
                and "#" not in lines[above]
                and (
                    current.lstrip().startswith(".")
                    or re.search(r"[,(\[{=]\s*$", lines[above])
                    or lines[above].rstrip().endswith(("elif (", "if ("))
                )
            ):
                current = lines[above]
                above -= 1
            explained = "#" in line or (
                above >= 0 and lines[above].lstrip().startswith("#")
            )
            if not explained:
                unexplained.append(f"{path.name}:{number + 1}: {line.strip()}")
    assert not unexplained, "sudo() without a reason:\n" + "\n".join(unexplained)
