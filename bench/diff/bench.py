"""Driver of the diff benchmark: autogen vs Alembic autogenerate vs migra on PostgreSQL.

Run through run.sh, which makes the venv and builds autogen. For each size it makes two
databases A and B (schema.py), times each tool as its own process under /usr/bin/time
(wall seconds and peak RSS of that process alone), then applies each tool's SQL to a fresh
copy of A and asks autogen whether the copy now equals B.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import schema

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
TOOLS = ["autogen", "alembic", "migra"]
CATALOGS = ["pg_class", "pg_attribute", "pg_attrdef", "pg_index", "pg_constraint", "pg_type",
            "pg_depend", "pg_description"]
# PostgreSQL's default jit = on compiles any query whose estimated cost passes
# jit_above_cost; autogen's index query does, and spends most of its time compiling.
NO_JIT = "-c jit=off"


# --------------------------------------------------------------------------- databases

@dataclass
class Pg:
    host: str
    port: int
    user: str
    created: list[str] = field(default_factory=list)

    def url(self, db: str, driver: str = "", options: str = "") -> str:
        scheme = "postgresql+psycopg2" if driver == "psycopg2" else "postgres"
        query = "?options=" + options.replace(" ", "%20").replace("=", "%3D") if options else ""
        return f"{scheme}://{self.user}@{self.host}:{self.port}/{db}{query}"

    def psql(self, db: str, *, sql: str | None = None, file: Path | None = None,
             check: bool = True) -> subprocess.CompletedProcess:
        cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.host,
               "-p", str(self.port), "-U", self.user, "-d", db]
        cmd += ["-c", sql] if sql is not None else ["-f", str(file)]
        return subprocess.run(cmd, capture_output=True, text=True, check=check)

    def create(self, db: str, template: str | None = None) -> None:
        self.drop(db)
        tpl = f" TEMPLATE {template}" if template else ""
        self.created.append(db)
        self.psql("postgres", sql=f"CREATE DATABASE {db}{tpl}")

    def drop(self, db: str) -> None:
        self.psql("postgres", sql=f"DROP DATABASE IF EXISTS {db} WITH (FORCE)", check=False)

    def drop_all(self) -> None:
        for db in reversed(self.created):
            self.drop(db)
        self.created.clear()


# --------------------------------------------------------------------------- measuring

@dataclass
class Sample:
    seconds: float
    rss_mb: float
    code: int
    stdout: Path
    stderr: str


def measure(cmd: list[str], stdout: Path, cwd: Path) -> Sample:
    """Runs cmd as its own process; wall time from here, peak RSS from /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf, open(stdout, "w") as out:
        t0 = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-o", tf.name, "-f", "%e %M", *cmd],
                              stdout=out, stderr=subprocess.PIPE, text=True, cwd=cwd)
        seconds = time.perf_counter() - t0
        fields = tf.read().split()
    rss_kb = float(fields[-1]) if fields else float("nan")
    return Sample(seconds, rss_kb / 1024, proc.returncode, stdout, proc.stderr)


def tool_command(tool: str, args, pg: Pg, a: str, b: str, out_sql: Path) -> list[str]:
    opts = NO_JIT if args.no_jit else ""
    if tool == "autogen":
        return [args.autogen, "diff", "--from", pg.url(a, options=opts),
                "--to", pg.url(b, options=opts), "--format", "sql", "--dialect", "postgres"]
    if tool == "alembic":
        return [sys.executable, str(HERE / "alembic_diff.py"), pg.url(a, "psycopg2", opts),
                pg.url(b, "psycopg2", opts), str(out_sql)]
    if tool == "migra":
        migra = str(Path(sys.executable).parent / "migra")
        return [migra, "--unsafe", pg.url(a, "psycopg2", opts), pg.url(b, "psycopg2", opts)]
    raise ValueError(tool)


def ok_exit(tool: str, code: int) -> bool:
    # migra exits 2 when it found differences (0 when none).
    return code == 0 or (tool == "migra" and code == 2)


def first_error(text: str) -> str:
    lines = [l for l in text.strip().splitlines() if l.strip()]
    for l in lines:
        if "ERROR" in l or "Error" in l:
            return l.strip()[:300]
    return (lines[-1].strip()[:300]) if lines else "(no message)"


# --------------------------------------------------------------------------- one size

