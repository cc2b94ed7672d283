//! `tlgen validate`: exit codes, ID-mismatch options, strict mode, JSON output, error paths.

mod common;

use common::{ID_MISMATCH, Sandbox, UNKNOWN_TYPE, VALID, no_panic, schema, tlgen};
use predicates::prelude::*;
use predicates::str::contains;

fn json_lines(assert: assert_cmd::assert::Assert) -> Vec<serde_json::Value> {
    String::from_utf8(assert.get_output().stdout.clone())
        .expect("UTF-8 stdout")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn valid_file() {
    tlgen()
        .arg("validate")
        .arg(schema("fixture.tl"))
        .assert()
        .code(0)
        .stderr(contains("fixture.tl: ").and(contains("layer 7; 0 errors, 0 warnings")));
    let sb = Sandbox::new();
    sb.write("ok.tl", VALID);
    sb.tlgen()
        .args(["validate", "ok.tl"])
        .assert()
        .code(0)
        .stderr(contains(
            "ok.tl: 2 types, 1 function, 0 built-ins, layer 3; 0 errors, 0 warnings",
        ));
}

#[test]
fn id_mismatch_is_an_error_with_file_line_column() {
    let sb = Sandbox::new();
    sb.write("bad.tl", ID_MISMATCH);
    sb.tlgen()
        .args(["validate", "bad.tl"])
        .assert()
        .code(1)
        .stderr(
            contains("bad.tl:2:6: error: constructor ID mismatch")
                .and(contains(
                    "CRC32 of \"point x:int y:int = Point\" is #e3fe70f4",
                ))
                // The source line, the caret and what to do.
                .and(contains(" 2 | point#00000001 x:int y:int = Point;"))
                .and(contains("^^^"))
                .and(contains("--allow-id-mismatch point"))
                .and(contains("1 error, 0 warnings"))
                .and(no_panic()),
        );
}

#[test]
fn id_mismatch_can_be_allowed_or_downgraded() {
    let sb = Sandbox::new();
    sb.write("bad.tl", ID_MISMATCH);
    sb.tlgen()
        .args(["validate", "bad.tl", "--allow-id-mismatch", "point"])
        .assert()
        .code(0)
        .stderr(contains("ID mismatch").not());
    // Another name does not help.
    sb.tlgen()
        .args(["validate", "bad.tl", "--allow-id-mismatch", "circle"])
        .assert()
        .code(1);
    sb.tlgen()
        .args(["validate", "bad.tl", "--id-mismatch", "warn"])
        .assert()
        .code(0)
        .stderr(
            contains("bad.tl:2:6: warning: constructor ID mismatch")
                .and(contains("0 errors, 1 warning")),
        );
    sb.tlgen()
        .args(["validate", "bad.tl", "--id-mismatch", "ignore"])
        .assert()
        .code(0)
        .stderr(contains("ID mismatch").not());
    sb.tlgen()
        .args(["validate", "bad.tl", "--id-mismatch", "error"])
        .assert()
        .code(1);
}

#[test]
fn json_output() {
    let sb = Sandbox::new();
    sb.write("ok.tl", VALID);
    let v = json_lines(
        sb.tlgen()
            .args(["validate", "--format", "json", "ok.tl"])
            .assert()
            .code(0),
    );
    assert_eq!(v.len(), 1);
    let v = &v[0];
    assert_eq!(v["file"], "ok.tl");
    assert_eq!(v["layer"], 3);
    assert_eq!(v["types"], 2);
    assert_eq!(v["functions"], 1);
    assert_eq!(v["builtins"], 0);
    assert_eq!(v["errors"], serde_json::json!([]));
    assert_eq!(v["warnings"], serde_json::json!([]));

    // Errors and warnings carry line, column and message.
    sb.write("bad.tl", ID_MISMATCH);
    let v = json_lines(
        sb.tlgen()
            .args(["validate", "--format", "json", "bad.tl"])
            .assert()
            .code(1),
    );
    let e = &v[0]["errors"][0];
    assert_eq!(e["line"], 2);
    assert_eq!(e["column"], 6);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("constructor ID mismatch"),
        "{e}"
    );
    assert_eq!(e["kind"], "id-mismatch");
    assert!(
        e["help"]
            .as_str()
            .unwrap()
            .contains("--allow-id-mismatch point")
    );
    assert_eq!(v[0]["layer"], 3);

    sb.write("unknown.tl", UNKNOWN_TYPE);
    let v = json_lines(
        sb.tlgen()
            .args(["validate", "--format", "json", "unknown.tl"])
            .assert()
            .code(0),
    );
    assert_eq!(v[0]["layer"], serde_json::Value::Null);
    assert_eq!(v[0]["errors"], serde_json::json!([]));
    let w = &v[0]["warnings"][0];
    assert_eq!(w["line"], 1);
    assert_eq!(w["column"], 14);
    assert!(
        w["message"]
            .as_str()
            .unwrap()
            .contains("unknown type `Missing`")
    );
}

