//! Constructor IDs: the IEEE CRC32 of a declaration's normalised text.
//!
//! The normalised text is the declaration without `#id` and `;`, with whitespace collapsed to
//! single spaces, every `name:flags.N?true` parameter dropped, `:bytes`/`?bytes` written as
//! `:string`/`?string`, `<` replaced by a space and `>`, `{`, `}` dropped. For example
//! `invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;` normalises to
//! `invokeWithLayer X:Type layer:int query:!X = X`, whose CRC32 is `0xda9b0d0d`.

use crate::ast::{Definition, ParamType, TypeRef};

/// IEEE CRC32 of `text`.
pub fn crc32_id(text: &str) -> u32 {
    crc32fast::hash(text.as_bytes())
}

/// The normalised text of a parsed definition (what its ID is the CRC32 of).
pub fn normalized_text(def: &Definition) -> String {
    let mut s = String::with_capacity(64);
    write_normalized(def, &mut s);
    s
}

/// The CRC32 of a definition's normalised text, built in `buf` (cleared first) to reuse it.
pub(crate) fn computed_id(def: &Definition, buf: &mut String) -> u32 {
    buf.clear();
    write_normalized(def, buf);
    crc32_id(buf)
}

/// Append the normalised text of `def` to `s`.
fn write_normalized(def: &Definition, s: &mut String) {
    for ns in &def.namespace {
        s.push_str(ns);
        s.push('.');
    }
    s.push_str(&def.name);
    for g in &def.generics {
        s.push(' ');
        s.push_str(&g.name);
        s.push(':');
        s.push_str(&g.kind);
    }
    for p in &def.params {
        match &p.ty {
            ParamType::Flags => {
                s.push(' ');
                s.push_str(&p.name);
                s.push_str(":#");
            }
            ParamType::Normal { ty, flag } => {
                if flag.is_some() && ty.is_true() {
                    continue;
                }
                s.push(' ');
                s.push_str(&p.name);
                s.push(':');
                if let Some(flag) = flag {
                    s.push_str(&flag.name);
                    s.push('.');
                    push_u32(s, flag.bit);
                    s.push('?');
                }
                if ty.namespace.is_empty()
                    && ty.name == "bytes"
                    && !ty.generic_ref
                    && ty.generic_arg.is_none()
                {
                    s.push_str("string");
                } else {
                    push_type(s, ty);
                }
            }
        }
    }
    s.push_str(" = ");
    push_type(s, &def.result);
}

/// `n` in decimal, as `Display` writes it.
fn push_u32(s: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        s.push(char::from(d));
    }
}

fn push_type(s: &mut String, ty: &TypeRef) {
    if ty.generic_ref {
        s.push('!');
    }
    if ty.bare && !ty.lowercase_name() {
        s.push('%');
    }
    for ns in &ty.namespace {
        s.push_str(ns);
        s.push('.');
    }
    s.push_str(&ty.name);
    if let Some(arg) = &ty.generic_arg {
        s.push(' ');
        push_type(s, arg);
    }
}

/// Normalise raw declaration text (comments already removed) by the textual rules. Used for
/// built-ins, whose bodies (`?`, `[ t ]`) are not parsed into parameters.
pub fn normalize_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut tokens = Vec::new();
    let mut cleaned = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '<' => cleaned.push(' '),
            '>' | '{' | '}' | ';' => {}
            c => cleaned.push(c),
        }
    }
    for (i, tok) in cleaned.split_whitespace().enumerate() {
        let tok = if i == 0 {
            tok.split('#').next().unwrap_or(tok)
        } else {
            tok
        };
        if tok.contains("?true") && tok.contains(':') {
            continue;
        }
        if tok.is_empty() {
            continue;
        }
        tokens.push(tok);
    }
    for (i, tok) in tokens.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match tok
            .strip_suffix(":bytes")
            .or_else(|| tok.strip_suffix("?bytes"))
        {
            Some(head) => {
                out.push_str(head);
                out.push_str(&tok[head.len()..head.len() + 1]);
                out.push_str("string");
            }
            None => out.push_str(tok),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ids() {
        assert_eq!(crc32_id("boolFalse = Bool"), 0xbc799737);
        assert_eq!(crc32_id("boolTrue = Bool"), 0x997275b5);
        assert_eq!(crc32_id("auth.resetAuthorizations = Bool"), 0x9fab0d1a);
        assert_eq!(
            crc32_id("invokeWithLayer X:Type layer:int query:!X = X"),
            0xda9b0d0d
        );
        assert_eq!(
            crc32_id("error code:int32 message:string = Error"),
            0x9bdd8f1a
        );
        assert_eq!(crc32_id("vector t:Type # [ t ] = Vector t"), 0x1cb5c415);
    }

    #[test]
    fn decimal_digits() {
        for n in [0, 7, 10, 31, 99, 100, 4_294_967_295] {
            let mut s = String::new();
            push_u32(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn textual_normalisation() {
        assert_eq!(
            normalize_text("vector#1cb5c415 {t:Type} # [ t ] = Vector t"),
            "vector t:Type # [ t ] = Vector t"
        );
        assert_eq!(normalize_text("int ? = Int"), "int ? = Int");
        assert_eq!(
            normalize_text("a#1 flags:# b:flags.0?true c:bytes d:flags.1?bytes = Vector<X>;"),
            "a flags:# c:string d:flags.1?string = Vector X"
        );
    }
}
