//! Tests over the real schemas in `$TL_SCHEMA_DIR` (CI sets it to `../shared/schema`).
//! Skipped with a message when unset; under `CI=true` a missing folder fails.

use std::path::PathBuf;

use tlgen_parser::{DiagnosticKind, IdRule, Level, ParseOptions, parse, parse_files};

fn schema_dir() -> Option<PathBuf> {
    tlgen_test_support::schema_dir(&[])
}

fn read(dir: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const KNOWN_MISMATCHES: [&str; 3] = tlgen_parser::TELEGRAM_KNOWN_MISMATCHES;
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
    let parsed = parse("mtproto.tl", &src, &ParseOptions::telegram());
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

#[test]
fn api_and_mtproto_together_with_the_telegram_preset() {
    let Some(dir) = schema_dir() else { return };
    let files = [
        ("api.tl", read(&dir, "api.tl")),
        ("mtproto.tl", read(&dir, "mtproto.tl")),
    ];
    let parsed = parse_files(&files, &ParseOptions::telegram());
    let diags: Vec<String> = parsed.diagnostics().map(|d| d.to_string()).collect();
    assert!(diags.is_empty(), "{:#?}", &diags[..diags.len().min(5)]);
}

/// Every ID that TON's own compiler wrote for `lite_api.tl` (`lite_api.ids.csv`: the 95
/// declarations unchanged since that `.tlo`) is the computed ID under `IdRule::Ton`.
#[test]
fn lite_api_ids_match_tons_compiler() {
    let Some(dir) = schema_dir() else { return };
    let src = read(&dir, "lite_api.tl");
    // Three declarations write an ID that pins an older text: ordinary ID mismatches.
    let pinned = tlgen_parser::TON_KNOWN_MISMATCHES;
    let plain = parse(
        "lite_api.tl",
        &src,
        &ParseOptions::default().with_id_rule(IdRule::Ton),
    );
    let mut mismatched: Vec<String> = plain
        .errors()
        .map(|d| {
            assert_eq!(d.kind, DiagnosticKind::IdMismatch, "{d}");
            d.source_line
                .as_deref()
                .unwrap_or("")
                .split('#')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    mismatched.sort();
    let mut expected_pinned = pinned.map(String::from).to_vec();
    expected_pinned.sort();
    assert_eq!(mismatched, expected_pinned);

    // The TON preset accepts exactly those.
    let parsed = parse("lite_api.tl", &src, &ParseOptions::ton());
    assert_eq!(parsed.errors().count(), 0, "{:?}", parsed.diagnostics);
    let s = &parsed.schema;
    // Every statement of the file is read.
    assert_eq!(s.definitions.len() + s.builtins.len(), 101);
    let mut ids = std::collections::HashMap::new();
    for d in &s.definitions {
        let kind = match d.category {
            tlgen_parser::Category::Type => "constructor",
            tlgen_parser::Category::Function => "function",
        };
        ids.insert(d.full_name(), (kind, d.computed_id));
    }
    for b in &s.builtins {
        ids.insert(b.full_name(), ("constructor", b.computed_id));
    }
    let csv = read(&dir, "lite_api.ids.csv");
    let mut rows = 0;
    let mut wrong = Vec::new();
    for line in csv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split(',').collect();
        assert_eq!(cols.len(), 3, "{line}");
        let id = u32::from_str_radix(cols[2], 16).unwrap_or_else(|e| panic!("{line}: {e}"));
        rows += 1;
        match ids.get(cols[0]) {
            Some(&(kind, computed)) if kind == cols[1] && computed == id => {}
            other => wrong.push(format!("{line}: computed {other:x?}")),
        }
    }
    assert_eq!(rows, 95);
    assert!(wrong.is_empty(), "{wrong:#?}");
    // Telegram's rule gets the `bytes` declarations wrong.
    let query = s
        .definitions
        .iter()
        .find(|d| d.full_name() == "liteServer.query")
        .expect("liteServer.query");
    assert_eq!(query.computed_id, 0x798c06df);
    assert_ne!(IdRule::Telegram.computed_id(query), 0x798c06df);
}

/// TDLib computes its IDs by the TL compiler's rule (`bytes` stays `bytes`): with the tdlib
/// preset the computed IDs are TDLib's.
#[test]
fn td_api_ids_under_the_tdlib_rule() {
    let Some(dir) = schema_dir() else { return };
    let parsed = parse(
        "td_api.tl",
        &read(&dir, "td_api.tl"),
        &ParseOptions {
            unknown_types: Level::Error,
            ..ParseOptions::tdlib()
        },
    );
    assert!(
        parsed.diagnostics.is_empty(),
        "{:?}",
        &parsed.diagnostics[..3.min(parsed.diagnostics.len())]
    );
    let id = |name: &str| {
        parsed
            .schema
            .definitions
            .iter()
            .find(|d| d.name == name)
            .map(|d| d.id())
            .unwrap_or_else(|| panic!("{name}"))
    };
    // TDLib's Java binding: SetDatabaseEncryptionKey.CONSTRUCTOR = -1204599371.
    assert_eq!(id("setDatabaseEncryptionKey"), (-1204599371i32) as u32);
    assert_eq!(id("error"), 0x9bdd8f1a);
    let builtins: Vec<&str> = parsed
        .schema
        .builtins
        .iter()
        .map(|b| b.name.as_str())
        .collect();
    assert_eq!(
        builtins,
        [
            "double", "string", "int32", "int53", "int64", "bytes", "vector"
        ]
    );
}
