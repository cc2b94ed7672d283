//! Turning TL names into Rust identifiers.
//!
//! The rules, applied to every name the generator emits:
//!
//! * **Words.** A TL name is split into words at `_`, at a lowercase letter or digit followed by
//!   an uppercase letter (`inputPeer` → `input`, `Peer`), and inside a run of capitals before
//!   the last one when a lowercase letter follows (`JSONValue` → `JSON`, `Value`). Digits stay
//!   with the word they follow (`int128`, `inputGeoPoint2`).
//! * **snake_case** (fields, modules, locals): the words lowercased and joined with `_`
//!   (`server_DH_params` → `server_dh_params`, `srp_B` → `srp_b`).
//! * **CamelCase** (structs, enums, variants): each word with its first letter uppercased and
//!   the rest lowercased (`server_DH_params_ok` → `ServerDhParamsOk`, `JSONValue` →
//!   `JsonValue`). Lowercasing acronyms keeps clippy's `upper_case_acronyms` quiet and makes
//!   the result independent of how an acronym was written.
//! * **Leading digits.** A name that would start with a digit gets a `_` in front (`2fa` →
//!   `_2fa` as a field, `_2fa` as a type); rustc's case lints ignore leading underscores.
//! * **Keywords.** Every Rust keyword (strict, reserved, and the 2024 `gen`) becomes a raw
//!   identifier (`type` → `r#type`, `gen` → `r#gen`, `final` → `r#final`). The four that cannot
//!   be raw (`self`, `Self`, `super`, `crate`) get a trailing `_` instead (`self_`).
//!
//! Collisions (two TL names giving one Rust name in one scope) are not resolved here; the
//! generator detects them and reports an error naming both TL names.

/// Keywords usable as raw identifiers (`r#type`). Strict, reserved and edition-2024 keywords.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing `_`.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Split a TL name into words (see the module docs).
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || c == '.' || !(c.is_alphanumeric()) {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if c.is_uppercase() && !cur.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                words.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// `snake_case` of a TL name, before keyword escaping.
pub fn snake_case(name: &str) -> String {
    let mut s = words(name)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// `CamelCase` of a TL name, before keyword escaping.
pub fn camel_case(name: &str) -> String {
    let mut s = String::new();
    for w in words(name) {
        let mut cs = w.chars();
        if let Some(first) = cs.next() {
            s.extend(first.to_uppercase());
            s.push_str(&cs.as_str().to_lowercase());
        }
    }
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// Make `ident` usable as a Rust identifier: raw for keywords, `_` suffix for the four that
/// cannot be raw. Returns the identifier text (`r#type`, `self_`, `name`).
pub fn escape(ident: &str) -> String {
    if NON_RAW_KEYWORDS.contains(&ident) {
        format!("{ident}_")
    } else if RAW_KEYWORDS.contains(&ident) {
        format!("r#{ident}")
    } else {
        ident.to_owned()
    }
}

/// `true` if `ident` is a Rust keyword (of any kind handled by [`escape`]).
pub fn is_keyword(ident: &str) -> bool {
    NON_RAW_KEYWORDS.contains(&ident) || RAW_KEYWORDS.contains(&ident)
}

/// Escaped snake_case identifier for a field or module.
pub fn field_ident(name: &str) -> String {
    escape(&snake_case(name))
}

/// Escaped CamelCase identifier for a type or variant.
pub fn type_ident(name: &str) -> String {
    escape(&camel_case(name))
}

/// Build a [`proc_macro2::Ident`] from escaped identifier text (handles the `r#` prefix).
pub fn ident(text: &str) -> proc_macro2::Ident {
    match text.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => proc_macro2::Ident::new(text, proc_macro2::Span::call_site()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake() {
        assert_eq!(snake_case("server_DH_params"), "server_dh_params");
        assert_eq!(snake_case("srp_B"), "srp_b");
        assert_eq!(snake_case("inputPeerUser"), "input_peer_user");
        assert_eq!(snake_case("JSONValue"), "json_value");
        assert_eq!(snake_case("int128"), "int128");
        assert_eq!(snake_case("2fa"), "_2fa");
        assert_eq!(snake_case("flags2"), "flags2");
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
        assert_eq!(camel_case("2FA"), "_2Fa");
        assert_eq!(camel_case("2FA_CONFIRM_WAIT"), "_2FaConfirmWait");
        assert_eq!(camel_case("2faCode"), "_2faCode");
    }

    #[test]
    fn keywords() {
        assert_eq!(field_ident("type"), "r#type");
        assert_eq!(field_ident("gen"), "r#gen");
        assert_eq!(field_ident("final"), "r#final");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("super"), "super_");
        assert_eq!(field_ident("crate"), "crate_");
        assert_eq!(type_ident("self"), "Self_");
        assert_eq!(field_ident("union"), "union");
        assert_eq!(ident("r#type").to_string(), "r#type");
    }
}
