#!/usr/bin/env bash
# Build times of the generated Telegram API (api.tl + mtproto.tl) the way a user lives them,
# next to grammers-tl-types 0.11 (from the Rust package registry) on the same machine.
#
#   tests/compile-test/compile-time.sh [--release] [--runs N] [SCHEMA_DIR]
#
# SCHEMA_DIR defaults to $TL_SCHEMA_DIR or ../shared/schema. Debug (the dev profile) unless
# --release. N alternating pairs (default 3), medians printed.
#
# The setup is the README's recommended one, in a scratch workspace under $TMPDIR:
#   api/  a crate of its own: build.rs runs tlgen-build with the default Config, src/lib.rs
#         include!s the code; the workspace's Cargo.toml sets
#         `[profile.dev.package.api] incremental = false` (README: "Recommended setup")
#   app/  the user's code: a binary that calls into `api`
# and the same `app` on grammers-tl-types in a second workspace. Dependencies are built
# first; a clean build then cleans only the measured crate (`api` / `grammers-tl-types`) and
# rebuilds it, so it covers its build script (code generation) and its compilation.
#
# Times are CPU seconds (user + system of cargo and everything it runs), medians of N; the wall
# times are logged too. Printed, each with the ratio to grammers where there is one:
#   clean build of the generated crate (recommended setup), and without the incremental
#     setting (what a workspace member gets by default)
#   edit cycle: one line of app/src/main.rs changed, rebuild
#   generation inside the build script (timed by the build script itself)
#   clean builds of pruned crates: 20 typical client methods, a login-only client
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
profile=debug
cargo_flags=()
runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --release) profile=release; cargo_flags=(--release); shift ;;
        --runs) runs="$2"; shift 2 ;;
        *) break ;;
    esac
done
schema="${1:-${TL_SCHEMA_DIR:-../shared/schema}}"
case "$schema" in /*) ;; *) schema="$root/$schema" ;; esac
schema="$(cd "$schema" && pwd)"
work="${TMPDIR:-/tmp}/tlgen-compile-time"
mkdir -p "$work"
: > "$work/wall.log"

# Twenty calls a typical client makes (login, dialogs, history, sending, updates, files).
TWENTY='"messages.sendMessage", "messages.getHistory", "messages.getDialogs",
    "messages.readHistory", "messages.editMessage", "messages.deleteMessages",
    "messages.sendMedia", "messages.getMessages", "updates.getState", "updates.getDifference",
    "updates.getChannelDifference", "auth.sendCode", "auth.signIn", "auth.checkPassword",
    "account.getPassword", "users.getFullUser", "users.getUsers", "contacts.resolveUsername",
    "upload.getFile", "help.getConfig"'
LOGIN='"auth.sendCode", "auth.signIn", "auth.checkPassword", "account.getPassword",
    "help.getConfig"'

# --- ours: a workspace with `api` (generated) and `app` -----------------------------------
ours_ws() { # dir incremental(true|false) selection(Rust list or empty)
    local dir="$1" incremental="$2" select="$3"
    mkdir -p "$dir/api/src" "$dir/app/src"
    {
        echo '[workspace]'
        echo 'members = ["api", "app"]'
        echo 'resolver = "3"'
        if [ "$incremental" = false ]; then
            echo '[profile.dev.package.api]'
            echo 'incremental = false'
        fi
    } > "$dir/Cargo.toml"
    cat > "$dir/api/Cargo.toml" <<EOF
[package]
name = "api"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
tlgen-runtime = { path = "$root/tl-runtime" }

[build-dependencies]
tlgen-build = { path = "$root/tl-codegen" }
EOF
    local sel=""
    if [ -n "$select" ]; then sel=".functions([$select])"; fi
    cat > "$dir/api/build.rs" <<EOF
fn main() {
    let t = std::time::Instant::now();
    let out = tlgen_build::Config::new()
        .schema("$schema/api.tl")
        .schema("$schema/mtproto.tl")
        .parse_options(tlgen_build::ParseOptions::telegram())
        .print_warnings(false)
        $sel
        .generate();
    if let Err(e) = out {
        panic!("{e}");
    }
    let dir = std::env::var("OUT_DIR").unwrap();
    std::fs::write(format!("{dir}/gen-seconds"), t.elapsed().as_secs_f64().to_string()).unwrap();
}
EOF
    echo 'include!(concat!(env!("OUT_DIR"), "/tl.rs"));' > "$dir/api/src/lib.rs"
    cat > "$dir/app/Cargo.toml" <<EOF
[package]
name = "app"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
api = { path = "../api" }
tlgen-runtime = { path = "$root/tl-runtime" }
EOF
    cat > "$dir/app/src/main.rs" <<'EOF'
use tlgen_runtime::Serializable;

fn main() {
    let call = api::functions::help::GetConfig;
    println!("{} bytes", call.to_bytes().len());
}
EOF
}

# --- grammers: the same app on grammers-tl-types ------------------------------------------
grammers_ws() {
    local dir="$1"
    mkdir -p "$dir/app/src"
    printf '[workspace]\nmembers = ["app"]\nresolver = "3"\n' > "$dir/Cargo.toml"
    cat > "$dir/app/Cargo.toml" <<'EOF'
[package]
name = "app"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
grammers-tl-types = { version = "=0.11.0", features = ["tl-mtproto"] }
EOF
    cat > "$dir/app/src/main.rs" <<'EOF'
use grammers_tl_types::Serializable;

fn main() {
    let call = grammers_tl_types::functions::help::GetConfig {};
    println!("{} bytes", call.to_bytes().len());
}
EOF
}

# A timed command's CPU seconds (user + system, children included: rustc, build scripts),
# which a busy machine disturbs less than wall time; wall seconds go to $work/wall.log.
timed() { # label command...
    local label="$1" out
    shift
    out=$( { /usr/bin/time -f "TIME %e %U %S" "$@" 2>&1 >/dev/null; } | grep '^TIME ' | tail -1)
    read -r _ wall user sys <<<"$out"
    echo "$label wall $wall" >> "$work/wall.log"
    echo "$user + $sys" | bc
}

# Clean build of one package of a workspace (dependencies built before).
clean_build() { # dir package
    export CARGO_TARGET_DIR
    CARGO_TARGET_DIR="$(target_of "$1")"
    (cd "$1" && cargo build -q "${cargo_flags[@]}" >&2)
    (cd "$1" && cargo clean -q "${cargo_flags[@]}" -p "$2")
    (cd "$1" && timed "clean $1" cargo build -q "${cargo_flags[@]}" -p "$2")
}

# One line of app/src/main.rs changed, then the app rebuilt.
edit_cycle() { # dir
    export CARGO_TARGET_DIR
    CARGO_TARGET_DIR="$(target_of "$1")"
    (cd "$1" && cargo build -q "${cargo_flags[@]}" >&2)
    echo "    println!(\"edit $RANDOM\");" > "$1/app/src/edit.in"
    sed -i '/^    println!("edit /d' "$1/app/src/main.rs"
    sed -i "/^fn main() {/r $1/app/src/edit.in" "$1/app/src/main.rs"
    rm "$1/app/src/edit.in"
    (cd "$1" && timed "edit $1" cargo build -q "${cargo_flags[@]}" -p app)
}

# The four `api` workspaces share a target directory (their dependencies are the same).
ours_target="$work/target-ours"
gram_target="$work/target-grammers"
target_of() { case "$1" in "$gram") echo "$gram_target" ;; *) echo "$ours_target" ;; esac; }

latest_out() { # file name in the newest api build's OUT_DIR
    cat "$(ls -t "$ours_target"/$profile/build/api-*/out/"$1" | head -1)"
}
gen_seconds() { latest_out gen-seconds; }
size() { latest_out tl.rs | wc -c; }

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

