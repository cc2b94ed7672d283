//! Parse + validate `api.tl` (every ID checked) against `grammers-tl-parser` parsing the same
//! file (no ID checks). Reads `$TL_SCHEMA_DIR/api.tl`; prints a skip message when unset.
//!
//! `cargo bench -p tlgen-parser --bench parse`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use tlgen_parser::{ParseOptions, parse};

fn load() -> Option<String> {
    let path = tlgen_test_support::schema_dir(&["api.tl"])?.join("api.tl");
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("skipped: {}: {e}", path.display());
            None
        }
    }
}

fn ours(src: &str) -> usize {
    let parsed = parse("api.tl", src, &ParseOptions::default());
    assert!(!parsed.has_errors());
    parsed.schema.definitions.len()
}

fn grammers(src: &str) -> usize {
    grammers_tl_parser::parse_tl_file(src)
        .filter(Result::is_ok)
        .count()
}

fn median_time(f: impl Fn() -> usize, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let Some(src) = load() else { return };
    let mut c = Criterion::default()
        .configure_from_args()
        .measurement_time(Duration::from_secs(4));
    let mut group = c.benchmark_group("parse api.tl");
    group.throughput(Throughput::Bytes(src.len() as u64));
    group.bench_function("tlgen: parse + check every ID", |b| {
        b.iter(|| ours(black_box(&src)))
    });
    group.bench_function("grammers-tl-parser: parse", |b| {
        b.iter(|| grammers(black_box(&src)))
    });
    group.finish();
    c.final_summary();

    let mb = src.len() as f64 / 1e6;
    let ours_t = median_time(|| ours(&src), 41);
    let theirs_t = median_time(|| grammers(&src), 41);
    println!(
        "median of 41 runs on {:.1} kB: tlgen {:.2} ms ({:.1} MB/s), grammers-tl-parser {:.2} ms ({:.1} MB/s); tlgen throughput = {:.2}x grammers",
        src.len() as f64 / 1e3,
        ours_t.as_secs_f64() * 1e3,
        mb / ours_t.as_secs_f64(),
        theirs_t.as_secs_f64() * 1e3,
        mb / theirs_t.as_secs_f64(),
        theirs_t.as_secs_f64() / ours_t.as_secs_f64()
    );
}
