//! Serialize and deserialize realistic Telegram traffic with the tlgen-generated types and
//! with grammers-tl-types 0.11.0 (layer 230), side by side.
//!
//! ```text
//! TL_SCHEMA_DIR=../shared/schema cargo bench --manifest-path benches/Cargo.toml --bench wire
//! ```
//!
//! Workloads (see `src/lib.rs`): a `messages.messages` with 100 messages (text, entities,
//! reply headers, reactions), 20 users and 5 chats; an `updates` batch of 40 updates; an
//! `upload.saveFilePart` call with 512 KiB of bytes. Before measuring, each workload is
//! checked: grammers decodes tlgen's bytes and writes them back identically, and tlgen does
//! too. Then criterion measures both sides, and a final table gives the median of several
//! runs of each, the ratio, and the heap allocations of one decode (counted by a global
//! allocator wrapper; they do not depend on timing).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use tlgen_benches::{history, updates, upload};
use tlgen_test_support::alloc::Counting;

#[global_allocator]
static GLOBAL: Counting = Counting;

/// (allocations, bytes) made while running `f` once (counted on this thread, where the
/// workloads run).
fn allocations(f: &dyn Fn() -> usize) -> (u64, u64) {
    let (_, a) = tlgen_test_support::alloc::measure(|| black_box(f()));
    (a.count, a.bytes)
}

type Run = Box<dyn Fn() -> usize>;

/// One workload: its wire bytes and the four operations to measure.
struct Case {
    name: &'static str,
    size: usize,
    ours_ser: Run,
    theirs_ser: Run,
    ours_de: Run,
    theirs_de: Run,
}

/// Build a case from a tlgen value and grammers' type `T` of the same TL type; checks that
/// both libraries decode the bytes and write them back identically. `skip` is 4 for
/// functions: grammers decodes a function's fields without its ID (and writes the ID when
/// serializing), tlgen decodes the ID too and checks it.
fn case<O, T>(name: &'static str, value: O, skip: usize) -> Case
where
    O: tlgen_runtime::Serializable
        + tlgen_runtime::Deserializable
        + PartialEq
        + std::fmt::Debug
        + 'static,
    T: grammers_tl_types::Serializable + grammers_tl_types::Deserializable + 'static,
{
    let bytes = value.to_bytes();
    let ours_back = O::from_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: tlgen decode: {e}"));
    assert!(
        ours_back == value,
        "{name}: tlgen round trip changed the value"
    );
    assert!(
        ours_back.to_bytes() == bytes,
        "{name}: tlgen re-encoding differs"
    );
    let theirs =
        T::from_bytes(&bytes[skip..]).unwrap_or_else(|e| panic!("{name}: grammers decode: {e:?}"));
    let theirs_bytes = grammers_tl_types::Serializable::to_bytes(&theirs);
    assert!(
        theirs_bytes == bytes,
        "{name}: grammers writes different bytes ({} vs {})",
        theirs_bytes.len(),
        bytes.len()
    );
    println!(
        "{name}: {} bytes, byte-identical in both libraries",
        bytes.len()
    );

    let size = bytes.len();
    let (b1, b2) = (bytes.clone(), bytes);
    Case {
        name,
        size,
        ours_ser: Box::new(move || tlgen_runtime::Serializable::to_bytes(black_box(&value)).len()),
        theirs_ser: Box::new(move || {
            grammers_tl_types::Serializable::to_bytes(black_box(&theirs)).len()
        }),
        ours_de: Box::new(move || {
            let v = O::from_bytes(black_box(&b1)).expect("decode");
            black_box(&v);
            1
        }),
        theirs_de: Box::new(move || {
            let v = T::from_bytes(black_box(&b2[skip..])).expect("decode");
            black_box(&v);
            1
        }),
    }
}

fn median(f: &dyn Fn() -> usize, runs: usize, iters: u32) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iters {
                black_box(f());
            }
            t.elapsed() / iters
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() {
    let cases = [
        case::<_, grammers_tl_types::enums::messages::Messages>(
            "messages.messages (100 messages)",
            history(),
            0,
        ),
        case::<_, grammers_tl_types::enums::Updates>("updates (40 updates)", updates(), 0),
        case::<_, grammers_tl_types::functions::upload::SaveFilePart>(
            "upload.saveFilePart (512 KiB)",
            upload(),
            4,
        ),
    ];

    let mut c = Criterion::default()
        .configure_from_args()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    for case in &cases {
        let mut group = c.benchmark_group(case.name);
        group.throughput(Throughput::Bytes(case.size as u64));
        group.bench_function("serialize/tlgen", |b| b.iter(&case.ours_ser));
        group.bench_function("serialize/grammers", |b| b.iter(&case.theirs_ser));
        group.bench_function("deserialize/tlgen", |b| b.iter(&case.ours_de));
        group.bench_function("deserialize/grammers", |b| b.iter(&case.theirs_de));
        group.finish();
    }
    c.final_summary();

    const RUNS: usize = 31;
    println!("\nmedian of {RUNS} runs (time per operation); ratio = grammers time / tlgen time");
    println!(
        "{:34} {:>11} {:>11} {:>10} {:>11} {:>11} {:>10}  {:>17} {:>17}",
        "workload",
        "ser tlgen",
        "ser gramm.",
        "ser ratio",
        "de tlgen",
        "de gramm.",
        "de ratio",
        "allocs/de tlgen",
        "allocs/de gramm."
    );
    for case in &cases {
        // Enough iterations per sample for ~1 ms.
        let probe = median(&case.ours_de, 3, 1);
        let iters = (1e-3 / probe.as_secs_f64().max(1e-9)).clamp(1.0, 10_000.0) as u32;
        let ser = (
            median(&case.ours_ser, RUNS, iters),
            median(&case.theirs_ser, RUNS, iters),
        );
        let de = (
            median(&case.ours_de, RUNS, iters),
            median(&case.theirs_de, RUNS, iters),
        );
        let allocs = (allocations(&case.ours_de), allocations(&case.theirs_de));
        println!(
            "{:34} {:>9.1}us {:>9.1}us {:>9.2}x {:>9.1}us {:>9.1}us {:>9.2}x  {:>7} ({:>5} kB) {:>7} ({:>5} kB)",
            case.name,
            us(ser.0),
            us(ser.1),
            ser.1.as_secs_f64() / ser.0.as_secs_f64(),
            us(de.0),
            us(de.1),
            de.1.as_secs_f64() / de.0.as_secs_f64(),
            allocs.0.0,
            allocs.0.1 / 1024,
            allocs.1.0,
            allocs.1.1 / 1024,
        );
    }
}
