//! Constructor IDs: the IEEE CRC32 of a declaration's normalised text.
//!
//! Two normalisations are in use ([`IdRule`]). Both drop `#id` and `;`, collapse whitespace to
//! single spaces, replace `<` by a space and drop `>`, `{`, `}`, `(` and `)`. Telegram's
//! ([`IdRule::Telegram`]) also drops every `name:flags.N?true` parameter and writes
//! `:bytes`/`?bytes` as `:string`/`?string`. For example
//! `invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;` normalises to
//! `invokeWithLayer X:Type layer:int query:!X = X`, whose CRC32 is `0xda9b0d0d`.
//!
//! Definitions are normalised from the AST, so a type application is spelled the same
//! whichever way it was written: `ids:(vector int)` and `ids:vector<int>` both give
//! `ids:vector int`.

use crate::ast::{Definition, ParamType, TypeRef};

/// How a declaration's ID is computed from its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum IdRule {
    /// Telegram's API schemas (`api.tl`, `mtproto.tl`): `name:flags.N?true` parameters are
    /// dropped and `bytes` is written `string` before the CRC32.
    #[default]
    Telegram,
    /// The TL compiler of TON and TDLib (`lite_api.tl`, `td_api.tl`): the text as written,
    /// without the two Telegram rewrites (`bytes` stays `bytes`, `?true` parameters stay).
    /// `liteServer.query data:bytes = Object` is `0x798c06df`.
    Ton,
}

impl IdRule {
    /// The normalised text of `def` under this rule (what its ID is the CRC32 of).
    pub fn normalized_text(self, def: &Definition) -> String {
        let mut s = Vec::with_capacity(64);
        write_normalized(def, self, &mut s);
        // Built from `str` pieces only, so it is UTF-8.
        String::from_utf8(s).unwrap_or_default()
    }

    /// The ID of `def` computed from its text under this rule.
    pub fn computed_id(self, def: &Definition) -> u32 {
        computed_id(def, self, &mut Vec::new())
    }
}

impl std::str::FromStr for IdRule {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "telegram" => Ok(IdRule::Telegram),
            "ton" | "tdlib" => Ok(IdRule::Ton),
            other => Err(format!(
                "unknown ID rule `{other}`: expected one of telegram, ton, tdlib"
            )),
        }
    }
}

/// IEEE CRC32 of `text`.
pub fn crc32_id(text: &str) -> u32 {
    crc32fast::hash(text.as_bytes())
}

/// The normalised text of a parsed definition under Telegram's rule (see
/// [`IdRule::normalized_text`] for the others).
pub fn normalized_text(def: &Definition) -> String {
    IdRule::Telegram.normalized_text(def)
}

/// The CRC32 of a definition's normalised text, built in `buf` (cleared first) to reuse it.
pub(crate) fn computed_id(def: &Definition, rule: IdRule, buf: &mut Vec<u8>) -> u32 {
    buf.clear();
    write_normalized(def, rule, buf);
    crc32fast::hash(buf)
}

/// Append the normalised text of `def` to `s`.
fn write_normalized(def: &Definition, rule: IdRule, s: &mut Vec<u8>) {
    let telegram = rule == IdRule::Telegram;
    for ns in &def.namespace {
        s.extend_from_slice(ns.as_bytes());
        s.push(b'.');
    }
    s.extend_from_slice(def.name.as_bytes());
    for g in &def.generics {
        s.push(b' ');
        s.extend_from_slice(g.name.as_bytes());
        s.push(b':');
        s.extend_from_slice(g.kind.as_bytes());
    }
    for p in &def.params {
        match &p.ty {
            ParamType::Flags => {
                s.push(b' ');
                s.extend_from_slice(p.name.as_bytes());
                s.extend_from_slice(b":#");
            }
            ParamType::Normal { ty, flag } => {
                if telegram && flag.is_some() && ty.is_true() {
                    continue;
                }
                s.push(b' ');
                s.extend_from_slice(p.name.as_bytes());
                s.push(b':');
                if let Some(flag) = flag {
                    s.extend_from_slice(flag.name.as_bytes());
                    s.push(b'.');
                    push_u32(s, flag.bit);
                    s.push(b'?');
                }
                if telegram
                    && ty.namespace.is_empty()
                    && ty.name == "bytes"
                    && !ty.generic_ref
                    && ty.generic_arg.is_none()
                {
                    s.extend_from_slice(b"string");
                } else {
                    push_type(s, ty);
                }
            }
        }
    }
    s.extend_from_slice(b" = ");
    push_type(s, &def.result);
}

