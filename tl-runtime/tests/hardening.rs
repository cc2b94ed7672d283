//! Hostile and broken input: every case must be a clean error with the right
//! offset, never a panic.

use std::error::Error as _;

use tlgen_runtime::{
    BOOL_TRUE_ID, DecodeError, Deserializable, Identifiable, Reader, Serializable, VECTOR_ID, write,
};

fn vector_header(count: i32) -> Vec<u8> {
    let mut buf = Vec::new();
    write::u32(VECTOR_ID, &mut buf);
    write::i32(count, &mut buf);
    buf
}

/// A recursive TL type, the way generated code would write one:
/// `leaf#11111111 = Tree; node#22222222 child:Tree = Tree;`
#[derive(Debug, PartialEq)]
enum Tree {
    Leaf,
    Node(Box<Tree>),
}

const LEAF_ID: u32 = 0x1111_1111;
const NODE_ID: u32 = 0x2222_2222;

impl Serializable for Tree {
    fn serialize(&self, buf: &mut Vec<u8>) {
        match self {
            Tree::Leaf => write::u32(LEAF_ID, buf),
            Tree::Node(child) => {
                write::u32(NODE_ID, buf);
                child.serialize(buf);
            }
        }
    }
}

impl Deserializable for Tree {
    const MIN_SIZE: usize = 4;

    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.enter()?;
        let result = Tree::deserialize_body(r);
        r.leave();
        result
    }
}

impl Tree {
    fn deserialize_body(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let offset = r.position();
        match r.read_u32()? {
            LEAF_ID => Ok(Tree::Leaf),
            NODE_ID => Box::<Tree>::deserialize(r).map(Tree::Node),
            id => Err(DecodeError::unknown_constructor(id, "Tree", offset)),
        }
    }
}

fn tree(depth: usize) -> Tree {
    (0..depth).fold(Tree::Leaf, |t, _| Tree::Node(Box::new(t)))
}

/// Valid encodings of assorted values, canonical form.
fn samples() -> Vec<(&'static str, Vec<u8>)> {
    let mut out = vec![
        ("i32", 0x1234_5678_i32.to_bytes()),
        ("i64", (-3_i64).to_bytes()),
        ("f64", 3.25_f64.to_bytes()),
        ("bool", true.to_bytes()),
        ("int128", [9_u8; 16].to_bytes()),
        ("int256", [8_u8; 32].to_bytes()),
        ("vec<i32>", vec![1_i32, 2, 3].to_bytes()),
        (
            "vec<vec<i64>>",
            vec![vec![1_i64], vec![], vec![2, 3]].to_bytes(),
        ),
        (
            "vec<string>",
            vec![String::from("hello"), "z".repeat(300)].to_bytes(),
        ),
        ("tree", tree(5).to_bytes()),
    ];
    for len in [0, 1, 2, 3, 4, 5, 252, 253, 254, 255, 256, 300, 1000] {
        out.push(("string", "s".repeat(len).to_bytes()));
    }
    out
}

fn decode(kind: &str, bytes: &[u8]) -> Result<(), DecodeError> {
    match kind {
        "i32" => i32::from_bytes(bytes).map(drop),
        "i64" => i64::from_bytes(bytes).map(drop),
        "f64" => f64::from_bytes(bytes).map(drop),
        "bool" => bool::from_bytes(bytes).map(drop),
        "int128" => <[u8; 16]>::from_bytes(bytes).map(drop),
        "int256" => <[u8; 32]>::from_bytes(bytes).map(drop),
        "vec<i32>" => Vec::<i32>::from_bytes(bytes).map(drop),
        "vec<vec<i64>>" => Vec::<Vec<i64>>::from_bytes(bytes).map(drop),
        "vec<string>" => Vec::<String>::from_bytes(bytes).map(drop),
        "tree" => Tree::from_bytes(bytes).map(drop),
        "string" => String::from_bytes(bytes).map(drop),
        other => unreachable!("{other}"),
    }
}

