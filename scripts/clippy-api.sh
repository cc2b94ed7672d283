#!/usr/bin/env bash
# Clippy (-D warnings) over the code generated from the real api.tl + mtproto.tl (the `api`
# module of tests/compile-test), which .ci/run skips for time. Takes about ten minutes on 2 cores.
#
#   scripts/clippy-api.sh [SCHEMA_DIR]    (default: $TL_SCHEMA_DIR or ../shared/schema)
set -euo pipefail
cd "$(dirname "$0")/.."
export TL_SCHEMA_DIR="${1:-${TL_SCHEMA_DIR:-../shared/schema}}"
export TLGEN_SKIP_API=0
cargo clippy -p compile-test --all-targets -- -D warnings
