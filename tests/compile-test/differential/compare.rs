//! Run-time half of the differential check against grammers-tl-types 0.11.0 (issue #12): one
//! input decoded by our generated code and by grammers', the verdict, and the allow-list of
//! known differences. Included with `#[path]` by the `differential` test
//! (`tests/all/differential.rs`) and the `differential` fuzz target; `pairing.rs` beside it
//! writes the tables of type pairs they run.
//!
//! Agreement: both reject, or both accept, consume the same number of bytes (both ignore what
//! follows the value) and re-encode to identical bytes. Conventions accounted for:
//!
//! * grammers decodes a function's body without its ID (but writes the ID):
//!   [`WithId`] reads and checks the ID first, for the top-level function and for the
//!   `!X` query of the generic `invokeWith*` wrappers;
//! * grammers has no nesting limit; ours stops at [`tlgen_runtime::Reader::DEFAULT_MAX_DEPTH`]
//!   ([`Known::OurDepthLimit`]).

#![allow(dead_code)]

use grammers_tl_types as gt;
use tlgen_runtime::DecodeError;

/// A decoded value: the bytes it consumed, and its re-encoding.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub consumed: usize,
    pub bytes: Vec<u8>,
}

pub type OursFn = fn(&[u8]) -> Result<Decoded, DecodeError>;
pub type TheirsFn = fn(&[u8]) -> Result<Decoded, gt::deserialize::Error>;

/// Decodes a `T` from the start of `input` with our generated code.
pub fn ours<T: tlgen_runtime::Deserializable + tlgen_runtime::Serializable>(
    input: &[u8],
) -> Result<Decoded, DecodeError> {
    let mut r = tlgen_runtime::Reader::new(input);
    let v = T::deserialize(&mut r)?;
    Ok(Decoded {
        consumed: r.position(),
        bytes: v.to_bytes(),
    })
}

/// Decodes a `G` from the start of `input` with grammers-tl-types.
pub fn theirs<G: gt::Deserializable + gt::Serializable>(
    input: &[u8],
) -> Result<Decoded, gt::deserialize::Error> {
    let mut c = gt::Cursor::from_slice(input);
    let v = G::deserialize(&mut c)?;
    Ok(Decoded {
        consumed: c.pos(),
        bytes: v.to_bytes(),
    })
}

/// A grammers function as it is on the wire: its ID, then its body. grammers' `deserialize` of
/// a function reads the body only (its `serialize` writes the ID); this reads and checks the
/// ID first.
pub struct WithId<F>(pub F);

impl<F: gt::Deserializable + gt::Identifiable> gt::Deserializable for WithId<F> {
    fn deserialize(buf: &mut gt::Cursor<'_>) -> gt::deserialize::Result<Self> {
        let id = u32::deserialize(buf)?;
        if id != F::CONSTRUCTOR_ID {
            return Err(gt::deserialize::Error::UnexpectedConstructor { id });
        }
        F::deserialize(buf).map(WithId)
    }
}

impl<F: gt::Serializable> gt::Serializable for WithId<F> {
    fn serialize(&self, buf: &mut impl Extend<u8>) {
        self.0.serialize(buf)
    }
}

/// A difference known and accepted: the allow-list. Each is a whole class of inputs, found by
/// the differential test or fuzz target, recognised precisely (the conditions below);
/// [`EXAMPLES`] holds one input of each, and the test checks each is still classified so — an
/// entry whose difference is gone (fixed) fails until it is removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Known {
    /// grammers' bug. A `string` that is not UTF-8: grammers decodes it with
    /// `String::from_utf8_lossy`, replacing the bad bytes with U+FFFD, and re-encodes other
    /// bytes than it read — the value is silently changed. Ours rejects it
    /// (`DecodeError::InvalidUtf8`). Recognised as: ours fails with `InvalidUtf8`, grammers
    /// accepts and its re-encoding holds U+FFFD (`ef bf bd`).
    LossyUtf8,
    /// grammers' bug. A `string`/`bytes` whose first byte is 255: TL reserves it (254 starts
    /// the long form), grammers reads it as a one-byte length of 255 and re-encodes the value
    /// in the long form (`fe ff 00 00 …`), other bytes than it read. Ours rejects it
    /// (`DecodeError::ReservedLengthPrefix`). Recognised as: ours fails so and the input holds
    /// 0xff at the offset it names.
    ReservedLength255,
    /// Ours, by design. Values nested deeper than our decoder's limit
    /// (`Reader::DEFAULT_MAX_DEPTH`, 64 recursive levels; `Reader::with_max_depth` raises it):
    /// ours rejects them (`DecodeError::TooDeep`), grammers has no limit (and overflows its
    /// stack on deep enough input). Recognised as: ours fails with `TooDeep`.
    OurDepthLimit,
}