#[test]
fn every_truncation_is_an_error() {
    for (kind, bytes) in samples() {
        decode(kind, &bytes).unwrap_or_else(|e| panic!("{kind} full decode failed: {e}"));
        for cut in 0..bytes.len() {
            let err = decode(kind, &bytes[..cut])
                .expect_err(&format!("{kind} truncated to {cut} bytes decoded"));
            assert!(
                matches!(
                    err,
                    DecodeError::UnexpectedEof { .. } | DecodeError::LengthTooLarge { .. }
                ),
                "{kind} truncated to {cut}: {err:?}"
            );
            assert!(err.offset() <= cut, "{kind} cut {cut}: {err:?}");
        }
    }
}

#[test]
fn every_truncation_of_bytes_is_an_error() {
    for len in [0, 1, 3, 4, 253, 254, 257, 300] {
        let mut buf = Vec::new();
        write::bytes(&vec![0xab; len], &mut buf);
        for cut in 0..buf.len() {
            let mut r = Reader::new(&buf[..cut]);
            assert!(r.read_bytes().is_err(), "len {len} cut {cut}");
            let mut r = Reader::new(&buf[..cut]);
            assert!(r.read_bytes_ref().is_err(), "len {len} cut {cut}");
        }
    }
}

#[test]
fn trailing_bytes_error() {
    let mut bytes = 5_i32.to_bytes();
    bytes.push(0);
    assert_eq!(
        i32::from_bytes(&bytes),
        Err(DecodeError::TrailingBytes {
            offset: 4,
            remaining: 1
        })
    );
    let mut bytes = "hello".to_bytes();
    bytes.extend([0, 0, 0, 0]);
    let err = String::from_bytes(&bytes).unwrap_err();
    assert_eq!(
        err,
        DecodeError::TrailingBytes {
            offset: 8,
            remaining: 4
        }
    );
    assert_eq!(
        err.to_string(),
        "4 trailing bytes after the value at byte 8"
    );
}

#[test]
fn missing_padding_is_an_error() {
    // "hello" needs 2 padding bytes; give it 1.
    let err = String::from_bytes(&[5, b'h', b'e', b'l', b'l', b'o', 0]).unwrap_err();
    assert_eq!(
        err,
        DecodeError::UnexpectedEof {
            offset: 0,
            needed: 8,
            remaining: 7
        }
    );
}

#[test]
fn eof_error_fields() {
    let mut r = Reader::new(&[1, 2, 3, 4, 5, 6]);
    r.read_i32().unwrap();
    let err = r.read_i64().unwrap_err();
    assert_eq!(
        err,
        DecodeError::UnexpectedEof {
            offset: 4,
            needed: 8,
            remaining: 2
        }
    );
    assert_eq!(
        err.to_string(),
        "unexpected end of input at byte 4: needed 8 bytes, 2 remaining"
    );
    assert!(Reader::new(&[]).peek_u32().is_err());
    assert!(Reader::new(&[1, 2, 3]).read_int128().is_err());
    assert!(Reader::new(&[0; 31]).read_int256().is_err());
    assert!(Reader::new(&[0; 7]).read_f64().is_err());
}

#[test]
fn reserved_0xff_prefix_is_an_error() {
    let mut buf = vec![0; 4];
    buf.extend([0xff, 1, 0, 0, b'a', 0, 0, 0]);
    let mut r = Reader::new(&buf);
    r.read_i32().unwrap();
    let err = r.read_string().unwrap_err();
    assert_eq!(err, DecodeError::ReservedLengthPrefix { offset: 4 });
    assert_eq!(err.to_string(), "reserved length prefix 0xff at byte 4");
    assert_eq!(
        Reader::new(&[0xff; 8]).read_bytes_ref(),
        Err(DecodeError::ReservedLengthPrefix { offset: 0 })
    );
}

