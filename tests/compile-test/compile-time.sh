#!/usr/bin/env bash
# Clean build time of the generated api.tl + mtproto.tl crate, next to grammers-tl-types
# (crates.io) on the same machine, with the same derives (Debug, Clone, PartialEq).
#
#   tests/compile-test/compile-time.sh [--release] [SCHEMA_DIR]
#
# SCHEMA_DIR defaults to $TL_SCHEMA_DIR or ../shared/schema. Debug (the dev profile) unless
# --release is given.
#
# Each side is a scratch crate in $TMPDIR with its own target directory. Dependencies are built
# first; then only the measured crate is cleaned and rebuilt, so the time covers its build
# script (code generation) and the compilation of the generated code, nothing else.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
profile=debug
cargo_flags=()
if [ "${1:-}" = "--release" ]; then
    profile=release
    cargo_flags=(--release)
    shift
fi
schema="${1:-${TL_SCHEMA_DIR:-../shared/schema}}"
case "$schema" in /*) ;; *) schema="$root/$schema" ;; esac
schema="$(cd "$schema" && pwd)"
work="${TMPDIR:-/tmp}/tlgen-compile-time"
mkdir -p "$work"

# --- ours -------------------------------------------------------------------------------
ours="$work/ours"
mkdir -p "$ours/src"
cat > "$ours/Cargo.toml" <<EOF
[package]
name = "tlgen-timing-ours"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
tlgen-runtime = { path = "$root/tl-runtime" }

[build-dependencies]
tlgen-build = { path = "$root/tl-codegen" }

[workspace]
EOF
cat > "$ours/build.rs" <<EOF
fn main() {
    let out = tlgen_build::Config::new()
        .schema("$schema/api.tl")
        .schema("$schema/mtproto.tl")
        .parse_options(tlgen_build::ParseOptions::telegram())
        .print_warnings(false)
        .generate();
    if let Err(e) = out {
        panic!("{e}");
    }
}
EOF
cat > "$ours/src/lib.rs" <<'EOF'
include!(concat!(env!("OUT_DIR"), "/tl.rs"));
EOF

# --- grammers-tl-types --------------------------------------------------------------------
theirs="$work/grammers"
mkdir -p "$theirs/src"
cat > "$theirs/Cargo.toml" <<'EOF'
[package]
name = "tlgen-timing-grammers"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
grammers-tl-types = { version = "=0.11.0", features = ["tl-mtproto"] }

[workspace]
EOF
echo 'pub use grammers_tl_types::*;' > "$theirs/src/lib.rs"

measure() { # dir package
    (cd "$1" && cargo build -q "${cargo_flags[@]}" >&2)
    (cd "$1" && cargo clean -q "${cargo_flags[@]}" -p "$2")
    local t0 t1
    t0=$(date +%s.%N)
    (cd "$1" && cargo build -q "${cargo_flags[@]}")
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc
}

ours_s=$(measure "$ours" tlgen-timing-ours)
theirs_s=$(measure "$theirs" grammers-tl-types)
size=$(wc -c < "$(ls -t "$ours"/target/$profile/build/tlgen-timing-ours-*/out/tl.rs | head -1)")

echo "clean $profile build (code generation + compile), $(nproc) cores:"
printf '  tlgen-build output (api.tl + mtproto.tl, %d bytes): %.1f s\n' "$size" "$ours_s"
printf '  grammers-tl-types 0.11.0 (tl-api + tl-mtproto):    %.1f s\n' "$theirs_s"
printf '  ratio tlgen/grammers: %.2fx\n' "$(echo "$ours_s / $theirs_s" | bc -l)"
