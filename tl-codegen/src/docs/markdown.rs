//! Markdown for rustdoc: the TL text of a definition, escaping, table cells.

use tlgen_parser::{Definition, ParamType};

/// `name#id {X:Type} a:int flags:# b:flags.0?true = Result`, IDs as 8 hex digits.
pub(crate) fn definition_line(def: &Definition) -> String {
    let mut s = format!("{}#{:08x}", def.full_name(), def.id());
    for g in &def.generics {
        s.push_str(&format!(" {{{}:{}}}", g.name, g.kind));
    }
    for p in &def.params {
        s.push(' ');
        s.push_str(&p.name);
        s.push(':');
        match &p.ty {
            ParamType::Flags => s.push('#'),
            ParamType::Normal { ty, flag } => {
                if let Some(f) = flag {
                    s.push_str(&format!("{}.{}?", f.name, f.bit));
                }
                s.push_str(&ty.to_string());
            }
        }
    }
    s.push_str(" = ");
    s.push_str(&def.result.to_string());
    s
}

/// Escape text for Markdown docs so that schema text such as `[ t ]` or `Vector<long>` is not
/// read as a link or an HTML tag.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '<' | '>' | '`' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The TL line of a definition as inline code.
pub(crate) fn tl_line_doc(def: &Definition) -> String {
    format!("`{}`", definition_line(def).replace('`', "'"))
}

/// A table cell: one line, `|` escaped.
pub(crate) fn cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

pub(crate) fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_owned()
}

/// Markdown for table text: brackets and angle brackets escaped, URLs made autolinks (so
/// rustdoc's `bare_urls` lint stays quiet).
pub(crate) fn doc_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let start = word.find("https://").or_else(|| word.find("http://"));
        match start {
            Some(at) => {
                let (before, url) = word.split_at(at);
                let end = url
                    .trim_end_matches([')', '.', ',', ';', ':', '!', '?', '\'', '"'])
                    .len();
                let (url, after) = url.split_at(end);
                out.push_str(&escape_markdown(before));
                out.push('<');
                out.push_str(url);
                out.push('>');
                out.push_str(&escape_markdown(after));
            }
            None => out.push_str(&escape_markdown(word)),
        }
    }
    out
}
