#!/usr/bin/env python3
"""autogen's PostgreSQL SQL measured by squawk, the PostgreSQL migration linter.

For every applicable case of sqldef's psqldef suite (the protocol of
shared/peers/README.md) and every step of the example's revision history, this loads the
schema before (A) and after (B) into fresh databases, asks autogen for the A->B script in
its default (online) form and with --no-online, runs squawk over each script, applies each
to a copy of A and compares the result with B by pg_dump. It reports, per squawk rule, the
findings in each form (all, and those on tables that existed in A), and whether autogen's
`-- hazards:` line of the step names the finding. See bench/README.md.

Needs PostgreSQL (trust auth), psql, pg_dump, createdb-free SQL access, python3 with
PyYAML, squawk-cli (`pip install squawk-cli`) and a built autogen binary.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import yaml

# Rules of squawk for which autogen writes a safe form on tables that already exist, and
# the form (docs/safety.md).
SAFE_FORM = {
    "require-concurrent-index-creation": "CREATE INDEX CONCURRENTLY",
    "require-concurrent-index-deletion": "DROP INDEX CONCURRENTLY",
    "disallowed-unique-constraint": "unique index CONCURRENTLY, then ADD CONSTRAINT … USING INDEX",
    "constraint-missing-not-valid": "NOT VALID, then VALIDATE",
    "adding-foreign-key-constraint": "NOT VALID, then VALIDATE",
    "adding-not-nullable-field": "SET NOT NULL through a validated check",
    "adding-field-with-default": "added without the default, rows filled in batches",
    "require-lock-timeout": "the runtime's lock_timeout set first",
    "require-statement-timeout": "the runtime's statement_timeout set first",
}

# The autogen hazards that name what each squawk rule finds (docs/safety.md's table): a
# finding is "named" when the `-- hazards:` line of its step lists one of them.
NAMED_BY = {
    "ban-drop-table": {"deletes-data"},
    "ban-drop-column": {"deletes-data"},
    "renaming-table": {"backward-incompatible"},
    "renaming-column": {"backward-incompatible"},
    "changing-column-type": {"rewrites-table", "lossy-conversion", "data-dependent"},
    "require-concurrent-index-creation": {"blocks-writes"},
    "require-concurrent-index-deletion": {"blocks-writes"},
    "disallowed-unique-constraint": {"blocks-writes"},
    "adding-serial-primary-key-field": {"blocks-writes"},
    "constraint-missing-not-valid": {"full-scan-under-lock"},
    "adding-foreign-key-constraint": {"full-scan-under-lock"},
    "adding-not-nullable-field": {"full-scan-under-lock", "data-dependent"},
    "adding-required-field": {"data-dependent"},
    "adding-field-with-default": {"rewrites-table"},
    "ban-drop-not-null": {"backward-incompatible"},
    "ban-drop-constraint": {"backward-incompatible"},
    "ban-drop-default": {"backward-incompatible"},
    "ban-alter-identity": {"backward-incompatible", "rewrites-table"},
    "prefer-robust-stmts": {"non-transactional"},
}

# Rules about the target schema's own choices (types, identity columns), which the change
# inherits from the models rather than from the way autogen writes it.
SCHEMA_STYLE = {
    "prefer-bigint-over-int",
    "prefer-bigint-over-smallint",
    "prefer-big-int",
    "prefer-identity",
    "prefer-text-field",
    "prefer-timestamptz",
    "ban-char-field",
    "ban-create-domain-with-constraint",
    "ban-alter-domain-with-add-constraint",
}

TIMEOUT = 120  # seconds, for every child process


def run(cmd, *, input=None, env=None, check=True, timeout=TIMEOUT):
    p = subprocess.run(
        cmd,
        input=input,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    if check and p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} exited {p.returncode}: {p.stderr.strip()[:400]}")
    return p


class Server:
    def __init__(self, url):
        self.url = url
        parts = urllib.parse.urlsplit(url)
        self.base = parts
        self.counter = 0
        self.lock = threading.Lock()
        self.prefix = f"autogen_squawk_{os.getpid()}"

    def url_of(self, db):
        return urllib.parse.urlunsplit(self.base._replace(path="/" + db))

    def admin(self, sql):
        run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url, "-c", sql])

    def fresh(self, template=None):
        with self.lock:
            self.counter += 1
            name = f"{self.prefix}_{self.counter}"
        t = f" TEMPLATE {template}" if template else ""
        self.admin(f"CREATE DATABASE {name}{t}")
        return name

    def drop(self, db):
        self.admin(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")

    def script(self, db, sql):
        """Runs a script statement by statement (psql's autocommit), stopping at an error."""
        return run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url_of(db)],
            input=sql,
            check=False,
        )

    def dump(self, db):
        out = run(["pg_dump", "--schema-only", "--no-owner", "--no-privileges", self.url_of(db)]).stdout
        return normalize_dump(out)

    def tables(self, db):
        out = run(
            [
                "psql", "-X", "-q", "-At", self.url_of(db), "-c",
                "SELECT schemaname || '.' || tablename FROM pg_tables "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
                "UNION SELECT schemaname || '.' || indexname FROM pg_indexes "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
            ]
        ).stdout
        return {line.split(".", 1)[1] for line in out.splitlines() if "." in line}


