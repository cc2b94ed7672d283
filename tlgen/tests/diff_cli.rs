//! `tlgen diff`: exit codes, output formats and error paths, on the fixtures in `schema/diff/`.

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../schema/diff")
        .join(name)
}

fn tlgen() -> Command {
    Command::cargo_bin("tlgen").expect("tlgen binary")
}

fn diff(old: &str, new: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    tlgen()
        .arg("diff")
        .arg(fixture(old))
        .arg(fixture(new))
        .args(extra)
        .assert()
}

fn json(old: &str, new: &str) -> serde_json::Value {
    let out = diff(old, new, &["--format", "json", "--fail-on", "none"])
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

fn no_panic() -> impl Predicate<str> {
    contains("panicked")
        .not()
        .and(contains("RUST_BACKTRACE").not())
}

#[test]
fn fail_on_breaking_is_the_default() {
    diff("old.tl", "new.tl", &[]).code(1);
    diff("old.tl", "new.tl", &["--fail-on", "breaking"]).code(1);
    diff("old.tl", "new-compatible.tl", &[]).code(0);
    diff("old.tl", "new-compatible.tl", &["--fail-on", "breaking"]).code(0);
}

#[test]
fn fail_on_any() {
    diff("old.tl", "new.tl", &["--fail-on", "any"]).code(1);
    diff("old.tl", "new-compatible.tl", &["--fail-on", "any"]).code(1);
    diff("old.tl", "old.tl", &["--fail-on", "any"]).code(0);
}

#[test]
fn fail_on_none() {
    diff("old.tl", "new.tl", &["--fail-on", "none"]).code(0);
    diff("old.tl", "new-compatible.tl", &["--fail-on", "none"]).code(0);
}

#[test]
fn json_shape() {
    let v = json("old.tl", "new.tl");
    let s = &v["summary"];
    assert_eq!(s["added"], 1);
    assert_eq!(s["removed"], 1);
    assert_eq!(s["id_changed"], 2);
    assert_eq!(s["old_layer"], 100);
    assert_eq!(s["new_layer"], 101);
    let changes = v["changes"].as_array().expect("changes array");
    assert_eq!(
        s["breaking"].as_u64().unwrap() + s["compatible"].as_u64().unwrap(),
        changes.len() as u64
    );
    for c in changes {
        for key in ["name", "kind", "category", "detail"] {
            assert!(c[key].is_string(), "{key} in {c}");
        }
        for key in ["breaking", "breaking_wire", "breaking_source"] {
            assert!(c[key].is_boolean(), "{key} in {c}");
        }
        assert_eq!(
            c["breaking"].as_bool(),
            Some(c["breaking_wire"].as_bool().unwrap() || c["breaking_source"].as_bool().unwrap())
        );
        assert!(["type", "function"].contains(&c["category"].as_str().unwrap()));
    }
    let find = |name: &str, kind: &str| {
        changes
            .iter()
            .find(|c| c["name"] == name && c["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind} for {name} in {v}"))
    };
    assert_eq!(
        find("contacts.block", "id-changed")["detail"],
        "#68cc1411 → #332b49fc"
    );
    assert_eq!(
        find("contacts.block", "param-retyped")["detail"],
        "param `id`: InputPeer → InputUser"
    );
    assert_eq!(find("user", "param-added")["param"], "username");
    assert_eq!(find("chatLegacy", "removed")["breaking"], true);
    let added = find("users.getFullUser", "added");
    assert_eq!(added["breaking"], false);
    assert_eq!(added["category"], "function");
}

#[test]
fn json_of_identical_files() {
    let v = json("old.tl", "old.tl");
    assert_eq!(v["changes"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["summary"]["breaking"], 0);
    assert_eq!(v["summary"]["new_layer"], 100);
}

#[test]
fn text_is_grouped_breaking_first_with_counts() {
    let out = diff("old.tl", "new.tl", &[])
        .code(1)
        .stdout(contains("TL schema diff: layer 100 → 101"))
        .stdout(contains("1 added, 1 removed, 2 ID changed"))
        .stdout(contains("ID changed [id-changed] (2)"))
        .stdout(contains("param `id`: InputPeer → InputUser"))
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let breaking = text.find("Breaking changes (").expect("breaking section");
    let compatible = text
        .find("Compatible changes (1)")
        .expect("compatible section");
    assert!(breaking < compatible, "{text}");
    assert!(text[compatible..].contains("users.getFullUser"));
}

#[test]
fn text_of_identical_files() {
    diff("old.tl", "old.tl", &[])
        .code(0)
        .stdout(contains("layer 100 (unchanged)"))
        .stdout(contains("No changes"));
}

#[test]
fn markdown_has_a_summary_table_and_collapsible_sections() {
    diff("old.tl", "new.tl", &["--format", "markdown"])
        .code(1)
        .stdout(contains("### TL schema diff: ⚠️ breaking changes"))
        .stdout(contains("| Layer | 100 → 101 |"))
        .stdout(contains("| **Breaking changes** |"))
        .stdout(contains(
            "<details><summary>ID changed <code>id-changed</code> (2)</summary>",
        ))
        .stdout(contains("</details>"))
        .stdout(contains("| `contacts.block` | function |"));
    diff("old.tl", "new-compatible.tl", &["--format", "markdown"])
        .code(0)
        .stdout(contains("✅ compatible"));
}

#[test]
fn missing_input_names_the_file() {
    tlgen()
        .arg("diff")
        .arg(fixture("old.tl"))
        .arg(fixture("no-such-file.tl"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("no-such-file.tl"))
        .stderr(contains("cannot read"))
        .stderr(no_panic());
    tlgen()
        .arg("diff")
        .arg(fixture("gone.tl"))
        .arg(fixture("new.tl"))
        .assert()
        .code(2)
        .stderr(contains("gone.tl"))
        .stderr(no_panic());
}

#[test]
fn invalid_schema_shows_the_diagnostic() {
    diff("old.tl", "invalid.tl", &["--fail-on", "none"])
        .code(2)
        .stdout("")
        .stderr(contains("invalid.tl:6:"))
        .stderr(contains("error:"))
        .stderr(contains("user#12345678 id: = User;"))
        .stderr(contains("is not a valid schema"))
        .stderr(no_panic());
}

#[test]
fn id_mismatches_are_warnings_unless_asked_for() {
    diff("id-mismatch.tl", "old.tl", &[])
        .code(1)
        .stderr(contains("warning: constructor ID mismatch"))
        .stdout(contains("boolTrue"))
        .stdout(contains("#997275b6 → #997275b5"));
    diff("id-mismatch.tl", "old.tl", &["--id-mismatch", "error"])
        .code(2)
        .stderr(contains("error: constructor ID mismatch"));
    diff("id-mismatch.tl", "old.tl", &["--id-mismatch=ignore"])
        .code(1)
        .stderr(contains("mismatch").not());
    diff(
        "id-mismatch.tl",
        "old.tl",
        &["--allow-id-mismatch", "boolTrue"],
    )
    .code(1)
    .stderr(contains("mismatch").not());
}

#[test]
fn bad_arguments_exit_2() {
    tlgen()
        .args(["diff", "only-one.tl"])
        .assert()
        .code(2)
        .stderr(contains("NEW"));
    diff("old.tl", "new.tl", &["--fail-on", "sometimes"])
        .code(2)
        .stderr(contains("breaking"));
    diff("old.tl", "new.tl", &["--format", "yaml"]).code(2);
}

#[test]
fn help_describes_the_options() {
    tlgen()
        .args(["diff", "--help"])
        .assert()
        .success()
        .stdout(contains("--fail-on"))
        .stdout(contains("--format"))
        .stdout(contains("markdown"));
}

/// The acceptance check of the issue, on the real files when `TL_SCHEMA_DIR` is set.
#[test]
fn real_layers_218_to_228() {
    let Some(dir) = tlgen_test_support::schema_dir(&["api-218.tl", "api-228.tl"]) else {
        return;
    };
    let out = tlgen()
        .arg("diff")
        .arg(dir.join("api-218.tl"))
        .arg(dir.join("api-228.tl"))
        .args(["--format", "json"])
        .assert()
        .code(1)
        .stderr(no_panic())
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["summary"]["added"], 197);
    assert_eq!(v["summary"]["removed"], 1);
    assert_eq!(v["summary"]["id_changed"], 93);
    for c in v["changes"].as_array().unwrap() {
        if c["kind"] == "id-changed" {
            assert_eq!(c["breaking"], true, "{c}");
        }
    }
}
