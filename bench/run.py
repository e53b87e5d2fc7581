"""`make bench`: fill a fresh database at growing scale and measure the portal
pages, the mass operations and concurrent tenants; write JSON, Markdown and a
chart to bench/results/.

    .venv/bin/python bench/run.py --scale 10 [--steps 0.1,1,10] [--repeat 30]
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402
from odoo.tools import config  # noqa: E402

from bench import pages, throughput  # noqa: E402
from bench.generate import grow  # noqa: E402
from bench.load.run_load import ensure_bench_venv, run_load  # noqa: E402

TENANT = ("bench000001@wbg54.example", "Wohnen2024")
REFERENCE = ("bench.reference@wbg54.example", "Wohnen2024")


def log(message):
    # the benchmark's progress on the terminal, beside Odoo's own log
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)  # pylint: disable=print-used


def create_database(db):
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            config.rcfile,
            "-d",
            db,
            "-i",
            "wbg54_portal",
            "--without-demo=all",
            "--load-language=de_DE",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
        cwd=ROOT,
    )


def create_reference_user(registry):
    """A portal user who is no member: Odoo's own /my/account page."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"no_reset_password": True})
        if not env["res.users"].search([("login", "=", REFERENCE[0])]):
            env["res.users"].create(
                {
                    "name": "Rita Referenz",
                    "login": REFERENCE[0],
                    "email": REFERENCE[0],
                    "password": REFERENCE[1],
                    "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
                    "lang": "de_DE",
                }
            )


def tenant_logins(registry, limit=500):
    with registry.cursor() as cr:
        cr.execute(
            "SELECT login FROM res_users WHERE login LIKE 'bench0%%' ORDER BY login "
            "LIMIT %s",
            [limit],
        )
        return [login for (login,) in cr.fetchall()]


def machine():
    def command(*args):
        try:
            return subprocess.run(
                args, capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return None

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        None,
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_mb": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "odoo": odoo.release.version,
        "postgresql": command("psql", "-tAc", "SHOW server_version", "postgres"),
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=10)
    parser.add_argument(
        "--steps",
        help="scales to measure on the way, e.g. 0.1,1,10 (default: 0.1, 1 and "
        "--scale)",
    )
    parser.add_argument(
        "--repeat", type=int, default=30, help="requests per page and measurement"
    )
    parser.add_argument("--db", default="wbg54_bench")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--load-users", type=int, default=50)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--no-load", action="store_true", help="skip the load test")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    steps = sorted(
        {float(s) for s in args.steps.split(",")}
        if args.steps
        else {s for s in (0.1, 1.0) if s < args.scale} | {args.scale}
    )

    config.parse_config(["-c", str(ROOT / ".run" / "odoo.conf"), "--log-level=warn"])
    config["dbfilter"] = f"^{args.db}$"
    odoo.service.server.load_server_wide_modules()
    started = time.perf_counter()
    results = {
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "scales": [],
        "args": vars(args),
    }

    ensure_bench_venv()
    log(f"creating database {args.db}")
    create_database(args.db)
    registry = odoo.modules.registry.Registry(args.db)
    for step in steps:
        log(f"growing to scale {step}")
        with registry.cursor() as cr:
            generated = grow(api.Environment(cr, SUPERUSER_ID, {}), step)
        with registry.cursor() as cr:
            # fresh statistics after the bulk load, as autovacuum's analyze gives
            # a live database; without them PostgreSQL plans for empty tables
            cr.execute("ANALYZE")
        create_reference_user(registry)
        log(f"measuring portal pages at scale {step}")
        measured = pages.with_ratios(
            pages.run(args.db, TENANT, REFERENCE, repeat=args.repeat)
        )
        results["scales"].append(
            {"scale": step, "generator": generated, "pages": measured}
        )

    log("throughput: publishing documents")
    results["throughput"] = {
        "publish_documents": throughput.publish_documents(registry, 10000)
    }
    log("throughput: building notice")
    results["throughput"]["notice"] = throughput.notice_to_households(registry, 2000)
    log("throughput: push outbox")
    results["throughput"]["push"] = throughput.drain_push(registry, 5000)
    log("throughput: registration numbers")
    results["throughput"]["registration"] = throughput.registration_checks(
        registry, 2000
    )

    if not args.no_load:
        log(f"load: {args.load_users} tenants for {args.load_seconds} s")
        with tempfile.NamedTemporaryFile(
            "w", suffix=".tsv", delete=False
        ) as users_file:
            users_file.writelines(
                f"{login}\t{TENANT[1]}\n" for login in tenant_logins(registry)
            )
        try:
            # templates compiled by a short warm-up; 50 tenants log in over 10 s (each
            # login hashes the password with Odoo's 600,000 pbkdf2 rounds)
            results["load"] = run_load(
                args.db,
                users_file.name,
                users=args.load_users,
                spawn_rate=5,
                duration=args.load_seconds,
                warmup=20,
            )
        finally:
            os.unlink(users_file.name)

    results["total_s"] = round(time.perf_counter() - started, 1)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    subprocess.run(
        [
            str(ROOT / ".run" / "bench-venv" / "bin" / "python"),
            str(ROOT / "bench" / "report.py"),
            str(out / "results.json"),
        ],
        check=True,
    )
    if not args.keep_db:
        odoo.sql_db.close_all()
        subprocess.run(["dropdb", "--if-exists", args.db], check=False)
    log(f"done in {results['total_s']} s: {out}")


if __name__ == "__main__":
    main()
