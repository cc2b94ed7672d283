//! Round-trip property tests over every constructor and every function of the generated code
//! (the fixture always; api.tl + mtproto.tl when built with `TL_SCHEMA_DIR`).
//!
//! For each item, random instances come from `arbitrary` fed by a fixed-seed RNG, so every run
//! checks the same values. For every instance:
//!
//! * value → bytes → value is equal (NaN-aware: floats are compared through their bytes);
//! * bytes → value → bytes is identical;
//! * constructors are checked through their enum (ID + bare encoding, dispatch to their decoder);
//! * every proper prefix of the bytes is an error (never a panic, never a value).

#![cfg(feature = "arbitrary")]

use std::any::Any;
use std::fmt::Debug;

use arbitrary::{Arbitrary, Unstructured};
use tlgen_runtime::{DecodeError, Deserializable, Identifiable, Serializable};

/// One generated item and its check.
pub struct Case {
    pub name: &'static str,
    pub id: u32,
    pub check: fn(&mut Unstructured<'_>) -> Result<usize, String>,
}

mod fixture_items {
    use compile_test::fixture;
    include!(concat!(env!("OUT_DIR"), "/fixture_items.rs"));
}

mod pruned_items {
    use compile_test::pruned;
    include!(concat!(env!("OUT_DIR"), "/pruned_items.rs"));
}

#[cfg(tl_api)]
mod api_login_items {
    use compile_test::api_login;
    include!(concat!(env!("OUT_DIR"), "/api_login_items.rs"));
}

mod ton_items {
    use compile_test::ton;
    include!(concat!(env!("OUT_DIR"), "/ton_items.rs"));
}

#[cfg(tl_lite_api)]
mod lite_api_items {
    use compile_test::lite_api;
    include!(concat!(env!("OUT_DIR"), "/lite_api_items.rs"));
}

#[cfg(tl_api)]
mod api_items {
    use compile_test::api;
    include!(concat!(env!("OUT_DIR"), "/api_items.rs"));
}

/// Instances per item.
const SAMPLES: usize = 24;

/// xorshift64*: a fixed-seed RNG, so failures reproduce (the differential test uses it too).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub(crate) fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// A value, type-erased so that the checking code below is compiled once rather than once per
/// generated type (thousands of them for api.tl); only the small `check_*` entry points and
/// [`decode`] are instantiated per type.
trait Value: Debug {
    fn bytes(&self) -> Vec<u8>;
    fn as_any(&self) -> &dyn Any;
    /// `PartialEq` with a value of the same type.
    fn same(&self, other: &dyn Value) -> bool;
}

impl<T: Serializable + PartialEq + Debug + 'static> Value for T {
    fn bytes(&self) -> Vec<u8> {
        self.to_bytes()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn same(&self, other: &dyn Value) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }
}

/// `T::from_bytes`, type-erased.
type Decode = fn(&[u8]) -> Result<Box<dyn Value>, DecodeError>;

fn decode<T: Deserializable + Value + 'static>(
    bytes: &[u8],
) -> Result<Box<dyn Value>, DecodeError> {
    T::from_bytes(bytes).map(|v| Box::new(v) as Box<dyn Value>)
}

fn equal(a: &dyn Value, b: &dyn Value) -> bool {
    // NaN != NaN; identical encodings and Debug output are equality for our purposes then.
    a.same(b) || (a.bytes() == b.bytes() && format!("{a:?}") == format!("{b:?}"))
}

/// value → bytes → value, bytes → value → bytes, and every truncation fails. Returns the
/// encoding.
fn roundtrip(
    value: &dyn Value,
    decode: Decode,
    min_size: usize,
    what: &str,
) -> Result<Vec<u8>, String> {
    let bytes = value.bytes();
    let back = decode(&bytes)
        .map_err(|e| format!("{what}: decoding its own encoding failed: {e}\n{value:?}"))?;
    if !equal(&*back, value) {
        return Err(format!("{what}: value changed:\n{value:?}\n{back:?}"));
    }
    if back.bytes() != bytes {
        return Err(format!("{what}: bytes changed"));
    }
    if min_size > bytes.len() {
        return Err(format!(
            "{what}: MIN_SIZE {min_size} > encoded size {}",
            bytes.len()
        ));
    }
    // Every proper prefix is an error. Long messages: a spread of prefixes.
    let step = (bytes.len() / 256).max(1);
    let mut cut = 0;
    while cut < bytes.len() {
        if let Ok(v) = decode(&bytes[..cut]) {
            return Err(format!(
                "{what}: prefix of {cut}/{} bytes decoded to {v:?}",
                bytes.len()
            ));
        }
        cut += if cut + step < bytes.len() { step } else { 1 };
    }
    Ok(bytes)
}

