#!/usr/bin/env bash
# Run every cargo-fuzz target for a fixed time each (default 600 s).
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain RUSTC_BOOTSTRAP=1 lets
# cargo-fuzz use the sanitizer flags it needs. The `decode_api` and `differential` targets
# generate the Telegram API at build time from $TL_SCHEMA_DIR (default ../shared/schema,
# relative to the repo root); `differential` also builds grammers-tl-types and fails on any
# decoding difference not on the allow-list of tests/compile-test/differential/compare.rs.
# Any single allocation above 128 MB, or 2 GB resident, counts as a crash: inputs are at most
# 64 KiB, so a decoder that trusted a length would hit it. Crashes land in fuzz/artifacts/<target>/;
# add each (fixed) one to tests/compile-test/corpus/ or the parser's tests as a regression test.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi
export RUSTC_BOOTSTRAP=${RUSTC_BOOTSTRAP:-1}
export TL_SCHEMA_DIR=${TL_SCHEMA_DIR:-../shared/schema}
flags=(-max_total_time="$secs" -max_len=65536 -malloc_limit_mb=128 -rss_limit_mb=2048)
for t in "${targets[@]}"; do
    echo "== fuzzing $t for ${secs}s"
    mkdir -p "corpus/$t"
    extra=()
    # A target's dictionary (fuzz/TARGET.dict) steers it to its grammar's tokens.
    if [ -f "$t.dict" ]; then
        extra+=(-dict="$t.dict")
    fi
    # The parser also gets inputs up to 1 MiB: deep nesting needs length (a 30 000-deep
    # `Vector<...>` is 240 kB), and its allocations may then reach 512 MB.
    if [ "$t" = parse_schema ]; then
        extra+=(-max_len=1048576 -malloc_limit_mb=512)
    fi
    if [ "$t" = differential ]; then
        # Seeds: the differential test's valid encodings of every constructor and function,
        # each prefixed with the target's type index (TLGEN_DIFF_SEEDS).
        (cd .. && env -u RUSTC_BOOTSTRAP TLGEN_DIFF_SEEDS="$PWD/fuzz/corpus/$t" \
            cargo test -q -p compile-test --test all api_decodes_like_grammers >/dev/null)
    fi
    seeds="seeds/$t"
    if [ -d "$seeds" ]; then
        cargo fuzz run "$t" "corpus/$t" "$seeds" -- "${flags[@]}" "${extra[@]}"
    else
        cargo fuzz run "$t" "corpus/$t" -- "${flags[@]}" "${extra[@]}"
    fi
done
