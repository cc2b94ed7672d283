//! `Config::functions` / `Config::types`: the generated items are exactly the selected ones
//! and what they reach (parameter and result types, transitively, every constructor of a
//! boxed type); a name that selects nothing is an error.

use std::path::PathBuf;

use tlgen_build::{Config, Error, ItemKind, Output};

fn fixture() -> Config {
    let mut c = Config::new();
    c.schema(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/fixture.tl"));
    c
}

fn names(out: &Output, kind: ItemKind) -> Vec<&str> {
    let mut v: Vec<&str> = out
        .items
        .iter()
        .filter(|i| i.kind == kind)
        .map(|i| i.tl_name.as_str())
        .collect();
    v.sort_unstable();
    v
}

#[test]
fn functions_keep_exactly_what_they_reach() {
    let out = fixture()
        .functions(["auth.sendCode", "getText"])
        .generate_output()
        .unwrap();
    assert_eq!(
        names(&out, ItemKind::Function),
        ["auth.sendCode", "getText"]
    );
    // auth.sendCode: `settings:flags.0?Flagged` and its answer `auth.SentCode`, whose second
    // constructor holds a `Node` (recursive); getText: every constructor of `Text`.
    assert_eq!(
        names(&out, ItemKind::Constructor),
        [
            "auth.sentCode",
            "auth.sentCodeSuccess",
            "flagged",
            "node",
            "textBold",
            "textConcat",
            "textEmpty",
            "textLink",
            "textPlain",
        ]
    );
    assert_eq!(
        names(&out, ItemKind::Enum),
        ["Flagged", "Node", "Text", "auth.SentCode"]
    );
    // `name_for_id` names what is generated only.
    assert!(out.code.contains("\"textBold\")"));
    assert!(!out.code.contains("\"point\")"));
}

#[test]
fn types_and_globs_add_up() {
    let out = fixture()
        .functions(["a.b.*"])
        .types(["Point", "colorRgb"])
        .generate_output()
        .unwrap();
    assert_eq!(names(&out, ItemKind::Function), ["a.b.touch"]);
    // A boxed type named keeps all its constructors; a constructor named keeps its type,
    // hence the type's other constructors too.
    assert_eq!(
        names(&out, ItemKind::Constructor),
        ["a.b.deep", "colorRed", "colorRgb", "point"]
    );
    assert_eq!(names(&out, ItemKind::Enum), ["Color", "Point", "a.b.Deep"]);

    // Types alone: no function at all.
    let out = fixture().types(["segment"]).generate_output().unwrap();
    assert!(names(&out, ItemKind::Function).is_empty());
    assert_eq!(names(&out, ItemKind::Constructor), ["point", "segment"]);
}

#[test]
fn a_name_that_selects_nothing_is_an_error() {
    let err = fixture()
        .functions(["getTxt"])
        .generate_output()
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::NoMatch {
                what: "function",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "`getTxt` matches no function of the schemas (TL names, case-sensitive; `*` is a \
         wildcard); did you mean `getText`?"
    );
    // A type name is not a function name.
    let err = fixture().functions(["Text"]).generate_output().unwrap_err();
    assert!(matches!(&err, Error::NoMatch { .. }), "{err:?}");
    let err = fixture().types(["nope.*"]).generate_output().unwrap_err();
    assert_eq!(
        err.to_string(),
        "`nope.*` matches no constructor or type of the schemas (TL names, case-sensitive; `*` \
         is a wildcard)"
    );
}

#[test]
fn selecting_everything_changes_nothing() {
    let all = fixture().generate_to_string().unwrap();
    let star = fixture()
        .functions(["*"])
        .types(["*"])
        .generate_to_string()
        .unwrap();
    assert_eq!(all, star);
}
