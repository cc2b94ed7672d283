//! Time of `tlgen diff` on real schemas: parse both files and diff them.
//!
//! Needs `TL_SCHEMA_DIR` (relative paths resolve against the workspace root), e.g.
//! `TL_SCHEMA_DIR=../shared/schema cargo bench -p tlgen-diff`; without it the bench is skipped.

use std::path::PathBuf;
use std::time::Instant;

use criterion::{Criterion, black_box};
use tlgen_parser::{Level, ParseOptions, parse};

fn schema_dir() -> Option<PathBuf> {
    tlgen_test_support::schema_dir(&["api.tl", "api-228.tl"])
}

fn main() {
    let Some(dir) = schema_dir() else {
        return;
    };
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect("readable schema");
    let old_src = read("api-228.tl");
    let new_src = read("api.tl");
    let opts = ParseOptions {
        id_mismatch: Level::Ignore,
        ..ParseOptions::default()
    };
    let parse_and_diff = || {
        let old = parse("api-228.tl", &old_src, &opts).schema;
        let new = parse("api.tl", &new_src, &opts).schema;
        tlgen_diff::diff(&old, &new)
    };

    // One plain measurement, printed, so the number is visible without criterion's report.
    let start = Instant::now();
    let d = parse_and_diff();
    println!(
        "api-228.tl → api.tl: parse both + diff took {:?} ({} changes)",
        start.elapsed(),
        d.changes.len()
    );

    let old = parse("api-228.tl", &old_src, &opts).schema;
    let new = parse("api.tl", &new_src, &opts).schema;
    let mut c = Criterion::default().configure_from_args();
    c.bench_function("parse both + diff (api-228 → api 230)", |b| {
        b.iter(|| black_box(parse_and_diff()))
    });
    c.bench_function("diff only (api-228 → api 230)", |b| {
        b.iter(|| black_box(tlgen_diff::diff(black_box(&old), black_box(&new))))
    });
    c.bench_function("diff + json + text + markdown (api-228 → api 230)", |b| {
        b.iter(|| {
            let d = tlgen_diff::diff(&old, &new);
            black_box((d.to_json().to_string(), d.to_text(), d.to_markdown()))
        })
    });
    c.final_summary();
}
