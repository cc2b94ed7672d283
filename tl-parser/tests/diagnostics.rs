//! Golden tests: the exact text of every kind of diagnostic.
//!
//! Each `tests/diagnostics/NAME.tl` is parsed (strict mode) and its rendered diagnostics are
//! compared with `NAME.stderr`. Run with `TLGEN_BLESS=1` to rewrite the expected files, then
//! review the diff before committing.

use std::path::Path;

use tlgen_parser::{ParseOptions, parse};

fn render(name: &str, src: &str) -> String {
    let parsed = parse(name, src, &ParseOptions::strict());
    let mut out = String::new();
    for d in &parsed.diagnostics {
        out.push_str(&d.to_string());
        out.push_str("\n\n");
    }
    out
}

#[test]
fn golden_diagnostics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diagnostics");
    let bless = std::env::var_os("TLGEN_BLESS").is_some();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/diagnostics exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tl"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 8, "golden inputs missing");
    let mut failures = Vec::new();
    for path in entries {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let src = std::fs::read_to_string(&path).expect("read input");
        let actual = render(&name, &src);
        let expected_path = path.with_extension("stderr");
        if bless {
            std::fs::write(&expected_path, &actual).expect("write golden");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "--- {name}: expected\n{expected}\n--- actual\n{actual}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "diagnostics differ (TLGEN_BLESS=1 rewrites them):\n{}",
        failures.join("\n")
    );
}
