//! JSON in the conventions of TDLib's `libtdjson` (and tonlib's JSON interface): support for
//! the `serde` impls that `tlgen-build` writes with `Config::json` (feature `serde`).
//!
//! | TL type | JSON |
//! | --- | --- |
//! | an object (constructor) | `{"@type":"formattedText","text":...,"entities":[...]}`: the TL name under `"@type"`, fields under their TL names |
//! | `int32`, `int`, `int53`, `double` | a number |
//! | `int64`, `long` | a string (`"-5"`); a number is accepted too |
//! | `string` | a string |
//! | `bytes`, `int128`, `int256` | base64 (standard alphabet, padded; unpadded is accepted) |
//! | `Bool` | `true` / `false` |
//! | `vector<T>` | an array |
//! | an absent object (`Option`) | `null` |
//!
//! Decoding ignores unknown fields (newer TDLib versions add some), reads `"@type"` to choose
//! the constructor of an abstract type (wherever it is in the object: first is fast, later
//! buffers the keys before it), checks `"@type"` when it decodes a constructor directly, and
//! reports an unknown `"@type"` as an error naming it and the TL type. A missing field of a
//! non-optional type is an error (`missing field`). No input panics.
//!
//! The items of this module are the building blocks of generated code: the [`Mode`]s say how
//! one field's Rust type is written in JSON ([`Int64`], [`Bytes`], [`Vector`], ...), and
//! [`Struct`] / [`Tagged`] are what generated constructors and abstract types implement.
//! They are public so that the encodings can be used by hand as well:
//!
//! ```
//! use tlgen_runtime::json::{Int64, Mode, Ser};
//!
//! let text = serde_json::to_string(&Ser::<Int64, i64>::new(&-5)).unwrap();
//! assert_eq!(text, r#""-5""#);
//! let back: i64 = Int64::deserialize(&mut serde_json::Deserializer::from_str(r#""-5""#)).unwrap();
//! assert_eq!(back, -5);
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

pub use serde;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde::ser::{self, Serialize, Serializer};

/// How a Rust value of type `T` is written to and read from JSON.
pub trait Mode<T> {
    /// Write `value`.
    fn serialize<S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error>;
    /// Read a value.
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error>;
}

/// The value's own `Serialize`/`Deserialize` (numbers, strings, `bool`, generated types).
#[derive(Debug)]
pub enum Plain {}

/// `int64`/`long`: an `i64` written as a JSON string; strings and numbers are read.
#[derive(Debug)]
pub enum Int64 {}

/// `int53`: an `i64` written as a JSON number; numbers and strings are read.
#[derive(Debug)]
pub enum Int53 {}

/// `double`: a JSON number. NaN and the infinities have no JSON form: writing one is an error.
#[derive(Debug)]
pub enum Double {}

/// `bytes`, `int128`, `int256`: base64.
#[derive(Debug)]
pub enum Bytes {}

/// tonlib's `secureString` (a string) and `secureBytes` (base64).
#[derive(Debug)]
pub enum Secure {}

/// `vector<T>`: a JSON array of values written with `M`.
#[derive(Debug)]
pub struct Vector<M>(PhantomData<M>);

/// An object that may be absent: `null` for `None`.
#[derive(Debug)]
pub struct Nullable<M>(PhantomData<M>);

/// A `Box`ed value (recursive types), written as the value.
#[derive(Debug)]
pub struct Boxed<M>(PhantomData<M>);

impl<T: Serialize + de::DeserializeOwned> Mode<T> for Plain {
    #[inline]
    fn serialize<S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        value.serialize(s)
    }
    #[inline]
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        T::deserialize(d)
    }
}

struct IntVisitor;

impl Visitor<'_> for IntVisitor {
    type Value = i64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a 64-bit integer (a number or a string of digits)")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v)
            .map_err(|_| E::custom(format_args!("integer {v} is out of range for int64")))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.parse()
            .map_err(|_| E::custom(format_args!("invalid 64-bit integer string {v:?}")))
    }
}

impl Mode<i64> for Int64 {
    fn serialize<S: Serializer>(value: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        d.deserialize_any(IntVisitor)
    }
}

