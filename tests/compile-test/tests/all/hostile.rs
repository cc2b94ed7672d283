//! Hostile input: truncations, huge counts, deep nesting, unknown IDs, bad UTF-8. Decoding
//! must return an error — never panic, overflow the stack, or allocate what the input cannot
//! justify.

use compile_test::fixture::{enums, types};
use tlgen_runtime::{DecodeError, Deserializable, Serializable};
use tlgen_test_support::alloc::Counting;

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Bytes allocated by this thread while running `f`.
fn allocated_by<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let (out, a) = tlgen_test_support::alloc::measure(f);
    (out, a.bytes as usize)
}

fn le(id: u32) -> [u8; 4] {
    id.to_le_bytes()
}

#[test]
fn every_truncation_is_an_error() {
    let (v, bytes) = full_lists();
    assert_eq!(types::Lists::from_bytes(&bytes).unwrap(), v);
    for cut in 0..bytes.len() {
        assert!(
            types::Lists::from_bytes(&bytes[..cut]).is_err(),
            "prefix {cut}"
        );
    }
    let boxed = enums::Block::List(types::BlockList {
        items: vec![enums::Block::Text(types::BlockText {
            text: enums::Text::Link(types::TextLink {
                text: Box::new(enums::Text::Plain(types::TextPlain { text: "x".into() })),
                url: "u".repeat(300),
            }),
        })],
    })
    .to_bytes();
    for cut in 0..boxed.len() {
        assert!(
            enums::Block::from_bytes(&boxed[..cut]).is_err(),
            "prefix {cut}"
        );
    }
}

fn full_lists() -> (types::Lists, Vec<u8>) {
    let v = types::Lists {
        ints: vec![1, -1],
        longs: vec![7],
        blobs: vec![vec![0xaa; 300]],
        bare_blobs: vec![vec![], vec![1, 2, 3, 4]],
        names: vec!["x".into()],
        matrix: vec![vec![3], vec![]],
        blob_grid: vec![vec![b"ab".to_vec()]],
        units: vec![enums::Unit::Second],
        points: vec![types::Point { x: 5, y: 6 }],
        maybe: Some(vec![b"xyz".to_vec()]),
    };
    let b = v.to_bytes();
    (v, b)
}

#[test]
fn huge_vector_count_errors_without_allocating() {
    // `lists ints:Vector<int> ...`: vector ID, count 0x7fffffff, then 4 bytes. 12 bytes.
    let mut bytes = le(0x1cb5c415).to_vec();
    bytes.extend(0x7fff_ffffu32.to_le_bytes());
    bytes.extend([0; 4]);
    assert_eq!(bytes.len(), 12);
    let (res, alloc) = allocated_by(|| types::Lists::from_bytes(&bytes));
    assert!(
        matches!(
            res,
            Err(DecodeError::LengthTooLarge {
                declared: 0x7fff_ffff,
                ..
            })
        ),
        "{res:?}"
    );
    assert_eq!(alloc, 0, "decoding allocated {alloc} bytes");

    // The same through a bare vector of bytes and a nested vector.
    let mut bytes = le(0x1cb5c415).to_vec();
    bytes.extend([0; 4]); // ints: empty
    bytes.extend([0xff, 0xff, 0xff, 0x7f]); // longs: bare count 0x7fffffff
    let (res, alloc) = allocated_by(|| types::Lists::from_bytes(&bytes));
    assert!(
        matches!(res, Err(DecodeError::LengthTooLarge { .. })),
        "{res:?}"
    );
    assert_eq!(alloc, 0);

    // Negative counts.
    let mut bytes = le(0x1cb5c415).to_vec();
    bytes.extend((-1i32).to_le_bytes());
    assert!(matches!(
        types::Lists::from_bytes(&bytes),
        Err(DecodeError::NegativeLength { count: -1, .. })
    ));
}

