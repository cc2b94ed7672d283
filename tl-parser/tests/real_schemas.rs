//! Tests over the real schemas in `$TL_SCHEMA_DIR` (CI sets it to `../shared/schema`).
//! Skipped with a message when unset; under `CI=true` a missing folder fails.

use std::path::PathBuf;

use tl_parser::{DiagnosticKind, Level, ParseOptions, parse};

fn schema_dir() -> Option<PathBuf> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let Some(dir) = std::env::var_os("TL_SCHEMA_DIR") else {
        assert!(!ci, "CI=true but TL_SCHEMA_DIR is not set");
        eprintln!("skipped: TL_SCHEMA_DIR not set");
        return None;
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(dir);
    if !dir.is_dir() {
        assert!(
            !ci,
            "CI=true but TL_SCHEMA_DIR {} is missing",
            dir.display()
        );
        eprintln!("skipped: {} does not exist", dir.display());
        return None;
    }
    Some(dir)
}

fn read(dir: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const KNOWN_MISMATCHES: [&str; 3] = ["ipPortSecret", "accessPointRule", "help.configSimple"];
const GOTD_LEGACY: [&str; 2] = [
    "inputPeerPhotoFileLocationLegacy",
    "inputStickerSetThumbLegacy",
];

#[test]
fn api_tl_layer_230() {
    let Some(dir) = schema_dir() else { return };
    let parsed = parse("api.tl", &read(&dir, "api.tl"), &ParseOptions::strict());
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let s = &parsed.schema;
    assert_eq!(s.layer, Some(230));
    assert_eq!(s.types().count(), 1703);
    assert_eq!(s.functions().count(), 850);
    assert_eq!(s.builtins.len(), 1);
    // Every explicit ID is proven (2553 definitions + the vector built-in).
    let explicit = s
        .definitions
        .iter()
        .filter(|d| d.explicit_id.is_some())
        .count();
    assert_eq!(explicit, 2553);
    assert!(
        s.definitions
            .iter()
            .all(|d| d.explicit_id == Some(d.computed_id))
    );
}

#[test]
fn mtproto_with_known_mismatches_allowed() {
    let Some(dir) = schema_dir() else { return };
    let src = read(&dir, "mtproto.tl");
    let strict = parse("mtproto.tl", &src, &ParseOptions::default());
    let mismatches: Vec<_> = strict
        .errors()
        .filter(|d| d.kind == DiagnosticKind::IdMismatch)
        .map(|d| d.line())
        .collect();
    assert_eq!(mismatches.len(), 3, "{:?}", strict.diagnostics);
    let mut opts = ParseOptions::default();
    opts.allowed_id_mismatches
        .extend(KNOWN_MISMATCHES.map(String::from));
    let parsed = parse("mtproto.tl", &src, &opts);
    assert!(!parsed.has_errors(), "{:?}", parsed.diagnostics);
    assert_eq!(parsed.schema.builtins.len(), 7);
    assert_eq!(parsed.schema.functions().count(), 10);
    // Eight tls* declarations have no ID, one uses Vector<Vector<TlsBlock>>.
    let no_id = parsed
        .schema
        .definitions
        .iter()
        .filter(|d| d.explicit_id.is_none())
        .count();
    assert_eq!(no_id, 9);
}

#[test]
fn gotd_dialect_files_in_warn_mode() {
    let Some(dir) = schema_dir() else { return };
    for (file, layer, types, functions) in [
        ("api-228.tl", 228, 1648, 808),
        ("api-218.tl", 218, 1518, 742),
    ] {
        let src = read(&dir, file);
        let opts = ParseOptions {
            id_mismatch: Level::Warn,
            ..ParseOptions::default()
        };
        let parsed = parse(file, &src, &opts);
        assert!(!parsed.has_errors(), "{file}: {:?}", parsed.diagnostics);
        let warned: Vec<_> = parsed.warnings().map(|d| d.message.clone()).collect();
        assert_eq!(warned.len(), 5, "{file}: {warned:?}");
        for name in KNOWN_MISMATCHES.iter().chain(&GOTD_LEGACY) {
            assert!(parsed.warnings().any(|d| {
                d.source_line
                    .as_deref()
                    .is_some_and(|l| l.starts_with(&format!("{name}#")))
            }));
        }
        assert_eq!(parsed.schema.layer, Some(layer));
        assert_eq!(parsed.schema.types().count(), types);
        assert_eq!(parsed.schema.functions().count(), functions);
    }
}

#[test]
fn td_api_with_computed_ids() {
    let Some(dir) = schema_dir() else { return };
    let parsed = parse(
        "td_api.tl",
        &read(&dir, "td_api.tl"),
        &ParseOptions::strict(),
    );
    assert!(
        parsed.diagnostics.is_empty(),
        "{:?}",
        &parsed.diagnostics[..3.min(parsed.diagnostics.len())]
    );
    let s = &parsed.schema;
    assert_eq!(s.types().count() + s.builtins.len(), 2168);
    assert_eq!(s.functions().count(), 1010);
    let error = s
        .definitions
        .iter()
        .find(|d| d.name == "error")
        .expect("error");
    assert_eq!(error.id(), 0x9bdd8f1a);
    assert!(
        error
            .doc
            .as_deref()
            .is_some_and(|d| d.starts_with("An object of this type"))
    );
    assert!(
        error.params[0]
            .doc
            .as_deref()
            .is_some_and(|d| d.starts_with("Error code"))
    );
    let documented = s.definitions.iter().filter(|d| d.doc.is_some()).count();
    assert!(documented > 3100, "{documented} definitions documented");
    assert!(
        s.type_docs
            .iter()
            .any(|t| t.name == "AuthenticationCodeType")
    );
}

#[test]
fn flipping_one_hex_digit_is_reported_at_its_line_and_column() {
    let Some(dir) = schema_dir() else { return };
    let mut src = read(&dir, "api.tl");
    let needle = "inputPeerChat#35a95cb9 ";
    let at = src.find(needle).expect("inputPeerChat in api.tl");
    // Flip the last hex digit: 9 -> 8.
    let digit = at + needle.len() - 2;
    src.replace_range(digit..digit + 1, "8");
    let line = src[..at].matches('\n').count() as u32 + 1;
    let parsed = parse("api.tl", &src, &ParseOptions::default());
    let errors: Vec<_> = parsed.errors().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = errors[0];
    assert_eq!(e.kind, DiagnosticKind::IdMismatch);
    assert_eq!((e.line(), e.column()), (line, 14));
    assert_eq!(
        e.message,
        "constructor ID mismatch: written #35a95cb8, CRC32 of \"inputPeerChat chat_id:long = InputPeer\" is #35a95cb9"
    );
    assert!(
        e.to_string()
            .starts_with(&format!("api.tl:{line}:14: error: constructor ID mismatch"))
    );
}