#[test]
fn invalid_utf8_is_an_error() {
    // 0xc3 0x28 is an invalid 2-byte sequence.
    let bytes = [3, b'a', 0xc3, 0x28];
    let err = String::from_bytes(&bytes).unwrap_err();
    let DecodeError::InvalidUtf8 { offset, error } = err.clone() else {
        panic!("{err:?}");
    };
    assert_eq!(offset, 0);
    assert_eq!(error.valid_up_to(), 1);
    assert!(err.source().is_some());
    assert!(
        err.to_string()
            .starts_with("invalid UTF-8 in string at byte 0")
    );
    // The same bytes are fine as TL `bytes`.
    assert_eq!(
        Reader::new(&bytes).read_bytes().unwrap(),
        [b'a', 0xc3, 0x28]
    );
    // Lone surrogate encoded as UTF-8 (CESU-ish) and overlong forms fail too.
    assert!(String::from_bytes(&[3, 0xed, 0xa0, 0x80]).is_err());
    assert!(String::from_bytes(&[2, 0xc0, 0x80, 0]).is_err());
}

#[test]
fn string_length_larger_than_input() {
    // Long form declaring 0xffffff bytes, with 4 bytes of data present.
    let buf = [0xfe, 0xff, 0xff, 0xff, 1, 2, 3, 4];
    let err = Reader::new(&buf).read_bytes().unwrap_err();
    assert_eq!(
        err,
        DecodeError::LengthTooLarge {
            declared: 0xff_ffff,
            min_item_size: 1,
            remaining: 4,
            offset: 0
        }
    );
    // Short form declaring 200 bytes with 3 present.
    let err = String::from_bytes(&[200, b'a', b'b', b'c']).unwrap_err();
    assert_eq!(
        err,
        DecodeError::LengthTooLarge {
            declared: 200,
            min_item_size: 1,
            remaining: 3,
            offset: 0
        }
    );
    // Long-form header itself cut short.
    assert_eq!(
        Reader::new(&[0xfe, 1]).read_bytes(),
        Err(DecodeError::UnexpectedEof {
            offset: 0,
            needed: 4,
            remaining: 2
        })
    );
}

#[test]
fn huge_vector_count_is_rejected_at_once() {
    // VECTOR_ID, count 0x7fffffff, and 4 bytes: 12 bytes in all.
    let mut buf = vector_header(0x7fff_ffff);
    buf.extend([0; 4]);
    assert_eq!(buf.len(), 12);
    let err = Vec::<i32>::from_bytes(&buf).unwrap_err();
    assert_eq!(
        err,
        DecodeError::LengthTooLarge {
            declared: 0x7fff_ffff,
            min_item_size: 4,
            remaining: 4,
            offset: 4
        }
    );
    assert_eq!(
        err.to_string(),
        "declared length 2147483647 at byte 4 needs at least 8589934588 bytes, but only 4 remain"
    );
    // A zero min_item_size is treated as 1.
    let err = Reader::new(&buf).read_vector(0, |_| Ok(())).unwrap_err();
    assert!(
        matches!(
            err,
            DecodeError::LengthTooLarge {
                declared: 0x7fff_ffff,
                min_item_size: 1,
                remaining: 4,
                offset: 4
            }
        ),
        "{err:?}"
    );
    // The item closure is never called.
    let mut calls = 0;
    let _ = Reader::new(&buf).read_vector(4, |r| {
        calls += 1;
        r.read_i32()
    });
    assert_eq!(calls, 0);
}

#[test]
fn vector_count_checked_against_item_min_size() {
    // 2 items of at least 8 bytes need 16; 12 present.
    let mut buf = vector_header(2);
    buf.extend([0; 12]);
    assert!(matches!(
        Vec::<i64>::from_bytes(&buf),
        Err(DecodeError::LengthTooLarge {
            declared: 2,
            min_item_size: 8,
            remaining: 12,
            ..
        })
    ));
    // With 16 present it decodes.
    buf.extend([0; 4]);
    assert_eq!(Vec::<i64>::from_bytes(&buf).unwrap(), [0, 0]);
}

