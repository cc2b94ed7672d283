//! Parse + generate (+ format) `api.tl` + `mtproto.tl` from `$TL_SCHEMA_DIR`, next to
//! `grammers-tl-gen` (crates.io) generating from the same files.
//!
//! ```text
//! TL_SCHEMA_DIR=../shared/schema cargo bench -p tlgen-build --bench generate
//! ```
//!
//! Relative paths are resolved against the workspace root. Without `TL_SCHEMA_DIR` only the
//! fixture schema is measured. After the criterion runs, the medians of several runs of each
//! side and their ratio are printed. Both sides include reading nothing from disk (the texts
//! are loaded first) and writing into memory. grammers-tl-gen writes text with `write!` and
//! does not format; tlgen is measured with its default printer (on every core;
//! `TLGEN_THREADS=1` for one) and formatted with prettyplease (`Config::format(true)`).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use tlgen_build::Config;

fn schema_dir() -> Option<PathBuf> {
    tlgen_test_support::schema_dir(&["api.tl", "mtproto.tl"])
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn config(files: &[(String, String)], format: bool) -> Config {
    let mut c = Config::new();
    for (name, text) in files {
        c.schema_source(name.clone(), text.clone());
    }
    c.parse_options(tlgen_build::ParseOptions::telegram())
        .format(format);
    c
}

fn ours(cfg: &Config) -> usize {
    cfg.generate_output().expect("generate").code.len()
}

/// grammers-tl-types' build script, in memory: parse every file, generate into four buffers.
fn grammers(files: &[(String, String)], layer: i32) -> usize {
    let mut defs = Vec::new();
    for (_, text) in files {
        defs.extend(grammers_tl_parser::parse_tl_file(text).filter_map(Result::ok));
    }
    let mut out = grammers_tl_gen::Outputs {
        common: Vec::new(),
        types: Vec::new(),
        functions: Vec::new(),
        enums: Vec::new(),
    };
    let config = grammers_tl_gen::Config {
        gen_name_for_id: true,
        deserializable_functions: false,
        impl_debug: true,
        impl_from_type: true,
        impl_from_enum: true,
        impl_serde: false,
    };
    grammers_tl_gen::generate_rust_code(&mut out, &defs, layer, &config).expect("grammers");
    out.common.len() + out.types.len() + out.functions.len() + out.enums.len()
}

fn median(mut f: impl FnMut() -> usize, runs: usize) -> Duration {
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

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn benches(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let fixture = vec![(
        "fixture.tl".to_owned(),
        read(&root.join("schema/fixture.tl")),
    )];
    let mut group = c.benchmark_group("generate");
    group.sample_size(10);
    let fixture_cfg = config(&fixture, true);
    group.bench_function("tlgen fixture.tl", |b| b.iter(|| ours(&fixture_cfg)));

    let Some(dir) = schema_dir() else {
        println!("TL_SCHEMA_DIR is not set: skipping the api.tl benchmarks");
        return;
    };
    let files: Vec<(String, String)> = ["api.tl", "mtproto.tl"]
        .iter()
        .map(|n| ((*n).to_owned(), read(&dir.join(n))))
        .collect();
    let pretty = config(&files, true);
    let raw = config(&files, false);
    let layer = pretty
        .generate_output()
        .expect("generate")
        .layer
        .map_or(0, |l| l as i32);
    group.bench_function("tlgen api.tl+mtproto.tl formatted", |b| {
        b.iter(|| ours(&pretty))
    });
    group.bench_function("tlgen api.tl+mtproto.tl default printer", |b| {
        b.iter(|| ours(&raw))
    });
    group.bench_function("grammers-tl-gen api.tl+mtproto.tl", |b| {
        b.iter(|| grammers(&files, layer))
    });
    group.finish();

    const RUNS: usize = 11;
    let (pretty_len, raw_len, theirs_len) = (ours(&pretty), ours(&raw), grammers(&files, layer));
    let t_pretty = median(|| ours(&pretty), RUNS);
    let t_raw = median(|| ours(&raw), RUNS);
    let t_theirs = median(|| grammers(&files, layer), RUNS);
    println!("\napi.tl + mtproto.tl, median of {RUNS} runs:");
    println!(
        "  tlgen formatted:   {:7.1} ms  ({:.1} MiB of code)",
        ms(t_pretty),
        pretty_len as f64 / 1048576.0
    );
    println!(
        "  tlgen default:     {:7.1} ms  ({:.1} MiB of code; the default printer)",
        ms(t_raw),
        raw_len as f64 / 1048576.0
    );
    println!(
        "  grammers-tl-gen:   {:7.1} ms  ({:.1} MiB of code, unformatted)",
        ms(t_theirs),
        theirs_len as f64 / 1048576.0
    );
    println!(
        "  time ratio tlgen/grammers: default {:.2}x, formatted {:.2}x (below 1 = tlgen faster)",
        t_raw.as_secs_f64() / t_theirs.as_secs_f64(),
        t_pretty.as_secs_f64() / t_theirs.as_secs_f64()
    );
}

criterion_group!(generate, benches);
criterion_main!(generate);
