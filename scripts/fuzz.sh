#!/usr/bin/env bash
# Run every cargo-fuzz target for a fixed time each (default 600 s).
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain RUSTC_BOOTSTRAP=1 lets
# cargo-fuzz use the sanitizer flags it needs.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi
export RUSTC_BOOTSTRAP=${RUSTC_BOOTSTRAP:-1}
for t in "${targets[@]}"; do
    echo "== fuzzing $t for ${secs}s"
    mkdir -p "corpus/$t"
    seeds="seeds/$t"
    if [ -d "$seeds" ]; then
        cargo fuzz run "$t" "corpus/$t" "$seeds" -- -max_total_time="$secs" -max_len=65536
    else
        cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=65536
    fi
done
