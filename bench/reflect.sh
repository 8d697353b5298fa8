#!/bin/sh
# Builds the release binaries (autogen and the bench's) and runs the reflection benchmark.
# Arguments go to `autogen-bench reflect`, e.g.: bench/reflect.sh --sizes 1000 --runs 5
set -eu
cd "$(dirname "$0")/.."
cargo build --release -p autogen -p autogen-bench
exec target/release/autogen-bench reflect "$@"