#[test]
fn deep_nesting_errors_cleanly() {
    // 100 000 nested `textBold` then `textEmpty`: runs on the default test thread stack.
    let mut bytes = Vec::with_capacity(400_004);
    for _ in 0..100_000 {
        bytes.extend(le(0x7d31b181));
    }
    bytes.extend(le(0xe2d2a7e9));
    let err = enums::Text::from_bytes(&bytes).unwrap_err();
    assert!(matches!(err, DecodeError::TooDeep { .. }), "{err:?}");

    // Mutual recursion: Block -> Caption -> Block ... through an optional field.
    let mut bytes = Vec::new();
    for _ in 0..100_000 {
        bytes.extend(le(0x8e3992d7)); // blockQuote
        bytes.extend(le(0x5ed705a3)); // caption (boxed Caption)
        bytes.extend(1u32.to_le_bytes()); // flags: inner present
        bytes.extend(le(0xe2d2a7e9)); // text: textEmpty
    }
    let err = enums::Block::from_bytes(&bytes).unwrap_err();
    assert!(matches!(err, DecodeError::TooDeep { .. }), "{err:?}");

    // Recursion only through vectors: `jsonArray items:Vector<Json>`, one item each level.
    let mut bytes = Vec::new();
    for _ in 0..100_000 {
        bytes.extend(le(0x8528421c)); // jsonArray
        bytes.extend(le(0x1cb5c415)); // Vector
        bytes.extend(1u32.to_le_bytes()); // one item
    }
    bytes.extend(le(0x79a8f10c)); // jsonNull
    let err = enums::Json::from_bytes(&bytes).unwrap_err();
    assert!(matches!(err, DecodeError::TooDeep { .. }), "{err:?}");

    // Within the limit, deep values decode.
    let mut bytes = Vec::new();
    for _ in 0..60 {
        bytes.extend(le(0x7d31b181));
    }
    bytes.extend(le(0xe2d2a7e9));
    let v = enums::Text::from_bytes(&bytes).unwrap();
    assert_eq!(v.to_bytes(), bytes);
}

#[test]
fn unknown_constructor_names_the_type() {
    let err = enums::Text::from_bytes(&le(0xdeadbeef)).unwrap_err();
    assert_eq!(
        err,
        DecodeError::UnknownConstructor {
            id: 0xdeadbeef,
            expected: "Text",
            offset: 0
        }
    );
    // Inside a struct, with the offset of the bad ID.
    let mut bytes = vec![1, 0, 0, 0]; // caption flags
    bytes.extend(le(0x12345678));
    let err = types::Caption::from_bytes(&bytes).unwrap_err();
    assert_eq!(
        err,
        DecodeError::UnknownConstructor {
            id: 0x12345678,
            expected: "Text",
            offset: 4
        }
    );
    // Functions check their own ID.
    let err = compile_test::fixture::functions::Ping::from_bytes(&[0; 12]).unwrap_err();
    assert!(matches!(
        err,
        DecodeError::UnknownConstructor {
            expected: "ping",
            ..
        }
    ));
}

#[test]
fn invalid_utf8_is_an_error() {
    let bytes = [2, 0xff, 0xfe, 0];
    assert!(matches!(
        types::TextPlain::from_bytes(&bytes),
        Err(DecodeError::InvalidUtf8 { .. })
    ));
    // `bytes` fields take anything.
    let mut p = types::Prims {
        i: 0,
        l: 0,
        d: f64::NAN,
        b: false,
        s: String::new(),
        raw: vec![0xff, 0xfe],
        small: [0; 16],
        big: [0; 32],
    };
    let b = p.to_bytes();
    let back = types::Prims::from_bytes(&b).unwrap();
    assert_eq!(back.to_bytes(), b);
    p.d = 0.0;
    assert_ne!(p.to_bytes(), b);
}

#[test]
fn trailing_bytes_are_an_error() {
    let mut b = types::Point { x: 1, y: 2 }.to_bytes();
    b.push(0);
    assert!(matches!(
        types::Point::from_bytes(&b),
        Err(DecodeError::TrailingBytes { .. })
    ));
}

#[cfg(tl_api)]
mod api {
    use super::{allocated_by, le};
    use compile_test::api::{enums, types};
    use tlgen_runtime::{DecodeError, Deserializable, Serializable};

    #[test]
    fn msgs_ack_huge_count() {
        // msgs_ack#62d6b459 msg_ids:Vector<long>: ID, vector ID, count 0x7fffffff. 12 bytes.
        let mut bytes = le(0x62d6b459).to_vec();
        bytes.extend(le(0x1cb5c415));
        bytes.extend(0x7fff_ffffu32.to_le_bytes());
        assert_eq!(bytes.len(), 12);
        let (res, alloc) = allocated_by(|| enums::MsgsAck::from_bytes(&bytes));
        assert!(
            matches!(res, Err(DecodeError::LengthTooLarge { .. })),
            "{res:?}"
        );
        assert_eq!(alloc, 0);
    }

    #[test]
    fn rich_text_100k_levels() {
        let mut bytes = Vec::with_capacity(400_004);
        for _ in 0..100_000 {
            bytes.extend(le(0x6724abc4)); // textBold
        }
        bytes.extend(le(0xdc3d824f)); // textEmpty
        let err = enums::RichText::from_bytes(&bytes).unwrap_err();
        assert!(matches!(err, DecodeError::TooDeep { .. }), "{err:?}");
    }

