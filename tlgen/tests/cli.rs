//! The command line itself: `--version`, `--help` on every command, and command-line errors
//! (exit 2 with a message, never a panic).

mod common;

use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

use common::{no_panic, schema, tlgen};
use predicates::prelude::*;
use predicates::str::contains;

const COMMANDS: [&str; 4] = ["validate", "generate", "check", "diff"];

fn stdout_of(assert: assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("UTF-8 stdout")
}

#[test]
fn version() {
    let expected = format!("tlgen {}", env!("CARGO_PKG_VERSION"));
    tlgen()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(contains(expected.as_str()));
    tlgen()
        .arg("-V")
        .assert()
        .code(0)
        .stdout(contains(expected.as_str()));
    // propagate_version: every command has it too.
    for cmd in COMMANDS {
        tlgen()
            .args([cmd, "--version"])
            .assert()
            .code(0)
            .stdout(contains(env!("CARGO_PKG_VERSION")));
    }
}

#[test]
fn top_level_help_lists_every_command() {
    let help = stdout_of(tlgen().arg("--help").assert().code(0));
    for cmd in COMMANDS {
        assert!(help.contains(cmd), "--help lacks {cmd}:\n{help}");
    }
    tlgen()
        .args(["help", "generate"])
        .assert()
        .code(0)
        .stdout(contains("--out"));
}

#[test]
fn help_of_each_command_mentions_its_options() {
    let options: [(&str, &[&str]); 4] = [
        (
            "validate",
            &[
                "--format",
                "--strict",
                "--id-mismatch",
                "--allow-id-mismatch",
                "<FILE>",
            ],
        ),
        (
            "generate",
            &[
                "--out",
                "--errors",
                "--methods",
                "--derive",
                "--namespace",
                "--serde-feature",
                "--runtime-crate",
                "--layer",
                "--id-mismatch",
                "--allow-id-mismatch",
                "--strict",
                "split output",
                "Exit status",
            ],
        ),
        (
            "check",
            &[
                "--out",
                "--errors",
                "--methods",
                "--max-diff-lines",
                "--allow-id-mismatch",
                "stale",
                "Exit status",
            ],
        ),
        (
            "diff",
            &["--format", "--fail-on", "--id-mismatch", "<OLD>", "<NEW>"],
        ),
    ];
    for (cmd, opts) in options {
        let help = stdout_of(tlgen().args([cmd, "--help"]).assert().code(0));
        for opt in opts {
            assert!(help.contains(opt), "`{cmd} --help` lacks {opt}:\n{help}");
        }
        // -h is the short form.
        tlgen()
            .args([cmd, "-h"])
            .assert()
            .code(0)
            .stdout(contains("Usage"));
    }
}

#[test]
fn no_command_is_a_usage_error() {
    tlgen()
        .assert()
        .code(2)
        .stderr(contains("Usage").and(no_panic()));
}

#[test]
fn unknown_command() {
    tlgen().arg("frobnicate").assert().code(2).stderr(
        contains("unrecognized subcommand 'frobnicate'")
            .and(contains("--help"))
            .and(no_panic()),
    );
}

#[test]
fn unknown_option() {
    for cmd in COMMANDS {
        tlgen()
            .args([cmd, "--no-such-option"])
            .assert()
            .code(2)
            .stderr(contains("unexpected argument '--no-such-option'").and(no_panic()));
    }
}

#[test]
fn bad_enum_values_list_the_possible_ones() {
    let fixture = schema("fixture.tl");
    let cases: [(&[&str], &str, &str); 4] = [
        (&["validate", "--format", "xml"], "xml", "text, json"),
        (
            &["validate", "--id-mismatch", "maybe"],
            "maybe",
            "error, warn, ignore",
        ),
        (
            &["diff", "--format", "html", "a.tl", "b.tl"],
            "html",
            "text, json, markdown",
        ),
        (
            &["diff", "--fail-on", "sometimes", "a.tl", "b.tl"],
            "sometimes",
            "breaking, any, none",
        ),
    ];
    for (args, value, possible) in cases {
        tlgen().args(args).arg(&fixture).assert().code(2).stderr(
            contains(format!("invalid value '{value}'"))
                .and(contains(possible))
                .and(no_panic()),
        );
    }
}

#[test]
fn bad_numbers() {
    let fixture = schema("fixture.tl");
    tlgen()
        .args(["check", "-o", "x.rs", "--max-diff-lines", "many"])
        .arg(&fixture)
        .assert()
        .code(2)
        .stderr(contains("invalid value 'many'").and(no_panic()));
    tlgen()
        .args(["generate", "-o", "x.rs", "--layer", "-1"])
        .arg(&fixture)
        .assert()
        .code(2)
        .stderr(no_panic());
}

#[test]
fn missing_required_arguments() {
    // No files.
    for cmd in ["validate", "generate", "check"] {
        tlgen()
            .arg(cmd)
            .assert()
            .code(2)
            .stderr(contains("required").and(contains("<FILE>")).and(no_panic()));
    }
    // No -o.
    for cmd in ["generate", "check"] {
        tlgen()
            .arg(cmd)
            .arg(schema("fixture.tl"))
            .assert()
            .code(2)
            .stderr(contains("--out <OUT>").and(no_panic()));
    }
    // diff needs two files.
    tlgen()
        .arg("diff")
        .arg(schema("fixture.tl"))
        .assert()
        .code(2)
        .stderr(contains("<NEW>").and(no_panic()));
    // --methods needs --errors.
    tlgen()
        .arg("generate")
        .arg(schema("fixture.tl"))
        .args(["-o", "x.rs", "--methods"])
        .arg(schema("errors/methods.csv"))
        .assert()
        .code(2)
        .stderr(contains("--errors <FILE>").and(no_panic()));
}

/// A reader that closes its end of the pipe early (`tlgen ... | head -0`) is no error.
#[test]
fn closed_stdout_is_not_a_crash() {
    for args in [
        vec!["validate".to_owned(), "--format".into(), "json".into()],
        vec![
            "diff".to_owned(),
            schema("diff/old.tl").display().to_string(),
            "--fail-on".into(),
            "none".into(),
        ],
    ] {
        let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("tlgen"))
            .args(&args)
            .arg(schema("fixture.tl"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn tlgen");
        drop(child.stdout.take()); // close the read end before tlgen writes
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut stderr)
            .expect("read stderr");
        let status = child.wait().expect("wait");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("internal error"),
            "{args:?}: {stderr}"
        );
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
    }
}
