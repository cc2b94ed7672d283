//! The real tables, when `TL_SCHEMA_DIR` points at them (relative paths are taken from the
//! workspace root), e.g. `TL_SCHEMA_DIR=../shared/schema cargo test -p tlgen-errors`.
//!
//! Without the variable the tests print "skipped: TL_SCHEMA_DIR not set"; with `CI=true` a
//! missing variable or file fails instead.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tlgen_errors::{DiagnosticKind, ErrorClass, ErrorTable, MethodTable, Usability};

fn schema_dir() -> Option<PathBuf> {
    tlgen_test_support::schema_dir(&["errors.csv", "methods.csv"])
}

fn load(dir: &Path) -> (ErrorTable, MethodTable) {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let errors =
        ErrorTable::parse("errors.csv", &read("errors.csv")).unwrap_or_else(|e| panic!("{e}"));
    let methods =
        MethodTable::parse("methods.csv", &read("methods.csv")).unwrap_or_else(|e| panic!("{e}"));
    (errors, methods)
}

#[test]
fn real_errors_csv() {
    let Some(dir) = schema_dir() else { return };
    let (errors, _) = load(&dir);
    assert_eq!(errors.len(), 526);
    // The only warning: `Timeout` (-503) and `TIMEOUT` (500) differ only in case.
    let w: Vec<String> = errors.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        w,
        [
            "errors.csv:469:1: warning: error name `Timeout` maps to the Rust variant `Timeout`, as \
          does `TIMEOUT` on line 456; it is named `Timeout2` instead"
        ]
    );
    assert_eq!(errors.patterns().count(), 18);
    assert_eq!(
        errors.defs().iter().filter(|d| d.codes.len() > 1).count(),
        18
    );
    assert_eq!(errors.defs().iter().filter(|d| d.code() < 0).count(), 2);

    let variants: HashSet<&str> = errors
        .defs()
        .iter()
        .map(|d| d.rust_variant_name())
        .collect();
    assert_eq!(variants.len(), 526);

    let e = errors.get("FRESH_RESET_AUTHORISATION_FORBIDDEN").unwrap();
    assert_eq!(
        (e.codes.as_slice(), e.class()),
        ([406].as_slice(), ErrorClass::NotAcceptable)
    );

    let look = |m: &str| {
        errors.lookup(m).map(|(d, n)| {
            (
                d.rust_variant_name().to_owned(),
                d.field_name().map(str::to_owned),
                n,
            )
        })
    };
    let some = |v: &str, f: &str, n: u32| Some((v.to_owned(), Some(f.to_owned()), Some(n)));
    assert_eq!(look("FLOOD_WAIT_42"), some("FloodWait", "seconds", 42));
    assert_eq!(
        look("FLOOD_PREMIUM_WAIT_7"),
        some("FloodPremiumWait", "seconds", 7)
    );
    assert_eq!(
        look("FILE_PART_7_MISSING"),
        some("FilePartMissing", "which", 7)
    );
    assert_eq!(look("PHONE_MIGRATE_2"), some("PhoneMigrate", "new_dc", 2));
    assert_eq!(look("STATS_MIGRATE_4"), some("StatsMigrate", "dc", 4));
    assert_eq!(
        look("2FA_CONFIRM_WAIT_3600"),
        some("TwoFaConfirmWait", "seconds", 3600)
    );
    assert_eq!(
        look("EMAIL_UNCONFIRMED_6"),
        some("EmailUnconfirmedX", "code_length", 6)
    );
    assert_eq!(
        look("INTERDC_2_CALL_RICH_ERROR"),
        some("InterdcCallRichError", "dc", 2)
    );
    assert_eq!(
        look("INTERDC_2_CALL_ERROR"),
        some("InterdcCallError", "dc", 2)
    );
    assert_eq!(
        look("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN"),
        some("PreviousChatImportActiveWaitMin", "minutes", 5)
    );
    assert_eq!(look("Timeout"), Some(("Timeout2".to_owned(), None, None)));
    assert_eq!(look("TIMEOUT"), Some(("Timeout".to_owned(), None, None)));
    assert_eq!(look("Timedout"), Some(("Timedout".to_owned(), None, None)));
    assert_eq!(look("FLOOD_WAIT_4294967296"), None);
    assert_eq!(look("NOT_A_REAL_ERROR"), None);
    // `EMAIL_UNCONFIRMED` and `EMAIL_UNCONFIRMED_X` share a base name, so both use full names.
    assert_eq!(
        errors.get("EMAIL_UNCONFIRMED").unwrap().rust_variant_name(),
        "EmailUnconfirmed"
    );
    // Every parameterised error names its field in the description.
    assert!(errors.patterns().all(|d| d.field_name() != Some("value")));
}

#[test]
fn real_methods_csv() {
    let Some(dir) = schema_dir() else { return };
    let (errors, methods) = load(&dir);
    assert_eq!(methods.len(), 364);
    assert!(methods.warnings().is_empty(), "{:?}", methods.warnings());
    let d = methods.validate(&errors, None);
    assert!(d.is_empty(), "{d:?}");
    let referenced: HashSet<&str> = methods
        .methods()
        .iter()
        .flat_map(|m| m.error_names())
        .collect();
    assert_eq!(referenced.len(), 361);
    assert!(referenced.iter().all(|e| errors.get(e).is_some()));

    let m = methods.get("auth.resetAuthorizations").unwrap();
    assert_eq!(m.usability, Usability::User);
    // The 2023 table lists only TIMEOUT here; the method page's
    // FRESH_RESET_AUTHORISATION_FORBIDDEN is in errors.csv but no method references it.
    assert_eq!(m.error_names().collect::<Vec<_>>(), ["TIMEOUT"]);
    assert!(errors.get("FRESH_RESET_AUTHORISATION_FORBIDDEN").is_some());
    assert!(!referenced.contains("FRESH_RESET_AUTHORISATION_FORBIDDEN"));
}

/// Function names of a TL schema, by a crude scan (enough for this check; the real parser
/// lives in tlgen-parser).
fn schema_functions(text: &str) -> HashSet<String> {
    let mut functions = false;
    let mut out = HashSet::new();
    for line in text.lines().map(str::trim) {
        match line {
            "---functions---" => functions = true,
            "---types---" => functions = false,
            _ if functions && !line.starts_with("//") => {
                if let Some((name, _)) = line.split_once('#') {
                    out.insert(name.to_owned());
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn real_methods_against_layer_228() {
    let Some(dir) = schema_dir() else { return };
    let Ok(tl) = std::fs::read_to_string(dir.join("api-228.tl")) else {
        println!("skipped: no api-228.tl in TL_SCHEMA_DIR");
        return;
    };
    let functions = schema_functions(&tl);
    let (errors, methods) = load(&dir);
    let known = |name: &str| functions.contains(name);
    let d = methods.validate(&errors, Some(&known));
    assert!(
        d.iter()
            .all(|d| d.kind == DiagnosticKind::UnknownMethod && !d.is_error())
    );
    assert_eq!(d.len(), 18, "{d:#?}");
    assert!(
        d.iter()
            .any(|d| d.message.contains("`channels.deleteUserHistory`"))
    );
}