def normalize_dump(text):
    """pg_dump's statements as a set: comments, blank lines, SET and \\restrict lines out."""
    lines = [
        l
        for l in text.splitlines()
        if l.strip()
        and not l.startswith("--")
        and not l.startswith("\\restrict")
        and not l.startswith("\\unrestrict")
        and not l.startswith("SET ")
        and not l.startswith("SELECT pg_catalog.set_config")
    ]
    statements = "\n".join(lines).split(";\n")
    return collections.Counter(s.strip() for s in statements if s.strip())


def applies(case):
    for key in ("error", "user", "managed_roles", "manage"):
        if case.get(key) is not None:
            return False
    version = (15, 0)

    def ver(v):
        if v is None:
            return None
        parts = [int(p) for p in re.findall(r"\d+", str(v))[:2]]
        return tuple(parts + [0] * (2 - len(parts)))

    lo, hi = ver(case.get("min_version")), ver(case.get("max_version"))
    if lo and version < lo or hi and version > hi:
        return False
    flavor = case.get("flavor")
    if flavor is not None:
        flavor = str(flavor)
        if not flavor.startswith("!"):
            return False
    return True


def peer_cases(directory, only_files):
    """The applicable cases, file by file: in the order of `only_files` when given."""
    cases = []
    stems = sorted(n[: -len(".yml")] for n in os.listdir(directory) if n.endswith(".yml"))
    if only_files:
        stems = [f for f in only_files if f in stems]
    for stem in stems:
        name = stem + ".yml"
        with open(os.path.join(directory, name)) as f:
            suite = yaml.safe_load(f) or {}
        for case_name, case in suite.items():
            case = case or {}
            if applies(case):
                cases.append(
                    (f"{stem}/{case_name}", case.get("current") or "", case.get("desired") or "")
                )
    return cases


STATEMENT_TABLE = [
    re.compile(r'^\s*ALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?((?:"[^"]+"|\w+)(?:\.(?:"[^"]+"|\w+))?)', re.I),
    re.compile(r'^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+.*?\bON\s+(?:ONLY\s+)?((?:"[^"]+"|\w+)(?:\.(?:"[^"]+"|\w+))?)', re.I | re.S),
    re.compile(r'^\s*DROP\s+INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?((?:"[^"]+"|\w+)(?:\.(?:"[^"]+"|\w+))?)', re.I),
    re.compile(r'^\s*(?:DROP|CREATE)\s+TABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?((?:"[^"]+"|\w+)(?:\.(?:"[^"]+"|\w+))?)', re.I),
]


