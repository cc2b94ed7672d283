//! Known-byte tests: encodings written out by hand from the TL rules, checked both ways.

use compile_test::fixture::{enums, functions, types};
use tlgen_runtime::{Deserializable, Identifiable, RemoteCall, Serializable};

fn le(id: u32) -> [u8; 4] {
    id.to_le_bytes()
}

/// `value` encodes to `expected`, and `expected` decodes to `value`.
fn both_ways<T>(value: &T, expected: &[u8])
where
    T: Serializable + Deserializable + PartialEq + std::fmt::Debug,
{
    assert_eq!(value.to_bytes(), expected, "encoding of {value:?}");
    assert_eq!(&T::from_bytes(expected).expect("decode"), value);
}

const VECTOR: u32 = 0x1cb5c415;
const BOOL_TRUE: u32 = 0x997275b5;
const BOOL_FALSE: u32 = 0xbc799737;

#[test]
fn bool_both_constructors() {
    // `checkName name:string = Bool` returns bool.
    fn returns_bool(x: <functions::CheckName as RemoteCall>::Return) -> bool {
        x
    }
    assert!(returns_bool(bool::from_bytes(&le(BOOL_TRUE)).unwrap()));
    assert!(!returns_bool(bool::from_bytes(&le(BOOL_FALSE)).unwrap()));
    let f = functions::r#type::Set {
        r#type: 1,
        self_: false,
    };
    let mut expected = le(0x6c4373c9).to_vec();
    expected.extend([1, 0, 0, 0]);
    expected.extend(le(BOOL_FALSE));
    both_ways(&f, &expected);
}

