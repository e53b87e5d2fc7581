# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Comparison table of `make test-upstream`.

Usage: python scripts/test_upstream_report.py LABEL WITH.json WITHOUT.json [LABEL
WITH.json WITHOUT.json ...]

Prints, per database pair (e.g. English, German), a Markdown table per module:
tests run, failures and errors with and without wbg54_portal; then the tests
that fail (or error) only with the addon and those that ran only without it
(a test class that cannot set up runs none of its tests). Exit status 1 when
any test fails only with the addon.
"""

# pylint: disable=print-used
# (a command-line tool: the printed table is its output)

import json
import sys


def load(path):
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    bad = {name for _module, name in data["failed"] + data["errors"]}
    return data, bad


def count(entries, module):
    return sum(1 for entry_module, _name in entries if entry_module == module)


def report(label, with_path, without_path):
    with_data, with_bad = load(with_path)
    without_data, without_bad = load(without_path)
    modules = sorted(set(with_data["ran"]) | set(without_data["ran"]))
    print(f"\n### {label}\n")
    print(
        "| module | tests with | failed with | errors with | tests without | failed "
        "without | errors without |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    totals = [0] * 6
    for module in modules:
        row = [
            with_data["ran"].get(module, 0),
            count(with_data["failed"], module),
            count(with_data["errors"], module),
            without_data["ran"].get(module, 0),
            count(without_data["failed"], module),
            count(without_data["errors"], module),
        ]
        totals = [a + b for a, b in zip(totals, row, strict=False)]
        print(f"| {module} | " + " | ".join(map(str, row)) + " |")
    print("| **total** | " + " | ".join(f"**{n}**" for n in totals) + " |")
    only_with = sorted(with_bad - without_bad)
    print(f"\nFailing only with wbg54_portal ({len(only_with)}):")
    for name in only_with or ["(none)"]:
        print(f"- {name}")
    if with_data.get("started") is not None and without_data.get("started") is not None:
        missing = sorted(set(without_data["started"]) - set(with_data["started"]))
        print(f"\nRun only without wbg54_portal ({len(missing)}):")
        for name in missing or ["(none)"]:
            print(f"- {name}")
    both = sorted(with_bad & without_bad)
    print(f"\nFailing with and without wbg54_portal ({len(both)}):")
    for name in both or ["(none)"]:
        print(f"- {name}")
    return len(only_with)


def main(args):
    regressions = 0
    for index in range(0, len(args), 3):
        regressions += report(*args[index : index + 3])
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
