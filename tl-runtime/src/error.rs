//! The error type returned by every decoding operation.

use core::fmt;
use core::str::Utf8Error;

/// Why decoding a TL value failed, and where.
///
/// Every variant carries an `offset`: the position, in bytes from the start
/// of the buffer given to [`Reader`](crate::Reader), of the first byte of the
/// field that could not be decoded (the constructor id, the length prefix of a
/// string, the count of a vector, the first byte of a primitive, ...).
/// [`DecodeError::offset`] returns it for any variant.
///
/// The enum is `#[non_exhaustive]`: match it with a wildcard arm.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input ended before a value was complete.
    UnexpectedEof {
        /// Where the incomplete field starts.
        offset: usize,
        /// How many bytes, counted from `offset`, the field needs.
        needed: usize,
        /// How many bytes were left from `offset` on.
        remaining: usize,
    },
    /// A constructor id that is not one of the constructors of the expected
    /// type. Generated code builds this with
    /// [`DecodeError::unknown_constructor`].
    UnknownConstructor {
        /// The id that was read.
        id: u32,
        /// The name of the TL type that was expected (e.g. `"Bool"`,
        /// `"Vector"`, or a generated type's name).
        expected: &'static str,
        /// Where the id starts.
        offset: usize,
    },
    /// A declared length (of a string/bytes value) or count (of a vector)
    /// needs more bytes than the input has left, so it was rejected before
    /// anything was allocated for it.
    LengthTooLarge {
        /// The length or count as declared in the input.
        declared: usize,
        /// The smallest number of bytes one element can occupy (1 for
        /// strings and bytes; for vectors the item's minimum size, at least 1).
        min_item_size: usize,
        /// How many bytes were left after the length prefix or count.
        remaining: usize,
        /// Where the length prefix or count starts.
        offset: usize,
    },
    /// A vector count that is negative.
    NegativeLength {
        /// The count as read.
        count: i32,
        /// Where the count starts.
        offset: usize,
    },
    /// A string/bytes length prefix of `0xff`, which TL reserves.
    ReservedLengthPrefix {
        /// Where the length prefix starts.
        offset: usize,
    },
    /// A TL `string` whose bytes are not valid UTF-8.
    InvalidUtf8 {
        /// Where the string's length prefix starts.
        offset: usize,
        /// The UTF-8 error; its `valid_up_to()` counts from the first byte of
        /// the string's data (after the length prefix).
        error: Utf8Error,
    },
    /// Values were nested deeper than the reader's maximum depth
    /// (see [`Reader::enter`](crate::Reader::enter)).
    TooDeep {
        /// The reader's maximum depth.
        max_depth: u32,
        /// Where the value that would have been one level too deep starts.
        offset: usize,
    },
    /// A whole-buffer decode ([`Deserializable::from_bytes`](crate::Deserializable::from_bytes)
    /// or [`Reader::finish`](crate::Reader::finish)) found bytes after the value.
    TrailingBytes {
        /// Where the trailing bytes start.
        offset: usize,
        /// How many bytes trail.
        remaining: usize,
    },
}

impl DecodeError {
    /// Build [`DecodeError::UnknownConstructor`]: `id` was read at `offset`
    /// where a constructor of the TL type named `expected` was required.
    #[cold]
    #[must_use]
    pub const fn unknown_constructor(id: u32, expected: &'static str, offset: usize) -> Self {
        DecodeError::UnknownConstructor {
            id,
            expected,
            offset,
        }
    }

    /// The byte offset, from the start of the input, where the error happened.
    #[must_use]
    pub const fn offset(&self) -> usize {
        match *self {
            DecodeError::UnexpectedEof { offset, .. }
            | DecodeError::UnknownConstructor { offset, .. }
            | DecodeError::LengthTooLarge { offset, .. }
            | DecodeError::NegativeLength { offset, .. }
            | DecodeError::ReservedLengthPrefix { offset }
            | DecodeError::InvalidUtf8 { offset, .. }
            | DecodeError::TooDeep { offset, .. }
            | DecodeError::TrailingBytes { offset, .. } => offset,
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DecodeError::UnexpectedEof {
                offset,
                needed,
                remaining,
            } => write!(
                f,
                "unexpected end of input at byte {offset}: needed {needed} bytes, {remaining} remaining"
            ),
            DecodeError::UnknownConstructor {
                id,
                expected,
                offset,
            } => write!(
                f,
                "unknown constructor #{id:08x} for type {expected} at byte {offset}"
            ),
            DecodeError::LengthTooLarge {
                declared,
                min_item_size,
                remaining,
                offset,
            } => write!(
                f,
                "declared length {declared} at byte {offset} needs at least {} bytes, but only {remaining} remain",
                declared.saturating_mul(min_item_size)
            ),
            DecodeError::NegativeLength { count, offset } => {
                write!(f, "negative vector count {count} at byte {offset}")
            }
            DecodeError::ReservedLengthPrefix { offset } => {
                write!(f, "reserved length prefix 0xff at byte {offset}")
            }
            DecodeError::InvalidUtf8 { offset, error } => {
                write!(f, "invalid UTF-8 in string at byte {offset}: {error}")
            }
            DecodeError::TooDeep { max_depth, offset } => write!(
                f,
                "values nested deeper than the limit of {max_depth} at byte {offset}"
            ),
            DecodeError::TrailingBytes { offset, remaining } => write!(
                f,
                "{remaining} trailing bytes after the value at byte {offset}"
            ),
        }
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DecodeError::InvalidUtf8 { error, .. } => Some(error),
            _ => None,
        }
    }
}