#[test]
fn json_has_one_line_per_file() {
    let sb = Sandbox::new();
    sb.write("ok.tl", VALID);
    sb.write("bad.tl", ID_MISMATCH);
    let v = json_lines(
        sb.tlgen()
            .args(["validate", "--format", "json", "ok.tl", "bad.tl"])
            .assert()
            .code(1),
    );
    let files: Vec<&str> = v.iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["ok.tl", "bad.tl"]);
}

#[test]
fn several_files_one_bad() {
    let sb = Sandbox::new();
    sb.write("ok.tl", VALID);
    sb.write("bad.tl", ID_MISMATCH);
    sb.tlgen()
        .args(["validate", "ok.tl", "ok.tl"])
        .assert()
        .code(0);
    // Every file is reported, the bad one makes the status 1 wherever it is.
    for order in [["ok.tl", "bad.tl"], ["bad.tl", "ok.tl"]] {
        sb.tlgen()
            .arg("validate")
            .args(order)
            .assert()
            .code(1)
            .stderr(
                contains("ok.tl: 2 types")
                    .and(contains("bad.tl:2:6: error"))
                    .and(contains("bad.tl: 1 type, 0 functions")),
            );
    }
}

#[test]
fn strict_makes_unknown_types_errors() {
    let sb = Sandbox::new();
    sb.write("unknown.tl", UNKNOWN_TYPE);
    sb.tlgen()
        .args(["validate", "unknown.tl"])
        .assert()
        .code(0)
        .stderr(contains("unknown.tl:1:14: warning: unknown type `Missing`"));
    sb.tlgen()
        .args(["validate", "--strict", "unknown.tl"])
        .assert()
        .code(1)
        .stderr(contains("unknown.tl:1:14: error: unknown type `Missing`").and(no_panic()));
}

#[test]
fn missing_file() {
    let sb = Sandbox::new();
    sb.tlgen()
        .args(["validate", "nope.tl"])
        .assert()
        .code(2)
        .stderr(
            contains("error: cannot read `nope.tl`")
                .and(contains("No such file"))
                .and(no_panic()),
        );
    // Also after a good file.
    sb.write("ok.tl", VALID);
    sb.tlgen()
        .args(["validate", "ok.tl", "nope.tl"])
        .assert()
        .code(2)
        .stderr(contains("cannot read `nope.tl`"));
}

#[test]
fn unreadable_inputs() {
    let sb = Sandbox::new();
    std::fs::write(sb.path("binary.tl"), b"point = Point;\n\xff\xfe\n").unwrap();
    sb.tlgen()
        .args(["validate", "binary.tl"])
        .assert()
        .code(2)
        .stderr(contains("`binary.tl` is not valid UTF-8").and(no_panic()));
    std::fs::create_dir(sb.path("folder.tl")).unwrap();
    sb.tlgen()
        .args(["validate", "folder.tl"])
        .assert()
        .code(2)
        .stderr(contains("cannot read `folder.tl`").and(no_panic()));
}

#[test]
fn syntax_errors_are_all_reported() {
    let sb = Sandbox::new();
    sb.write(
        "broken.tl",
        "point x:int = Point\nok = Ok;\n???;\nflagged flags:# x:flags.40?int = Flagged;\n",
    );
    sb.tlgen()
        .args(["validate", "broken.tl"])
        .assert()
        .code(1)
        .stderr(
            contains("broken.tl:2:4: error: expected `;`")
                .and(contains("broken.tl:3:1: error"))
                .and(contains("broken.tl:4:"))
                .and(no_panic()),
        );
}

#[test]
fn dialect_ton_validates_a_ton_fixture() {
    let sb = Sandbox::new();
    sb.copy_fixture("ton/lite.tl", "lite.tl");
    sb.tlgen()
        .args(["validate", "--dialect", "ton", "--strict", "lite.tl"])
        .assert()
        .code(0)
        .stderr(contains(
            "lite.tl: 11 types, 3 functions, 7 built-ins; 0 errors, 0 warnings",
        ));
    // A written ID that only TON's rule proves (`bytes` stays `bytes`).
    sb.write(
        "query.tl",
        "object ? = Object;\nbytes data:string = Bytes;\n---functions---\nliteServer.query#798c06df data:bytes = Object;\n",
    );
    sb.tlgen()
        .args(["validate", "--dialect", "ton", "query.tl"])
        .assert()
        .code(0)
        .stderr(contains("0 errors, 0 warnings"));
    sb.tlgen()
        .args(["validate", "query.tl"])
        .assert()
        .code(1)
        .stderr(
            contains("query.tl:4:17: error: constructor ID mismatch")
                .and(contains("\"liteServer.query data:string = Object\""))
                .and(no_panic()),
        );
    // A pinned older ID is an ordinary mismatch under TON too.
    sb.write(
        "pinned.tl",
        "---functions---\nliteServer.query#00000001 data:bytes = Object;\n",
    );
    sb.tlgen()
        .args(["validate", "--dialect", "ton", "pinned.tl"])
        .assert()
        .code(1)
        .stderr(contains("\"liteServer.query data:bytes = Object\""));
    sb.tlgen()
        .args([
            "validate",
            "--dialect",
            "ton",
            "--allow-id-mismatch",
            "liteServer.query",
            "pinned.tl",
        ])
        .assert()
        .code(0);
    sb.tlgen()
        .args(["validate", "--dialect", "klingon", "pinned.tl"])
        .assert()
        .code(2)
        .stderr(contains("telegram").and(contains("tdlib")).and(no_panic()));
}

