//! `tlgen check`: up to date, stale for every reason the header tells, the diff and the fix
//! command, missing files and inputs, and split folders.

mod common;

use common::{ID_MISMATCH, Sandbox, VALID, VALID_UPDATED, no_panic, schema};
use predicates::prelude::*;
use predicates::str::contains;

/// A sandbox with `small.tl` generated into `small.rs`.
fn generated() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("small.tl", VALID);
    sb.tlgen()
        .args(["generate", "small.tl", "-o", "small.rs"])
        .assert()
        .code(0);
    sb
}

fn check(sb: &Sandbox, extra: &[&str]) -> assert_cmd::assert::Assert {
    sb.tlgen()
        .args(["check", "small.tl", "-o", "small.rs"])
        .args(extra)
        .assert()
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).expect("UTF-8 stderr")
}

/// The words of the `fix: ...` line.
fn fix_command(stderr: &str) -> Vec<String> {
    let line = stderr
        .lines()
        .find_map(|l| l.strip_prefix("fix: "))
        .unwrap_or_else(|| panic!("no fix line in:\n{stderr}"));
    line.split(' ').map(str::to_owned).collect()
}

#[test]
fn up_to_date() {
    let sb = generated();
    check(&sb, &[])
        .code(0)
        .stderr(contains("up to date: small.rs").and(no_panic()));
    // The fixture too.
    let sb = Sandbox::new();
    sb.tlgen()
        .arg("generate")
        .arg(schema("fixture.tl"))
        .args(["-o", "fixture.rs"])
        .assert()
        .code(0);
    sb.tlgen()
        .arg("check")
        .arg(schema("fixture.tl"))
        .args(["-o", "fixture.rs"])
        .assert()
        .code(0);
}