rec="$work/recommended"
def="$work/default"
twenty="$work/twenty"
login="$work/login"
gram="$work/grammers"
ours_ws "$rec" false ""
ours_ws "$def" true ""
ours_ws "$twenty" false "$TWENTY"
ours_ws "$login" false "$LOGIN"
grammers_ws "$gram"

declare -a c_rec c_def c_gram e_rec e_gram g_rec c_twenty c_login
for i in $(seq "$runs"); do
    echo "pair $i of $runs ..." >&2
    c_rec+=("$(clean_build "$rec" api)")
    g_rec+=("$(gen_seconds)")
    s_rec=$(size)
    c_gram+=("$(clean_build "$gram" grammers-tl-types)")
    c_def+=("$(clean_build "$def" api)")
    e_rec+=("$(edit_cycle "$rec")")
    e_gram+=("$(edit_cycle "$gram")")
    c_twenty+=("$(clean_build "$twenty" api)")
    s_twenty=$(size)
    c_login+=("$(clean_build "$login" api)")
    s_login=$(size)
done

m_rec=$(median "${c_rec[@]}")
m_def=$(median "${c_def[@]}")
m_gram=$(median "${c_gram[@]}")
m_erec=$(median "${e_rec[@]}")
m_egram=$(median "${e_gram[@]}")
m_gen=$(median "${g_rec[@]}")
m_twenty=$(median "${c_twenty[@]}")
m_login=$(median "${c_login[@]}")
ratio() { echo "$1 / $2" | bc -l; }

echo "$profile profile, $(nproc) cores, medians of $runs alternating runs, CPU seconds (user + system; load at the end: $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '  clean build, recommended setup (api crate, incremental off), %d bytes: %6.2f s  grammers-tl-types 0.11: %6.2f s  ratio %.2fx\n' \
    "$s_rec" "$m_rec" "$m_gram" "$(ratio "$m_rec" "$m_gram")"
printf '  clean build, workspace default (incremental on):                   %6.2f s  ratio %.2fx\n' \
    "$m_def" "$(ratio "$m_def" "$m_gram")"
printf '  edit cycle (one line of app/src/main.rs, rebuild):                 %6.2f s  grammers: %6.2f s\n' \
    "$m_erec" "$m_egram"
printf '  generation inside the %s build script (api.tl + mtproto.tl):       %6.2f s\n' "$profile" "$m_gen"
printf '  clean build, 20 client methods (%d bytes):                       %6.2f s  %.0f%% of the full crate\n' \
    "$s_twenty" "$m_twenty" "$(echo "100 * $m_twenty / $m_rec" | bc -l)"
printf '  clean build, login only (%d bytes):                               %6.2f s  %.0f%% of the full crate\n' \
    "$s_login" "$m_login" "$(echo "100 * $m_login / $m_rec" | bc -l)"
echo "  wall-clock seconds of every build: $work/wall.log"
echo "  raw: rec ${c_rec[*]} | default ${c_def[*]} | grammers ${c_gram[*]} | edit ${e_rec[*]} vs ${e_gram[*]} | gen ${g_rec[*]} | twenty ${c_twenty[*]} | login ${c_login[*]}"
