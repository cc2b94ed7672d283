//! Exact bytes of every primitive, and decoding them back.

use tlgen_runtime::{
    BOOL_FALSE_ID, BOOL_TRUE_ID, DecodeError, Deserializable, Identifiable, Reader, Serializable,
    VECTOR_ID, write,
};

/// `len` bytes 0, 1, 2, ... wrapping at 251 (so no byte equals a length
/// marker by accident).
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

fn encode_bytes(v: &[u8]) -> Vec<u8> {
    let mut buf = Vec::new();
    write::bytes(v, &mut buf);
    buf
}

#[test]
fn constants() {
    assert_eq!(VECTOR_ID, 0x1cb5c415);
    assert_eq!(BOOL_TRUE_ID, 0x997275b5);
    assert_eq!(BOOL_FALSE_ID, 0xbc799737);
    assert_eq!(tlgen_runtime::MAX_BYTES_LEN, 16_777_215);
    assert_eq!(Reader::DEFAULT_MAX_DEPTH, 64);
    assert_eq!(<Vec<i32> as Identifiable>::CONSTRUCTOR_ID, VECTOR_ID);
}

#[test]
fn bool_true_bytes() {
    assert_eq!(true.to_bytes(), [0xb5, 0x75, 0x72, 0x99]);
    assert!(bool::from_bytes(&[0xb5, 0x75, 0x72, 0x99]).unwrap());
}

#[test]
fn bool_false_bytes() {
    assert_eq!(false.to_bytes(), [0x37, 0x97, 0x79, 0xbc]);
    assert!(!bool::from_bytes(&[0x37, 0x97, 0x79, 0xbc]).unwrap());
}

#[test]
fn i32_little_endian() {
    assert_eq!(0x0102_0304_i32.to_bytes(), [4, 3, 2, 1]);
    assert_eq!((-2_i32).to_bytes(), [0xfe, 0xff, 0xff, 0xff]);
    assert_eq!(i32::from_bytes(&[4, 3, 2, 1]).unwrap(), 0x0102_0304);
}

#[test]
fn i64_little_endian() {
    assert_eq!(
        0x0102_0304_0506_0708_i64.to_bytes(),
        [8, 7, 6, 5, 4, 3, 2, 1]
    );
    assert_eq!((-1_i64).to_bytes(), [0xff; 8]);
    assert_eq!(
        i64::from_bytes(&[8, 7, 6, 5, 4, 3, 2, 1]).unwrap(),
        0x0102_0304_0506_0708
    );
}

