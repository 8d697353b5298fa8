#!/usr/bin/env bash
# The diff benchmark: autogen diff vs Alembic autogenerate vs migra on PostgreSQL.
#
#   bash bench/diff/run.sh [--sizes 100,1000,5000] [--runs 3] [--check-max 1000]
#                          [--tools autogen,alembic,migra] [--no-judge-migra]
#
# Needs PostgreSQL at 127.0.0.1:5432, user postgres, trust auth (PGHOST/PGPORT/PGUSER
# override), psql, python3 and cargo. Makes bench/diff/.venv, builds autogen in release
# once, and writes bench/diff/results.md. AUTOGEN_BIN=path skips the build.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$here/.venv"

if [[ ! -x /usr/bin/time ]]; then
    echo "== installing GNU time (peak RSS)" >&2
    apt-get install -y -q time >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }
fi

if [[ ! -x "$venv/bin/python" ]] || ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
    echo "== making $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
    cp "$here/requirements.txt" "$venv/requirements.txt"
fi

if [[ -n "${AUTOGEN_BIN:-}" ]]; then
    bin="$AUTOGEN_BIN"
else
    echo "== cargo build --release -p autogen" >&2
    (cd "$repo" && cargo build --release -q -p autogen)
    bin="$repo/target/release/autogen"
fi

cd "$here"
exec "$venv/bin/python" "$here/bench.py" --autogen "$bin" \
    --command "bash bench/diff/run.sh $*" "$@"
