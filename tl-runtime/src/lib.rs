//! Runtime support for code generated from Telegram TL schemas.
//!
//! Generated types implement [`Serializable`], [`Deserializable`] and
//! [`Identifiable`]; generated functions (RPC requests) also implement
//! [`RemoteCall`]. They build on the primitives here: a [`Reader`] that
//! decodes from a byte slice, the [`write`](mod@write) functions that append to a
//! `Vec<u8>`, and [`DecodeError`].
//!
//! # The encoding
//!
//! TL's binary form, all little-endian:
//!
//! | TL type | bytes |
//! | --- | --- |
//! | `int` | `i32`, 4 bytes |
//! | `long` | `i64`, 8 bytes |
//! | `double` | `f64`, 8 bytes |
//! | `int128`, `int256` | 16 / 32 raw bytes |
//! | `Bool` | the constructor id [`BOOL_TRUE_ID`] or [`BOOL_FALSE_ID`], as a `u32` |
//! | `string`, `bytes` | length prefix, data, zero padding to a multiple of 4 (below) |
//! | `Vector<T>` (boxed) | [`VECTOR_ID`], an `int` count, the items |
//! | `vector<T>` (bare) | an `int` count, the items |
//!
//! A `string`/`bytes` value shorter than 254 bytes starts with one length
//! byte, and is padded so that `1 + len` is a multiple of 4. A longer one
//! starts with `0xfe` and a 3-byte little-endian length, and is padded so that
//! `4 + len` is a multiple of 4. A first byte of `0xff` is reserved.
//!
//! # Choices this crate makes
//!
//! * **Strict UTF-8.** A TL `string` that is not valid UTF-8 is an error
//!   ([`DecodeError::InvalidUtf8`]), not replaced lossily. A lossy decode
//!   would turn bytes into a different value, so re-encoding it would not
//!   give back what was received, and two different inputs could decode to
//!   the same value; an explicit error keeps decoding exact. Schema fields
//!   that may hold arbitrary bytes are typed `bytes`, which is never checked.
//! * **Lenient padding, strict presence.** The padding bytes after a
//!   `string`/`bytes` value must be there, but their content is not checked
//!   (the writer always emits zeros). A long-form (`0xfe`) prefix holding a
//!   length below 254 is accepted too. Both are harmless to accept and
//!   other implementations are known to be loose here; the writer only ever
//!   produces the canonical form, so decoding then re-encoding a
//!   canonically-encoded value gives identical bytes.
//! * **Lengths above 2^24 - 1 cannot be written.** The 3-byte length cannot
//!   hold them, so [`write::bytes`] panics rather than emit a stream that
//!   would decode as something else ([`MAX_BYTES_LEN`] lets callers check
//!   first).
//! * **Hostile lengths are rejected before allocating.** A string/bytes
//!   length must fit in the bytes left, and a vector count times the item's
//!   smallest encoded size ([`Deserializable::MIN_SIZE`], at least 1) must
//!   too, else [`DecodeError::LengthTooLarge`]. So no allocation is larger
//!   than the input can justify. Negative counts are
//!   [`DecodeError::NegativeLength`].
//! * **Bounded nesting.** Generated code calls [`Reader::enter`] /
//!   [`Reader::leave`] around nested boxed or recursive values; past
//!   [`Reader::DEFAULT_MAX_DEPTH`] (64, configurable with
//!   [`Reader::with_max_depth`]) decoding fails with
//!   [`DecodeError::TooDeep`] instead of exhausting the stack. 64 is far
//!   above the nesting of any real Telegram object and far below what a
//!   thread's stack can take. The [`Box`] and [`Vec`] implementations here
//!   do not count depth themselves: a `Vec` nests only as deep as its type
//!   says, and a recursive generated type counts its own levels.
//! * **Errors say where.** Every [`DecodeError`] carries the byte offset of
//!   the field that could not be decoded; no decoding function panics, on
//!   any input.
//! * **Whole-buffer decoding is exact.** [`Deserializable::from_bytes`]
//!   rejects trailing bytes ([`DecodeError::TrailingBytes`]).
//!
//! # Stability
//!
//! Everything documented here is stable API, for generated and hand-written code alike. A
//! few items exist only for the code `tlgen-build` emits (the `arbitrary_support` module and
//! `Reader::read_variant`): they are `#[doc(hidden)]` and not covered by semver, so they may
//! change together with the generator in any release. Do not call them by hand.
//!
//! With the `serde` feature, the `json` module holds the JSON encodings of TDLib's and
//! tonlib's JSON interfaces (`"@type"` tags, `int64` as strings, `bytes` as base64) that JSON
//! code generated with `tlgen_build::Config::json` builds on.
//!
//! `Vec<T>` implements the traits as a boxed vector for every `T` that does.
//! `u8` does not implement them (TL has no byte type), so no `Vec<u8>` impl
//! collides with TL `bytes`: generated code handles `bytes` fields with
//! [`Reader::read_bytes`] and [`write::bytes`] directly.
//!
//! # Example
//!
//! ```
//! use tlgen_runtime::{Deserializable, Serializable};
//!
//! let bytes = String::from("hello").to_bytes();
//! assert_eq!(bytes, [5, b'h', b'e', b'l', b'l', b'o', 0, 0]);
//! assert_eq!(String::from_bytes(&bytes).unwrap(), "hello");
//!
//! let v: Vec<i32> = vec![1, 2];
//! assert_eq!(Vec::<i32>::from_bytes(&v.to_bytes()).unwrap(), v);
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// For generated code only (`tlgen_build::Config::arbitrary`), not covered by semver: it may
// change in any release together with the generator that emits calls to it.
#[doc(hidden)]
pub mod arbitrary_support;
mod error;
mod impls;
mod object;
mod reader;
mod rpc;
pub mod write;