#[test]
fn f64_little_endian() {
    // 1.0 = 0x3ff0000000000000
    assert_eq!(1.0_f64.to_bytes(), [0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    // -2.5 = 0xc004000000000000
    assert_eq!((-2.5_f64).to_bytes(), [0, 0, 0, 0, 0, 0, 0x04, 0xc0]);
    assert_eq!(
        f64::from_bytes(&[0, 0, 0, 0, 0, 0, 0xf0, 0x3f]).unwrap(),
        1.0
    );
    // NaN payloads survive bit for bit.
    let nan = f64::from_bits(0x7ff8_dead_beef_0001);
    assert_eq!(
        f64::from_bytes(&nan.to_bytes()).unwrap().to_bits(),
        nan.to_bits()
    );
}

#[test]
fn u32_and_peek() {
    let mut buf = Vec::new();
    write::u32(0xdead_beef, &mut buf);
    assert_eq!(buf, [0xef, 0xbe, 0xad, 0xde]);
    let mut r = Reader::new(&buf);
    assert_eq!(r.peek_u32().unwrap(), 0xdead_beef);
    assert_eq!(r.position(), 0);
    assert_eq!(r.read_u32().unwrap(), 0xdead_beef);
    assert!(r.is_empty());
    assert_eq!(r.remaining(), 0);
}

#[test]
fn int128_and_int256_raw() {
    let a: [u8; 16] = core::array::from_fn(|i| i as u8);
    let b: [u8; 32] = core::array::from_fn(|i| 100 + i as u8);
    assert_eq!(a.to_bytes(), a);
    assert_eq!(b.to_bytes(), b);
    assert_eq!(<[u8; 16]>::from_bytes(&a).unwrap(), a);
    assert_eq!(<[u8; 32]>::from_bytes(&b).unwrap(), b);
}

#[test]
fn short_string_hello() {
    let bytes = String::from("hello").to_bytes();
    assert_eq!(bytes, [5, b'h', b'e', b'l', b'l', b'o', 0, 0]);
    assert_eq!("hello".to_bytes(), bytes);
    assert_eq!(String::from_bytes(&bytes).unwrap(), "hello");
}

#[test]
fn empty_string() {
    assert_eq!(String::new().to_bytes(), [0, 0, 0, 0]);
    assert_eq!(String::from_bytes(&[0, 0, 0, 0]).unwrap(), "");
}

#[test]
fn string_lengths_1_to_4_padding() {
    assert_eq!("a".to_bytes(), [1, b'a', 0, 0]);
    assert_eq!("ab".to_bytes(), [2, b'a', b'b', 0]);
    assert_eq!("abc".to_bytes(), [3, b'a', b'b', b'c']);
    assert_eq!("abcd".to_bytes(), [4, b'a', b'b', b'c', b'd', 0, 0, 0]);
}

#[test]
fn string_253_bytes_short_form() {
    let s = "x".repeat(253);
    let bytes = s.to_bytes();
    // 1 + 253 = 254 -> 2 bytes of padding.
    assert_eq!(bytes.len(), 256);
    assert_eq!(bytes[0], 253);
    assert_eq!(&bytes[1..254], s.as_bytes());
    assert_eq!(&bytes[254..], [0, 0]);
    assert_eq!(String::from_bytes(&bytes).unwrap(), s);
}

#[test]
fn bytes_254_long_form() {
    let data = pattern(254);
    let bytes = encode_bytes(&data);
    assert_eq!(&bytes[..4], [0xfe, 254, 0, 0]);
    assert_eq!(&bytes[4..258], &data[..]);
    // 4 + 254 = 258 -> 2 bytes of padding.
    assert_eq!(&bytes[258..], [0, 0]);
    assert_eq!(bytes.len(), 260);
    let mut r = Reader::new(&bytes);
    assert_eq!(r.read_bytes().unwrap(), data);
    assert!(r.is_empty());
}

#[test]
fn string_254_long_form() {
    let s = "y".repeat(254);
    let bytes = s.to_bytes();
    assert_eq!(&bytes[..4], [0xfe, 254, 0, 0]);
    assert_eq!(bytes.len(), 260);
    assert_eq!(String::from_bytes(&bytes).unwrap(), s);
}

#[test]
fn bytes_300() {
    let data = pattern(300);
    let bytes = encode_bytes(&data);
    // 300 = 0x012c; 4 + 300 = 304 is a multiple of 4: no padding.
    assert_eq!(&bytes[..4], [0xfe, 0x2c, 0x01, 0x00]);
    assert_eq!(&bytes[4..], &data[..]);
    assert_eq!(bytes.len(), 304);
    let mut r = Reader::new(&bytes);
    assert_eq!(r.read_bytes_ref().unwrap(), &data[..]);
    assert!(r.is_empty());
}

#[test]
fn bytes_long_form_three_byte_length() {
    let data = pattern(70_001); // 0x011171
    let bytes = encode_bytes(&data);
    assert_eq!(&bytes[..4], [0xfe, 0x71, 0x11, 0x01]);
    // 4 + 70001 = 70005 -> 3 bytes of padding.
    assert_eq!(bytes.len(), 70_008);
    assert_eq!(&bytes[bytes.len() - 3..], [0, 0, 0]);
    assert_eq!(Reader::new(&bytes).read_bytes().unwrap(), data);
}

#[test]
fn bytes_ref_borrows_input() {
    let bytes = encode_bytes(b"abc");
    let mut r = Reader::new(&bytes);
    let got: &[u8] = r.read_bytes_ref().unwrap();
    assert_eq!(got, b"abc");
    assert!(core::ptr::eq(got.as_ptr(), bytes[1..].as_ptr()));
}

#[test]
fn padding_content_is_not_checked() {
    // Nonzero padding is accepted.
    assert_eq!(
        String::from_bytes(&[5, b'h', b'e', b'l', b'l', b'o', 0xaa, 0x55]).unwrap(),
        "hello"
    );
    let mut long = vec![0xfe, 254, 0, 0];
    long.extend(pattern(254));
    long.extend([7, 9]);
    assert_eq!(Reader::new(&long).read_bytes().unwrap(), pattern(254));
}

#[test]
fn long_form_with_short_length_is_accepted() {
    // 0xfe, length 5, "hello", then 4 + 5 = 9 -> 3 bytes of padding.
    let bytes = [0xfe, 5, 0, 0, b'h', b'e', b'l', b'l', b'o', 0, 0, 0];
    let mut r = Reader::new(&bytes);
    assert_eq!(r.read_string().unwrap(), "hello");
    assert!(r.is_empty());
    // The writer re-encodes it canonically.
    assert_eq!("hello".to_bytes(), [5, b'h', b'e', b'l', b'l', b'o', 0, 0]);
}

#[test]
fn empty_boxed_vector_of_i32() {
    let v: Vec<i32> = Vec::new();
    let bytes = v.to_bytes();
    assert_eq!(bytes, [0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0]);
    assert_eq!(Vec::<i32>::from_bytes(&bytes).unwrap(), v);
}

#[test]
fn boxed_vector_of_i32() {
    let v = vec![1_i32, -1, 0x0102_0304];
    let bytes = v.to_bytes();
    assert_eq!(
        bytes,
        [
            0x15, 0xc4, 0xb5, 0x1c, // VECTOR_ID
            3, 0, 0, 0, // count
            1, 0, 0, 0, // 1
            0xff, 0xff, 0xff, 0xff, // -1
            4, 3, 2, 1, // 0x01020304
        ]
    );
    assert_eq!(Vec::<i32>::from_bytes(&bytes).unwrap(), v);
    // The slice impl writes the same thing.
    assert_eq!(v[..].to_bytes(), bytes);
}

#[test]
fn write_vector_with_closure() {
    let mut buf = Vec::new();
    write::vector(&[true, false], &mut buf, |b, buf| write::bool(*b, buf));
    assert_eq!(
        buf,
        [
            0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 0xb5, 0x75, 0x72, 0x99, 0x37, 0x97, 0x79, 0xbc
        ]
    );
    let mut r = Reader::new(&buf);
    assert_eq!(r.read_vector(4, Reader::read_bool).unwrap(), [true, false]);
    assert!(r.is_empty());
}

#[test]
fn bare_vector_of_i64() {
    let mut buf = Vec::new();
    write::bare_vector(&[7_i64, -2], &mut buf, |v, buf| write::i64(*v, buf));
    assert_eq!(
        buf,
        [
            2, 0, 0, 0, // count, no id
            7, 0, 0, 0, 0, 0, 0, 0, // 7
            0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // -2
        ]
    );
    let mut r = Reader::new(&buf);
    assert_eq!(r.read_bare_vector(8, Reader::read_i64).unwrap(), [7, -2]);
    assert!(r.is_empty());
}

#[test]
fn empty_bare_vector() {
    let mut buf = Vec::new();
    write::bare_vector::<i32>(&[], &mut buf, |v, buf| write::i32(*v, buf));
    assert_eq!(buf, [0, 0, 0, 0]);
    let got: Vec<i32> = Reader::new(&buf)
        .read_bare_vector(4, Reader::read_i32)
        .unwrap();
    assert!(got.is_empty());
}

#[test]
fn vector_of_strings() {
    let v = vec![String::from("ab"), String::new()];
    let bytes = v.to_bytes();
    assert_eq!(
        bytes,
        [
            0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 2, b'a', b'b', 0, 0, 0, 0, 0
        ]
    );
    assert_eq!(Vec::<String>::from_bytes(&bytes).unwrap(), v);
}

#[test]
fn nested_vectors() {
    let v: Vec<Vec<i64>> = vec![vec![], vec![1]];
    let bytes = v.to_bytes();
    let mut expected = vec![0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0];
    expected.extend([0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0]);
    expected.extend([0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(bytes, expected);
    assert_eq!(Vec::<Vec<i64>>::from_bytes(&bytes).unwrap(), v);
}

#[test]
fn boxed_values_delegate() {
    let b = Box::new(42_i32);
    assert_eq!(b.to_bytes(), [42, 0, 0, 0]);
    assert_eq!(Box::<i32>::from_bytes(&[42, 0, 0, 0]).unwrap(), b);
    assert_eq!(<Box<i64> as Deserializable>::MIN_SIZE, 8);
    let r: &i32 = &7;
    assert_eq!(r.to_bytes(), [7, 0, 0, 0]);
}

#[test]
fn min_sizes() {
    assert_eq!(i32::MIN_SIZE, 4);
    assert_eq!(i64::MIN_SIZE, 8);
    assert_eq!(f64::MIN_SIZE, 8);
    assert_eq!(bool::MIN_SIZE, 4);
    assert_eq!(String::MIN_SIZE, 4);
    assert_eq!(<[u8; 16]>::MIN_SIZE, 16);
    assert_eq!(<[u8; 32]>::MIN_SIZE, 32);
    assert_eq!(Vec::<i64>::MIN_SIZE, 8);
    // Each MIN_SIZE is really reached by some value.
    assert_eq!(String::new().to_bytes().len(), String::MIN_SIZE);
    assert_eq!(Vec::<i64>::new().to_bytes().len(), Vec::<i64>::MIN_SIZE);
}

#[test]
fn serialize_appends() {
    let mut buf = vec![0xaa];
    1_i32.serialize(&mut buf);
    "a".serialize(&mut buf);
    assert_eq!(buf, [0xaa, 1, 0, 0, 0, 1, b'a', 0, 0]);
}

#[test]
fn reader_reads_in_sequence() {
    let mut buf = Vec::new();
    write::u32(0x1234_5678, &mut buf);
    write::i32(-5, &mut buf);
    write::string("hi", &mut buf);
    write::i64(9, &mut buf);
    write::bool(true, &mut buf);
    let mut r = Reader::new(&buf);
    assert_eq!(r.read_u32().unwrap(), 0x1234_5678);
    assert_eq!(r.read_i32().unwrap(), -5);
    assert_eq!(r.position(), 8);
    assert_eq!(r.read_string().unwrap(), "hi");
    assert_eq!(r.position(), 12);
    assert_eq!(r.read_i64().unwrap(), 9);
    assert!(r.read_bool().unwrap());
    assert!(r.is_empty());
    assert_eq!(r.finish(), Ok(()));
}

#[test]
fn unknown_constructor_display() {
    let e = DecodeError::unknown_constructor(0x1a2b3c4d, "Foo", 12);
    assert_eq!(
        e,
        DecodeError::UnknownConstructor {
            id: 0x1a2b3c4d,
            expected: "Foo",
            offset: 12
        }
    );
    assert_eq!(
        e.to_string(),
        "unknown constructor #1a2b3c4d for type Foo at byte 12"
    );
    assert_eq!(e.offset(), 12);
    // Leading zeros are kept in the id.
    assert_eq!(
        DecodeError::unknown_constructor(0xab, "Bar", 0).to_string(),
        "unknown constructor #000000ab for type Bar at byte 0"
    );
}