impl Mode<i64> for Int53 {
    fn serialize<S: Serializer>(value: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(*value)
    }
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        d.deserialize_any(IntVisitor)
    }
}

impl Mode<f64> for Double {
    fn serialize<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
        if value.is_finite() {
            s.serialize_f64(*value)
        } else {
            Err(ser::Error::custom(format_args!(
                "{value} has no JSON form (a double must be finite)"
            )))
        }
    }
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        f64::deserialize(d)
    }
}

use serde::Deserialize as _;

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `bytes` as standard, padded base64.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let digits = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63];
        for (i, d) in digits.iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(BASE64[*d as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decode standard base64; the `=` padding may be left out. `None` for any other character,
/// misplaced padding or an impossible length.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let data = text.trim_end_matches('=');
    if text.len() - data.len() > 2 || (text.len() != data.len() && text.len() % 4 != 0) {
        return None;
    }
    if data.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 2);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for c in data.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // Leftover bits must be zero (canonical encoding).
    if acc != 0 {
        return None;
    }
    Some(out)
}

struct Base64Visitor;

impl Visitor<'_> for Base64Visitor {
    type Value = Vec<u8>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a base64 string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
        base64_decode(v).ok_or_else(|| E::custom("invalid base64 string"))
    }
}

impl Mode<Vec<u8>> for Bytes {
    fn serialize<S: Serializer>(value: &Vec<u8>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64_encode(value))
    }
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        d.deserialize_str(Base64Visitor)
    }
}

impl<const N: usize> Mode<[u8; N]> for Bytes {
    fn serialize<S: Serializer>(value: &[u8; N], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64_encode(value))
    }
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; N], D::Error> {
        let v = d.deserialize_str(Base64Visitor)?;
        let len = v.len();
        v.try_into().map_err(|_| {
            de::Error::custom(format_args!("expected {N} bytes in base64, found {len}"))
        })
    }
}

impl Mode<crate::SecureString> for Secure {
    fn serialize<S: Serializer>(value: &crate::SecureString, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(value.expose())
    }
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<crate::SecureString, D::Error> {
        String::deserialize(d).map(crate::SecureString::new)
    }
}

impl Mode<crate::SecureBytes> for Secure {
    fn serialize<S: Serializer>(value: &crate::SecureBytes, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64_encode(value.expose()))
    }
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<crate::SecureBytes, D::Error> {
        d.deserialize_str(Base64Visitor)
            .map(crate::SecureBytes::new)
    }
}

struct VecVisitor<M, T>(PhantomData<(M, T)>);

impl<'de, M: Mode<T>, T> Visitor<'de> for VecVisitor<M, T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // The hint comes from the input: allocate no more than a page's worth up front.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(v) = seq.next_element_seed(De::<M, T>::new())? {
            out.push(v);
        }
        Ok(out)
    }
}

impl<M: Mode<T>, T> Mode<Vec<T>> for Vector<M> {
    fn serialize<S: Serializer>(value: &Vec<T>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(value.iter().map(Ser::<M, T>::new))
    }
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_seq(VecVisitor::<M, T>(PhantomData))
    }
}

struct OptionVisitor<M, T>(PhantomData<(M, T)>);

impl<'de, M: Mode<T>, T> Visitor<'de> for OptionVisitor<M, T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        M::deserialize(d).map(Some)
    }
}

impl<M: Mode<T>, T> Mode<Option<T>> for Nullable<M> {
    fn serialize<S: Serializer>(value: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => M::serialize(v, s),
            None => s.serialize_none(),
        }
    }
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_option(OptionVisitor::<M, T>(PhantomData))
    }
}

impl<M: Mode<T>, T> Mode<Box<T>> for Boxed<M> {
    #[inline]
    fn serialize<S: Serializer>(value: &Box<T>, s: S) -> Result<S::Ok, S::Error> {
        M::serialize(value, s)
    }
    #[inline]
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Box<T>, D::Error> {
        M::deserialize(d).map(Box::new)
    }
}

/// `value`, serialized with the mode `M`.
pub struct Ser<'a, M, T>(&'a T, PhantomData<M>);

