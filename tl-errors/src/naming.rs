//! Rust names: the one set of rules for every identifier generated from a TL schema or an
//! error table — types, enum variants, fields and modules (used by `tlgen-build`, re-exported
//! as `tlgen_build::naming`) and the variants of the generated `RpcError` (used here, by
//! [`ErrorTable`](crate::ErrorTable)).
//!
//! It lives in this crate, not in the generator, because the error table's API answers with
//! variant names ([`ErrorDef::rust_variant_name`](crate::ErrorDef::rust_variant_name)) and
//! resolves their collisions while it reads the table, with diagnostics at table rows.
//!
//! # The rules
//!
//! * **Words.** A name is split into words at `_` (and `.` or any other character that is
//!   not a letter or digit), at a lowercase letter or digit followed by an uppercase letter
//!   (`inputPeer` → `input`, `Peer`; `2FA` → `2`, `FA`), and inside a run of capitals before
//!   the last one when a lowercase letter follows (`JSONValue` → `JSON`, `Value`). Digits
//!   stay with the word they follow (`int128`, `inputGeoPoint2`).
//! * **Leading digits.** An identifier cannot start with a digit, so the digits a name starts
//!   with are spelled out in English, one word per digit (`2fa` → `two_fa` / `TwoFa`,
//!   `2FA_CONFIRM_WAIT_X` → `TwoFaConfirmWait`, `24h` → `TwoFourH`, `40_4` → `FourZeroFour`).
//!   Error names, types and fields follow the same rule (TL identifiers start with a letter
//!   or `_`, so schema names reach it only as `_2fa`).
//! * **snake_case** (fields, modules, locals): the words lowercased and joined with `_`
//!   (`server_DH_params` → `server_dh_params`, `srp_B` → `srp_b`).
//! * **CamelCase** (structs, enums, variants): each word with its first letter uppercased and
//!   the rest lowercased (`server_DH_params_ok` → `ServerDhParamsOk`, `JSONValue` →
//!   `JsonValue`, `FLOOD_WAIT` → `FloodWait`). Lowercasing acronyms keeps clippy's
//!   `upper_case_acronyms` quiet and makes the result independent of how an acronym was
//!   written.
//! * **Nothing left.** A name without letters or digits gives `_` (and, escaped, `__`).
//! * **Keywords** ([`KEYWORDS`]: strict, reserved, and the 2024 `gen`) become raw
//!   identifiers (`type` → `r#type`, `gen` → `r#gen`); the four that cannot be raw
//!   ([`NON_RAW_KEYWORDS`]: `self`, `Self`, `super`, `crate`) get a trailing `_` (`self_`,
//!   `Self_`). See [`escape`].
//! * **Error variants** ([`variant_name_for`]) are the CamelCase of the error name without
//!   its `_X` placeholder (`FLOOD_WAIT_X` → `FloodWait`); `Other`, the name of the generated
//!   fallback variant ([`RESERVED_VARIANT_NAMES`]), gets `Error` appended (`OTHER` →
//!   `OtherError`).
//!
//! # Collisions
//!
//! Two names that give one Rust name in one scope are never renamed silently:
//!
//! * **Types, variants of schema enums, fields, modules**: an error naming both TL items
//!   (`tlgen_build::Error::NameCollision`). Schema names are chosen by people who can change
//!   them, and a rename would change the API without anybody noticing.
//! * **Error-table variants**: resolved, with a
//!   [`VariantCollision`](crate::DiagnosticKind::VariantCollision) warning naming both rows
//!   when a number has to be appended (see
//!   [`ErrorDef::rust_variant_name`](crate::ErrorDef::rust_variant_name)). Names sharing a base
//!   name first use their full names (`FLOOD_WAIT` and `FLOOD_WAIT_X` → `FloodWait`,
//!   `FloodWaitX`); names that still collide are numbered in name order. Telegram's own
//!   `errors.csv` needs this: `TIMEOUT` (500) and `Timeout` (-503) are two different errors
//!   that differ only in case, and both must stay representable.

use crate::placeholder::find_placeholder;

/// Every Rust keyword that cannot be used as a plain identifier: strict, reserved and
/// edition-2024 reserved (`gen`). Weak keywords (`union`, `raw`, `safe`, ...) are ordinary
/// identifiers and are not listed.
pub const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The [`KEYWORDS`] that cannot be raw identifiers (`r#self` is an error); [`escape`] gives
/// them a trailing `_` instead.
pub const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate"];

/// Variant names that error names must not take: `Other` is the generated fallback
/// (`Other { code, message }`). A name that maps to one of these gets `Error` appended
/// (`OTHER` → `OtherError`).
pub const RESERVED_VARIANT_NAMES: &[&str] = &["Other"];

