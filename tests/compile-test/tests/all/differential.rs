//! Differential decoding against grammers-tl-types 0.11.0 (issue #12), generated from the same
//! layer-230 api.tl: for every constructor (decoded through its boxed type) and every function
//! of api.tl + mtproto.tl, valid encodings and mutations of them must be accepted by both
//! decoders or rejected by both, and when accepted consume the same bytes and re-encode to
//! the same bytes (`differential/compare.rs` defines agreement and the allow-list of known
//! differences; `differential/pairing.rs`, run by build.rs, pairs every item with its
//! grammers type).
//!
//! Inputs, from a fixed-seed RNG so every run checks the same ones: a few valid encodings per
//! item (our `arbitrary` instances), and for each: trailing bytes, truncations, bit flips,
//! the leading ID replaced (by a sibling constructor, another known ID, a random word),
//! nested constructor IDs replaced, vector counts patched to huge values, and the bits of
//! `#` flags words at fixed offsets flipped, aligned words set to huge values. `TLGEN_DIFF_SAMPLES=N` runs N valid encodings
//! per item instead of [`SAMPLES`] (a deeper local run). `TLGEN_DIFF_SEEDS=DIR` also writes
//! every valid encoding to DIR as a seed for the `differential` fuzz target (prefixed with the
//! target's two-byte type index; `scripts/fuzz.sh` does this before fuzzing it).

#![cfg(all(tl_api, feature = "arbitrary"))]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use arbitrary::{Arbitrary, Unstructured};

use crate::roundtrip::Rng;

#[path = "../../differential/compare.rs"]
mod compare;

use compare::{Known, Verdict};

mod table {
    use super::compare;
    use compile_test::api;
    include!(concat!(env!("OUT_DIR"), "/api_differential.rs"));
}

/// Valid encodings per item (each with its mutations).
const SAMPLES: usize = 8;
/// Truncation points per encoding: all of them for short encodings, a spread for long ones.
const CUTS: usize = 24;
const BIT_FLIPS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Constructor,
    Function,
}

