//! `from_bytes` of every boxed type of the Telegram API (api.tl + mtproto.tl, generated at
//! build time from `$TL_SCHEMA_DIR`) on arbitrary bytes: an error or a value, never a panic,
//! a stack overflow or an allocation out of proportion to the input. The first two bytes pick
//! the type; the rest is the message. A value that decodes must encode to bytes that decode
//! to a value encoding to the same bytes (NaN-safe: compares bytes, not values).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[cfg(tl_api)]
#[allow(clippy::all, dead_code)]
mod api {
    include!(concat!(env!("OUT_DIR"), "/api.rs"));
}

#[cfg(tl_api)]
include!(concat!(env!("OUT_DIR"), "/decoders.rs"));

#[cfg(not(tl_api))]
const DECODERS: &[(&str, fn(&[u8]))] = &[];

#[cfg_attr(not(tl_api), allow(dead_code))]
fn check<T: tlgen_runtime::Serializable + tlgen_runtime::Deserializable>(bytes: &[u8]) {
    let Ok(value) = T::from_bytes(bytes) else {
        return;
    };
    let encoded = value.to_bytes();
    let again = match T::from_bytes(&encoded) {
        Ok(v) => v,
        Err(e) => panic!("re-decoding an encoded value failed: {e}"),
    };
    assert!(
        again.to_bytes() == encoded,
        "encode(decode(encode(v))) != encode(v)"
    );
}

fuzz_target!(|data: &[u8]| {
    assert!(
        !DECODERS.is_empty(),
        "built without TL_SCHEMA_DIR: set it to the folder with api.tl and mtproto.tl"
    );
    let [a, b, rest @ ..] = data else { return };
    let pick = usize::from(u16::from_le_bytes([*a, *b])) % DECODERS.len();
    (DECODERS[pick].1)(rest);
});