#[test]
fn dialect_telegram_accepts_the_known_mtproto_mismatches() {
    let sb = Sandbox::new();
    // mtproto.tl's line: its ID matches only with `bytes` kept.
    sb.write(
        "mt.tl",
        "ipPortSecret#37982646 ipv4:int port:int secret:bytes = IpPort;\n",
    );
    sb.tlgen()
        .args(["validate", "mt.tl"])
        .assert()
        .code(1)
        .stderr(contains("constructor ID mismatch"));
    sb.tlgen()
        .args(["validate", "--dialect", "telegram", "mt.tl"])
        .assert()
        .code(0)
        .stderr(contains("0 errors, 0 warnings"));
}

#[test]
fn shared_ids_are_errors_unless_allowed() {
    let sb = Sandbox::new();
    sb.copy_fixture("tdlib/telegram_api_prefix.tl", "prefix.tl");
    let out = sb
        .tlgen()
        .args(["validate", "--strict", "prefix.tl"])
        .assert()
        .code(1)
        .stderr(
            contains("error: duplicate ID #dd289f8e: `invokeWithBusinessConnectionPrefix` has the same ID as `invokeWithBusinessConnection` at line 13")
                .and(contains("--allow-duplicate-id invokeWithBusinessConnectionPrefix"))
                .and(no_panic()),
        );
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(stderr.matches("error: duplicate ID").count(), 4, "{stderr}");
    // Either member of a pair will do.
    sb.tlgen()
        .args([
            "validate",
            "--strict",
            "prefix.tl",
            "--allow-duplicate-id",
            "invokeWithBusinessConnectionPrefix",
            "--allow-duplicate-id",
            "invokeWithGooglePlayIntegrity",
            "--allow-duplicate-id",
            "invokeWithApnsSecretPrefix",
            "--allow-duplicate-id",
            "invokeWithReCaptcha",
        ])
        .assert()
        .code(0)
        .stderr(contains(
            "prefix.tl: 4 types, 8 functions, 0 built-ins; 0 errors, 0 warnings",
        ));
}

#[test]
fn several_files_are_checked_together() {
    let sb = Sandbox::new();
    sb.copy_fixture("fixture.tl", "schema/fixture.tl");
    sb.copy_fixture("errors/rpc.tl", "schema/errors/rpc.tl");
    // rpc.tl uses Bool, which fixture.tl declares.
    sb.tlgen()
        .args(["validate", "schema/fixture.tl", "schema/errors/rpc.tl"])
        .assert()
        .code(0)
        .stderr(contains("unknown type").not().and(contains(
            "schema/errors/rpc.tl: 1 type, 8 functions, 0 built-ins; 0 errors, 0 warnings",
        )));
    // Alone, it does not know Bool.
    sb.tlgen()
        .args(["validate", "schema/errors/rpc.tl"])
        .assert()
        .code(0)
        .stderr(contains(
            "schema/errors/rpc.tl:8:37: warning: unknown type `Bool`",
        ));

    // A name declared in two files: the error names both.
    sb.write("a.tl", "// LAYER 3\npoint x:int y:int = Point;\n");
    sb.write("b.tl", "point x:int = Point;\n");
    let v = json_lines(
        sb.tlgen()
            .args(["validate", "--format", "json", "a.tl", "b.tl"])
            .assert()
            .code(1)
            .stderr(contains(
                "b.tl:1:1: error: duplicate definition `point`: first defined at a.tl:2:1",
            )),
    );
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["file"], "a.tl");
    assert_eq!(v[0]["errors"], serde_json::json!([]));
    assert_eq!(v[1]["file"], "b.tl");
    assert_eq!(v[1]["errors"][0]["kind"], "duplicate-name");
    assert_eq!(v[1]["errors"][0]["line"], 1);
}

/// The real TDLib and TON schemas, when `TL_SCHEMA_DIR` is set.
#[test]
fn real_tdlib_and_ton_schemas() {
    let Some(dir) = tlgen_test_support::schema_dir(&["td_api.tl", "lite_api.tl"]) else {
        return;
    };
    for dialect in [None, Some("tdlib")] {
        let mut cmd = tlgen();
        cmd.args(["validate", "--strict"]);
        if let Some(d) = dialect {
            cmd.args(["--dialect", d]);
        }
        cmd.arg(dir.join("td_api.tl"))
            .assert()
            .code(0)
            .stderr(contains("0 errors, 0 warnings").and(no_panic()));
    }
    tlgen()
        .args(["validate", "--strict", "--dialect", "ton"])
        .arg(dir.join("lite_api.tl"))
        .assert()
        .code(0)
        .stderr(contains("0 errors, 0 warnings").and(no_panic()));
}
