//! Typed RPC errors (`Config::errors` / `Config::methods`): the generated code for the fixture
//! schema plus `schema/errors/rpc.tl` with the fixture tables is checked in as
//! `examples/generated/fixture.rs` (`TLGEN_BLESS=1 cargo test -p tlgen-build --test
//! rpc_errors` rewrites it), and bad tables are errors with file, line and column.

use std::path::{Path, PathBuf};

use tlgen_build::{Config, Error};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn config() -> Config {
    let mut c = Config::new();
    c.schema(root().join("schema/fixture.tl"))
        .schema(root().join("schema/errors/rpc.tl"))
        .errors(root().join("schema/errors/errors.csv"))
        .methods(root().join("schema/errors/methods.csv"))
        // As `tlgen generate` writes it.
        .format(true);
    c
}

#[test]
fn golden_fixture_with_tables() {
    let out = config().generate_output().unwrap();
    // The committed example is this golden file (the drift check in `.ci/run` also compares
    // it with what `tlgen generate` writes).
    tlgen_test_support::check_golden(&root().join("examples/generated/fixture.rs"), &out.code);
}

#[test]
fn header_names_the_tables() {
    let out = config().generate_output().unwrap();
    let header = out.code.lines().nth(2).unwrap();
    assert!(
        header.contains("fixture.tl, rpc.tl, errors.csv, methods.csv"),
        "{header}"
    );
}

#[test]
fn method_rows_missing_from_the_schema_are_warnings() {
    let out = config().generate_output().unwrap();
    let w: Vec<String> = out
        .warnings
        .iter()
        .map(ToString::to_string)
        .filter(|w| w.contains("legacy.removedMethod"))
        .collect();
    assert_eq!(w.len(), 1, "{:?}", out.warnings);
    assert!(w[0].contains("methods.csv:8:1: warning:"), "{}", w[0]);
    assert!(
        out.warnings
            .iter()
            .any(|d| d.kind == tlgen_build::DiagnosticKind::UnknownMethod)
    );
    assert!(!out.code.contains("RemovedMethodError"));
}

#[test]
fn generated_items() {
    let code = config().generate_to_string().unwrap();
    for needle in [
        "pub mod errors {",
        "pub enum RpcError {",
        "FloodWait {",
        "seconds: u32,",
        "pub mod methods {",
        "pub enum ResetAuthorizationsError {",
        "FreshResetAuthorisationForbidden,",
        "Other(super::super::RpcError)",
        "impl ::tlgen_runtime::MethodErrors for ResetAuthorizations {",
        "type Error = super::super::errors::methods::auth::ResetAuthorizationsError;",
        // Functions without a row get the general enum; wrappers the inner query's.
        "type Error = super::errors::RpcError;",
        "type Error = <X as ::tlgen_runtime::MethodErrors>::Error;",
        "impl<X: ::tlgen_runtime::MethodErrors> ::tlgen_runtime::MethodErrors for InvokeWithLayer<X>",
        "impl ::core::convert::From<&super::types::RpcError> for RpcError",
        // Names beginning with a digit, parameters mid-name, minutes, several codes.
        "TwoFaConfirmWait {",
        "\"FILE_PART_\", \"_MISSING\",",
        "\"PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_\", \"MIN\",",
        "ChatWriteForbidden {",
        "[400, 403].contains(&code)",
        "\"TIMEOUT\" => (code == -503).then_some(Self::Timeout)",
    ] {
        let flat: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
        let needle_flat: String = needle.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&needle_flat), "missing `{needle}`");
    }
}