def object_of(statement):
    for pattern in STATEMENT_TABLE:
        m = pattern.match(statement)
        if m:
            name = m.group(1).split(".")[-1]
            return name[1:-1].replace('""', '"') if name.startswith('"') else name.lower()
    return None


def parse_script(text):
    """Per line (0-based): (statement text, hazards of its step, step description)."""
    lines = text.splitlines()
    info = {}
    hazards, description = set(), ""
    statement_start, buffer = None, []
    for i, line in enumerate(lines):
        if not line.strip():
            hazards, description = set(), ""
            continue
        if line.startswith("-- hazards:"):
            hazards = {h.strip() for h in line[len("-- hazards:"):].split(",")}
            continue
        if line.startswith("--"):
            description = description or line[3:]
            continue
        if statement_start is None:
            statement_start, buffer = i, []
        buffer.append(line)
        if line.rstrip().endswith(";"):
            statement = "\n".join(buffer)
            for j in range(statement_start, i + 1):
                info[j] = (statement, hazards, description)
            statement_start = None
    return info


def squawk(binary, sql, workdir):
    path = os.path.join(workdir, "step.sql")
    with open(path, "w") as f:
        f.write(sql)
    p = run([binary, "--pg-version", "15", "--reporter", "json", path], check=False)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"squawk exited {p.returncode}: {p.stderr.strip()[:300]}")
    return json.loads(p.stdout or "[]")


def autogen_sql(binary, server, a, b, form, workdir):
    cmd = [binary, "diff", "--from", server.url_of(a), "--to", server.url_of(b), "--format", "sql"]
    if form == "no-online":
        cmd.append("--no-online")
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=workdir, timeout=TIMEOUT)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"exit {p.returncode}")
    return p.stdout


def measure(args, server, name, current, desired):
    """One change A->B: per form, its squawk findings and whether the script reaches B."""
    result = {"case": name, "forms": {}}
    made = []
    with tempfile.TemporaryDirectory() as workdir:
        try:
            a = server.fresh()
            made.append(a)
            b = server.fresh()
            made.append(b)
            for db, sql in ((a, current), (b, desired)):
                p = server.script(db, sql)
                if p.returncode != 0:
                    result["unloadable"] = p.stderr.strip()[:200]
                    return result
            before = server.tables(a)
            expected = server.dump(b)
            # The last form runs on A itself (one database fewer to make per change).
            for form in ("no-online", "online"):
                entry = {}
                result["forms"][form] = entry
                try:
                    sql = autogen_sql(args.autogen, server, a, b, form, workdir)
                except Exception as e:  # noqa: BLE001 - reported per case
                    entry["error"] = str(e)[:300]
                    continue
                entry["sql"] = sql
                lines = parse_script(sql)
                findings = []
                for f in squawk(args.squawk, sql, workdir):
                    statement, hazards, description = lines.get(f["line"], ("", set(), ""))
                    table = object_of(statement)
                    findings.append(
                        {
                            "rule": f["rule_name"],
                            "line": f["line"],
                            "statement": statement,
                            "existing": table is not None and table in before,
                            "named": bool(NAMED_BY.get(f["rule_name"], set()) & hazards),
                            "hazards": sorted(hazards),
                        }
                    )
                entry["findings"] = findings
                if form == "online":
                    copy = a
                else:
                    copy = server.fresh(template=a)
                    made.append(copy)
                p = server.script(copy, sql)
                if p.returncode != 0:
                    entry["reached"] = False
                    entry["apply_error"] = p.stderr.strip()[:300]
                else:
                    entry["reached"] = server.dump(copy) == expected
        except Exception as e:  # noqa: BLE001 - one case's failure is reported, not fatal
            result["error"] = str(e)[:300]
        finally:
            for db in made:
                try:
                    server.drop(db)
                except Exception:  # noqa: BLE001
                    pass
    return result