#[test]
fn overflowing_count_times_size_is_rejected() {
    let mut buf = vector_header(i32::MAX);
    buf.extend([0; 16]);
    let err = Reader::new(&buf)
        .read_vector(usize::MAX, |r| r.read_i32())
        .unwrap_err();
    assert!(matches!(err, DecodeError::LengthTooLarge { .. }), "{err:?}");
    // Display saturates instead of overflowing.
    assert!(err.to_string().contains(&usize::MAX.to_string()));
}

#[test]
fn negative_vector_count_is_an_error() {
    let buf = vector_header(-1);
    let err = Vec::<i32>::from_bytes(&buf).unwrap_err();
    assert_eq!(
        err,
        DecodeError::NegativeLength {
            count: -1,
            offset: 4
        }
    );
    assert_eq!(err.to_string(), "negative vector count -1 at byte 4");
    let mut bare = Vec::new();
    write::i32(i32::MIN, &mut bare);
    assert_eq!(
        Reader::new(&bare).read_bare_vector(4, Reader::read_i32),
        Err(DecodeError::NegativeLength {
            count: i32::MIN,
            offset: 0
        })
    );
}

#[test]
fn wrong_vector_id_is_an_error() {
    let mut buf = Vec::new();
    write::u32(0xdead_beef, &mut buf);
    write::i32(0, &mut buf);
    let err = Vec::<i32>::from_bytes(&buf).unwrap_err();
    assert_eq!(
        err,
        DecodeError::UnknownConstructor {
            id: 0xdead_beef,
            expected: "Vector",
            offset: 0
        }
    );
}

#[test]
fn item_error_inside_vector_reports_its_offset() {
    // vector of 2 strings, the second has a 0xff prefix.
    let mut buf = vector_header(2);
    write::string("ab", &mut buf);
    buf.extend([0xff, 0, 0, 0]);
    assert_eq!(
        Vec::<String>::from_bytes(&buf),
        Err(DecodeError::ReservedLengthPrefix { offset: 12 })
    );
}

#[test]
fn invalid_bool_names_the_id() {
    let mut buf = vec![0; 8];
    write::u32(0x1234_5678, &mut buf);
    let mut r = Reader::new(&buf);
    r.read_i64().unwrap();
    let err = r.read_bool().unwrap_err();
    assert_eq!(
        err,
        DecodeError::UnknownConstructor {
            id: 0x1234_5678,
            expected: "Bool",
            offset: 8
        }
    );
    assert_eq!(
        err.to_string(),
        "unknown constructor #12345678 for type Bool at byte 8"
    );
    // A bare `true` (VECTOR_ID, say) is not a Bool either.
    assert!(bool::from_bytes(&VECTOR_ID.to_le_bytes()).is_err());
    assert!(bool::from_bytes(&BOOL_TRUE_ID.to_le_bytes()).unwrap());
}

#[test]
fn depth_limit_allows_exactly_max_depth() {
    // tree(n) opens n + 1 levels (every node and the leaf call enter()).
    let ok = tree(63).to_bytes();
    assert_eq!(Tree::from_bytes(&ok).unwrap(), tree(63));
    let too_deep = tree(64).to_bytes();
    let err = Tree::from_bytes(&too_deep).unwrap_err();
    assert_eq!(
        err,
        DecodeError::TooDeep {
            max_depth: 64,
            offset: 64 * 4
        }
    );
    assert_eq!(
        err.to_string(),
        "values nested deeper than the limit of 64 at byte 256"
    );
}