const DIGIT_WORDS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

/// Split a name into words (see the module docs), leading digits not yet spelled out.
pub fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if c.is_uppercase() {
            if let Some(prev) = cur.chars().next_back() {
                let next_lower = chars.peek().is_some_and(|n| n.is_lowercase());
                if prev.is_lowercase()
                    || prev.is_ascii_digit()
                    || (prev.is_uppercase() && next_lower)
                {
                    words.push(std::mem::take(&mut cur));
                }
            }
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// The words of `name` with its leading digits spelled out, one word per digit: the digits
/// of the words that are only digits at the front, and those the next word starts with
/// (`40_4` → `four zero four`, `2FA` → `two FA`).
fn identifier_words(name: &str) -> Vec<String> {
    let words = words(name);
    let mut out = Vec::with_capacity(words.len() + 2);
    let mut leading = true;
    for w in words {
        if !leading {
            out.push(w);
            continue;
        }
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        out.extend(
            w.bytes()
                .take(digits)
                .filter_map(|b| DIGIT_WORDS.get(usize::from(b.wrapping_sub(b'0'))))
                .map(|d| (*d).to_owned()),
        );
        let rest = w.get(digits..).unwrap_or("");
        if !rest.is_empty() {
            out.push(rest.to_owned());
            leading = false;
        }
    }
    out
}

/// CamelCase of the words, possibly empty.
fn camel_words(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for w in identifier_words(name) {
        let mut cs = w.chars();
        if let Some(first) = cs.next() {
            s.extend(first.to_uppercase());
            s.push_str(&cs.as_str().to_lowercase());
        }
    }
    s
}

/// `snake_case` of a name, before keyword escaping (`_` when nothing is left).
pub fn snake_case(name: &str) -> String {
    let s = identifier_words(name)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if s.is_empty() { "_".to_owned() } else { s }
}

/// `CamelCase` of a name, before keyword escaping (`_` when nothing is left).
pub fn camel_case(name: &str) -> String {
    let s = camel_words(name);
    if s.is_empty() { "_".to_owned() } else { s }
}

/// Make `ident` usable as a Rust identifier: raw for keywords (`r#type`), a `_` suffix for
/// the [`NON_RAW_KEYWORDS`] and for `_` itself (`self_`, `__`). Returns the identifier text.
pub fn escape(ident: &str) -> String {
    if ident == "_" || NON_RAW_KEYWORDS.contains(&ident) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident) {
        format!("r#{ident}")
    } else {
        ident.to_owned()
    }
}

/// `true` if `ident` is one of the [`KEYWORDS`] (or `_`), i.e. [`escape`] changes it.
pub fn is_keyword(ident: &str) -> bool {
    ident == "_" || KEYWORDS.contains(&ident)
}

/// Escaped snake_case identifier for a field or module.
pub fn field_ident(name: &str) -> String {
    escape(&snake_case(name))
}

/// Escaped CamelCase identifier for a type or variant.
pub fn type_ident(name: &str) -> String {
    escape(&camel_case(name))
}

/// The Rust variant name for an error name, before collision handling.
///
/// The `_X` placeholder (see [`find_placeholder`]) is removed and a
/// unit after it stays (`FLOOD_WAIT_X` → `FloodWait`, `FILE_PART_X_MISSING` →
/// `FilePartMissing`, `..._WAIT_XMIN` → `...WaitMin`); then the name is CamelCased like
/// every other name (see the module docs: `INTERDC_X_CALL_ERROR` → `InterdcCallError`,
/// `2FA_CONFIRM_WAIT_X` → `TwoFaConfirmWait`); a result in [`RESERVED_VARIANT_NAMES`] gets
/// `Error` appended and a keyword is escaped (`SELF` → `Self_`).
///
/// Returns an empty string when nothing is left (for example `_X`).
/// [`ErrorTable`](crate::ErrorTable) additionally resolves collisions, see
/// [`ErrorDef::rust_variant_name`](crate::ErrorDef::rust_variant_name).
pub fn variant_name_for(name: &str) -> String {
    match find_placeholder(name) {
        Ok(Some(x)) => {
            let before = name.get(..x).unwrap_or("");
            let after = name.get(x.saturating_add(1)..).unwrap_or("");
            error_variant(&format!("{before}{after}"))
        }
        _ => error_variant(name),
    }
}

/// The variant name with the placeholder kept as a literal `X` (`FLOOD_WAIT_X` →
/// `FloodWaitX`), used to disambiguate collisions.
pub fn full_variant_name_for(name: &str) -> String {
    error_variant(name)
}