def example_steps(args, server):
    """The example's history as changes: the database after revision k-1 and after k,
    each made by running the example's migrations binary (`up -n k`)."""
    env = dict(os.environ)
    steps = []
    states = []
    made = []
    try:
        # The first revision is hand-written (`revision --empty`: extensions, a function),
        # not autogen's: the history is measured from the database after it.
        k = 1
        while True:
            db = server.fresh()
            made.append(db)
            if k > 0:
                env["DATABASE_URL"] = server.url_of(db)
                p = run([args.migrations, "up", "-n", str(k)], env=env, check=False)
                if p.returncode != 0:
                    raise RuntimeError(f"migrations up -n {k}: {p.stderr.strip()[-300:]}")
            dump = subprocess.run(
                ["pg_dump", "--schema-only", "--no-owner", "--no-privileges", "--exclude-table=seaql_migrations",
                 "--exclude-table=autogen_*", server.url_of(db)],
                capture_output=True, text=True, timeout=TIMEOUT, check=True,
            ).stdout
            # pg_dump's `\restrict` key differs on every run: compare the statements.
            if states and normalize_dump(dump) == normalize_dump(states[-1][1]):
                break
            server.drop(db)
            made.remove(db)
            states.append((db, dump))
            k += 1
            if k > args.example_max:
                break
        for i in range(1, len(states)):
            steps.append((f"example/revision {i + 1}", states[i - 1][1], states[i][1]))
    finally:
        for db in made:
            server.drop(db)
    return steps


