//! Differential decoding against grammers-tl-types 0.11.0 (issue #12): every boxed type and
//! every function of the Telegram API (api.tl + mtproto.tl, generated at build time from
//! `$TL_SCHEMA_DIR`) decodes arbitrary bytes with our generated code and with grammers'. Both
//! must reject, or both accept consuming the same bytes and re-encoding to the same bytes;
//! anything else panics, except the known differences of the allow-list
//! (`tests/compile-test/differential/compare.rs`, shared with the `differential` test). The
//! first two bytes pick the type; the rest is the message.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[cfg(tl_api)]
#[allow(clippy::all, dead_code)]
mod api {
    include!(concat!(env!("OUT_DIR"), "/api.rs"));
}

#[path = "../../tests/compile-test/differential/compare.rs"]
mod compare;

#[cfg(tl_api)]
include!(concat!(env!("OUT_DIR"), "/differential.rs"));

#[cfg(not(tl_api))]
const PAIRS: &[(&str, compare::OursFn, compare::TheirsFn)] = &[];

fuzz_target!(|data: &[u8]| {
    assert!(
        !PAIRS.is_empty(),
        "built without TL_SCHEMA_DIR: set it to the folder with api.tl and mtproto.tl"
    );
    let [a, b, rest @ ..] = data else { return };
    let (name, ours, theirs) = PAIRS[usize::from(u16::from_le_bytes([*a, *b])) % PAIRS.len()];
    // grammers is not run past our depth limit: it has none, and would overflow the stack.
    if let compare::Verdict::Disagree(why) = compare::compare(rest, ours, theirs, false) {
        panic!("{name}: {why}\ninput: {}", compare::hex(rest));
    }
});
