//! TDLib's dialect with the JSON mode: the golden file of `schema/tdlib/td_fixture.tl`, and the
//! configuration errors. (`tests/tdlib` compiles and runs the same code, and td_api.tl
//! against the real libtdjson.)

use std::path::{Path, PathBuf};

use tlgen_build::{Condition, Config, Dialect, Error};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/tdlib/td_fixture.tl")
}

fn tdlib() -> Config {
    let mut cfg = Config::new();
    cfg.schema(fixture())
        .dialect(Dialect::Tdlib)
        .json(Condition::Always)
        .emit_cargo_directives(false);
    cfg
}

#[test]
fn golden() {
    let code = tdlib()
        .arbitrary(Condition::Feature("arbitrary".into()))
        .format(true)
        .generate_to_string()
        .unwrap();
    tlgen_test_support::check_golden(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/tdlib_fixture.rs"),
        &code,
    );
}

#[test]
fn dialect_shapes() {
    let code = tdlib().generate_to_string().unwrap();
    // No binary encoding in TDLib's dialect; IDs and RemoteCall stay.
    assert!(!code.contains("Serializable for"), "binary impls emitted");
    assert!(code.contains("impl ::tlgen_runtime::Identifiable for GetFile"));
    assert!(code.contains("type Return = super::types::File;"));
    // One constructor, no //@class: the struct, no enum.
    assert!(!code.contains("pub enum FormattedText"));
    assert!(code.contains("pub label: ::core::option::Option<super::types::FormattedText>"));
    // "may be null" objects (and objects of a vector) are options; numbers are not.
    assert!(
        code.contains("pub shapes: ::std::vec::Vec<::core::option::Option<super::enums::Shape>>")
    );
    assert!(code.contains("pub thumbnail: ::core::option::Option<super::enums::Shape>"));
    assert!(code.contains("pub size: i64"));
    // //@class docs on the enum (bare URLs as autolinks), descriptions on the variants.
    assert!(code.contains("/// A shape; see <https://example.com/shapes> for more"));
    assert!(code.contains("/// A point\n"));
}

#[test]
fn configuration_errors() {
    let e = tdlib().binary(true).generate_to_string().unwrap_err();
    assert!(
        matches!(&e, Error::Config { message } if message.contains("no binary encoding")),
        "{e}"
    );
    let e = tdlib()
        .serde(Condition::Always)
        .generate_to_string()
        .unwrap_err();
    assert!(
        matches!(&e, Error::Config { message } if message.contains("choose one")),
        "{e}"
    );
}

#[test]
fn json_mode_for_telegram_schemas() {
    // The same JSON mode on a Telegram schema, beside the binary encoding.
    let code = Config::new()
        .schema(Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/fixture.tl"))
        .json(Condition::Feature("json".into()))
        .emit_cargo_directives(false)
        .generate_to_string()
        .unwrap();
    assert!(code.contains("Serializable for"));
    assert!(code.contains("#[cfg(feature = \"json\")]"));
    assert!(code.contains("::tlgen_runtime::json::Int64"));
}