def report(results, args, elapsed):
    out = []
    runs = [r for r in results if "unloadable" not in r and "error" not in r]
    unloadable = sum(1 for r in results if "unloadable" in r)
    errors = [r for r in results if "error" in r]
    out.append("# autogen's PostgreSQL SQL under squawk\n")
    out.append(
        f"Command: `{' '.join(args.argv)}` — squawk {args.squawk_version}, "
        f"{len(results)} changes ({unloadable} unloadable, {len(errors)} bench errors), "
        f"{elapsed:.0f} s.{' ' + args.stopped.capitalize() + '.' if getattr(args, 'stopped', '') else ''}\n"
    )
    out.append("## End state (the change's B reached, judged by pg_dump)\n")
    out.append("| form | planned | reached B | apply failed | differs from B |")
    out.append("|---|---|---|---|---|")
    for form in ("online", "no-online"):
        entries = [r["forms"].get(form, {}) for r in runs]
        planned = [e for e in entries if "error" not in e]
        reached = sum(1 for e in planned if e.get("reached"))
        failed = sum(1 for e in planned if "apply_error" in e)
        out.append(
            f"| {'default (online)' if form == 'online' else '--no-online'} | {len(planned)} | "
            f"{reached} | {failed} | {len(planned) - reached - failed} |"
        )
    worse = [
        r["case"]
        for r in runs
        if r["forms"].get("no-online", {}).get("reached") and not r["forms"].get("online", {}).get("reached")
    ]
    out.append("")
    out.append(
        f"Changes that reach B with `--no-online` but not with the default form: {len(worse)}"
        + (": " + ", ".join(f"`{c}`" for c in worse) if worse else ".")
    )
    out.append("\n## Findings per squawk rule\n")
    out.append(
        "Counts of findings in the scripts of the changes above. *existing*: on a table (or "
        "index) that existed before the change. *named*: the `-- hazards:` line of the step "
        "lists an autogen hazard for what the rule finds (docs/safety.md).\n"
    )
    out.append(
        "| squawk rule | kind | default: all | default: existing | default: existing, named | "
        "--no-online: all | --no-online: existing | --no-online: existing, named |"
    )
    out.append("|---|---|---|---|---|---|---|---|")
    # "named" from the step's hazards and the map as it is now, so that a report made
    # from a saved run (--report-from) follows the map.
    for r in runs:
        for entry in r["forms"].values():
            for f in entry.get("findings", []):
                f["named"] = bool(NAMED_BY.get(f["rule"], set()) & set(f.get("hazards", [])))
    counts = collections.defaultdict(lambda: collections.Counter())
    for r in runs:
        for form, entry in r["forms"].items():
            for f in entry.get("findings", []):
                c = counts[f["rule"]]
                c[(form, "all")] += 1
                if f["existing"]:
                    c[(form, "existing")] += 1
                    if f["named"]:
                        c[(form, "named")] += 1
    for rule in sorted(counts, key=lambda r: (r not in SAFE_FORM, r in SCHEMA_STYLE, r)):
        c = counts[rule]
        kind = (
            f"safe form: {SAFE_FORM[rule]}"
            if rule in SAFE_FORM
            else "the target schema's style" if rule in SCHEMA_STYLE else "hazard" if rule in NAMED_BY else "other"
        )
        out.append(
            f"| `{rule}` | {kind} | {c[('online', 'all')]} | {c[('online', 'existing')]} | "
            f"{c[('online', 'named')]} | {c[('no-online', 'all')]} | {c[('no-online', 'existing')]} | "
            f"{c[('no-online', 'named')]} |"
        )
    leftovers = [
        (r["case"], f)
        for r in runs
        for f in r["forms"].get("online", {}).get("findings", [])
        if f["existing"] and f["rule"] in SAFE_FORM
    ]
    out.append(
        f"\nFindings of a rule with a safe form, on existing tables, in the default form: {len(leftovers)}"
    )
    for case, f in leftovers[: args.examples]:
        out.append(f"- `{case}`: `{f['rule']}`: `{one_line(f['statement'])}`")
    others = [
        f
        for r in runs
        for f in r["forms"].get("online", {}).get("findings", [])
        if f["existing"] and f["rule"] not in SAFE_FORM and f["rule"] not in SCHEMA_STYLE and not f["named"]
    ]
    cleanup = collections.Counter(f["rule"] for f in others if is_rerun_cleanup(f))
    unnamed = collections.Counter(f["rule"] for f in others if not is_rerun_cleanup(f))
    out.append(
        "\nOther findings on existing tables, in the default form, that no hazard of their step "
        "names: " + (", ".join(f"`{k}` {v}" for k, v in sorted(unnamed.items())) or "none")
        + "; and the re-run cleanup of online steps (`DROP CONSTRAINT IF EXISTS` of the "
        "constraint the step itself adds, a no-op on the first run): "
        + (", ".join(f"`{k}` {v}" for k, v in sorted(cleanup.items())) or "none")
    )
    if errors:
        out.append("\n## Bench errors\n")
        for r in errors[: args.examples]:
            out.append(f"- `{r['case']}`: {one_line(r['error'])}")
    plan_errors = [
        (r["case"], r["forms"]["online"]["error"]) for r in runs if "error" in r["forms"].get("online", {})
    ]
    if plan_errors:
        out.append(f"\nautogen refused {len(plan_errors)} change(s) (`diff` exit 2), e.g.:")
        for case, e in plan_errors[:5]:
            out.append(f"- `{case}`: {one_line(e)}")
    return "\n".join(out) + "\n"


def is_rerun_cleanup(finding):
    """A finding on the `DROP CONSTRAINT IF EXISTS` an online step starts with, so that a
    rerun after a failure does not trip over the constraint it left `NOT VALID`."""
    online = "non-transactional" in finding["hazards"]
    return online and (
        "DROP CONSTRAINT IF EXISTS" in finding["statement"] or is_own_temporary_check(finding)
    )


def is_own_temporary_check(finding):
    """The online `SET NOT NULL` step's last statement: it drops the `autogen_not_null_…`
    check it added itself (no guarantee the schema had before is dropped)."""
    return 'DROP CONSTRAINT "autogen_not_null_' in finding["statement"]


def one_line(s):
    s = " ".join(s.split())
    return s if len(s) <= 160 else s[:160] + "…"


