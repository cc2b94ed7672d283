//! Parse + generate + format `api.tl` (+ `mtproto.tl`) from `$TL_SCHEMA_DIR`.
//!
//! ```text
//! TL_SCHEMA_DIR=../shared/schema cargo bench -p tl-codegen --bench generate
//! ```
//!
//! Relative paths are resolved against the workspace root. Without `TL_SCHEMA_DIR` the
//! real-schema benchmarks are skipped (the fixture one still runs). The output size is printed
//! once before the measurements.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use tl_codegen::Config;

fn schema_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("TL_SCHEMA_DIR").filter(|v| !v.is_empty())?);
    Some(if dir.is_absolute() {
        dir
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir)
    })
}

fn config(files: &[PathBuf]) -> Config {
    let mut c = Config::new();
    for f in files {
        c.schema(f);
    }
    c.allow_id_mismatch("ipPortSecret")
        .allow_id_mismatch("accessPointRule")
        .allow_id_mismatch("help.configSimple");
    c
}

fn bench_case(c: &mut Criterion, name: &str, files: &[PathBuf]) {
    let cfg = config(files);
    let out = cfg.generate_output().expect("generate");
    let lines = out.code.lines().count();
    println!(
        "{name}: output {} bytes ({:.1} MiB), {lines} lines, {} items",
        out.code.len(),
        out.code.len() as f64 / (1024.0 * 1024.0),
        out.items.len()
    );
    let mut group = c.benchmark_group("generate");
    group.sample_size(10);
    group.bench_function(name, |b| {
        b.iter(|| cfg.generate_output().expect("generate"))
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    bench_case(c, "fixture.tl", &[root.join("schema/fixture.tl")]);
    match schema_dir() {
        Some(dir) => {
            let api = dir.join("api.tl");
            let mtproto = dir.join("mtproto.tl");
            bench_case(c, "api.tl", std::slice::from_ref(&api));
            bench_case(c, "api.tl+mtproto.tl", &[api, mtproto]);
        }
        None => println!("TL_SCHEMA_DIR is not set: skipping the api.tl benchmarks"),
    }
}

criterion_group!(generate, benches);
criterion_main!(generate);
