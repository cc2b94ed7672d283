//! Diffs of the real Telegram schemas in `TL_SCHEMA_DIR` (e.g. `../shared/schema`; relative
//! paths resolve against the workspace root). Skipped when the variable is unset, except on CI
//! (`CI=true`), where a missing directory is a failure.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tlgen_diff::{Category, ChangeKind, Diff, diff};
use tlgen_parser::{Definition, Level, ParseOptions, Schema, parse};

fn schema_dir() -> Option<PathBuf> {
    tlgen_test_support::schema_dir(&["api.tl"])
}

/// Parse a real file. gotd's files carry five legacy constructors whose written IDs are not
/// the CRC32 of their text; a diff takes IDs as written, so mismatches are ignored here.
fn load(dir: &std::path::Path, file: &str) -> Schema {
    let src = std::fs::read_to_string(dir.join(file)).expect("readable schema");
    let opts = ParseOptions {
        id_mismatch: Level::Ignore,
        ..ParseOptions::default()
    };
    let parsed = parse(file, &src, &opts);
    assert!(!parsed.has_errors(), "{file} has errors");
    parsed.schema
}

fn count(diff: &Diff, kind: ChangeKind, category: Category) -> usize {
    diff.changes
        .iter()
        .filter(|c| c.kind == kind && c.category == category)
        .count()
}

#[test]
fn layer_218_to_228() {
    let Some(dir) = schema_dir() else { return };
    let old = load(&dir, "api-218.tl");
    let new = load(&dir, "api-228.tl");
    let d = diff(&old, &new);
    let s = d.summary();
    assert_eq!((s.old_layer, s.new_layer), (Some(218), Some(228)));
    assert_eq!(s.added, 197);
    assert_eq!(s.removed, 1);
    assert_eq!(s.id_changed, 93);
    assert_eq!(count(&d, ChangeKind::Added, Category::Type), 130);
    assert_eq!(count(&d, ChangeKind::Added, Category::Function), 67);
    assert_eq!(count(&d, ChangeKind::Removed, Category::Function), 1);
    assert_eq!(count(&d, ChangeKind::IdChanged, Category::Type), 74);
    assert_eq!(count(&d, ChangeKind::IdChanged, Category::Function), 19);
    for c in d.changes.iter().filter(|c| c.kind == ChangeKind::IdChanged) {
        assert!(c.breaking_wire && c.is_breaking(), "{c:?}");
    }
    // Every definition whose ID changed also says why (or is a changed written ID only).
    for c in d.changes.iter().filter(|c| c.kind == ChangeKind::IdChanged) {
        let why = d
            .changes_of(&c.name)
            .filter(|x| x.kind != ChangeKind::IdChanged)
            .count();
        assert!(why > 0, "{} changed ID without a reported reason", c.name);
    }
    let json = d.to_json();
    assert_eq!(json["summary"]["added"], 197);
    assert_eq!(json["summary"]["removed"], 1);
    assert_eq!(json["summary"]["id_changed"], 93);
    let text = d.to_text();
    let breaking_at = text.find("\nBreaking changes (").expect("breaking section");
    let compatible_at = text
        .find("\nCompatible changes (")
        .expect("compatible section");
    assert!(breaking_at < compatible_at);
    assert!(text.contains("ID changed [id-changed] (93)"), "{text}");
    let md = d.to_markdown();
    assert!(md.len() < 65_536, "markdown is {} bytes", md.len());
    println!("{}", text.lines().take(3).collect::<Vec<_>>().join("\n"));
    println!(
        "218 → 228: {} changes, {} breaking; markdown {} bytes",
        d.changes.len(),
        s.breaking,
        md.len()
    );
}

/// The definition as dialect-free text: the parser's printer (IDs as 8 hex digits, `Vector<T>`,
/// single spaces, no comments).
fn printed(d: &Definition) -> String {
    d.to_string()
}

fn by_name(s: &Schema) -> BTreeMap<String, &Definition> {
    s.definitions.iter().map(|d| (d.full_name(), d)).collect()
}

#[test]
fn layer_228_to_230_across_dialects_has_no_formatting_noise() {
    let Some(dir) = schema_dir() else { return };
    let old = load(&dir, "api-228.tl");
    let new = load(&dir, "api.tl");
    let d = diff(&old, &new);
    let s = d.summary();
    assert_eq!((s.old_layer, s.new_layer), (Some(228), Some(230)));

    let (o, n) = (by_name(&old), by_name(&new));
    let mut unchanged = 0;
    for (name, od) in &o {
        let Some(nd) = n.get(name) else { continue };
        let true_flags = |d: &Definition| {
            d.params
                .iter()
                .enumerate()
                .filter(|(_, p)| p.ty.is_true_flag())
                .map(|(i, p)| (i, p.name.clone(), p.ty.flag().cloned()))
                .collect::<Vec<_>>()
        };
        let same_normalised = od.normalized_text() == nd.normalized_text()
            && true_flags(od) == true_flags(nd)
            && od.id() == nd.id();
        let reported = d.changes_of(name).count();
        if same_normalised && printed(od) == printed(nd) {
            unchanged += 1;
            assert_eq!(
                reported,
                0,
                "{name}: noise reported: {:?}",
                d.changes_of(name).collect::<Vec<_>>()
            );
        } else {
            // The converse: every real difference is reported.
            assert!(
                reported > 0,
                "{name} differs but no change reported:\n{od}\n{nd}"
            );
        }
    }
    assert!(unchanged > 2000, "only {unchanged} unchanged definitions");

    // gotd's appended legacy block is absent from tdesktop's file: a real difference of the
    // files' content (reported as removals), not formatting.
    let removed: Vec<_> = d
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Removed)
        .map(|c| c.name.as_str())
        .collect();
    println!("228 → 230: {s:?}\nremoved: {removed:?}");
    for legacy in [
        "ipPort",
        "ipPortSecret",
        "accessPointRule",
        "help.configSimple",
        "test.useError",
    ] {
        assert!(removed.contains(&legacy), "{legacy} not reported removed");
    }
}

#[test]
fn a_schema_printed_in_another_dialect_diffs_empty() {
    let Some(dir) = schema_dir() else { return };
    for file in ["api-228.tl", "api.tl"] {
        let original = load(&dir, file);
        let reprinted = parse(
            "printed.tl",
            &original.to_string(),
            &ParseOptions {
                id_mismatch: Level::Ignore,
                ..ParseOptions::default()
            },
        )
        .schema;
        let d = diff(&original, &reprinted);
        assert!(
            d.is_empty(),
            "{file}: {:?}",
            &d.changes[..d.changes.len().min(5)]
        );
    }
}