impl Known {
    pub const ALL: [Known; 3] = [
        Known::LossyUtf8,
        Known::ReservedLength255,
        Known::OurDepthLimit,
    ];
}

/// An input of a [`Known`] class.
pub struct Example {
    pub known: Known,
    /// The TL name of the pair to decode it with (a constructor: decoded as its boxed type).
    pub pair: &'static str,
    /// The input: hex pieces, each repeated so many times.
    pub hex: &'static [(&'static str, usize)],
}

/// One input per [`Known`] class. The test checks the verdict of each.
pub const EXAMPLES: &[Example] = &[
    // help.support#17c6b5f6 phone_number:"\xff" user:userEmpty#d3bc4b7a id:1. grammers
    // decodes phone_number as "\u{fffd}" and writes `03 ef bf bd`.
    Example {
        known: Known::LossyUtf8,
        pair: "help.support",
        hex: &[
            ("f6b5c617", 1),
            ("01ff0000", 1),
            ("7a4bbcd3", 1),
            ("0100000000000000", 1),
        ],
    },
    // help.support with a phone_number of prefix 0xff and 255 bytes "a": grammers takes it as
    // 255 bytes and writes `fe ff 00 00` + 255 bytes + 1 byte of padding.
    Example {
        known: Known::ReservedLength255,
        pair: "help.support",
        hex: &[
            ("f6b5c617", 1),
            ("ff", 1),
            ("61", 255),
            ("7a4bbcd3", 1),
            ("0100000000000000", 1),
        ],
    },
    // RichText: 100 × textBold#6724abc4, then textEmpty#dc3d824f.
    Example {
        known: Known::OurDepthLimit,
        pair: "textBold",
        hex: &[("c4ab2467", 100), ("4f823ddc", 1)],
    },
];

/// The bytes of an [`EXAMPLES`] input.
pub fn example_bytes(pieces: &[(&str, usize)]) -> Vec<u8> {
    pieces
        .iter()
        .flat_map(|(h, n)| unhex(h).repeat(*n))
        .collect()
}

/// The outcome of one input.
#[derive(Debug)]
pub enum Verdict {
    BothReject,
    BothAccept,
    /// A difference on the allow-list.
    Known(Known),
    /// Anything else: a bug on one side.
    Disagree(String),
}

/// Decodes `input` with both and compares. `theirs` is not run when ours hit its depth limit
/// and `run_theirs_too_deep` is false: grammers recurses without bound and can overflow the
/// stack on such input (the fuzz target runs on the main thread's stack).
pub fn compare(input: &[u8], ours: OursFn, theirs: TheirsFn, run_theirs_too_deep: bool) -> Verdict {
    let o = ours(input);
    if matches!(o, Err(DecodeError::TooDeep { .. })) && !run_theirs_too_deep {
        return Verdict::Known(Known::OurDepthLimit);
    }
    let t = theirs(input);
    match (o, t) {
        (Err(_), Err(_)) => Verdict::BothReject,
        (Ok(a), Ok(b)) if a == b => Verdict::BothAccept,
        (Ok(a), Ok(b)) => Verdict::Disagree(format!(
            "both accept but differ: ours consumed {} and wrote {}, grammers consumed {} and wrote {}",
            a.consumed,
            hex(&a.bytes),
            b.consumed,
            hex(&b.bytes)
        )),
        (Err(DecodeError::InvalidUtf8 { .. }), Ok(b))
            if b.bytes.windows(3).any(|w| w == [0xef, 0xbf, 0xbd]) =>
        {
            Verdict::Known(Known::LossyUtf8)
        }
        (Err(DecodeError::ReservedLengthPrefix { offset }), Ok(_))
            if input.get(offset) == Some(&0xff) =>
        {
            Verdict::Known(Known::ReservedLength255)
        }
        (Err(DecodeError::TooDeep { .. }), _) => Verdict::Known(Known::OurDepthLimit),
        (Err(e), Ok(b)) => Verdict::Disagree(format!(
            "ours rejects ({e}), grammers accepts: consumed {} and wrote {}",
            b.consumed,
            hex(&b.bytes)
        )),
        (Ok(a), Err(e)) => Verdict::Disagree(format!(
            "ours accepts (consumed {}, wrote {}), grammers rejects ({e})",
            a.consumed,
            hex(&a.bytes)
        )),
    }
}

pub use tlgen_test_support::{from_hex as unhex, to_hex as hex};
