#!/usr/bin/env bash
# `cargo doc` over the generated Telegram API (api.tl + mtproto.tl + docs.json + the error
# tables errors.csv/methods.csv from $TL_SCHEMA_DIR) with every rustdoc warning denied, then
# reads the rendered page of `functions::auth::ResetAuthorizations` and checks that every
# section of Telegram's method page is there with its text.
#   scripts/check-api-docs.sh   (TL_SCHEMA_DIR defaults to ../shared/schema)
set -euo pipefail
cd "$(dirname "$0")/.."
export TL_SCHEMA_DIR="${TL_SCHEMA_DIR:-../shared/schema}"
for f in api.tl mtproto.tl docs.json errors.csv methods.csv; do
    if [ ! -f "$TL_SCHEMA_DIR/$f" ]; then
        if [ "${CI:-}" = "true" ]; then
            echo "error: CI=true but $TL_SCHEMA_DIR/$f is missing" >&2
            exit 1
        fi
        echo "skipped: $TL_SCHEMA_DIR has no $f"
        exit 0
    fi
done
target=target/api-docs
TLGEN_API_ERRORS=1 RUSTDOCFLAGS="-D warnings" CARGO_TARGET_DIR="$target" \
    cargo doc -p compile-test --no-deps --no-default-features
page="$target/doc/compile_test/api/functions/auth/struct.ResetAuthorizations.html"
if [ ! -f "$page" ]; then
    echo "error: $page was not rendered" >&2
    exit 1
fi
# The page as text: tags dropped, entities of the few characters the texts use decoded.
text="$(sed -e 's/<[^>]*>//g' -e "s/&#39;/'/g" -e 's/&quot;/"/g' -e 's/&lt;/</g' \
    -e 's/&gt;/>/g' -e 's/&amp;/\&/g' -e "s/’/'/g" "$page" | tr -s ' \n' ' ')"
fail=0
check() {
    if ! grep -qF -- "$1" <<<"$text"; then
        echo "error: the rendered page lacks: $1" >&2
        fail=1
    fi
}
check "Terminates all user's authorized sessions except for the current one."
check "Example"
check "let request = tl::functions::auth::ResetAuthorizations;"
check "TL schema"
check "boolFalse#bc799737 = Bool;"
check "boolTrue#997275b5 = Bool;"
check "auth.resetAuthorizations#9fab0d1a = Bool;"
check "Parameters"
check "Result"
check "Possible errors"
check "406"
check "FRESH_RESET_AUTHORISATION_FORBIDDEN"
check "You can't logout other sessions if less than 24 hours have passed since you logged on the current session"
check "Can bots use this method?"
check "No."
check "Related pages"
check "account.registerDevice"
check "Register device to receive PUSH notifications"
# The sections in the order of Telegram's page.
order=("Terminates all user" "Example" "TL schema" "Parameters" "Result" "Possible errors" "Can bots use this method?" "Related pages")
rest="$text"
for s in "${order[@]}"; do
    case "$rest" in
        *"$s"*) rest="${rest#*"$s"}" ;;
        *) echo "error: section out of order: $s" >&2; fail=1 ;;
    esac
done
if [ "$fail" -ne 0 ]; then
    exit 1
fi
echo "ok: $page has every section of the method page, in order; cargo doc had no warnings"