    #[test]
    fn json_value_100k_levels_through_vectors() {
        // jsonArray#f7444763 value:Vector<JSONValue>: recursive only through the vector.
        let mut bytes = Vec::with_capacity(1_200_004);
        for _ in 0..100_000 {
            bytes.extend(le(0xf7444763)); // jsonArray
            bytes.extend(le(0x1cb5c415)); // Vector
            bytes.extend(1u32.to_le_bytes()); // one item
        }
        bytes.extend(le(0x3f6d7b68)); // jsonNull
        let err = enums::JsonValue::from_bytes(&bytes).unwrap_err();
        assert!(matches!(err, DecodeError::TooDeep { .. }), "{err:?}");
    }

    #[test]
    fn truncated_message() {
        let m = enums::RichText::TextConcat(types::TextConcat {
            texts: vec![
                enums::RichText::TextUrl(types::TextUrl {
                    text: Box::new(enums::RichText::TextPlain(types::TextPlain {
                        text: "hello".into(),
                    })),
                    url: "https://example.invalid/".into(),
                    webpage_id: 7,
                }),
                enums::RichText::TextEmpty,
            ],
        });
        let b = m.to_bytes();
        assert_eq!(enums::RichText::from_bytes(&b).unwrap(), m);
        for cut in 0..b.len() {
            assert!(enums::RichText::from_bytes(&b[..cut]).is_err());
        }
    }
}

/// Decode check of one boxed type for the corpus: `Err(message)` when the bytes do not
/// decode; when they do, encoding the value and decoding that again must give the same bytes.
pub type Decode = fn(&[u8]) -> Result<(), String>;

pub fn decode<T: Deserializable + Serializable>(bytes: &[u8]) -> Result<(), String> {
    let value = T::from_bytes(bytes).map_err(|e| e.to_string())?;
    let encoded = value.to_bytes();
    let again = T::from_bytes(&encoded)
        .map_err(|e| format!("decoded, but its encoding does not decode: {e}"))
        .expect("re-decode");
    assert!(
        again.to_bytes() == encoded,
        "encode(decode(encode(v))) != encode(v)"
    );
    Ok(())
}

mod fixture_enums {
    use compile_test::fixture;
    include!(concat!(env!("OUT_DIR"), "/fixture_enums.rs"));
}

#[cfg(tl_api)]
mod api_enums {
    use compile_test::api;
    include!(concat!(env!("OUT_DIR"), "/api_enums.rs"));
}

/// The hostile-input corpus kept in the repository: `corpus/<module>/<TL type>/<case>.<want>.bin`
/// (`module` is `fixture` or `api`; `want` is `err` when decoding must fail, `ok` when it must
/// succeed, `any` when either is fine — e.g. fuzzer finds). Every file is decoded as its type;
/// nothing may panic, overflow the stack or allocate more than the input justifies.
/// `scripts/hostile-corpus.py` wrote the hand-made cases; crashes found by the fuzzers are
/// added here as they are fixed.
#[test]
fn hostile_corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let modules: &[(&str, &[(&str, Decode)])] = &[
        ("fixture", fixture_enums::ENUMS),
        #[cfg(tl_api)]
        ("api", api_enums::ENUMS),
    ];
    let mut checked = 0;
    for &(module, enums) in modules {
        let dir = root.join(module);
        let mut types: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("dir entry").path())
            .collect();
        types.sort();
        for type_dir in types {
            let tl_type = type_dir.file_name().unwrap().to_string_lossy().into_owned();
            let decode = enums
                .iter()
                .find(|(name, _)| *name == tl_type)
                .unwrap_or_else(|| {
                    panic!(
                        "{}: no boxed type {tl_type} in {module}",
                        type_dir.display()
                    )
                })
                .1;
            let mut files: Vec<_> = std::fs::read_dir(&type_dir)
                .expect("read type dir")
                .map(|e| e.expect("dir entry").path())
                .collect();
            files.sort();
            for file in files {
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                let want = name
                    .strip_suffix(".bin")
                    .and_then(|n| n.rsplit_once('.'))
                    .map(|(_, w)| w)
                    .unwrap_or_else(|| {
                        panic!("{}: name it <case>.<err|ok|any>.bin", file.display())
                    });
                let bytes = std::fs::read(&file).expect("read corpus file");
                let (result, alloc) = allocated_by(|| decode(&bytes));
                // An element takes at least 4 wire bytes and at most ~4 KiB in memory (the
                // largest api.tl enums); a decode that allocates beyond that trusted a length.
                assert!(
                    alloc <= 1024 * bytes.len() + 65536,
                    "{}: {alloc} bytes allocated for {} input bytes",
                    file.display(),
                    bytes.len()
                );
                match (want, &result) {
                    ("err", Ok(())) => panic!("{}: decoded, but must be an error", file.display()),
                    ("ok", Err(e)) => panic!("{}: must decode: {e}", file.display()),
                    ("err" | "ok" | "any", _) => {}
                    (other, _) => panic!("{}: unknown expectation `{other}`", file.display()),
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "empty corpus");
    println!("{checked} corpus inputs checked");
}
