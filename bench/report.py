"""Markdown table and chart of a bench run: ``report.py results.json``.

Runs in the bench virtualenv (matplotlib); reads only the JSON."""

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

PAGE_P95_LIMIT_MS = 150
PAGE_RATIO_LIMIT = 1.5
# an API read (rows "API /…") at most as slow as the web page doing its work
API_RATIO_LIMIT = 1.0
PUBLISH_LIMIT_S = 60
PUSH_MIN_PER_S = 200
LOAD_P95_LIMIT_MS = 500


def verdict(ok):
    return "met" if ok else "**missed**"


def pages_table(scales):
    last = scales[-1]
    names = list(last["pages"])
    header = (
        "| Page | "
        + " | ".join(f"queries @{s['scale']:g}" for s in scales)
        + f" | median ms @{last['scale']:g} | p95 ms @{last['scale']:g} | p95 / "
        "reference | p95 / `/my/security` | target |"
    )
    lines = [header, "|" + "---|" * (len(scales) + 6)]
    for name in names:
        queries = [s["pages"][name]["queries"] for s in scales]
        page = last["pages"][name]
        ratio = page.get("ratio_p95")
        if ratio is None:
            target, ratio_text = "reference", ""
        else:
            ratio_text = f"{ratio} ({page['reference']})"
            limit = API_RATIO_LIMIT if name.startswith("API ") else PAGE_RATIO_LIMIT
            target = verdict(
                len(set(queries)) == 1
                and page["p95_ms"] < PAGE_P95_LIMIT_MS
                and ratio <= limit
            )
        lines.append(
            f"| `{name}` | "
            + " | ".join(f"{q:g}" for q in queries)
            + f" | {page['median_ms']} | {page['p95_ms']} | "
            f"{ratio_text} | "
            f"{page.get('ratio_p95_security', '')} | {target} |"
        )
    return "\n".join(lines)


def generator_table(scales):
    lines = [
        "| Scale | households | records | seconds | records/s |",
        "|---|---|---|---|---|",
    ]
    for step in scales:
        total = step["generator"].get("totals", {})
        lines.append(
            f"| {step['scale']:g} | {step['generator'].get('households', '')} | "
            f"{total.get('created', '')} | "
            f"{total.get('seconds', '')} | {total.get('per_second', '')} |"
        )
    return "\n".join(lines)


def chart(scales, path):
    figure, axis = plt.subplots(figsize=(9, 5.5))
    xs = [s["scale"] for s in scales]
    colours = plt.cm.tab20.colors
    for index, name in enumerate(scales[-1]["pages"]):
        ys = [s["pages"][name]["p95_ms"] for s in scales]
        style = "--" if "(" in name else "-"
        axis.plot(
            xs, ys, style, marker="o", label=name, color=colours[index % len(colours)]
        )
    axis.axhline(
        PAGE_P95_LIMIT_MS,
        color="red",
        linewidth=0.8,
        linestyle=":",
        label="target 150 ms",
    )
    axis.set_xscale("log")
    axis.set_xticks(xs, [f"{x:g}\n({int(x * 1000)} households)" for x in xs])
    axis.set_xlabel("database scale")
    axis.set_ylabel("p95 server time per request (ms)")
    axis.set_title(
        "Portal pages: p95 server time against database scale (dashed: Odoo's own "
        "pages)"
    )
    axis.grid(True, alpha=0.3)
    axis.legend(fontsize=7, loc="upper left", ncol=2)
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def main(path):
    path = Path(path)
    results = json.loads(path.read_text())
    scales = results["scales"]
    machine = results["machine"]
    t = results["throughput"]
    load = results.get("load")
    publish, notice, push, registration = (
        t["publish_documents"],
        t["notice"],
        t["push"],
        t["registration"],
    )
    lines = [
        f"# Benchmark results ({results['date']})",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_mb']} "
        f"MB RAM; {machine['os']}; "
        f"Python {machine['python']}, Odoo {machine['odoo']}, PostgreSQL "
        f"{machine['postgresql']}. "
        f"Whole run: {results['total_s']} s.",
        "",
        "## Data generator",
        "",
        generator_table(scales),
        "",
        "## Portal pages (tenant bench000001, same database, same run)",
        "",
        "Rows `API /…`: the app API's reads (/api/wbg54/v1, app key) held against "
        "the web page doing the same work (target: p95 at most the page's).",
        "",
        pages_table(scales),
        "",
        "![p95 against scale](latency_vs_scale.png)",
        "",
        "## Throughput",
        "",
        "| Operation | result | target |",
        "|---|---|---|",
        f"| Publish {publish['documents']} documents (create {publish['create_s']} s + "
        f"publish {publish['publish_s']} s), "
        f"{publish['mails_queued']} e-mails and {publish['pushes_queued']} pushes "
        f"queued | {publish['total_s']} s "
        f"({publish['documents_per_s']} documents/s) | ≤ {PUBLISH_LIMIT_S} s: "
        f"{verdict(publish['total_s'] <= PUBLISH_LIMIT_S)} |",
        f"| Notice to {notice['tenants_informed']} tenants in {notice['buildings']} "
        "buildings, "
        f"{notice['mails_queued']} e-mails and {notice['pushes_queued']} pushes queued "
        f"| {notice['seconds']} s | |",
        f"| Push outbox: {push['delivered']} of {push['messages']} messages to the "
        "local fake FCM "
        f"({push['duplicates']} duplicates) | {push['pushes_per_s']} pushes/s | "
        f"≥ {PUSH_MIN_PER_S}/s: "
        f"{verdict((push['pushes_per_s'] or 0) >= PUSH_MIN_PER_S)} |",
        f"| Registration-number checks ({registration['checks']}) | "
        f"{registration['checks_per_s']} checks/s | |",
        "",
    ]
    if load:
        lines += [
            f"## Load: {load['users']} tenants for {load['duration_s']} s, Odoo with "
            f"{load['odoo_workers']} workers",
            "",
            "| requests | failures | req/s | p50 ms | p95 ms | p99 ms | max ms | "
            "target |",
            "|---|---|---|---|---|---|---|---|",
            f"| {load['requests']} | {load['failures']} | {load['rps']} | "
            f"{load['p50_ms']} | {load['p95_ms']} | "
            f"{load['p99_ms']} | {load['max_ms']} | 0 errors, p95 < "
            f"{LOAD_P95_LIMIT_MS} ms: "
            f"{verdict(load['failures'] == 0 and load['p95_ms'] < LOAD_P95_LIMIT_MS)} "
            "|",
            "",
            "| Endpoint | requests | failures | median ms | p95 ms | p99 ms |",
            "|---|---|---|---|---|---|",
        ]
        for name, row in sorted(load.get("per_endpoint", {}).items()):
            lines.append(
                f"| `{name}` | {row['requests']} | {row['failures']} | "
                f"{row['median_ms']} | "
                f"{row['p95_ms']} | {row['p99_ms']} |"
            )
    else:
        lines.append("Load test not run (`--no-load`).")
    (path.parent / "results.md").write_text("\n".join(lines) + "\n")
    chart(scales, path.parent / "latency_vs_scale.png")


if __name__ == "__main__":
    main(sys.argv[1])
