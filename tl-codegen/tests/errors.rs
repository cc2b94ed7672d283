//! Errors: each is typed, never a panic, and its Display says what and where.

use tlgen_build::{Config, Error, ItemKind};

fn generate(sources: &[(&str, &str)]) -> Result<tlgen_build::Output, Error> {
    let mut c = Config::new();
    for (name, text) in sources {
        c.schema_source(*name, *text);
    }
    c.generate_output()
}

#[test]
fn no_schema() {
    assert!(matches!(
        Config::new().generate_output(),
        Err(Error::NoSchema)
    ));
}

#[test]
fn missing_file() {
    let err = Config::new()
        .schema("/nonexistent/x.tl")
        .generate_output()
        .unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
    assert!(err.to_string().starts_with("/nonexistent/x.tl: "), "{err}");
}

#[test]
fn schema_diagnostics_are_shown() {
    let err = generate(&[("bad.tl", "a#00000001 x:int = A;\nb x: = B;\n")]).unwrap_err();
    let Error::Schema { file, diagnostics } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(file, "bad.tl");
    assert!(diagnostics.error_count() >= 1);
    let text = err.to_string();
    assert!(text.contains("bad.tl:1:"), "{text}");
    assert!(
        text.contains("ID mismatch") || text.contains("mismatch"),
        "{text}"
    );
}

#[test]
fn allow_id_mismatch_passes_through() {
    let src = "a#00000001 x:int = A;\n";
    assert!(generate(&[("a.tl", src)]).is_err());
    let out = Config::new()
        .schema_source("a.tl", src)
        .allow_id_mismatch("a")
        .generate_output()
        .unwrap();
    assert!(out.code.contains("0x00000001"));
}

#[test]
fn name_collision_is_an_error_naming_both() {
    let err = generate(&[("c.tl", "fooBar x:int = T;\nfoo_bar y:int = T;\n")]).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, Error::NameCollision { .. }));
    assert!(
        text.contains("`fooBar`") && text.contains("`foo_bar`"),
        "{text}"
    );
    assert!(text.contains("`FooBar`"), "{text}");

    // Fields.
    let err = generate(&[("c.tl", "t fooBar:int foo_bar:int = T;\n")]).unwrap_err();
    assert!(err.to_string().contains("fields of `t`"), "{err}");

    // Boxed types.
    let err = generate(&[("c.tl", "a = Foo_bar;\nb = FooBar;\n")]).unwrap_err();
    assert!(err.to_string().contains("enums"), "{err}");
}

#[test]
fn merged_schemas_dedupe_and_conflict() {
    let a = "p x:int = P;\n";
    let out = generate(&[("a.tl", a), ("b.tl", a)]).unwrap();
    assert_eq!(
        out.items
            .iter()
            .filter(|i| i.kind == ItemKind::Constructor)
            .count(),
        1
    );
    let err = generate(&[("a.tl", a), ("b.tl", "p x:long = P;\n")]).unwrap_err();
    let text = err.to_string();
    // The files are checked together: the second `p` is a duplicate name whose diagnostic
    // points at it and names the first one's file and position.
    assert!(matches!(err, Error::Schema { .. }), "{err:?}");
    assert!(
        text.contains("b.tl:1:1") && text.contains("a.tl:1:1"),
        "{text}"
    );
}

#[test]
fn different_layers() {
    let err = generate(&[
        ("a.tl", "// LAYER 1\np = P;\n"),
        ("b.tl", "// LAYER 2\nq = Q;\n"),
    ])
    .unwrap_err();
    assert!(matches!(err, Error::Layer { .. }), "{err}");
    let out = Config::new()
        .schema_source("a.tl", "// LAYER 1\np = P;\n")
        .schema_source("b.tl", "// LAYER 2\nq = Q;\n")
        .layer(3)
        .generate_output()
        .unwrap();
    assert!(out.code.contains("pub const LAYER: i32 = 3;"));
}

