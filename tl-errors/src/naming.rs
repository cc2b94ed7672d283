//! Name rules: the `_X` placeholder, Rust variant names and field names.

/// Letters that may follow the placeholder `X` in the same `_`-separated segment, as in
/// `PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_XMIN` (the wire message is `..._WAIT_5MIN`).
pub const PLACEHOLDER_UNIT_SUFFIXES: &[&str] = &["MIN"];

/// Variant names that error names must not take: `Other` is the generated fallback
/// (`Other { code, message }`) and `Self` is a keyword. A name that maps to one of these gets
/// `Error` appended (`OTHER` → `OtherError`).
pub const RESERVED_VARIANT_NAMES: &[&str] = &["Other", "Self"];

/// The field name used when a parameterised error's description names no `{field}`.
pub const DEFAULT_FIELD_NAME: &str = "value";

/// Rust keywords (strict, reserved and edition-2024 reserved), which cannot be field names.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

const DIGIT_WORDS: [&str; 10] = [
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
];

/// Where the `_X` placeholder of an error name is.
///
/// The placeholder is a `_`-separated segment, not the first one, that is exactly `X` or `X`
/// followed by one of [`PLACEHOLDER_UNIT_SUFFIXES`]. It is case-sensitive. Returns the byte
/// offset of the `X`, `Ok(None)` when there is none, and `Err` with the byte offsets of the
/// first two when there are several.
pub fn find_placeholder(name: &str) -> Result<Option<usize>, (usize, usize)> {
    let mut found: Option<usize> = None;
    let mut offset = 0usize;
    for (index, segment) in name.split('_').enumerate() {
        let is_placeholder = index > 0
            && segment
                .strip_prefix('X')
                .is_some_and(|unit| unit.is_empty() || PLACEHOLDER_UNIT_SUFFIXES.contains(&unit));
        if is_placeholder {
            match found {
                None => found = Some(offset),
                Some(first) => return Err((first, offset)),
            }
        }
        offset = offset.saturating_add(segment.len()).saturating_add(1);
    }
    Ok(found)
}

/// CamelCase of an error name, with the `X` at byte offset `drop_x` removed.
fn camel(name: &str, drop_x: Option<usize>) -> String {
    let mut out = String::with_capacity(name.len());
    let mut offset = 0usize;
    for segment in name.split('_') {
        let seg_start = offset;
        offset = offset.saturating_add(segment.len()).saturating_add(1);
        let segment = if drop_x == Some(seg_start) {
            segment.get(1..).unwrap_or("")
        } else {
            segment
        };
        let mut prev: Option<char> = None;
        for c in segment.chars() {
            let upper = prev.is_none_or(|p| p.is_ascii_digit());
            if upper {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c.to_ascii_lowercase());
            }
            prev = Some(c);
        }
    }
    // An identifier cannot start with a digit: spell out the leading digits.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let mut spelled = String::with_capacity(out.len().saturating_add(digits * 4));
        for b in out.bytes().take(digits) {
            let word = DIGIT_WORDS
                .get(usize::from(b.wrapping_sub(b'0')))
                .copied()
                .unwrap_or("");
            spelled.push_str(word);
        }
        spelled.push_str(out.get(digits..).unwrap_or(""));
        out = spelled;
    }
    out
}

/// The Rust variant name for an error name, before collision handling.
///
/// Rules, in order:
/// 1. The `_X` placeholder (see [`find_placeholder`]) is removed; a unit after it stays
///    (`FLOOD_WAIT_X` → `FloodWait`, `FILE_PART_X_MISSING` → `FilePartMissing`,
///    `..._WAIT_XMIN` → `...WaitMin`).
/// 2. The name is split at `_`; empty segments are dropped. In each segment the first
///    character and any letter right after a digit are upper-cased, all other letters
///    lower-cased (`INTERDC_X_CALL_ERROR` → `InterdcCallError`, `2FA` → `2Fa`).
/// 3. Leading digits are spelled out in English, one word per digit
///    (`2FA_CONFIRM_WAIT_X` → `TwoFaConfirmWait`).
/// 4. A result in [`RESERVED_VARIANT_NAMES`] gets `Error` appended.
///
/// Returns an empty string when nothing is left (for example `_X`).
/// [`ErrorTable`](crate::ErrorTable) additionally resolves collisions, see
/// [`ErrorDef::rust_variant_name`](crate::ErrorDef::rust_variant_name).
pub fn variant_name_for(name: &str) -> String {
    let x = find_placeholder(name).ok().flatten();
    reserve(camel(name, x))
}

/// The variant name with the placeholder kept as a literal `X` (`FLOOD_WAIT_X` →
/// `FloodWaitX`), used to disambiguate collisions.
pub fn full_variant_name_for(name: &str) -> String {
    reserve(camel(name, None))
}

fn reserve(mut s: String) -> String {
    if RESERVED_VARIANT_NAMES.contains(&s.as_str()) {
        s.push_str("Error");
    }
    s
}

/// Whether `s` can be used as a field name: `[a-z_][a-z0-9_]*`, not `_`, not a keyword.
pub fn is_valid_field_name(s: &str) -> bool {
    let mut chars = s.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_');
    first_ok
        && s != "_"
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&s)
}

/// The `{name}` placeholders of a description, in order, as (char offset of `{`, name).
///
/// A placeholder is `{` + one or more ASCII letters, digits or `_` + `}`; other braces are text.
pub fn description_placeholders(description: &str) -> Vec<(usize, &str)> {
    // One pass: remember the last `{` whose text so far could be a name.
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (char offset of `{`, byte after it)
    for (char_offset, (byte, c)) in description.char_indices().enumerate() {
        match c {
            '{' => open = Some((char_offset, byte.saturating_add(1))),
            '}' => {
                if let Some((at, start)) = open.take() {
                    let inner = description.get(start..byte).unwrap_or("");
                    if !inner.is_empty() {
                        out.push((at, inner));
                    }
                }
            }
            c if c.is_ascii_alphanumeric() || c == '_' => {}
            _ => open = None,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(variant_name_for("FLOOD_WAIT_X"), "FloodWait");
        assert_eq!(variant_name_for("FILE_PART_X_MISSING"), "FilePartMissing");
        assert_eq!(variant_name_for("2FA_CONFIRM_WAIT_X"), "TwoFaConfirmWait");
        assert_eq!(variant_name_for("OTHER"), "OtherError");
        assert_eq!(variant_name_for("_X"), "");
        assert_eq!(full_variant_name_for("FLOOD_WAIT_X"), "FloodWaitX");
    }
}