def run_size(n: int, args, pg: Pg, work: Path) -> dict:
    tag = f"bdiff_{os.getpid()}_{n}"
    a, b = f"{tag}_a", f"{tag}_b"
    res: dict = {"n": n, "summary": schema.summary(n), "tools": {}, "breakdown": {},
                 "check": {}}
    d = work / str(n)
    d.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    (d / "a.sql").write_text(schema.schema_a(n))
    (d / "b_changes.sql").write_text(schema.changes_b(n))
    pg.create(a)
    pg.psql(a, file=d / "a.sql")
    pg.create(b, template=a)
    pg.psql(b, file=d / "b_changes.sql")
    # Clean catalogs, as autovacuum would leave them: no tool pays for the setup's dead rows.
    for db in (a, b):
        pg.psql(db, sql="VACUUM ANALYZE " + ", ".join(f"pg_catalog.{t}" for t in CATALOGS))
    res["setup_s"] = time.perf_counter() - t0
    print(f"[{n}] databases {a}, {b} ready in {res['setup_s']:.1f}s ({res['summary']})",
          flush=True)

    samples: dict[str, list[Sample]] = {t: [] for t in args.tools}
    alembic_phases: list[dict] = []
    failed: set[str] = set()  # a failing tool is not timed again
    for r in range(args.runs):
        order = args.tools[r % len(args.tools):] + args.tools[:r % len(args.tools)]
        for tool in order:
            if tool in failed:
                continue
            out_sql = d / f"{tool}.sql"
            stdout = d / f"{tool}.stdout"
            s = measure(tool_command(tool, args, pg, a, b, out_sql), stdout, d)
            samples[tool].append(s)
            status = "ok" if ok_exit(tool, s.code) else f"exit {s.code}: {first_error(s.stderr)}"
            print(f"[{n}] run {r + 1}/{args.runs} {tool:8s} {s.seconds:8.2f}s "
                  f"{s.rss_mb:7.1f} MB  {status}", flush=True)
            if tool == "alembic" and s.code == 0:
                alembic_phases.append(json.loads(stdout.read_text().strip().splitlines()[-1]))
            elif tool != "alembic" and ok_exit(tool, s.code):
                shutil.copyfile(stdout, out_sql)
            if not ok_exit(tool, s.code):
                failed.add(tool)

    for tool, ss in samples.items():
        good = [s for s in ss if ok_exit(tool, s.code)]
        entry: dict = {"runs": len(ss)}
        if good:
            secs = [s.seconds for s in good]
            entry.update(median_s=statistics.median(secs), min_s=min(secs), max_s=max(secs),
                         rss_mb=max(s.rss_mb for s in good))
            sql = (d / f"{tool}.sql").read_text()
            entry["statements"] = count_statements(sql)
        else:
            entry["error"] = first_error(ss[-1].stderr)
        res["tools"][tool] = entry
    if alembic_phases:
        res["alembic_phases"] = {k: statistics.median(p[k] for p in alembic_phases)
                                 for k in alembic_phases[0]}

    if "autogen" in args.tools and not args.no_breakdown:
        res["breakdown"] = autogen_breakdown(args, pg, a, b, d)

    if n <= args.check_max:
        for tool in args.tools:
            if "median_s" in res["tools"][tool]:
                res["check"][tool] = check(tool, args, pg, a, b, d, tag)
            else:
                res["check"][tool] = {"result": "no output to apply"}
            print(f"[{n}] check {tool:8s} {res['check'][tool]['result']}", flush=True)

    pg.drop(b)
    pg.drop(a)
    return res


def count_statements(sql: str) -> int:
    return sum(1 for line in sql.splitlines() if line.rstrip().endswith(";"))


def autogen_breakdown(args, pg: Pg, a: str, b: str, d: Path) -> dict:
    """Where autogen's time goes, from the CLI: reflection of A and of B alone
    (`inspect --format json`), then the diff of the two snapshots in each format."""
    steps = {
        "inspect A (reflect)": (["inspect", "--database", pg.url(a), "--format", "json"],
                                d / "a.json"),
        "inspect B (reflect)": (["inspect", "--database", pg.url(b), "--format", "json"],
                                d / "b.json"),
        "diff snapshots --format sql": (["diff", "--from", str(d / "a.json"), "--to",
                                         str(d / "b.json"), "--format", "sql",
                                         "--dialect", "postgres"], d / "snap.sql"),
        "diff snapshots --format text": (["diff", "--from", str(d / "a.json"), "--to",
                                          str(d / "b.json"), "--format", "text",
                                          "--dialect", "postgres"], d / "snap.txt"),
        "diff URLs --format text": (["diff", "--from", pg.url(a), "--to", pg.url(b),
                                     "--format", "text", "--dialect", "postgres"],
                                    d / "url.txt"),
        # Diagnostic: the same diff with the sessions' JIT off (URL `options`), to show what
        # PostgreSQL's JIT compilation of the catalog queries costs.
        "diff URLs --format sql, jit=off": (["diff", "--from", pg.url(a, options=NO_JIT),
                                             "--to", pg.url(b, options=NO_JIT), "--format",
                                             "sql", "--dialect", "postgres"],
                                            d / "url_nojit.sql"),
    }
    out: dict = {}
    for name, (cmd, stdout) in steps.items():
        ss = [measure([args.autogen, *cmd], stdout, d) for _ in range(args.runs)]
        if any(s.code != 0 for s in ss):
            bad = next(s for s in ss if s.code != 0)
            out[name] = {"error": f"exit {bad.code}: {first_error(bad.stderr)}"}
        else:
            out[name] = {"median_s": statistics.median(s.seconds for s in ss),
                         "rss_mb": max(s.rss_mb for s in ss)}
        print(f"    autogen {name:30s} {out[name]}", flush=True)
    return out