/// `n` in decimal, as `Display` writes it.
pub(crate) fn push_u32(s: &mut Vec<u8>, mut n: u32) {
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
    s.extend_from_slice(&digits[i..]);
}

fn push_type(s: &mut Vec<u8>, ty: &TypeRef) {
    // A loop, not recursion: the chain of type arguments is as deep as the input makes it.
    let mut next = Some(ty);
    let mut first = true;
    while let Some(ty) = next {
        if !first {
            s.push(b' ');
        }
        first = false;
        if ty.generic_ref {
            s.push(b'!');
        }
        if ty.bare && !ty.lowercase_name() {
            s.push(b'%');
        }
        for ns in &ty.namespace {
            s.extend_from_slice(ns.as_bytes());
            s.push(b'.');
        }
        s.extend_from_slice(ty.name.as_bytes());
        next = ty.generic_arg.as_deref();
    }
}

/// Normalise raw declaration text (comments already removed) by the textual rules of `rule`.
/// Used for built-ins, whose bodies (`?`, `[ t ]`) are not parsed into parameters.
pub(crate) fn normalize_text(raw: &str, rule: IdRule) -> String {
    let telegram = rule == IdRule::Telegram;
    let mut out = String::with_capacity(raw.len());
    let mut cleaned = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '<' => cleaned.push(' '),
            '>' | '{' | '}' | ';' | '(' | ')' => {}
            c => cleaned.push(c),
        }
    }
    let mut first = true;
    for (i, tok) in cleaned.split_whitespace().enumerate() {
        let tok = if i == 0 {
            tok.split('#').next().unwrap_or(tok)
        } else {
            tok
        };
        if tok.is_empty() || (telegram && tok.contains("?true") && tok.contains(':')) {
            continue;
        }
        if !first {
            out.push(' ');
        }
        first = false;
        let rewritten = if telegram {
            tok.strip_suffix(":bytes")
                .or_else(|| tok.strip_suffix("?bytes"))
        } else {
            None
        };
        match rewritten {
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
        // TON's rule keeps `bytes` (README of the reference schemas).
        assert_eq!(crc32_id("liteServer.query data:bytes = Object"), 0x798c06df);
        assert_eq!(
            crc32_id("liteServer.getMasterchainInfo = liteServer.MasterchainInfo"),
            0x89b5e62e
        );
    }

    #[test]
    fn decimal_digits() {
        for n in [0, 7, 10, 31, 99, 100, 4_294_967_295] {
            let mut s = Vec::new();
            push_u32(&mut s, n);
            assert_eq!(s, n.to_string().as_bytes());
        }
    }

    #[test]
    fn textual_normalisation() {
        let tg = IdRule::Telegram;
        assert_eq!(
            normalize_text("vector#1cb5c415 {t:Type} # [ t ] = Vector t", tg),
            "vector t:Type # [ t ] = Vector t"
        );
        assert_eq!(normalize_text("int ? = Int", tg), "int ? = Int");
        assert_eq!(
            normalize_text(
                "a#1 flags:# b:flags.0?true c:bytes d:flags.1?bytes = Vector<X>;",
                tg
            ),
            "a flags:# c:string d:flags.1?string = Vector X"
        );
        assert_eq!(
            normalize_text(
                "a#1 mode:# b:mode.0?true c:bytes d:(vector int) = Vector<X>;",
                IdRule::Ton
            ),
            "a mode:# b:mode.0?true c:bytes d:vector int = Vector X"
        );
        assert_eq!(
            normalize_text("bytes data:string = Bytes", IdRule::Ton),
            "bytes data:string = Bytes"
        );
    }
}