def peers_dir(repo):
    """`shared/peers` beside the repository or a parent of it (as the peer tests look)."""
    here = repo
    while True:
        candidate = os.path.join(here, "shared", "peers")
        if os.path.isdir(os.path.join(candidate, "sqldef")):
            return candidate
        parent = os.path.dirname(here)
        if parent == here:
            return os.path.join(repo, "..", "shared", "peers")
        here = parent


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--autogen", default=os.environ.get("AUTOGEN_BIN", os.path.join(repo, "target/release/autogen")))
    parser.add_argument("--squawk", default="squawk")
    parser.add_argument(
        "--database",
        default=os.environ.get("AUTOGEN_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test"),
        help="an existing database, for CREATE/DROP DATABASE",
    )
    parser.add_argument("--peers", default=os.environ.get("AUTOGEN_PEERS_DIR") or peers_dir(repo))
    parser.add_argument("--files", default="", help="psqldef files to run (stems, comma-separated; default all)")
    parser.add_argument("--limit", type=int, default=0, help="at most this many peer cases")
    parser.add_argument("--migrations", default="", help="the example's migrations binary (adds its history)")
    parser.add_argument("--example-max", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--deadline", type=int, default=0, help="seconds; start no new case after it")
    parser.add_argument("--examples", type=int, default=20, help="examples listed per finding kind")
    parser.add_argument("--out", default=os.path.join(repo, "bench/results/squawk.md"))
    parser.add_argument("--json", default="", help="also write every finding as JSON here")
    parser.add_argument("--report-from", default="", help="print the report of a run saved with --json")
    args = parser.parse_args()
    args.argv = ["bench/squawk/run.py"] + sys.argv[1:]
    if args.report_from:
        with open(args.report_from) as f:
            saved = json.load(f)
        if isinstance(saved, list):  # a file from before the run's details were saved
            saved = {"argv": args.argv, "squawk_version": "?", "elapsed": 0, "results": saved}
        args.argv, args.squawk_version = saved["argv"], saved["squawk_version"]
        print(report(saved["results"], args, saved["elapsed"]))
        return
    try:
        args.squawk_version = run([args.squawk, "--version"]).stdout.strip().split()[-1]
    except (OSError, RuntimeError) as e:
        # Nothing can be measured without it: say so, and how to get it, not a traceback.
        print(
            f"squawk is not available ({args.squawk}: {e}); install it with "
            "`pip install squawk-cli` or pass its path with --squawk",
            file=sys.stderr,
        )
        sys.exit(2)
    server = Server(args.database)
    started = time.time()
    directory = os.path.join(args.peers, "sqldef", "psqldef")
    only = [f for f in args.files.split(",") if f]
    changes = peer_cases(directory, only)
    if args.limit:
        changes = changes[: args.limit]
    if args.migrations:
        changes = example_steps(args, server) + changes
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        futures = [pool.submit(measure, args, server, *c) for c in changes]
        for i, fut in enumerate(concurrent.futures.as_completed(futures), 1):
            if fut.cancelled():
                continue
            results.append(fut.result())
            if i % 10 == 0:
                print(f"{i}/{len(changes)} {time.time() - started:.0f} s", file=sys.stderr)
            if args.deadline and time.time() - started > args.deadline:
                # Cases not started are left out; the ones running finish.
                for other in futures:
                    other.cancel()
    results.sort(key=lambda r: r["case"])
    args.stopped = (
        f"stopped at --deadline {args.deadline} s: {len(results)} of {len(changes)} changes measured, "
        "in the order of --files"
        if len(results) < len(changes)
        else ""
    )
    text = report(results, args, time.time() - started)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    if args.json:
        with open(args.json, "w") as f:
            saved = {
                "argv": args.argv,
                "squawk_version": args.squawk_version,
                "elapsed": time.time() - started,
                "results": results,
            }
            json.dump(saved, f, indent=1, default=sorted)
    print(text)


if __name__ == "__main__":
    main()