impl<'a, M, T> Ser<'a, M, T> {
    /// Wrap a reference.
    #[inline]
    pub fn new(value: &'a T) -> Self {
        Ser(value, PhantomData)
    }
}

impl<M: Mode<T>, T> Serialize for Ser<'_, M, T> {
    #[inline]
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        M::serialize(self.0, s)
    }
}

/// A `DeserializeSeed` reading a `T` with the mode `M`.
pub struct De<M, T>(PhantomData<(M, T)>);

impl<M, T> De<M, T> {
    /// The seed.
    #[inline]
    pub fn new() -> Self {
        De(PhantomData)
    }
}

impl<M, T> Default for De<M, T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, M: Mode<T>, T> DeserializeSeed<'de> for De<M, T> {
    type Value = T;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        M::deserialize(d)
    }
}

/// An object key, borrowed from the input where it can be.
#[derive(Debug)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// A constructor: decoded from a JSON object (generated code implements it).
pub trait Struct: Sized {
    /// The TL name, as in `"@type"`.
    const TL_NAME: &'static str;
    /// Read the fields from `map` (which may or may not still hold `"@type"`).
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// An abstract type (a TDLib `//@class`, a boxed TL type): decoded by its `"@type"`.
pub trait Tagged: Sized {
    /// The TL type name (`TextEntityType`), for messages.
    const TL_NAME: &'static str;
    /// Decode the constructor named `tag` from the rest of the object in `d`.
    fn from_tagged<'de, D: Deserializer<'de>>(tag: &str, d: D) -> Result<Self, D::Error>;
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: Struct> Visitor<'de> for StructVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", T::TL_NAME)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// `Deserialize::deserialize` of a generated constructor.
#[inline]
pub fn deserialize_struct<'de, T: Struct, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(StructVisitor::<T>(PhantomData))
}

/// A key a constructor does not know: `"@type"` must name the constructor, anything else is
/// skipped.
pub fn other_key<'de, A: MapAccess<'de>>(
    map: &mut A,
    key: &str,
    tl_name: &str,
) -> Result<(), A::Error> {
    if key == "@type" {
        let tag: Key<'de> = map.next_value()?;
        if tag.as_str() != tl_name {
            return Err(de::Error::custom(format_args!(
                "expected an object of @type \"{tl_name}\", found @type \"{}\"",
                tag.as_str()
            )));
        }
        Ok(())
    } else {
        map.next_value::<de::IgnoredAny>().map(|_| ())
    }
}

/// A field's value, or `missing field` when the object had none.
#[inline]
pub fn required<T, E: de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(field))
}

/// The error for a `"@type"` that names no constructor of `tl_type`.
pub fn unknown_type<E: de::Error>(tag: &str, tl_type: &str) -> E {
    E::custom(format_args!(
        "unknown @type \"{tag}\" for TL type {tl_type}"
    ))
}

struct EnumVisitor<T>(PhantomData<T>);

impl<'de, T: Tagged> Visitor<'de> for EnumVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object of TL type {} (with \"@type\")", T::TL_NAME)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut buffered: Vec<(String, Content<'de>)> = Vec::new();
        loop {
            let Some(key) = map.next_key::<Key<'de>>()? else {
                return Err(de::Error::custom(format_args!(
                    "an object of TL type {} without \"@type\"",
                    T::TL_NAME
                )));
            };
            if key.as_str() == "@type" {
                let tag: Key<'de> = map.next_value()?;
                return if buffered.is_empty() {
                    T::from_tagged(tag.as_str(), MapRest(map))
                } else {
                    T::from_tagged(
                        tag.as_str(),
                        MapRest(ChainMap {
                            buffered: buffered.into_iter(),
                            value: None,
                            rest: map,
                        }),
                    )
                };
            }
            let value: Content<'de> = map.next_value()?;
            buffered.push((key.0.into_owned(), value));
        }
    }
}

/// `Deserialize::deserialize` of a generated abstract type.
#[inline]
pub fn deserialize_enum<'de, T: Tagged, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(EnumVisitor::<T>(PhantomData))
}

/// The rest of an object whose `"@type"` was read, as a deserializer of that object.
pub struct MapRest<A>(A);

