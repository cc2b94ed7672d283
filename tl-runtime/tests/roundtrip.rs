//! Property tests: value -> bytes -> value is the identity, and so is
//! bytes -> value -> bytes for canonical encodings. Random input never panics.

use std::fmt::Debug;

use proptest::collection::vec;
use proptest::prelude::*;
use tlgen_runtime::{DecodeError, Deserializable, Reader, Serializable, write};

/// Encode, check TL's 4-byte alignment, decode, compare, re-encode, compare.
fn round_trip<T>(value: &T, eq: impl Fn(&T, &T) -> bool)
where
    T: Serializable + Deserializable + Debug,
{
    let bytes = value.to_bytes();
    assert_eq!(bytes.len() % 4, 0, "{value:?} encodes to {bytes:?}");
    let back = T::from_bytes(&bytes).unwrap_or_else(|e| panic!("{value:?}: {e}"));
    assert!(eq(value, &back), "{value:?} came back as {back:?}");
    assert_eq!(back.to_bytes(), bytes, "{value:?} re-encoded differently");
}

fn round_trip_eq<T>(value: &T)
where
    T: Serializable + Deserializable + Debug + PartialEq,
{
    round_trip(value, T::eq);
}

/// Strings of 0..1000 chars (so 0..4000 bytes, crossing the 254 boundary).
fn any_string() -> impl Strategy<Value = String> {
    vec(any::<char>(), 0..1000).prop_map(|cs| cs.into_iter().collect())
}

/// Mostly ASCII so byte lengths spread evenly over 0..1000.
fn ascii_string() -> impl Strategy<Value = String> {
    "[ -~]{0,1000}"
}

fn expected_bytes_len(len: usize) -> usize {
    let header = if len < 254 { 1 } else { 4 };
    (header + len).div_ceil(4) * 4
}

proptest! {
    #[test]
    fn i32_round_trips(v in any::<i32>()) {
        round_trip_eq(&v);
        prop_assert_eq!(v.to_bytes(), v.to_le_bytes());
    }

    #[test]
    fn i64_round_trips(v in any::<i64>()) {
        round_trip_eq(&v);
        prop_assert_eq!(v.to_bytes(), v.to_le_bytes());
    }

    #[test]
    fn f64_round_trips_bit_exact(bits in any::<u64>()) {
        let v = f64::from_bits(bits);
        round_trip(&v, |a, b| a.to_bits() == b.to_bits());
        prop_assert_eq!(v.to_bytes(), bits.to_le_bytes());
    }

    #[test]
    fn bool_round_trips(v in any::<bool>()) {
        round_trip_eq(&v);
    }

    #[test]
    fn int128_round_trips(v in any::<[u8; 16]>()) {
        round_trip_eq(&v);
    }

    #[test]
    fn int256_round_trips(v in any::<[u8; 32]>()) {
        round_trip_eq(&v);
    }

    #[test]
    fn u32_round_trips(v in any::<u32>()) {
        let mut buf = Vec::new();
        write::u32(v, &mut buf);
        let mut r = Reader::new(&buf);
        prop_assert_eq!(r.peek_u32(), Ok(v));
        prop_assert_eq!(r.read_u32(), Ok(v));
        prop_assert!(r.is_empty());
    }

    #[test]
    fn string_round_trips(s in any_string()) {
        round_trip_eq(&s);
        prop_assert_eq!(s.to_bytes().len(), expected_bytes_len(s.len()));
    }

    #[test]
    fn ascii_string_round_trips(s in ascii_string()) {
        round_trip_eq(&s);
        prop_assert_eq!(s.to_bytes().len(), expected_bytes_len(s.len()));
    }

    #[test]
    fn bytes_round_trip(data in vec(any::<u8>(), 0..1000)) {
        let mut buf = Vec::new();
        write::bytes(&data, &mut buf);
        prop_assert_eq!(buf.len(), expected_bytes_len(data.len()));
        let mut r = Reader::new(&buf);
        let back = r.read_bytes().unwrap();
        prop_assert!(r.is_empty());
        prop_assert_eq!(&back, &data);
        let mut again = Vec::new();
        write::bytes(&back, &mut again);
        prop_assert_eq!(&again, &buf);
        prop_assert_eq!(Reader::new(&buf).read_bytes_ref().unwrap(), &data[..]);
    }

    #[test]
    fn vec_vec_i64_round_trips(v in vec(vec(any::<i64>(), 0..20), 0..20)) {
        round_trip_eq(&v);
    }

    #[test]
    fn vec_string_round_trips(v in vec(any_string(), 0..8)) {
        round_trip_eq(&v);
    }

    #[test]
    fn vec_bool_and_boxes_round_trip(v in vec(any::<bool>(), 0..50), n in any::<i64>()) {
        round_trip_eq(&v);
        round_trip_eq(&Box::new(n));
        round_trip_eq(&Box::new(v));
    }

    #[test]
    fn bare_vector_round_trips(v in vec(any::<i32>(), 0..100)) {
        let mut buf = Vec::new();
        write::bare_vector(&v, &mut buf, |x, buf| write::i32(*x, buf));
        prop_assert_eq!(buf.len(), 4 + 4 * v.len());
        let mut r = Reader::new(&buf);
        prop_assert_eq!(r.read_bare_vector(4, Reader::read_i32).unwrap(), v);
        prop_assert!(r.is_empty());
    }

    /// Arbitrary bytes: decoding returns Ok or Err but never panics. For
    /// types whose encoding has a single form, success means re-encoding
    /// gives back exactly the input.
    #[test]
    fn random_input_never_panics(buf in vec(any::<u8>(), 0..256)) {
        if let Ok(v) = Vec::<Vec<i64>>::from_bytes(&buf) {
            prop_assert_eq!(v.to_bytes(), buf.clone());
        }
        if let Ok(v) = Vec::<bool>::from_bytes(&buf) {
            prop_assert_eq!(v.to_bytes(), buf.clone());
        }
        let _ = Vec::<String>::from_bytes(&buf);
        let _ = String::from_bytes(&buf);
        let _ = bool::from_bytes(&buf);
        let _ = <[u8; 32]>::from_bytes(&buf);
        let mut r = Reader::new(&buf);
        let _ = r.read_bytes_ref();
        let mut r = Reader::new(&buf);
        let _ = r.read_bare_vector(0, |r| r.read_bytes());
    }

    /// Valid encodings with one byte changed never panic, and errors point
    /// inside the buffer.
    #[test]
    fn mutated_input_never_panics(
        v in vec(any_string(), 0..4),
        pos in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut buf = v.to_bytes();
        let i = pos.index(buf.len());
        buf[i] = byte;
        match Vec::<String>::from_bytes(&buf) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.offset() <= buf.len(), "{:?}", e),
        }
    }

    /// A hostile vector count is rejected without calling the item reader.
    #[test]
    fn hostile_counts_are_rejected(count in 1_i32.., tail in vec(any::<u8>(), 0..64)) {
        prop_assume!((count as usize).saturating_mul(8) > tail.len());
        let mut buf = Vec::new();
        write::i32(count, &mut buf);
        buf.extend(&tail);
        let mut calls = 0;
        let res = Reader::new(&buf).read_bare_vector(8, |r| { calls += 1; r.read_i64() });
        let is_too_large = matches!(res, Err(DecodeError::LengthTooLarge { .. }));
        prop_assert!(is_too_large, "{:?}", res);
        prop_assert_eq!(calls, 0);
    }
}