/// A constructor `S`, through its enum `E`: the enum's encoding is the ID and the bare
/// encoding of `S`, and the enum round trips (decoding dispatches to `S`'s decoder). Only this
/// small function is instantiated per constructor.
pub fn check_ctor<S, E>(u: &mut Unstructured<'_>) -> Result<usize, String>
where
    S: for<'a> Arbitrary<'a> + Serializable + Deserializable + Identifiable,
    E: Serializable + Deserializable + PartialEq + Debug + From<S> + 'static,
{
    let s = S::arbitrary(u).map_err(|e| format!("arbitrary: {e}"))?;
    let bare = s.to_bytes();
    if bare.len() < S::MIN_SIZE {
        return Err(format!(
            "struct: MIN_SIZE {} > encoded size {}",
            S::MIN_SIZE,
            bare.len()
        ));
    }
    let e = E::from(s);
    check_boxed(&e, S::CONSTRUCTOR_ID, &bare, decode::<E>, E::MIN_SIZE)
}

fn check_boxed(
    e: &dyn Value,
    id: u32,
    bare: &[u8],
    decode: Decode,
    min_size: usize,
) -> Result<usize, String> {
    let boxed = roundtrip(e, decode, min_size, "enum")?;
    if boxed[..4] != id.to_le_bytes() || boxed[4..] != *bare {
        return Err("enum encoding is not ID + bare struct".into());
    }
    Ok(bare.len())
}

/// A function `F`: serialized with its ID, and round trips.
pub fn check_fn<F>(u: &mut Unstructured<'_>) -> Result<usize, String>
where
    F: for<'a> Arbitrary<'a> + Serializable + Deserializable + Identifiable + PartialEq + Debug,
    F: 'static,
{
    let f = F::arbitrary(u).map_err(|e| format!("arbitrary: {e}"))?;
    check_fn_value(&f, F::CONSTRUCTOR_ID, decode::<F>, F::MIN_SIZE)
}

fn check_fn_value(
    f: &dyn Value,
    id: u32,
    decode: Decode,
    min_size: usize,
) -> Result<usize, String> {
    let bytes = roundtrip(f, decode, min_size, "function")?;
    if bytes[..4] != id.to_le_bytes() {
        return Err("function does not start with its ID".into());
    }
    Ok(bytes.len())
}

fn run(cases: &'static [Case], seed: u64) {
    // Deep random values and debug-build frames: run on a big stack.
    let handle = std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(move || {
            let mut rng = Rng(seed);
            let mut failures = Vec::new();
            let mut total = 0usize;
            for case in cases {
                for sample in 0..SAMPLES {
                    // Small to large inputs: the first samples are mostly empty/minimal values.
                    let len = [0, 8, 64, 256, 1024, 4096][sample % 6] + (rng.next() % 64) as usize;
                    let data = rng.bytes(len);
                    let mut u = Unstructured::new(&data);
                    match (case.check)(&mut u) {
                        Ok(n) => total += n,
                        Err(e) => {
                            failures.push(format!(
                                "{} (#{:08x}) sample {sample}: {e}",
                                case.name, case.id
                            ));
                            break;
                        }
                    }
                }
            }
            (failures, total)
        })
        .expect("spawn");
    let (failures, total) = handle.join().expect("test thread panicked");
    assert!(
        failures.is_empty(),
        "{} of {} items failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    eprintln!(
        "{} items x {SAMPLES} samples, {total} bytes encoded",
        cases.len()
    );
}

#[test]
fn fixture_every_item_roundtrips() {
    assert!(fixture_items::CASES.len() > 40);
    run(fixture_items::CASES, 0x5eed_0001);
}

#[test]
#[cfg(tl_api)]
fn api_every_item_roundtrips() {
    // api.tl (layer 230) + mtproto.tl: 1704 + 40 constructors and 850 + 10 functions, minus
    // the built-ins (Bool, True, Vector) and plus mtproto's implicit-ID tls* declarations.
    assert!(api_items::CASES.len() > 2500, "{}", api_items::CASES.len());
    run(api_items::CASES, 0x5eed_0002);
}

/// A selection compiles on its own and round-trips: the two functions and the eleven
/// constructors they and `Point` reach (the exact closure is tlgen-build's `select` test).
#[test]
fn pruned_every_item_roundtrips() {
    let names: Vec<&str> = pruned_items::CASES.iter().map(|c| c.name).collect();
    assert_eq!(names.len(), 12, "{names:?}");
    assert!(names.contains(&"getText") && names.contains(&"point"));
    run(pruned_items::CASES, 0x5eed_0005);
}

#[test]
#[cfg(tl_api)]
fn api_login_every_item_roundtrips() {
    let n = api_login_items::CASES.len();
    assert!((100..400).contains(&n), "{n} items in the login selection");
    run(api_login_items::CASES, 0x5eed_0006);
}

#[test]
fn ton_every_item_roundtrips() {
    // 6 constructors (the built-ins map to Rust types) and 3 functions.
    assert_eq!(ton_items::CASES.len(), 9);
    run(ton_items::CASES, 0x5eed_0003);
}

#[cfg(tl_lite_api)]
#[test]
fn lite_api_every_item_roundtrips() {
    // Every definition of lite_api.tl that is not a built-in.
    assert_eq!(lite_api_items::CASES.len(), 88);
    run(lite_api_items::CASES, 0x5eed_0004);
}

#[test]
fn fixture_cases_cover_every_id() {
    use compile_test::fixture::name_for_id;
    for case in fixture_items::CASES {
        assert_eq!(name_for_id(case.id), Some(case.name));
    }
}

#[test]
#[cfg(tl_api)]
fn api_cases_cover_every_id() {
    use compile_test::api::name_for_id;
    for case in api_items::CASES {
        assert_eq!(name_for_id(case.id), Some(case.name));
    }
}