impl<'de, A: MapAccess<'de>> Deserializer<'de> for MapRest<A> {
    type Error = A::Error;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.0)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// Entries read (and kept) before `"@type"`, then the rest of the object.
struct ChainMap<'de, A> {
    buffered: std::vec::IntoIter<(String, Content<'de>)>,
    value: Option<Content<'de>>,
    rest: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for ChainMap<'de, A> {
    type Error = A::Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.buffered.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(k.into_deserializer()).map(Some)
            }
            None => self.rest.next_key_seed(seed),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.value.take() {
            Some(v) => seed.deserialize(ContentDeserializer::new(v)),
            None => self.rest.next_value_seed(seed),
        }
    }
}

/// A JSON value held in memory (the keys before a late `"@type"`).
#[derive(Debug)]
enum Content<'de> {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(Cow<'de, str>),
    Seq(Vec<Content<'de>>),
    Map(Vec<(String, Content<'de>)>),
}

impl<'de> de::Deserialize<'de> for Content<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ContentVisitor;
        impl<'de> Visitor<'de> for ContentVisitor {
            type Value = Content<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Content<'de>, E> {
                Ok(Content::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Content<'de>, E> {
                Ok(Content::I64(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Content<'de>, E> {
                Ok(Content::U64(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Content<'de>, E> {
                Ok(Content::F64(v))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Content<'de>, E> {
                Ok(Content::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Content<'de>, E> {
                Ok(Content::Str(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Content<'de>, E> {
                Ok(Content::Str(Cow::Owned(v)))
            }
            fn visit_unit<E>(self) -> Result<Content<'de>, E> {
                Ok(Content::Null)
            }
            fn visit_none<E>(self) -> Result<Content<'de>, E> {
                Ok(Content::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Content<'de>, D::Error> {
                Content::deserialize(d)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Content<'de>, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = seq.next_element()? {
                    v.push(x);
                }
                Ok(Content::Seq(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Content<'de>, A::Error> {
                let mut v = Vec::new();
                while let Some(k) = map.next_key::<Key<'de>>()? {
                    v.push((k.0.into_owned(), map.next_value()?));
                }
                Ok(Content::Map(v))
            }
        }
        d.deserialize_any(ContentVisitor)
    }
}

struct ContentDeserializer<'de, E> {
    content: Content<'de>,
    err: PhantomData<E>,
}

impl<'de, E> ContentDeserializer<'de, E> {
    fn new(content: Content<'de>) -> Self {
        ContentDeserializer {
            content,
            err: PhantomData,
        }
    }
}

impl<'de, E: de::Error> IntoDeserializer<'de, E> for Content<'de> {
    type Deserializer = ContentDeserializer<'de, E>;
    fn into_deserializer(self) -> Self::Deserializer {
        ContentDeserializer::new(self)
    }
}

impl<'de, E: de::Error> Deserializer<'de> for ContentDeserializer<'de, E> {
    type Error = E;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.content {
            Content::Null => visitor.visit_unit(),
            Content::Bool(v) => visitor.visit_bool(v),
            Content::I64(v) => visitor.visit_i64(v),
            Content::U64(v) => visitor.visit_u64(v),
            Content::F64(v) => visitor.visit_f64(v),
            Content::Str(Cow::Borrowed(v)) => visitor.visit_borrowed_str(v),
            Content::Str(Cow::Owned(v)) => visitor.visit_string(v),
            Content::Seq(v) => {
                let mut seq = de::value::SeqDeserializer::new(v.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Content::Map(v) => {
                let mut map = de::value::MapDeserializer::new(v.into_iter());
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.content {
            Content::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        for len in 0..40 {
            let data: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = base64_encode(&data);
            assert_eq!(text.len() % 4, 0);
            assert_eq!(base64_decode(&text).as_deref(), Some(&data[..]));
            assert_eq!(
                base64_decode(text.trim_end_matches('=')).as_deref(),
                Some(&data[..])
            );
        }
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        for bad in ["Zm9v!", "Z", "Zm8==", "Zm9=v", "Zm9vY===", "Zm9"] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
        // Non-zero leftover bits are not canonical.
        assert_eq!(base64_decode("Zm9="), None);
    }
}
