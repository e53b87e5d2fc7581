"""`python scripts/oca_readme ARGS` runs oca-gen-addon-readme with ARGS."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from oca_readme.gen_addon_readme import gen_addon_readme  # noqa: E402

gen_addon_readme(prog_name="oca-gen-addon-readme")
