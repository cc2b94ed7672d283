//! Writing TL primitives. Every function appends to `buf`.

use crate::{BOOL_FALSE_ID, BOOL_TRUE_ID, MAX_BYTES_LEN, Serializable, VECTOR_ID};

/// Append an unsigned 32-bit little-endian integer (constructor ids, `#`).
#[inline]
pub fn u32(v: u32, buf: &mut Vec<u8>) {
    buf.extend_from_slice(&v.to_le_bytes());
}

/// Append a TL `int` (signed 32-bit little-endian).
#[inline]
pub fn i32(v: i32, buf: &mut Vec<u8>) {
    buf.extend_from_slice(&v.to_le_bytes());
}

/// Append a TL `long` (signed 64-bit little-endian).
#[inline]
pub fn i64(v: i64, buf: &mut Vec<u8>) {
    buf.extend_from_slice(&v.to_le_bytes());
}

/// Append a TL `double` (IEEE 754 binary64, little-endian, bits unchanged).
#[inline]
pub fn f64(v: f64, buf: &mut Vec<u8>) {
    buf.extend_from_slice(&v.to_le_bytes());
}

/// Append a TL `int128`: 16 raw bytes.
#[inline]
pub fn int128(v: &[u8; 16], buf: &mut Vec<u8>) {
    buf.extend_from_slice(v);
}

/// Append a TL `int256`: 32 raw bytes.
#[inline]
pub fn int256(v: &[u8; 32], buf: &mut Vec<u8>) {
    buf.extend_from_slice(v);
}

/// Append a boxed `Bool`: `boolTrue#997275b5` or `boolFalse#bc799737`.
#[inline]
pub fn bool(v: bool, buf: &mut Vec<u8>) {
    u32(if v { BOOL_TRUE_ID } else { BOOL_FALSE_ID }, buf);
}

/// Append a TL `bytes` value in canonical form: below 254 bytes, one length
/// byte; otherwise `0xfe` and a 3-byte little-endian length. Then the data,
/// then zero bytes up to a multiple of 4.
///
/// # Panics
///
/// If `v` is longer than [`MAX_BYTES_LEN`] (2^24 - 1) bytes, which TL cannot
/// frame. Writing a wrong length (or silently cutting the data) would produce
/// a stream that decodes as something else, so this is a hard assertion in
/// release builds too; check the length first if it comes from outside.
#[inline]
pub fn bytes(v: &[u8], buf: &mut Vec<u8>) {
    let len = v.len();
    let header = if len < 254 {
        buf.reserve(len + 4);
        buf.push(len as u8);
        1
    } else {
        assert!(
            len <= MAX_BYTES_LEN,
            "TL bytes/string of {len} bytes exceeds the maximum of {MAX_BYTES_LEN}"
        );
        buf.reserve(len + 7);
        let [a, b, c, _] = (len as u32).to_le_bytes();
        buf.extend_from_slice(&[254, a, b, c]);
        4
    };
    buf.extend_from_slice(v);
    let padding = (header + len).wrapping_neg() & 3;
    buf.extend_from_slice(&[0; 3][..padding]);
}

/// Append a TL `string`: its UTF-8 bytes framed as [`bytes`].
///
/// # Panics
///
/// Like [`bytes`], if the string is longer than [`MAX_BYTES_LEN`] bytes.
#[inline]
pub fn string(v: &str, buf: &mut Vec<u8>) {
    bytes(v.as_bytes(), buf);
}

/// Append a boxed `Vector<T>`: [`VECTOR_ID`], the `int` count, then each item
/// written by `item`.
///
/// # Panics
///
/// If `items` has more than `i32::MAX` elements.
#[inline]
pub fn vector<T>(items: &[T], buf: &mut Vec<u8>, item: impl FnMut(&T, &mut Vec<u8>)) {
    u32(VECTOR_ID, buf);
    bare_vector(items, buf, item);
}

/// Append a bare `vector<T>`: the `int` count, then each item written by
/// `item`.
///
/// # Panics
///
/// If `items` has more than `i32::MAX` elements.
#[inline]
pub fn bare_vector<T>(items: &[T], buf: &mut Vec<u8>, mut item: impl FnMut(&T, &mut Vec<u8>)) {
    let Ok(count) = i32::try_from(items.len()) else {
        panic!(
            "TL vector of {} items exceeds the maximum of {}",
            items.len(),
            i32::MAX
        );
    };
    i32(count, buf);
    for it in items {
        item(it, buf);
    }
}

/// Append a constructor in its boxed form: its `id`, then its bare encoding (what one arm of a
/// generated enum's `serialize` writes).
#[inline]
pub fn boxed<T: Serializable + ?Sized>(id: u32, value: &T, buf: &mut Vec<u8>) {
    u32(id, buf);
    value.serialize(buf);
}

/// Append `value`'s encoding if it is `Some`, nothing if it is `None`: a conditional
/// (`flags.N?`) field, whose presence the flags word written before it records.
#[inline]
pub fn optional<T: Serializable>(value: &Option<T>, buf: &mut Vec<u8>) {
    if let Some(v) = value {
        v.serialize(buf);
    }
}