#[test]
fn every_primitive() {
    let v = types::Prims {
        i: 1,
        l: -2,
        d: 1.5,
        b: true,
        s: "hi".into(),
        raw: vec![1, 2, 3],
        small: [0x11; 16],
        big: [0x22; 32],
    };
    let mut e = vec![1, 0, 0, 0];
    e.extend([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    e.extend([0, 0, 0, 0, 0, 0, 0xf8, 0x3f]);
    e.extend(le(BOOL_TRUE));
    e.extend([2, b'h', b'i', 0]);
    e.extend([3, 1, 2, 3]);
    e.extend([0x11; 16]);
    e.extend([0x22; 32]);
    both_ways(&v, &e);
    assert_eq!(types::Prims::CONSTRUCTOR_ID, 0x068b198d);
}

#[test]
fn short_and_long_strings_with_padding() {
    // 253 bytes: one length byte, 253 data bytes, 2 padding bytes.
    let short = types::TextPlain {
        text: "a".repeat(253),
    };
    let mut e = vec![253];
    e.extend([b'a'; 253]);
    e.extend([0, 0]);
    assert_eq!(e.len() % 4, 0);
    both_ways(&short, &e);

    // 254 bytes: 0xfe and a 3-byte length, 254 data bytes, 2 padding bytes.
    let long = types::TextPlain {
        text: "b".repeat(254),
    };
    let mut e = vec![0xfe, 254, 0, 0];
    e.extend([b'b'; 254]);
    e.extend([0, 0]);
    both_ways(&long, &e);

    // 1000 bytes through the enum: ID first.
    let boxed = enums::Text::Plain(types::TextPlain {
        text: "c".repeat(1000),
    });
    let mut e = le(0xfc8417a7).to_vec();
    e.extend([0xfe, 0xe8, 0x03, 0]);
    e.extend([b'c'; 1000]);
    both_ways(&boxed, &e);

    // Empty: one zero length byte and 3 padding bytes.
    both_ways(
        &types::TextPlain {
            text: String::new(),
        },
        &[0, 0, 0, 0],
    );
}

fn empty_lists() -> types::Lists {
    types::Lists {
        ints: vec![],
        longs: vec![],
        blobs: vec![],
        bare_blobs: vec![],
        names: vec![],
        matrix: vec![],
        blob_grid: vec![],
        units: vec![],
        points: vec![],
        maybe: None,
    }
}

#[test]
fn empty_vectors() {
    let mut e = Vec::new();
    e.extend(le(VECTOR)); // ints: Vector<int>
    e.extend([0; 4]);
    e.extend([0; 4]); // longs: vector<long> (bare: count only)
    e.extend(le(VECTOR)); // blobs
    e.extend([0; 4]);
    e.extend([0; 4]); // bare_blobs
    e.extend(le(VECTOR)); // names
    e.extend([0; 4]);
    e.extend(le(VECTOR)); // matrix
    e.extend([0; 4]);
    e.extend(le(VECTOR)); // blob_grid
    e.extend([0; 4]);
    e.extend(le(VECTOR)); // units
    e.extend([0; 4]);
    e.extend([0; 4]); // points (bare)
    e.extend([0; 4]); // flags
    both_ways(&empty_lists(), &e);
}

pub fn full_lists() -> (types::Lists, Vec<u8>) {
    let v = types::Lists {
        ints: vec![1, -1],
        longs: vec![7],
        blobs: vec![vec![0xaa]],
        bare_blobs: vec![vec![], vec![1, 2, 3, 4]],
        names: vec!["x".into()],
        matrix: vec![vec![3], vec![]],
        blob_grid: vec![vec![b"ab".to_vec()]],
        units: vec![enums::Unit::Second, enums::Unit::First],
        points: vec![types::Point { x: 5, y: 6 }],
        maybe: Some(vec![b"xyz".to_vec()]),
    };
    let mut e = Vec::new();
    e.extend(le(VECTOR));
    e.extend([2, 0, 0, 0, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
    e.extend([1, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0]);
    e.extend(le(VECTOR));
    e.extend([1, 0, 0, 0, 1, 0xaa, 0, 0]);
    e.extend([2, 0, 0, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4, 0, 0, 0]);
    e.extend(le(VECTOR));
    e.extend([1, 0, 0, 0, 1, b'x', 0, 0]);
    e.extend(le(VECTOR));
    e.extend([2, 0, 0, 0]);
    e.extend(le(VECTOR));
    e.extend([1, 0, 0, 0, 3, 0, 0, 0]);
    e.extend(le(VECTOR));
    e.extend([0, 0, 0, 0]);
    e.extend(le(VECTOR));
    e.extend([1, 0, 0, 0]);
    e.extend(le(VECTOR));
    e.extend([1, 0, 0, 0, 2, b'a', b'b', 0]);
    e.extend(le(VECTOR));
    e.extend([2, 0, 0, 0]);
    e.extend(le(0x4187a332));
    e.extend(le(0xb215ef5f));
    e.extend([1, 0, 0, 0, 5, 0, 0, 0, 6, 0, 0, 0]); // bare points, bare point
    e.extend([1, 0, 0, 0]); // flags: bit 0
    e.extend(le(VECTOR));
    e.extend([1, 0, 0, 0, 3, b'x', b'y', b'z']);
    (v, e)
}

#[test]
fn non_empty_and_nested_vectors() {
    let (v, e) = full_lists();
    both_ways(&v, &e);
}

#[test]
fn flags_and_true_flags() {
    let v = types::Flagged {
        pinned: true,
        title: Some("t".into()),
        count: None,
        width: Some(2),
        height: Some(3),
        hidden: true,
        note: None,
    };
    let mut e = vec![0b1011, 0, 0, 0]; // pinned (0), title (1), width+height (3)
    e.extend([1, b't', 0, 0]);
    e.extend([2, 0, 0, 0, 3, 0, 0, 0]);
    e.extend([1, 0, 0, 0]); // flags2: hidden (0)
    both_ways(&v, &e);

    // flags2 bit 31.
    let v = types::Flagged {
        pinned: false,
        title: None,
        count: Some(9),
        width: None,
        height: None,
        hidden: false,
        note: Some(String::new()),
    };
    let mut e = vec![4, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0];
    both_ways(&v, &e);
    // Unknown flag bits are ignored when decoding.
    e[1] = 0x10;
    assert_eq!(types::Flagged::from_bytes(&e).unwrap(), v);

    // A flags word after a field; a true flag sharing its bit with a value.
    let v = types::Late {
        id: 1,
        extra: None,
        marked: true,
        reason: Some("r".into()),
    };
    both_ways(&v, &[1, 0, 0, 0, 2, 0, 0, 0, 1, b'r', 0, 0]);
}

#[test]
fn invoke_with_layer_wraps_a_call() {
    let call = functions::InvokeWithLayer {
        layer: 7,
        query: functions::Ping {
            ping_id: 0x0102_0304_0506_0708,
        },
    };
    let mut e = le(0xda9b0d0d).to_vec();
    e.extend([7, 0, 0, 0]);
    e.extend(le(0x7abe77ec));
    e.extend([8, 7, 6, 5, 4, 3, 2, 1]);
    both_ways(&call, &e);
    assert_eq!(
        call.to_bytes()[..4],
        le(functions::InvokeWithLayer::<functions::Ping>::CONSTRUCTOR_ID)
    );

    // The answer type is the inner call's.
    fn answer(
        x: <functions::InvokeWithLayer<functions::Ping> as RemoteCall>::Return,
    ) -> enums::Pong {
        x
    }
    let mut pong = le(0x347773c5).to_vec();
    pong.extend([1, 0, 0, 0, 0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1]);
    let p = answer(Deserializable::from_bytes(&pong).unwrap());
    assert_eq!(
        p,
        enums::Pong::Pong(types::Pong {
            msg_id: 1,
            ping_id: 0x0102_0304_0506_0708
        })
    );

    // Generic with flags, nested generics.
    let call = functions::InvokeAfter {
        after: Some(5),
        query: functions::InvokeWithLayer {
            layer: 7,
            query: functions::GetNumbers,
        },
    };
    let mut e = le(0x7631c47f).to_vec();
    e.extend([1, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0]);
    e.extend(le(0xda9b0d0d));
    e.extend([7, 0, 0, 0]);
    e.extend(le(0xf8200bb4));
    both_ways(&call, &e);
    let _: fn(<functions::InvokeAfter<functions::GetNumbers> as RemoteCall>::Return) -> Vec<i32> =
        |x| x;
}

#[test]
fn remote_call_return_types() {
    let _: fn(<functions::GetIds as RemoteCall>::Return) -> Vec<i64> = |x| x;
    let _: fn(<functions::GetUnits as RemoteCall>::Return) -> Vec<enums::Unit> = |x| x;
    let _: fn(<functions::GetPoint as RemoteCall>::Return) -> enums::Point = |x| x;
    let _: fn(<functions::a::b::Touch as RemoteCall>::Return) -> enums::a::b::Deep = |x| x;
}

#[test]
fn bare_types_and_names() {
    // `%Point` and `point` are both the bare constructor.
    let s = types::Segment {
        from: types::Point { x: 1, y: 2 },
        to: types::Point { x: 3, y: 4 },
    };
    both_ways(&s, &[1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]);
    // Keywords.
    let k = types::Keywords {
        r#type: 1,
        self_: 2,
        r#gen: 3,
        r#final: 4,
        r#loop: 5,
        r#static: "s".into(),
        crate_: 6,
        super_: 7,
        r#fn: true,
        r#match: 8,
        r: 9,
        buf: 10,
    };
    assert_eq!(types::Keywords::from_bytes(&k.to_bytes()).unwrap(), k);
    let _ = types::Self_;
    let _ = types::r#type::Kind { value: 1 };
    // Variant naming.
    let _ = enums::Shape::ShapeCircle(types::ShapeCircle { radius: 1 });
    let _ = enums::Shape::Circle(types::Circle { r: 1 });
    let _ = enums::Color::Red;
    let _ = enums::Color::Rgb(types::ColorRgb { r: 1, g: 2, b: 3 });
    let _ = enums::auth::SentCode::Success(types::auth::SentCodeSuccess {
        auth: enums::Node::Node(types::Node {
            value: 1,
            next: None,
        }),
    });
    assert_eq!(compile_test::fixture::LAYER, 7);
    assert_eq!(
        compile_test::fixture::name_for_id(0x997275b5),
        Some("boolTrue")
    );
    assert_eq!(
        compile_test::fixture::name_for_id(0x5b00982f),
        Some("auth.sendCode")
    );
    assert_eq!(compile_test::fixture::name_for_id(0), None);
}

#[test]
fn recursion_is_boxed_only_in_cycles() {
    // Text is self-recursive: boxed. Caption <-> Block: both edges boxed. Caption's `text`
    // (Text is not in its cycle) is not.
    let t = types::TextBold {
        text: Box::new(enums::Text::Empty),
    };
    let c = types::Caption {
        text: enums::Text::Bold(t),
        inner: Some(Box::new(enums::Block::Quote(types::BlockQuote {
            caption: Box::new(enums::Caption::Caption(types::Caption {
                text: enums::Text::Empty,
                inner: None,
            })),
        }))),
    };
    let n = types::Node {
        value: 1,
        next: Some(Box::new(enums::Node::Node(types::Node {
            value: 2,
            next: None,
        }))),
    };
    assert_eq!(types::Caption::from_bytes(&c.to_bytes()).unwrap(), c);
    assert_eq!(types::Node::from_bytes(&n.to_bytes()).unwrap(), n);
}

#[cfg(tl_api)]
mod api {
    use super::{both_ways, le};
    use compile_test::api::{enums, functions, types};
    use tlgen_runtime::Serializable;

    #[test]
    fn invoke_with_layer_get_config() {
        let call = functions::InvokeWithLayer {
            layer: compile_test::api::LAYER,
            query: functions::help::GetConfig,
        };
        let mut e = le(0xda9b0d0d).to_vec();
        e.extend(230i32.to_le_bytes());
        e.extend(le(0xc4f9186b));
        both_ways(&call, &e);
        let _: fn(
            <functions::help::GetConfig as tlgen_runtime::RemoteCall>::Return,
        ) -> enums::Config = |x| x;
    }

    #[test]
    fn input_peer_user() {
        let p = enums::InputPeer::User(types::InputPeerUser {
            user_id: 1,
            access_hash: -1,
        });
        let mut e = le(0xdde8a54c).to_vec();
        e.extend([1, 0, 0, 0, 0, 0, 0, 0]);
        e.extend([0xff; 8]);
        both_ways(&p, &e);
        both_ways(&enums::InputPeer::Empty, &le(0x7f3b18ea));
        assert_eq!(p.to_bytes().len(), 20);
    }

    #[test]
    fn mtproto_bare_vector_of_bare_constructors() {
        // future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt>
        let v = types::FutureSalts {
            req_msg_id: 1,
            now: 2,
            salts: vec![types::FutureSalt {
                valid_since: 3,
                valid_until: 4,
                salt: 5,
            }],
        };
        let mut e = vec![1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0];
        e.extend([3, 0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0]);
        both_ways(&v, &e);
    }
}