#[cfg(feature = "serde")]
pub mod json;

pub use error::DecodeError;
pub use object::{Object, SecureBytes, SecureString};
pub use reader::Reader;
pub use rpc::{ErrorClass, MethodErrors, RpcErrorInfo, match_param};

/// The constructor id of the boxed `Vector t` type.
pub const VECTOR_ID: u32 = 0x1cb5c415;
/// The constructor id of `boolTrue`.
pub const BOOL_TRUE_ID: u32 = 0x997275b5;
/// The constructor id of `boolFalse`.
pub const BOOL_FALSE_ID: u32 = 0xbc799737;
/// The longest `string`/`bytes` value TL can frame: 2^24 - 1 bytes.
pub const MAX_BYTES_LEN: usize = (1 << 24) - 1;

/// A value with a TL encoding.
pub trait Serializable {
    /// Append the TL encoding of `self` to `buf`.
    fn serialize(&self, buf: &mut Vec<u8>);

    /// The TL encoding of `self` in a new vector.
    #[inline]
    fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::new();
        self.serialize(&mut v);
        v
    }
}

/// A value that can be decoded from its TL encoding.
pub trait Deserializable: Sized {
    /// Smallest possible encoded size in bytes (used to reject hostile vector
    /// counts before allocating). May be 0 for values that can encode to
    /// nothing; vector reading treats it as at least 1.
    const MIN_SIZE: usize;

    /// Decode one value from `r`, advancing it past the value.
    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError>;

    /// Decode a whole buffer; trailing bytes are an error
    /// ([`DecodeError::TrailingBytes`]).
    #[inline]
    fn from_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::new(bytes);
        let value = Self::deserialize(&mut r)?;
        r.finish()?;
        Ok(value)
    }
}

/// A TL constructor (or function) with a constructor id.
pub trait Identifiable {
    /// The constructor's 32-bit id.
    const CONSTRUCTOR_ID: u32;
}

/// A TL function (RPC request) and the type of its answer.
///
/// The trait only names the answer type. Code generated with the binary encoding (the
/// default) also implements [`Serializable`] for every function and [`Deserializable`] for
/// every `Return`; code generated for JSON (`tlgen_build::Config::json`, TDLib's dialect)
/// implements `serde::Serialize` for the function and `serde::Deserialize` for `Return`
/// instead. Generic code states which it needs:
///
/// ```
/// use tlgen_runtime::{Deserializable, RemoteCall, Serializable};
///
/// fn request<R>(query: &R) -> Vec<u8>
/// where
///     R: RemoteCall + Serializable,
///     R::Return: Deserializable,
/// {
///     query.to_bytes()
/// }
/// ```
pub trait RemoteCall {
    /// What the server answers with.
    type Return;
}
