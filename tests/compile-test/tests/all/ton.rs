//! TON's dialect: the project's fixture (`schema/ton/lite.tl`) and, with `TL_SCHEMA_DIR`, the
//! real lite-server schema speaking the documented bytes of a lite-server query and its
//! mainnet answer (`ton-liteserver.json` beside the schemas).

use compile_test::ton::{enums, functions, types};
use tlgen_runtime::{Deserializable, Object, RemoteCall, SecureBytes, SecureString, Serializable};

#[cfg(tl_lite_api)]
use tlgen_test_support::from_hex as hex;

#[test]
fn object_results_decode_the_inner_answer() {
    // `test.query data:bytes = Object`: the answer is whatever `data` asked for.
    fn answer_type(_: &functions::test::Query) -> Object {
        Object::default()
    }
    let inner = functions::test::GetGrid { size: 2 };
    let query = functions::test::Query {
        data: inner.to_bytes(),
    };
    let _: <functions::test::Query as RemoteCall>::Return = answer_type(&query);
    // The server answers with a boxed `test.Grid`; the caller decodes it as the inner
    // function's return type.
    let grid = enums::test::Grid::Grid(types::test::Grid {
        rows: vec![vec![1, 2], vec![3]],
    });
    let answer = <Object as Deserializable>::from_bytes(&grid.to_bytes()).unwrap();
    let decoded: <functions::test::GetGrid as RemoteCall>::Return = answer.decode().unwrap();
    assert_eq!(decoded, grid);
    assert_eq!(answer.to_bytes(), grid.to_bytes());
}

#[test]
fn parenthesised_vectors_are_bare() {
    // `rows:(vector (vector int))`: count, items; no vector constructor ID at either level.
    let grid = types::test::Grid {
        rows: vec![vec![7], vec![]],
    };
    let mut expected = Vec::new();
    for w in [2u32, 1, 7, 0] {
        expected.extend(w.to_le_bytes());
    }
    assert_eq!(grid.to_bytes(), expected);
    assert_eq!(types::test::Grid::from_bytes(&expected).unwrap(), grid);
}

#[test]
fn secure_types_are_bytes_and_strings_on_the_wire() {
    let wallet = types::test::Wallet {
        public_key: "pk".to_owned(),
        secret: SecureBytes::new(vec![0xff, 0x00, 0x80]),
        words: vec![SecureString::new("abandon".to_owned())],
    };
    let bytes = wallet.to_bytes();
    let mut expected = vec![2, b'p', b'k', 0, 3, 0xff, 0x00, 0x80];
    expected.extend(1u32.to_le_bytes());
    expected.extend([7, b'a', b'b', b'a', b'n', b'd', b'o', b'n']);
    assert_eq!(bytes, expected);
    let back = types::test::Wallet::from_bytes(&bytes).unwrap();
    assert_eq!(back, wallet);
    assert_eq!(back.secret.expose(), [0xff, 0x00, 0x80]);
    // Debug output does not show secrets.
    assert!(!format!("{back:?}").contains("abandon"), "{back:?}");
}

/// The request and the mainnet answer of TON's ADNL documentation, with the real
/// `lite_api.tl` types.
#[cfg(tl_lite_api)]
#[test]
fn lite_server_query_and_mainnet_answer() {
    use compile_test::lite_api::{enums, functions, types};

    let path = std::path::Path::new(env!("TL_VECTORS_DIR")).join("ton-liteserver.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let vectors = json.as_array().expect("a list");
    let find = |prefix: &str| {
        let v = vectors
            .iter()
            .find(|v| v["tl_type"].as_str().is_some_and(|t| t.starts_with(prefix)))
            .unwrap_or_else(|| panic!("no vector {prefix}"));
        hex(v["hex"].as_str().expect("hex"))
    };

    // adnl.message.query { query_id, query: bytes(liteServer.query { data:
    // bytes(liteServer.getMasterchainInfo) }) }
    let request_bytes = find("adnl.message.query");
    let query_id: [u8; 32] = request_bytes[4..36].try_into().expect("32 bytes");
    let inner = functions::lite_server::GetMasterchainInfo;
    let lite_query = functions::lite_server::Query {
        data: inner.to_bytes(),
    };
    let request = enums::adnl::Message::AdnlMessageQuery(types::adnl::message::Query {
        query_id,
        query: lite_query.to_bytes(),
    });
    assert_eq!(request.to_bytes(), request_bytes);
    let decoded = enums::adnl::Message::from_bytes(&request_bytes).unwrap();
    assert_eq!(decoded, request);

    // adnl.message.answer { query_id, answer: bytes(liteServer.masterchainInfo) }
    let answer_bytes = find("adnl.message.answer");
    let enums::adnl::Message::AdnlMessageAnswer(answer) =
        enums::adnl::Message::from_bytes(&answer_bytes).unwrap()
    else {
        panic!("not an answer");
    };
    assert_eq!(answer.query_id, query_id);
    // liteServer.query returns `Object`: the inner function's answer.
    let object =
        <<functions::lite_server::Query as RemoteCall>::Return>::from_bytes(&answer.answer)
            .unwrap();
    let info: <functions::lite_server::GetMasterchainInfo as RemoteCall>::Return =
        object.decode().unwrap();
    let enums::lite_server::MasterchainInfo::MasterchainInfo(info) = &info;
    assert_eq!(info.last.workchain, -1);
    assert_eq!(info.last.shard as u64, 0x8000_0000_0000_0000);
    assert_eq!(info.last.seqno, 22_560_807);
    assert_eq!(info.last.root_hash[..4], hex("e585a47b"));
    assert_eq!(info.last.file_hash[..4], hex("876851b6"));
    assert_eq!(info.state_root_hash[..4], hex("8b4d3b38"));
    assert_eq!(info.init.workchain, -1);
    assert_eq!(info.init.root_hash[..4], hex("17a3a929"));
    assert_eq!(info.init.file_hash[..4], hex("5e994fcf"));
    // Re-encoded identically, at every level.
    assert_eq!(object.to_bytes(), answer.answer);
    let again = enums::adnl::Message::AdnlMessageAnswer(answer.clone());
    assert_eq!(again.to_bytes(), answer_bytes);
    assert_eq!(find("liteServer.masterchainInfo"), answer.answer);
}