def check(tool: str, args, pg: Pg, a: str, b: str, d: Path, tag: str) -> dict:
    """Applies the tool's SQL to a fresh copy of A; then autogen compares the copy with B."""
    copy = f"{tag}_{tool}_copy"
    pg.create(copy, template=a)
    try:
        applied = pg.psql(copy, file=d / f"{tool}.sql", check=False)
        if applied.returncode != 0:
            return {"result": "fails", "error": first_error(applied.stderr)}
        cmp = subprocess.run([args.autogen, "diff", "--from", pg.url(copy), "--to", pg.url(b),
                              "--exit-code", "--dialect", "postgres"],
                             capture_output=True, text=True, cwd=d)
        if cmp.returncode == 0:
            out = {"result": "applies, equals B"}
        elif cmp.returncode == 1:
            (d / f"{tool}.remaining.txt").write_text(cmp.stdout)
            out = {"result": "applies, differs from B", "remaining": cmp.stdout.strip()}
        else:
            out = {"result": "applies; comparison failed",
                   "error": first_error(cmp.stderr)}
        if args.judge_migra:
            migra = str(Path(sys.executable).parent / "migra")
            j = subprocess.run([migra, "--unsafe", pg.url(copy, "psycopg2"),
                                pg.url(b, "psycopg2")], capture_output=True, text=True)
            out["migra_judge"] = ("equal" if j.returncode == 0 else
                                  "differs" if j.returncode == 2 else
                                  f"error: {first_error(j.stderr)}")
            if j.returncode == 2:
                (d / f"{tool}.remaining.migra.sql").write_text(j.stdout)
                out["migra_remaining"] = j.stdout.strip()
        return out
    finally:
        pg.drop(copy)
        pg.created.remove(copy)


# --------------------------------------------------------------------------- report

def fmt_s(x: float) -> str:
    return f"{x:.2f}" if x < 100 else f"{x:.0f}"


def report(results: list[dict], args, meta: dict) -> str:
    L: list[str] = []
    L.append(f"# Diff benchmark: autogen vs Alembic autogenerate vs migra\n")
    L.append(f"- date: {meta['date']}")
    L.append(f"- machine: {meta['machine']}")
    L.append(f"- {meta['postgres']}")
    L.append(f"- versions: {meta['versions']}")
    L.append(f"- command: `{meta['command']}`")
    L.append("- PostgreSQL settings: " + ("jit=off in every tool's sessions (--no-jit)"
                                          if args.no_jit else "server defaults (jit=on)"))
    L.append(f"- {args.runs} run(s) per tool per size, tools interleaved; median wall seconds;"
             f" peak RSS = max over runs of the tool's own process (/usr/bin/time %M)\n")

    L.append("| tables | tool | median s | min–max s | peak RSS MB | × autogen time | statements |")
    L.append("|---:|---|---:|---:|---:|---:|---:|")
    for r in results:
        base = r["tools"].get("autogen", {}).get("median_s")
        for tool in args.tools:
            e = r["tools"][tool]
            if "median_s" not in e:
                L.append(f"| {r['n']} | {tool} | fails | | | | {e.get('error', '')} |")
                continue
            ratio = f"{e['median_s'] / base:.1f}×" if base else ""
            L.append(f"| {r['n']} | {tool} | {fmt_s(e['median_s'])} | "
                     f"{fmt_s(e['min_s'])}–{fmt_s(e['max_s'])} | {e['rss_mb']:.0f} | "
                     f"{ratio} | {e['statements']} |")
    L.append("")

    if any(r.get("alembic_phases") for r in results):
        L.append("Alembic's phases (medians, inside its process):\n")
        L.append("| tables | reflect B into MetaData s | produce_migrations vs A s | "
                 "render SQL offline s | operations |")
        L.append("|---:|---:|---:|---:|---:|")
        for r in results:
            p = r.get("alembic_phases")
            if p:
                L.append(f"| {r['n']} | {fmt_s(p['reflect_b'])} | {fmt_s(p['compare_a'])} | "
                         f"{p['render_sql']:.3f} | {int(p['operations'])} |")
        L.append("")

    if any(r["breakdown"] for r in results):
        L.append("autogen's time by part (each a separate CLI process, medians):\n")
        names = list(next(r["breakdown"] for r in results if r["breakdown"]).keys())
        L.append("| tables | " + " | ".join(names) + " |")
        L.append("|---:|" + "---:|" * len(names))
        for r in results:
            if not r["breakdown"]:
                continue
            cells = []
            for nm in names:
                e = r["breakdown"][nm]
                cells.append(f"{fmt_s(e['median_s'])} s / {e['rss_mb']:.0f} MB"
                             if "median_s" in e else e["error"])
            L.append(f"| {r['n']} | " + " | ".join(cells) + " |")
        L.append("")

    if any(r["check"] for r in results):
        L.append("Correctness: each tool's SQL applied (psql, ON_ERROR_STOP) to a fresh copy "
                 "of A, then `autogen diff --from copy --to B --exit-code`"
                 + (" and `migra copy B` as a second judge" if args.judge_migra else "")
                 + ":\n")
        head = "| tables | tool | result | autogen's remaining diff |"
        if args.judge_migra:
            head += " migra judge |"
        L.append(head)
        L.append("|---:|---|---|---|" + ("---|" if args.judge_migra else ""))
        for r in results:
            for tool, c in r["check"].items():
                rem = c.get("error") or summarize_remaining(c.get("remaining", ""))
                row = f"| {r['n']} | {tool} | {c['result']} | {rem} |"
                if args.judge_migra:
                    judge = c.get("migra_judge", "")
                    if c.get("migra_remaining"):
                        judge += ": " + summarize_remaining(c["migra_remaining"])
                    row += f" {judge} |"
                L.append(row)
        L.append("")
        L.append("Remaining differences (first lines) are in "
                 "`bench/diff/work/<size>/<tool>.remaining*.{txt,sql}`.")
    L.append("")
    L.append("Setup: " + "; ".join(f"{r['n']} tables: {r['summary']}, built in "
                                   f"{r['setup_s']:.1f}s" for r in results) + ".")
    return "\n".join(L) + "\n"