/// A generated item and the grammers type that decodes the same bytes.
pub struct Pair {
    pub name: &'static str,
    pub id: u32,
    pub kind: Kind,
    /// Our decoded type: the constructor's enum, or the function.
    pub group: &'static str,
    /// Offsets of `#` flags words at fixed positions of the encoding.
    pub flags_at: &'static [usize],
    /// Where the fuzz target's table has the decoded type (its first two input bytes).
    pub fuzz_index: u16,
    /// A valid encoding (boxed for constructors) from `arbitrary` input.
    pub generate: fn(&mut Unstructured<'_>) -> arbitrary::Result<Vec<u8>>,
    pub ours: compare::OursFn,
    pub theirs: compare::TheirsFn,
}

/// A constructor `S` through its enum `E`.
pub fn gen_ctor<S, E>(u: &mut Unstructured<'_>) -> arbitrary::Result<Vec<u8>>
where
    S: for<'a> Arbitrary<'a>,
    E: From<S> + tlgen_runtime::Serializable,
{
    S::arbitrary(u).map(|s| E::from(s).to_bytes())
}

pub fn gen_fn<F>(u: &mut Unstructured<'_>) -> arbitrary::Result<Vec<u8>>
where
    F: for<'a> Arbitrary<'a> + tlgen_runtime::Serializable,
{
    F::arbitrary(u).map(|f| f.to_bytes())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Category {
    Valid,
    Trailing,
    Truncated,
    BitFlip,
    LeadingId,
    NestedId,
    VectorCount,
    HugeWord,
    Flags,
    RandomBody,
}

#[derive(Default)]
struct Stats {
    tried: usize,
    both_reject: usize,
    both_accept: usize,
    known: BTreeMap<Known, usize>,
    disagree: usize,
}

/// IDs to swap in: every paired item's, by group, and the built-in ones.
struct Ids {
    all: Vec<u32>,
    known: HashSet<u32>,
    group_of: HashMap<u32, &'static str>,
    by_group: HashMap<&'static str, Vec<u32>>,
    functions: Vec<u32>,
}

impl Ids {
    fn new(pairs: &[Pair]) -> Self {
        let mut ids = Ids {
            all: Vec::new(),
            known: HashSet::new(),
            group_of: HashMap::new(),
            by_group: HashMap::new(),
            functions: Vec::new(),
        };
        for p in pairs {
            ids.all.push(p.id);
            match p.kind {
                Kind::Constructor => {
                    ids.group_of.insert(p.id, p.group);
                    ids.by_group.entry(p.group).or_default().push(p.id);
                }
                Kind::Function => ids.functions.push(p.id),
            }
        }
        ids.all.extend([
            tlgen_runtime::VECTOR_ID,
            tlgen_runtime::BOOL_TRUE_ID,
            tlgen_runtime::BOOL_FALSE_ID,
        ]);
        ids.known = ids.all.iter().copied().collect();
        ids
    }

    /// Another ID for the word `id`: a sibling constructor of the same enum (or another
    /// function), a known ID, or a random word.
    fn replace(&self, id: u32, rng: &mut Rng) -> u32 {
        let pick = |v: &[u32], rng: &mut Rng| v[(rng.next() % v.len() as u64) as usize];
        let siblings = self
            .group_of
            .get(&id)
            .map(|g| self.by_group[g].as_slice())
            .filter(|s| s.len() > 1);
        match rng.next() % 3 {
            0 => match siblings {
                Some(s) => pick(s, rng),
                None if self.functions.contains(&id) => pick(&self.functions, rng),
                None => pick(&self.all, rng),
            },
            1 => pick(&self.all, rng),
            _ => rng.next() as u32,
        }
    }
}

fn word(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
}

fn with_word(b: &[u8], at: usize, w: u32) -> Vec<u8> {
    let mut v = b.to_vec();
    v[at..at + 4].copy_from_slice(&w.to_le_bytes());
    v
}

/// The inputs derived from the valid encoding `v` of `pair`.
fn mutations(v: &[u8], pair: &Pair, ids: &Ids, rng: &mut Rng) -> Vec<(Category, Vec<u8>)> {
    let n = v.len();
    let mut out = vec![(Category::Valid, v.to_vec())];
    let mut t = v.to_vec();
    let extra = 1 + (rng.next() % 8) as usize;
    t.extend(rng.bytes(extra));
    out.push((Category::Trailing, t));

    let cuts: Vec<usize> = if n <= CUTS {
        (0..n).collect()
    } else {
        let mut c: Vec<usize> = (0..8).chain(n - 8..n).collect();
        while c.len() < CUTS {
            c.push((rng.next() % n as u64) as usize);
        }
        c
    };
    out.extend(
        cuts.into_iter()
            .map(|c| (Category::Truncated, v[..c].to_vec())),
    );

    if n > 0 {
        for _ in 0..BIT_FLIPS {
            let mut f = v.to_vec();
            let at = (rng.next() % n as u64) as usize;
            f[at] ^= 1 << (rng.next() % 8);
            out.push((Category::BitFlip, f));
        }
    }

    if n >= 4 {
        for _ in 0..3 {
            let w = ids.replace(pair.id, rng);
            out.push((Category::LeadingId, with_word(v, 0, w)));
        }
    }

    // Aligned words past the leading ID that are constructor IDs (nested boxed values), and
    // vector headers.
    let mut nested = Vec::new();
    let mut vectors = Vec::new();
    for at in (4..n.saturating_sub(3)).step_by(4) {
        let Some(w) = word(v, at) else { break };
        if w == tlgen_runtime::VECTOR_ID && at + 8 <= n {
            vectors.push(at + 4);
        } else if ids.known.contains(&w) {
            nested.push(at);
        }
    }
    for _ in 0..nested.len().min(3) {
        let at = nested[(rng.next() % nested.len() as u64) as usize];
        let w = ids.replace(word(v, at).unwrap_or(0), rng);
        out.push((Category::NestedId, with_word(v, at, w)));
    }
    for _ in 0..vectors.len().min(3) {
        let at = vectors[(rng.next() % vectors.len() as u64) as usize];
        let count = word(v, at).unwrap_or(0);
        for huge in [
            [0x7fff_ffff, 0xffff_ffff, 0x8000_0000, 0x0100_0000][(rng.next() % 4) as usize],
            count.wrapping_add(1),
        ] {
            out.push((Category::VectorCount, with_word(v, at, huge)));
        }
    }

    // Any aligned word set to a huge value: bare vector counts, string length prefixes (a
    // first byte of 0xff or 0xfe), flags.
    if n >= 8 {
        for _ in 0..3 {
            let at = 4 * (1 + (rng.next() % (n as u64 / 4 - 1)) as usize);
            let huge =
                [0x7fff_ffff, 0xffff_ffff, 0x00ff_fffe, 0x0100_00fe][(rng.next() % 4) as usize];
            out.push((Category::HugeWord, with_word(v, at, huge)));
        }
    }

    for &at in pair.flags_at {
        let Some(flags) = word(v, at) else { continue };
        out.push((Category::Flags, with_word(v, at, u32::MAX)));
        out.push((Category::Flags, with_word(v, at, 0)));
        for _ in 0..4 {
            let bit = 1u32 << (rng.next() % 32);
            out.push((Category::Flags, with_word(v, at, flags ^ bit)));
        }
    }

    let mut r = pair.id.to_le_bytes().to_vec();
    let len = (rng.next() % 48) as usize;
    r.extend(rng.bytes(len));
    out.push((Category::RandomBody, r));
    out
}

struct Failure {
    name: &'static str,
    category: Category,
    input: Vec<u8>,
    message: String,
}

#[test]
fn api_decodes_like_grammers() {
    let samples = std::env::var("TLGEN_DIFF_SAMPLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SAMPLES);
    // Deep random values, two decoders without a depth limit on one side, debug-build frames:
    // a big stack.
    let handle = std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(move || run(samples))
        .expect("spawn");
    let (stats, failures, generated) = handle.join().expect("test thread panicked");

    let mut report = String::new();
    let total = |f: fn(&Stats) -> usize| stats.values().map(f).sum::<usize>();
    writeln!(
        report,
        "differential vs grammers-tl-types 0.11.0: {} items paired ({} left out), {generated} \
         valid encodings",
        table::PAIRS.len(),
        table::UNPAIRED.len(),
    )
    .ok();
    writeln!(
        report,
        "{:<12} {:>8} {:>8} {:>8} {:>8} {:>8}  known differences",
        "category", "tried", "reject", "accept", "known", "DIFFER"
    )
    .ok();
    for (c, s) in &stats {
        writeln!(
            report,
            "{:<12} {:>8} {:>8} {:>8} {:>8} {:>8}  {:?}",
            format!("{c:?}"),
            s.tried,
            s.both_reject,
            s.both_accept,
            s.known.values().sum::<usize>(),
            s.disagree,
            s.known
        )
        .ok();
    }
    writeln!(
        report,
        "{:<12} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "total",
        total(|s| s.tried),
        total(|s| s.both_reject),
        total(|s| s.both_accept),
        total(|s| s.known.values().sum()),
        total(|s| s.disagree),
    )
    .ok();
    eprint!("{report}");
    for (name, why) in table::UNPAIRED {
        eprintln!("  not paired: {name}: {why}");
    }

    let mut msg = String::new();
    for f in failures.iter().take(30) {
        writeln!(
            msg,
            "{} ({:?}): {}\n  input: {}",
            f.name,
            f.category,
            f.message,
            compare::hex(&f.input)
        )
        .ok();
    }
    assert!(
        failures.is_empty(),
        "{} disagreements with grammers-tl-types (first 30):\n{msg}",
        failures.len()
    );
    assert!(generated >= table::PAIRS.len(), "too few valid encodings");
}

fn run(samples: usize) -> (BTreeMap<Category, Stats>, Vec<Failure>, usize) {
    let seeds = std::env::var_os("TLGEN_DIFF_SEEDS").map(std::path::PathBuf::from);
    if let Some(dir) = &seeds {
        std::fs::create_dir_all(dir).expect("create the seeds folder");
    }
    let ids = Ids::new(table::PAIRS);
    let mut rng = Rng(0x5eed_d1ff);
    let mut stats = BTreeMap::<Category, Stats>::new();
    let mut failures = Vec::new();
    let mut generated = 0;
    for pair in table::PAIRS {
        for sample in 0..samples {
            let len = [8, 512, 64, 2048][sample % 4] + (rng.next() % 64) as usize;
            let data = rng.bytes(len);
            let Ok(valid) = (pair.generate)(&mut Unstructured::new(&data)) else {
                continue;
            };
            generated += 1;
            if let Some(dir) = &seeds {
                let mut seed = pair.fuzz_index.to_le_bytes().to_vec();
                seed.extend(&valid);
                std::fs::write(dir.join(format!("{}-{sample}", pair.name)), seed)
                    .expect("write a seed");
            }
            for (category, input) in mutations(&valid, pair, &ids, &mut rng) {
                let s = stats.entry(category).or_default();
                s.tried += 1;
                let verdict = compare::compare(&input, pair.ours, pair.theirs, true);
                let verdict = match (category, verdict) {
                    // Our own encoding must decode on both sides.
                    (Category::Valid | Category::Trailing, Verdict::BothReject) => {
                        Verdict::Disagree("both reject a valid encoding".into())
                    }
                    (_, v) => v,
                };
                match verdict {
                    Verdict::BothReject => s.both_reject += 1,
                    Verdict::BothAccept => s.both_accept += 1,
                    Verdict::Known(k) => *s.known.entry(k).or_default() += 1,
                    Verdict::Disagree(message) => {
                        s.disagree += 1;
                        failures.push(Failure {
                            name: pair.name,
                            category,
                            input,
                            message,
                        });
                    }
                }
            }
        }
    }
    (stats, failures, generated)
}

/// Each class of the allow-list still shows on its example input.
#[test]
fn known_differences_examples() {
    for e in compare::EXAMPLES {
        let name = e.pair;
        let pair = table::PAIRS
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no pair {name}"));
        let input = compare::example_bytes(e.hex);
        match compare::compare(&input, pair.ours, pair.theirs, true) {
            Verdict::Known(k) if k == e.known => {}
            v => panic!(
                "{name} {}: expected {:?}, got {v:?}",
                compare::hex(&input),
                e.known
            ),
        }
    }
    for k in Known::ALL {
        assert!(
            compare::EXAMPLES.iter().any(|e| e.known == k),
            "no example input for {k:?}"
        );
    }
}

#[test]
fn every_item_is_paired_or_explained() {
    // api.tl + mtproto.tl: ~2600 constructors and functions; only the few mtproto items that
    // grammers-tl-types 0.11.0 declares differently are left out.
    assert!(table::PAIRS.len() > 2500, "{}", table::PAIRS.len());
    assert!(table::UNPAIRED.len() < 20, "{:?}", table::UNPAIRED);
}
