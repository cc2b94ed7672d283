//! [`Name`]: the string type of the names in the AST.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// Longest name kept inline (without a heap allocation).
const INLINE: usize = 22;

/// An immutable name from a schema (`auth`, `sentCode`, `flags`, `InputPeer`).
///
/// It behaves like a `&str`: it derefs to one, compares, orders and hashes as its text (so a
/// map keyed by `Name` can be searched with a `&str`), and prints as the text (`Debug` as a
/// quoted string, like `String`). Names of up to 22 bytes, which is nearly every name in
/// real schemas, are stored inline, so parsing a schema does not allocate one string per
/// name. Build one with `Name::from("x")` or `"x".into()`; [`as_str`](Self::as_str) and
/// `to_string` give the text.
#[derive(Clone)]
pub struct Name(Repr);

#[derive(Clone)]
enum Repr {
    /// The first `len` bytes of `bytes` are the UTF-8 text.
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    Heap(Box<str>),
}

impl Name {
    /// A name holding `s`.
    #[inline]
    pub fn new(s: &str) -> Name {
        if s.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Name(Repr::Inline {
                len: s.len() as u8,
                bytes,
            })
        } else {
            Name(Repr::Heap(s.into()))
        }
    }

    /// A name of `src[start..end]`, an identifier the parser matched (so ASCII).
    #[inline]
    pub(crate) fn from_ascii(src: &str, start: usize, end: usize) -> Name {
        let len = end - start;
        // A fixed-size copy is cheaper than one of `len` bytes; the bytes past `len` are
        // never read.
        match src.as_bytes().get(start..start + INLINE) {
            Some(chunk) if len <= INLINE => {
                let mut bytes = [0u8; INLINE];
                bytes.copy_from_slice(chunk);
                Name(Repr::Inline {
                    len: len as u8,
                    bytes,
                })
            }
            _ => Name::new_cold(&src[start..end]),
        }
    }

    #[cold]
    #[inline(never)]
    fn new_cold(s: &str) -> Name {
        Name::new(s)
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Only ever filled from a `&str`, so the check cannot fail.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or_default()
            }
            Repr::Heap(s) => s,
        }
    }

    /// The text's bytes (without the UTF-8 check that [`as_str`](Self::as_str) makes).
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => &bytes[..*len as usize],
            Repr::Heap(s) => s.as_bytes(),
        }
    }

    /// The length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Inline { len, .. } => *len as usize,
            Repr::Heap(s) => s.len(),
        }
    }

    /// `true` for the empty name.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for Name {
    fn default() -> Name {
        Name::new("")
    }
}

impl Deref for Name {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name::new(s)
    }
}

impl From<&String> for Name {
    fn from(s: &String) -> Name {
        Name::new(s)
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        if s.len() <= INLINE {
            Name::new(&s)
        } else {
            Name(Repr::Heap(s.into_boxed_str()))
        }
    }
}

impl From<Name> for String {
    fn from(n: Name) -> String {
        match n.0 {
            Repr::Heap(s) => s.into_string(),
            Repr::Inline { .. } => n.as_str().to_string(),
        }
    }
}

impl std::str::FromStr for Name {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Name, Self::Err> {
        Ok(Name::new(s))
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for Name {
    #[inline]
    fn eq(&self, other: &Name) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Name {}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl Hash for Name {
    /// As `str` hashes, as [`Borrow<str>`] requires.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

macro_rules! eq_with {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Name {
            fn eq(&self, other: &$t) -> bool {
                self.as_bytes() == other.as_bytes()
            }
        }
        impl PartialEq<Name> for $t {
            fn eq(&self, other: &Name) -> bool {
                self.as_bytes() == other.as_bytes()
            }
        }
    )*};
}

eq_with!(str, &str, String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_heap() {
        for s in ["", "x", "sentCode", &"a".repeat(22), &"b".repeat(23), "é中"] {
            let n = Name::from(s);
            assert_eq!(n.as_str(), s);
            assert_eq!(n.len(), s.len());
            assert_eq!(n, s);
            assert_eq!(n, Name::from(s.to_string()));
            assert_eq!(String::from(n.clone()), s);
            assert_eq!(format!("{n:?}"), format!("{s:?}"));
            assert_eq!(format!("{n}"), s);
        }
        assert_eq!(std::mem::size_of::<Name>(), 24);
        // Names cut from longer text equal those built from the text alone.
        let text = "abcdefghijklmnopqrstuvwxyz0123456789";
        for start in 0..8 {
            for end in start..text.len() {
                let cut = Name::from_ascii(text, start, end);
                let whole = Name::from(&text[start..end]);
                assert_eq!(cut, whole, "{start}..{end}");
                assert_eq!(cut.as_str(), &text[start..end]);
            }
        }
        let (a, b) = (Name::from("a"), Name::from("b"));
        assert!(a < b && a.cmp(&b).is_lt());
        let set: std::collections::HashSet<Name> = ["a".into(), "b".into()].into();
        assert!(set.contains("a"));
    }
}
