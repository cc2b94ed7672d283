//! The JSON mode on the project's fixtures, without TDLib (always run): TDLib's dialect
//! (`schema/tdlib/td_fixture.tl`) and a Telegram schema with both encodings
//! (`schema/fixture.tl`).

use arbitrary::{Arbitrary, Unstructured};
use tdlib_test::{fixture_json, td_fixture};
use tlgen_runtime::{Deserializable, Serializable};

#[test]
fn tdlib_fixture_json() {
    use td_fixture::{enums, functions, types};
    let file = types::File {
        id: 7,
        size: 9_007_199_254_740_993,
        remote_id: -5,
        data: vec![0, 1, 2, 0xff],
        thumbnail: None,
        is_ready: true,
    };
    let json = serde_json::to_string(&file).unwrap();
    assert_eq!(
        json,
        r#"{"@type":"file","id":7,"size":9007199254740993,"remote_id":"-5","data":"AAEC/w==","thumbnail":null,"is_ready":true}"#
    );
    assert_eq!(serde_json::from_str::<types::File>(&json).unwrap(), file);

    let group: enums::Shape = types::ShapeGroup {
        shapes: vec![
            Some(types::ShapePoint { x: 1.5, y: -2.0 }.into()),
            None,
            Some(enums::Shape::Empty),
        ],
        label: Some(types::FormattedText {
            text: "hi".into(),
            entity_ids: vec![1, 2],
        }),
    }
    .into();
    let json = serde_json::to_string(&group).unwrap();
    assert_eq!(
        json,
        r#"{"@type":"shapeGroup","shapes":[{"@type":"shapePoint","x":1.5,"y":-2.0},null,{"@type":"shapeEmpty"}],"label":{"@type":"formattedText","text":"hi","entity_ids":[1,2]}}"#
    );
    assert_eq!(serde_json::from_str::<enums::Shape>(&json).unwrap(), group);

    let request = functions::SetShape {
        shape: None,
        remote_ids: vec![i64::MIN],
    };
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"@type":"setShape","shape":null,"remote_ids":["-9223372036854775808"]}"#
    );
    let _: fn(<functions::SetShape as tlgen_runtime::RemoteCall>::Return) -> types::Ok = |x| x;

    // Updates: the abstract type, "@type" anywhere, unknown fields ignored.
    let u: enums::Update = serde_json::from_str(
        r#"{"name":"x","future_field":{"a":[1,{"b":null}]},"value":"y","@type":"updateOption","@client_id":1}"#,
    )
    .unwrap();
    assert_eq!(
        u,
        types::UpdateOption {
            name: "x".into(),
            value: "y".into()
        }
        .into()
    );
    for (bad, why) in [
        (
            r#"{"@type":"updateNothing"}"#,
            r#"unknown @type "updateNothing" for TL type Update"#,
        ),
        (r#"{"name":"x"}"#, "without \"@type\""),
        (
            r#"{"@type":"updateOption","name":"x"}"#,
            "missing field `value`",
        ),
        (
            r#"{"@type":"updateFile","file":null}"#,
            "invalid type: null",
        ),
        (
            r#"{"@type":"updateFile","file":{"@type":"file","id":1,"size":1,"remote_id":"x","data":"","thumbnail":null,"is_ready":true}}"#,
            "invalid 64-bit integer",
        ),
        (
            r#"{"@type":"updateFile","file":{"@type":"file","id":1,"size":1,"remote_id":"1","data":"!!","thumbnail":null,"is_ready":true}}"#,
            "invalid base64",
        ),
    ] {
        let e = serde_json::from_str::<enums::Update>(bad)
            .unwrap_err()
            .to_string();
        assert!(e.contains(why), "{bad}: {e}");
    }
    // Deep nesting is an error, not a stack overflow (serde_json's recursion limit).
    let deep = format!(
        "{}{}",
        r#"{"@type":"shapeGroup","label":null,"shapes":["#.repeat(10_000),
        "]}".repeat(10_000)
    );
    assert!(serde_json::from_str::<enums::Shape>(&deep).is_err());
}

fn random<T: for<'a> Arbitrary<'a>>(seed: u8) -> T {
    let bytes: Vec<u8> = (0..2048u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 ^ seed)
        .collect();
    T::arbitrary(&mut Unstructured::new(&bytes)).unwrap()
}

#[test]
fn tdlib_fixture_round_trips() {
    use td_fixture::{enums, functions};
    for seed in 0..32 {
        let shape: enums::Shape = random(seed);
        let json = serde_json::to_string(&shape).unwrap();
        assert_eq!(
            serde_json::from_str::<enums::Shape>(&json).unwrap(),
            shape,
            "{json}"
        );
        let update: enums::Update = random(seed);
        let json = serde_json::to_string(&update).unwrap();
        assert_eq!(
            serde_json::from_str::<enums::Update>(&json).unwrap(),
            update,
            "{json}"
        );
        let f: functions::SetShape = random(seed);
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(
            serde_json::from_str::<functions::SetShape>(&json).unwrap(),
            f,
            "{json}"
        );
    }
}

#[test]
fn telegram_schema_with_both_encodings() {
    use fixture_json::{enums, functions, types};
    for seed in 0..32 {
        let v: types::Prims = random(seed);
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(
            serde_json::from_str::<types::Prims>(&json).unwrap(),
            v,
            "{json}"
        );
        assert_eq!(types::Prims::from_bytes(&v.to_bytes()).unwrap(), v);
        let f: types::Flagged = random(seed);
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(
            serde_json::from_str::<types::Flagged>(&json).unwrap(),
            f,
            "{json}"
        );
    }
    let flagged = types::Flagged {
        pinned: true,
        title: None,
        count: Some(3),
        width: None,
        height: None,
        hidden: false,
        note: None,
    };
    assert_eq!(
        serde_json::to_string(&flagged).unwrap(),
        r#"{"@type":"flagged","pinned":true,"title":null,"count":3,"width":null,"height":null,"hidden":false,"note":null}"#
    );
    // Missing optional fields are absent values.
    assert_eq!(
        serde_json::from_str::<types::Flagged>(r#"{"pinned":true,"count":3}"#).unwrap(),
        flagged
    );
    // Generic functions carry their query as a JSON object.
    let call = functions::InvokeWithLayer {
        layer: 1,
        query: functions::Ping { ping_id: 2 },
    };
    assert_eq!(
        serde_json::to_string(&call).unwrap(),
        r#"{"@type":"invokeWithLayer","layer":1,"query":{"@type":"ping","ping_id":"2"}}"#
    );
    let _: Option<enums::Text> = None;
}
