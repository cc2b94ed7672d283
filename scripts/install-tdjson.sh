#!/usr/bin/env bash
# Installs TDLib's JSON library (libtdjson 1.8.66, the version of the schema the TDLib tests
# generate from) into a cache under target/ and prints the path of the shared object.
#
# The library comes from the PyPI wheel `tdjson==1.8.66` (Linux x86-64, ~50 MB unpacked),
# fetched with pip; nothing is built. Idempotent: a cached library is reused without network.
#
#   export TDJSON_PATH="$(scripts/install-tdjson.sh)"
#
# TDJSON_CACHE overrides the cache folder (default: target/tdjson next to this script's repo).
set -euo pipefail
cd "$(dirname "$0")/.."

version=1.8.66
cache="${TDJSON_CACHE:-$PWD/target/tdjson}/$version"

find_lib() {
    { find "$cache" -path '*tdjson.libs/libtdjson-*.so.'"$version" -type f 2>/dev/null || true; } | head -n 1
}

lib="$(find_lib)"
if [ -z "$lib" ]; then
    mkdir -p "$cache"
    tmp="$(mktemp -d "$cache/.download.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    pip_cmd=(pip)
    command -v pip >/dev/null 2>&1 || pip_cmd=(python3 -m pip)
    "${pip_cmd[@]}" download --quiet --no-deps --disable-pip-version-check \
        --only-binary=:all: "tdjson==$version" -d "$tmp" >&2
    wheel="$(find "$tmp" -maxdepth 1 -name "tdjson-$version-*.whl" | head -n 1)"
    if [ -z "$wheel" ]; then
        echo "error: pip did not download a tdjson $version wheel" >&2
        exit 1
    fi
    python3 - "$wheel" "$tmp/unpacked" <<'PY'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])
PY
    # Move into place in one step, so an interrupted run leaves no half-written cache.
    rm -rf "$cache/wheel"
    mv "$tmp/unpacked" "$cache/wheel"
    lib="$(find_lib)"
    if [ -z "$lib" ]; then
        echo "error: the tdjson $version wheel holds no tdjson.libs/libtdjson-*.so.$version" >&2
        exit 1
    fi
fi
echo "$lib"