#[test]
fn method_page_docs() {
    let code = config().generate_to_string().unwrap();
    let start = code
        .find("/// `auth.resetAuthorizations#9fab0d1a = Bool`")
        .expect("TL line");
    let end = start
        + code[start..]
            .find("pub struct ResetAuthorizations;")
            .unwrap();
    let docs = &code[start..end];
    for section in [
        "/// # Parameters",
        "/// None.",
        "/// # Result",
        "/// `bool` (TL type `Bool`).",
        "/// # Possible errors",
        "/// | 406 | [`FRESH_RESET_AUTHORISATION_FORBIDDEN`](super::super::errors::RpcError::FreshResetAuthorisationForbidden) | You can't logout other sessions if less than 24 hours have passed since you logged on the current session |",
        "/// # Can bots use this method?",
        "/// No.",
        "/// # Related pages",
        "/// - [`ResetAuthorizationsError`](super::super::errors::methods::auth::ResetAuthorizationsError)",
    ] {
        assert!(docs.contains(section), "missing `{section}` in\n{docs}");
    }
    // Parameters table with flag bits; the flags word is not a parameter.
    let start = code.find("/// `messages.sendMessage#27e9a7e7").unwrap();
    let docs = &code[start..start + code[start..].find("pub struct").unwrap()];
    assert!(
        docs.contains("| `silent` | `silent` | `true` | `bool` | `flags.5` |"),
        "{docs}"
    );
    assert!(
        docs.contains("| `message` | `message` | `string` | `String` |  |"),
        "{docs}"
    );
    assert!(!docs.contains("| `flags` |"), "{docs}");
    assert!(docs.contains("/// Yes."), "{docs}");
    // Unknown usability, and a function without a row.
    let start = code.find("/// `help.getAppConfig#").unwrap();
    assert!(code[start..].contains("/// Unknown."));
    let start = code.find("/// `ping#7abe77ec").unwrap();
    let docs = &code[start..start + code[start..].find("pub struct").unwrap()];
    assert!(docs.contains("does not list this method"), "{docs}");
    assert!(
        docs.contains("[`enums::Pong`](super::enums::Pong)"),
        "{docs}"
    );
}

fn table_error(errors: &str, methods: Option<&str>) -> String {
    let mut c = Config::new();
    c.schema(root().join("schema/fixture.tl"))
        .schema(root().join("schema/errors/rpc.tl"))
        .errors_source("errors.csv", errors);
    if let Some(m) = methods {
        c.methods_source("methods.csv", m);
    }
    match c.generate_output() {
        Err(e @ Error::Table { .. }) => e.to_string(),
        other => panic!("expected a table error, got {other:?}"),
    }
}

#[test]
fn bad_tables_are_errors_with_positions() {
    let e = table_error("name,codes,description\nFLOOD_WAIT_X,4x0,Wait\n", None);
    assert!(e.contains("errors.csv:2:"), "{e}");
    let e = table_error("name,codes,description\nA,400\n", None);
    assert!(e.contains("errors.csv:2:"), "{e}");
    let e = table_error(
        "name,codes,description\nA,400,a\n",
        Some("method,usability,errors\nauth.resetAuthorizations,user,A B\n"),
    );
    assert!(e.contains("methods.csv:2:"), "{e}");
    assert!(e.contains('B'), "{e}");
    let e = table_error("name,codes\n", None);
    assert!(e.contains("errors.csv:1:1: error:"), "{e}");
}

#[test]
fn bad_fixture_files_are_errors() {
    for entry in std::fs::read_dir(root().join("schema/errors/bad")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut c = Config::new();
        c.schema(root().join("schema/fixture.tl"))
            .schema(root().join("schema/errors/rpc.tl"));
        if name.starts_with("methods") {
            c.errors(root().join("schema/errors/errors.csv"))
                .methods(&path);
        } else {
            c.errors(&path);
        }
        match c.generate_output() {
            Err(Error::Table { errors }) => {
                assert!(!errors.is_empty());
                let text = errors.to_string();
                assert!(text.contains(&format!("{name}:")), "{name}: {text}");
            }
            other => panic!(
                "{name}: expected a table error, got {:?}",
                other.map(|_| ())
            ),
        }
    }
}

#[test]
fn methods_need_errors() {
    let err = Config::new()
        .schema(root().join("schema/fixture.tl"))
        .methods(root().join("schema/errors/methods.csv"))
        .generate_output()
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err}");
}

#[test]
fn without_tables_nothing_changes() {
    let plain = Config::new()
        .schema(root().join("schema/fixture.tl"))
        .generate_to_string()
        .unwrap();
    assert!(!plain.contains("pub mod errors"));
    assert!(!plain.contains("MethodErrors"));
}
