//! Table facts about names: the `_X` placeholder of an error name and the `{field}`
//! placeholders of a description. Nothing here is about Rust; [`crate::naming`] turns names
//! into Rust identifiers.

/// Letters that may follow the placeholder `X` in the same `_`-separated segment, as in
/// `PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_XMIN` (the wire message is `..._WAIT_5MIN`).
pub const PLACEHOLDER_UNIT_SUFFIXES: &[&str] = &["MIN"];

/// The field name used when a parameterised error's description names no `{field}`.
pub const DEFAULT_FIELD_NAME: &str = "value";

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
