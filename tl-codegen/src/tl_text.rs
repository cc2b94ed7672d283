//! The canonical TL text of a definition, for doc comments.

use tl_parser::{Definition, ParamType};

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