#[test]
fn custom_max_depth() {
    let bytes = tree(2).to_bytes(); // 3 levels
    let mut r = Reader::with_max_depth(&bytes, 3);
    assert_eq!(r.max_depth(), 3);
    assert_eq!(Tree::deserialize(&mut r).unwrap(), tree(2));
    assert_eq!(r.depth(), 0);
    let mut r = Reader::with_max_depth(&bytes, 2);
    assert!(matches!(
        Tree::deserialize(&mut r),
        Err(DecodeError::TooDeep {
            max_depth: 2,
            offset: 8
        })
    ));
    let mut r = Reader::with_max_depth(&bytes, 0);
    assert!(matches!(
        r.enter(),
        Err(DecodeError::TooDeep {
            max_depth: 0,
            offset: 0
        })
    ));
}

#[test]
fn hostile_deep_nesting_does_not_overflow_the_stack() {
    // A million nested nodes: decoding must stop at depth 64, not recurse.
    let mut buf = Vec::new();
    for _ in 0..1_000_000 {
        write::u32(NODE_ID, &mut buf);
    }
    write::u32(LEAF_ID, &mut buf);
    assert!(matches!(
        Tree::from_bytes(&buf),
        Err(DecodeError::TooDeep { max_depth: 64, .. })
    ));
}

#[test]
fn enter_leave_and_nested() {
    let mut r = Reader::with_max_depth(&[], 2);
    r.enter().unwrap();
    r.enter().unwrap();
    assert_eq!(r.depth(), 2);
    assert!(r.enter().is_err());
    assert_eq!(r.depth(), 2, "a failed enter leaves the depth alone");
    r.leave();
    r.leave();
    assert_eq!(r.depth(), 0);
    // nested() leaves even when the inner decode fails.
    let res: Result<i32, _> = r.nested(|r| r.read_i32());
    assert!(res.is_err());
    assert_eq!(r.depth(), 0);
    let res = r.nested(|r| r.nested(|r| r.nested(|_| Ok(()))));
    assert!(matches!(res, Err(DecodeError::TooDeep { .. })));
    assert_eq!(r.depth(), 0);
}

#[test]
fn unknown_constructor_in_generated_type() {
    let err = Tree::from_bytes(&[1, 2, 3, 4]).unwrap_err();
    assert_eq!(
        err,
        DecodeError::UnknownConstructor {
            id: 0x0403_0201,
            expected: "Tree",
            offset: 0
        }
    );
}

#[test]
fn every_error_has_an_offset() {
    let errs = [
        DecodeError::UnexpectedEof {
            offset: 1,
            needed: 4,
            remaining: 0,
        },
        DecodeError::unknown_constructor(0, "X", 2),
        DecodeError::LengthTooLarge {
            declared: 1,
            min_item_size: 1,
            remaining: 0,
            offset: 3,
        },
        DecodeError::NegativeLength {
            count: -1,
            offset: 4,
        },
        DecodeError::ReservedLengthPrefix { offset: 5 },
        DecodeError::TooDeep {
            max_depth: 1,
            offset: 6,
        },
        DecodeError::TrailingBytes {
            offset: 7,
            remaining: 1,
        },
    ];
    for (i, e) in errs.iter().enumerate() {
        assert_eq!(e.offset(), i + 1);
        assert!(e.to_string().contains(&format!("byte {}", i + 1)), "{e}");
        assert!(e.source().is_none());
    }
    let _: &dyn std::error::Error = &errs[0];
    assert_eq!(<Tree as Deserializable>::MIN_SIZE, 4);
    assert_eq!(<Box<Vec<i32>> as Identifiable>::CONSTRUCTOR_ID, VECTOR_ID);
}

#[test]
fn reader_after_error_stays_in_bounds() {
    let buf = [200, 1, 2];
    let mut r = Reader::new(&buf);
    assert!(r.read_bytes().is_err());
    assert!(r.position() <= buf.len());
    assert_eq!(r.position() + r.remaining(), buf.len());
}