#[test]
fn unknown_type_is_an_error() {
    let err = generate(&[("u.tl", "p x:Missing = P;\n")]).unwrap_err();
    assert!(matches!(err, Error::Unsupported { .. }), "{err}");
    assert!(err.to_string().contains("unknown type `Missing`"), "{err}");
}

#[test]
fn bare_type_with_several_constructors() {
    let err = generate(&[("u.tl", "a = T;\nb = T;\nc x:%T = C;\n")]).unwrap_err();
    assert!(err.to_string().contains("exactly one constructor"), "{err}");
}

#[test]
fn invalid_options() {
    let err = Config::new()
        .schema_source("a.tl", "p = P;\n")
        .derive("not a path")
        .generate_output()
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err}");
}

#[test]
fn no_out_dir() {
    // SAFETY-free: only removes a variable this test process does not otherwise use.
    if std::env::var_os("OUT_DIR").is_none() {
        let err = Config::new()
            .schema_source("a.tl", "p = P;\n")
            .generate()
            .unwrap_err();
        assert!(matches!(err, Error::NoOutDir));
    }
}

#[test]
fn extension_hooks() {
    use proc_macro2::TokenStream;
    use quote::quote;
    struct Errors;
    impl tlgen_build::Extension for Errors {
        fn function_docs(&self, f: &tlgen_build::FunctionInfo<'_>) -> Vec<String> {
            vec![format!("Errors of `{}`.", f.tl_name)]
        }
        fn function_items(&self, f: &tlgen_build::FunctionInfo<'_>) -> TokenStream {
            let name = quote::format_ident!("{}", f.ident);
            let root = &f.root;
            quote!(impl #name { pub const ERRORS: &'static str = "none"; fn _x(_: #root errors::E) {} })
        }
        fn root_items(&self, _rt: &TokenStream) -> TokenStream {
            quote!(
                pub mod errors {
                    pub struct E;
                }
            )
        }
    }
    let code = Config::new()
        .schema_source("a.tl", "p = P;\n---functions---\nget = P;\n")
        .extension(Errors)
        .generate_to_string()
        .unwrap();
    assert!(code.contains("/// Errors of `get`."), "{code}");
    assert!(code.contains("pub const ERRORS"), "{code}");
    assert!(code.contains("pub mod errors"), "{code}");
    assert!(code.contains("fn _x(_: super::errors::E)"), "{code}");
}

/// No layer is never a silent `LAYER = 0`: without one there is no `LAYER`, and a schema that
/// needs one (`invokeWithLayer`) gets a warning saying how to set it.
#[test]
fn a_missing_layer_is_a_warning_not_a_zero() {
    let schema = "p = P;\n---functions---\ninvokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;\ngetP = P;\n";
    let out = Config::new()
        .schema_source("a.tl", schema)
        .generate_output()
        .unwrap();
    assert!(!out.code.contains("pub const LAYER"), "{}", out.code);
    let w: Vec<String> = out
        .warnings
        .iter()
        .filter(|w| w.kind == tlgen_build::DiagnosticKind::MissingLayer)
        .map(|w| w.to_string())
        .collect();
    assert_eq!(w.len(), 1, "{:?}", out.warnings);
    assert!(
        w[0].contains("--layer N") && w[0].contains("Config::layer(N)"),
        "{}",
        w[0]
    );
    // A layer given by hand is written, and nothing is said.
    let out = Config::new()
        .schema_source("a.tl", schema)
        .layer(230)
        .generate_output()
        .unwrap();
    assert!(out.code.contains("pub const LAYER: i32 = 230;"));
    assert!(
        out.warnings
            .iter()
            .all(|w| w.kind != tlgen_build::DiagnosticKind::MissingLayer)
    );
    // No invokeWithLayer (mtproto.tl, TON, TDLib): no LAYER and no warning.
    let out = Config::new()
        .schema_source("b.tl", "p = P;\n")
        .generate_output()
        .unwrap();
    assert!(!out.code.contains("pub const LAYER"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}
