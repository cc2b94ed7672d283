//! Turning TL names into Rust identifiers.
//!
//! The rules (words, snake_case, CamelCase, leading digits, keywords) and the collision
//! policy have one home, [`tlgen_errors::naming`], shared with the variants of the generated
//! `RpcError`; this module re-exports them and adds [`ident`]. In short: `inputPeerUser` →
//! `InputPeerUser` / `input_peer_user`, `JSONValue` → `JsonValue`, `2fa` → `TwoFa` /
//! `two_fa`, `type` → `r#type`, `self` → `self_`.
//!
//! Collisions (two TL names giving one Rust name in one scope) are not resolved here; the
//! generator detects them and reports an error naming both TL names
//! ([`Error::NameCollision`](crate::Error::NameCollision)).

pub use tlgen_errors::naming::{
    KEYWORDS, NON_RAW_KEYWORDS, camel_case, escape, field_ident, is_keyword, snake_case,
    type_ident, words,
};

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
    fn idents() {
        assert_eq!(ident("r#type").to_string(), "r#type");
        assert_eq!(ident(&field_ident("self")).to_string(), "self_");
        assert_eq!(type_ident("2FA"), "TwoFa");
    }
}