#[test]
fn stale_after_a_schema_change() {
    let sb = generated();
    let before = sb.read("small.rs");
    sb.write("small.tl", VALID_UPDATED);
    let assert = check(&sb, &[]).code(1);
    let err = stderr_of(&assert);
    assert!(err.contains("stale: small.rs"), "{err}");
    assert!(err.contains("made from different schemas"), "{err}");
    // A unified diff.
    assert!(err.contains("--- small.rs (on disk)"), "{err}");
    assert!(err.contains("+++ small.rs (generated)"), "{err}");
    assert!(err.contains("\n@@ "), "{err}");
    assert!(err.contains("\n+    pub struct Circle {"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // check never writes.
    assert_eq!(sb.read("small.rs"), before);
    // The fix command is a command line of generate that makes the file up to date.
    let fix = fix_command(&err);
    assert_eq!(fix[..2], ["tlgen", "generate"], "{fix:?}");
    sb.tlgen().args(&fix[1..]).assert().code(0);
    check(&sb, &[]).code(0);
}

#[test]
fn the_diff_is_bounded() {
    let sb = generated();
    // Many changes: a long diff.
    let extras: String = (0..30)
        .map(|i| format!("extra{i} v:int = Extra{i};\n"))
        .collect();
    sb.write(
        "small.tl",
        &VALID.replace("---functions---\n", &(extras + "---functions---\n")),
    );
    let assert = check(&sb, &["--max-diff-lines", "12"]).code(1);
    let err = stderr_of(&assert);
    let diff_lines = err
        .lines()
        .skip_while(|l| !l.starts_with("--- "))
        .take_while(|l| !l.starts_with("... ("))
        .count();
    assert_eq!(diff_lines, 12, "{err}");
    assert!(err.contains("more diff lines)"), "{err}");
    // The default bound is 40 lines.
    let err = stderr_of(&check(&sb, &[]).code(1));
    let diff_lines = err
        .lines()
        .skip_while(|l| !l.starts_with("--- "))
        .take_while(|l| !l.starts_with("... ("))
        .count();
    assert_eq!(diff_lines, 40, "{err}");
}

#[test]
fn fix_command_keeps_generate_options_only() {
    let sb = Sandbox::new();
    sb.write("small.tl", ID_MISMATCH);
    let opts = [
        "--allow-id-mismatch",
        "point",
        "--derive",
        "::core::fmt::Debug",
        "--namespace",
        "",
    ];
    let assert = sb
        .tlgen()
        .args([
            "check",
            "small.tl",
            "-o",
            "out dir/small.rs",
            "--max-diff-lines",
            "3",
        ])
        .args(opts)
        .assert()
        .code(1);
    let err = stderr_of(&assert);
    let line = err
        .lines()
        .find(|l| l.starts_with("fix: "))
        .expect("fix line");
    assert_eq!(
        line,
        "fix: tlgen generate small.tl -o 'out dir/small.rs' --derive ::core::fmt::Debug \
         --namespace '' --allow-id-mismatch point"
    );
}

#[test]
fn hand_edited_file() {
    let sb = generated();
    let code = sb.read("small.rs").replace("pub x: i32", "pub x: i64");
    sb.write("small.rs", &code);
    check(&sb, &[]).code(1).stderr(
        contains("stale: small.rs")
            .and(contains("the file was edited by hand"))
            .and(contains("\n-        pub x: i64,\n"))
            .and(contains("\n+        pub x: i32,\n"))
            .and(contains("fix: tlgen generate small.tl -o small.rs"))
            .and(no_panic()),
    );
}

#[test]
fn generated_with_other_options() {
    let sb = generated();
    sb.tlgen()
        .args([
            "generate", "small.tl", "-o", "small.rs", "--derive", "Clone",
        ])
        .assert()
        .code(0);
    check(&sb, &[])
        .code(1)
        .stderr(contains("generated with other options"));
    check(&sb, &["--derive", "Clone"]).code(0);
}

#[test]
fn file_from_another_tlgen_version() {
    let sb = generated();
    let code = sb.read("small.rs");
    let version = env!("CARGO_PKG_VERSION");
    let old = code.replacen(
        &format!("// @generated by tlgen-build {version}."),
        "// @generated by tlgen-build 0.0.1.",
        1,
    );
    assert_ne!(old, code);
    sb.write("small.rs", &old);
    check(&sb, &[]).code(1).stderr(
        contains("stale: small.rs")
            .and(contains(format!(
                "made by tlgen-build 0.0.1, this is tlgen-build {version}"
            )))
            .and(contains("edited by hand").not())
            .and(contains("fix: "))
            .and(no_panic()),
    );
}

#[test]
fn file_from_other_schema_inputs() {
    let sb = generated();
    // Same code, but the header's input hash is another one.
    let code = sb.read("small.rs");
    let (start, end) = (
        code.find("texts: ").expect("hash") + "texts: ".len(),
        code.find(")\n").expect("hash end"),
    );
    let other = format!("{}{}{}", &code[..start], "0123456789abcdef", &code[end..]);
    sb.write("small.rs", &other);
    check(&sb, &[]).code(1).stderr(
        contains("made from different schemas: file says `small.tl (FNV-1a 64 of their names and texts: 0123456789abcdef)`")
            .and(no_panic()),
    );
    // Another input file list.
    sb.write("more.tl", "other a:int = Other;\n");
    check(&sb, &["more.tl"])
        .code(1)
        .stderr(contains("the inputs now give `small.tl, more.tl"));
}

#[test]
fn file_without_a_header() {
    let sb = generated();
    let code = sb.read("small.rs");
    sb.write("small.rs", code.split_once("\n\n").unwrap().1);
    check(&sb, &[])
        .code(1)
        .stderr(contains("has no `@generated` header").and(no_panic()));
}

#[test]
fn crlf_line_endings() {
    let sb = generated();
    let code = sb.read("small.rs").replace('\n', "\r\n");
    sb.write("small.rs", &code);
    check(&sb, &[])
        .code(1)
        .stderr(contains("only the line endings differ").and(no_panic()));
}

#[test]
fn missing_output_file() {
    let sb = Sandbox::new();
    sb.write("small.tl", VALID);
    check(&sb, &[]).code(1).stderr(
        contains("stale: small.rs does not exist")
            .and(contains("fix: tlgen generate small.tl -o small.rs"))
            .and(no_panic()),
    );
    assert!(!sb.exists("small.rs"), "check wrote the file");
}

#[test]
fn missing_or_invalid_input() {
    let sb = generated();
    sb.tlgen()
        .args(["check", "nope.tl", "-o", "small.rs"])
        .assert()
        .code(2)
        .stderr(
            contains("cannot read `nope.tl`")
                .and(contains("help:"))
                .and(no_panic()),
        );
    sb.tlgen()
        .args([
            "check", "small.tl", "--errors", "nope.csv", "-o", "small.rs",
        ])
        .assert()
        .code(2)
        .stderr(contains("cannot read `nope.csv`").and(no_panic()));
    sb.write("small.tl", ID_MISMATCH);
    check(&sb, &[]).code(2).stderr(
        contains("small.tl:2:6: error: constructor ID mismatch")
            .and(contains("stale").not())
            .and(no_panic()),
    );
}

#[test]
fn output_path_that_became_a_folder() {
    let sb = generated();
    std::fs::remove_file(sb.path("small.rs")).unwrap();
    sb.write("small.rs/inner", "");
    // `small.rs` is now a folder: checked as split output, whose files are all missing.
    check(&sb, &[])
        .code(1)
        .stderr(contains("small.rs/mod.rs does not exist").and(no_panic()));
}

#[test]
fn error_tables_are_checked_too() {
    let sb = Sandbox::new();
    let args = |out: &str| {
        let mut a = vec![
            schema("fixture.tl").display().to_string(),
            schema("errors/rpc.tl").display().to_string(),
            "--errors".into(),
        ];
        a.push(sb.path("errors.csv").display().to_string());
        a.extend([
            "--methods".into(),
            schema("errors/methods.csv").display().to_string(),
        ]);
        a.extend(["-o".into(), out.into()]);
        a
    };
    sb.copy_fixture("errors/errors.csv", "errors.csv");
    for out in ["rpc.rs", "split/"] {
        sb.tlgen().arg("generate").args(args(out)).assert().code(0);
        sb.tlgen().arg("check").args(args(out)).assert().code(0);
    }
    // A new row in the error table makes both stale (every file's header has the input hash).
    let table = sb.read("errors.csv");
    let changed = table.replacen("description\n", "description\nNEW_ERROR,400,A new one\n", 1);
    assert_ne!(table, changed);
    sb.write("errors.csv", &changed);
    sb.tlgen()
        .arg("check")
        .args(args("rpc.rs"))
        .assert()
        .code(1)
        .stderr(contains("stale: rpc.rs").and(contains("made from different schemas")));
    sb.tlgen()
        .arg("check")
        .args(args("split/"))
        .assert()
        .code(1)
        .stderr(
            contains("stale: split/errors.rs")
                .and(contains("made from different schemas"))
                .and(no_panic()),
        );
}

#[test]
fn split_folder() {
    let sb = Sandbox::new();
    sb.write("small.tl", VALID);
    sb.tlgen()
        .args(["generate", "small.tl", "-o", "tl/"])
        .assert()
        .code(0);
    for out in ["tl", "tl/"] {
        sb.tlgen()
            .args(["check", "small.tl", "-o", out])
            .assert()
            .code(0)
            .stderr(contains("up to date: tl").and(contains("(4 files)")));
    }
    // One file edited: only it is stale.
    let enums = sb.read("tl/enums.rs");
    sb.write("tl/enums.rs", &enums.replace("Point", "Pointe"));
    let assert = sb
        .tlgen()
        .args(["check", "small.tl", "-o", "tl"])
        .assert()
        .code(1);
    let err = stderr_of(&assert);
    assert!(err.contains("stale: tl/enums.rs\n"), "{err}");
    assert!(err.contains("edited by hand"), "{err}");
    assert!(err.contains("--- tl/enums.rs (on disk)"), "{err}");
    for fresh in ["mod.rs", "types.rs", "functions.rs"] {
        assert!(
            !err.contains(&format!("stale: tl/{fresh}")),
            "{fresh}: {err}"
        );
    }
    assert!(
        err.contains("1 of the 4 generated files in tl are stale"),
        "{err}"
    );
    assert!(err.contains("fix: tlgen generate small.tl -o tl"), "{err}");
    sb.write("tl/enums.rs", &enums);

    // A file missing.
    std::fs::remove_file(sb.path("tl/functions.rs")).unwrap();
    sb.tlgen()
        .args(["check", "small.tl", "-o", "tl/"])
        .assert()
        .code(1)
        .stderr(
            contains("stale: tl/functions.rs does not exist")
                .and(contains("1 of the 4"))
                .and(no_panic()),
        );

    // A schema change: every file is stale (the input hash in the headers changed).
    sb.tlgen()
        .args(["generate", "small.tl", "-o", "tl/"])
        .assert()
        .code(0);
    sb.write("small.tl", VALID_UPDATED);
    sb.tlgen()
        .args(["check", "small.tl", "-o", "tl/"])
        .assert()
        .code(1)
        .stderr(
            contains("stale: tl/types.rs")
                .and(contains("stale: tl/mod.rs"))
                .and(contains("4 of the 4 generated files in tl/ are stale")),
        );

    // The folder missing.
    sb.tlgen()
        .args(["check", "small.tl", "-o", "gone/"])
        .assert()
        .code(1)
        .stderr(
            contains("stale: the folder gone/ does not exist")
                .and(contains("fix: tlgen generate small.tl -o gone/")),
        );
}

#[test]
fn fix_command_keeps_the_dialect_and_shared_ids() {
    let sb = Sandbox::new();
    sb.write("small.tl", VALID);
    let assert = sb
        .tlgen()
        .args([
            "check",
            "small.tl",
            "-o",
            "small.rs",
            "--dialect",
            "ton",
            "--allow-duplicate-id",
            "point",
        ])
        .assert()
        .code(1);
    let err = stderr_of(&assert);
    let line = err
        .lines()
        .find(|l| l.starts_with("fix: "))
        .expect("fix line");
    assert_eq!(
        line,
        "fix: tlgen generate small.tl -o small.rs --dialect ton --allow-duplicate-id point"
    );
}