def summarize_remaining(text: str) -> str:
    if not text:
        return ""
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    shown = "; ".join(lines[:3])
    more = f" (+{len(lines) - 3} lines)" if len(lines) > 3 else ""
    return (shown[:300] + more).replace("|", "\\|")


# --------------------------------------------------------------------------- main

def tool_versions() -> str:
    from importlib.metadata import version
    parts = []
    for pkg in ["alembic", "SQLAlchemy", "psycopg2-binary", "migra", "schemainspect", "sqlbag"]:
        try:
            parts.append(f"{pkg} {version(pkg)}")
        except Exception:
            parts.append(f"{pkg} missing")
    commit = os.environ.get("AUTOGEN_COMMIT") or subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True, text=True).stdout.strip()
    return f"autogen {commit} (release build), " + ", ".join(parts) + f", Python {platform.python_version()}"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--sizes", default="100,1000,5000")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--tools", default=",".join(TOOLS))
    p.add_argument("--check-max", type=int, default=1000,
                   help="check correctness for sizes up to this many tables")
    p.add_argument("--judge-migra", action=argparse.BooleanOptionalAction, default=True,
                   help="also compare the migrated copy with B using migra")
    p.add_argument("--no-breakdown", action="store_true",
                   help="skip timing autogen's parts (inspect, snapshot diff)")
    p.add_argument("--no-jit", action="store_true",
                   help="run every tool's sessions with jit=off (URL options)")
    p.add_argument("--autogen", default=str(REPO / "target/release/autogen"))
    p.add_argument("--host", default=os.environ.get("PGHOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("PGPORT", "5432")))
    p.add_argument("--user", default=os.environ.get("PGUSER", "postgres"))
    p.add_argument("--out", default=str(HERE / "results.md"))
    p.add_argument("--command", default="bash bench/diff/run.sh " + " ".join(sys.argv[1:]))
    args = p.parse_args()
    args.tools = [t for t in args.tools.split(",") if t]
    sizes = [int(s) for s in args.sizes.split(",") if s]

    pg = Pg(args.host, args.port, args.user)
    server = subprocess.run(["psql", "-X", "-tA", "-h", args.host, "-p", str(args.port),
                             "-U", args.user, "-d", "postgres", "-c", "SHOW server_version"],
                            capture_output=True, text=True, check=True).stdout.split()
    work = HERE / "work"
    work.mkdir(exist_ok=True)

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}",
        "postgres": f"PostgreSQL {server[0] if server else '?'} at "
                    f"{args.host}:{args.port}",
        "versions": tool_versions(),
        "command": args.command,
    }
    results = []
    try:
        for n in sizes:
            results.append(run_size(n, args, pg, work))
            text = report(results, args, meta)
            Path(args.out).write_text(text)
            (work / "results.json").write_text(json.dumps(results, indent=1, default=str))
    finally:
        pg.drop_all()
    print()
    print(text)
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