fn error_variant(name: &str) -> String {
    let mut s = camel_words(name);
    if RESERVED_VARIANT_NAMES.contains(&s.as_str()) {
        s.push_str("Error");
    }
    if s.is_empty() { s } else { escape(&s) }
}

/// Whether `s` can be used as a field name as it is: `[a-z_][a-z0-9_]*`, not `_`, not one of
/// the [`KEYWORDS`].
pub fn is_valid_field_name(s: &str) -> bool {
    let mut chars = s.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_');
    first_ok
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !is_keyword(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_names() {
        assert_eq!(variant_name_for("FLOOD_WAIT_X"), "FloodWait");
        assert_eq!(variant_name_for("FILE_PART_X_MISSING"), "FilePartMissing");
        assert_eq!(variant_name_for("2FA_CONFIRM_WAIT_X"), "TwoFaConfirmWait");
        assert_eq!(
            variant_name_for("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_XMIN"),
            "PreviousChatImportActiveWaitMin"
        );
        assert_eq!(variant_name_for("P2P_DISABLED"), "P2PDisabled");
        assert_eq!(variant_name_for("OTHER"), "OtherError");
        assert_eq!(variant_name_for("SELF"), "Self_");
        assert_eq!(variant_name_for("_X"), "");
        assert_eq!(full_variant_name_for("FLOOD_WAIT_X"), "FloodWaitX");
        assert_eq!(variant_name_for("Timeout"), variant_name_for("TIMEOUT"));
    }

    #[test]
    fn snake() {
        assert_eq!(snake_case("server_DH_params"), "server_dh_params");
        assert_eq!(snake_case("srp_B"), "srp_b");
        assert_eq!(snake_case("inputPeerUser"), "input_peer_user");
        assert_eq!(snake_case("JSONValue"), "json_value");
        assert_eq!(snake_case("int128"), "int128");
        assert_eq!(snake_case("flags2"), "flags2");
        assert_eq!(snake_case("_"), "_");
    }

    #[test]
    fn camel() {
        assert_eq!(camel_case("inputPeerEmpty"), "InputPeerEmpty");
        assert_eq!(camel_case("server_DH_params_ok"), "ServerDhParamsOk");
        assert_eq!(camel_case("p_q_inner_data"), "PQInnerData");
        assert_eq!(camel_case("JSONValue"), "JsonValue");
        assert_eq!(
            camel_case("Set_client_DH_params_answer"),
            "SetClientDhParamsAnswer"
        );
        assert_eq!(camel_case("inputGeoPoint2"), "InputGeoPoint2");
        assert_eq!(camel_case("FLOOD_WAIT"), "FloodWait");
    }

    #[test]
    fn leading_digits_are_spelled_out_everywhere() {
        assert_eq!(camel_case("2FA"), "TwoFa");
        assert_eq!(camel_case("2fa"), "TwoFa");
        assert_eq!(camel_case("2FA_CONFIRM_WAIT"), "TwoFaConfirmWait");
        assert_eq!(camel_case("2faCode"), "TwoFaCode");
        assert_eq!(camel_case("24h"), "TwoFourH");
        assert_eq!(snake_case("2fa"), "two_fa");
        assert_eq!(snake_case("_2FA_code"), "two_fa_code");
        assert_eq!(snake_case("_7"), "seven");
        assert_eq!(camel_case("40_4"), "FourZeroFour");
        assert_eq!(snake_case("40_4x"), "four_zero_four_x");
        assert_eq!(
            variant_name_for("2FA_CONFIRM_WAIT_X"),
            camel_case("2FA_CONFIRM_WAIT")
        );
    }

    #[test]
    fn keywords() {
        assert_eq!(field_ident("type"), "r#type");
        assert_eq!(field_ident("gen"), "r#gen");
        assert_eq!(field_ident("final"), "r#final");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("super"), "super_");
        assert_eq!(field_ident("crate"), "crate_");
        assert_eq!(field_ident("_"), "__");
        assert_eq!(type_ident("self"), "Self_");
        assert_eq!(field_ident("union"), "union");
        assert!(is_keyword("Self") && is_keyword("gen") && !is_keyword("union"));
        assert!(is_valid_field_name("seconds") && is_valid_field_name("new_dc"));
        assert!(!is_valid_field_name("type") && !is_valid_field_name("_"));
        assert!(!is_valid_field_name("Seconds") && !is_valid_field_name("2x"));
        for k in NON_RAW_KEYWORDS {
            assert!(KEYWORDS.contains(k));
        }
    }
}
