//! [`Reader`], a bounded cursor that decodes TL primitives.

use crate::error::DecodeError;
use crate::{BOOL_FALSE_ID, BOOL_TRUE_ID, VECTOR_ID};

/// A bounded cursor over a byte slice that decodes TL primitives.
///
/// No method panics, whatever the input. After a method returned an error,
/// the reader's position is unspecified (it stays within the buffer); callers
/// are expected to give up on the input, or to [`Clone`] the reader first if
/// they want to backtrack.
///
/// The reader also keeps a nesting depth counter for [`enter`](Self::enter) /
/// [`leave`](Self::leave), which generated code uses to bound recursion.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    depth: u32,
    max_depth: u32,
}

#[cold]
#[inline(never)]
fn eof(offset: usize, needed: usize, remaining: usize) -> DecodeError {
    DecodeError::UnexpectedEof {
        offset,
        needed,
        remaining,
    }
}

impl<'a> Reader<'a> {
    /// The maximum nesting depth of a reader made by [`Reader::new`].
    pub const DEFAULT_MAX_DEPTH: u32 = 64;

    /// A reader at the start of `buf`, with a maximum depth of
    /// [`DEFAULT_MAX_DEPTH`](Self::DEFAULT_MAX_DEPTH).
    #[inline]
    #[must_use]
    pub fn new(buf: &'a [u8]) -> Self {
        Self::with_max_depth(buf, Self::DEFAULT_MAX_DEPTH)
    }

    /// A reader at the start of `buf` that allows at most `max_depth` nested
    /// [`enter`](Self::enter) calls (0 allows none).
    #[inline]
    #[must_use]
    pub fn with_max_depth(buf: &'a [u8], max_depth: u32) -> Self {
        Reader {
            buf,
            pos: 0,
            depth: 0,
            max_depth,
        }
    }

    /// The number of bytes consumed so far.
    #[inline]
    #[must_use]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The number of bytes not yet consumed.
    #[inline]
    #[must_use]
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Whether every byte has been consumed.
    #[inline]
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.pos == self.buf.len()
    }

    /// The current nesting depth (number of [`enter`](Self::enter) calls not
    /// yet matched by [`leave`](Self::leave)).
    #[inline]
    #[must_use]
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// The maximum nesting depth this reader allows.
    #[inline]
    #[must_use]
    pub fn max_depth(&self) -> u32 {
        self.max_depth
    }

    /// Succeeds when every byte has been consumed; otherwise
    /// [`DecodeError::TrailingBytes`].
    #[inline]
    pub fn finish(&self) -> Result<(), DecodeError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(DecodeError::TrailingBytes {
                offset: self.pos,
                remaining: self.remaining(),
            })
        }
    }

    /// The bytes not yet consumed.
    #[inline]
    fn rest(&self) -> &'a [u8] {
        // `pos <= buf.len()` is an invariant of the reader, so this never
        // fails; `get` keeps even a broken invariant from panicking.
        self.buf.get(self.pos..).unwrap_or_default()
    }

    /// Consume every byte not yet read (for [`Object`](crate::Object), whose length only the
    /// end of the input gives).
    #[inline]
    pub fn read_rest(&mut self) -> &'a [u8] {
        let rest = self.rest();
        self.pos = self.buf.len();
        rest
    }

    /// Consume exactly `N` bytes.
    #[inline]
    fn read_array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        match self.rest().first_chunk::<N>() {
            Some(chunk) => {
                self.pos += N;
                Ok(*chunk)
            }
            None => Err(eof(self.pos, N, self.remaining())),
        }
    }

    /// Read an unsigned 32-bit little-endian integer (constructor ids, `#`).
    #[inline]
    pub fn read_u32(&mut self) -> Result<u32, DecodeError> {
        self.read_array().map(u32::from_le_bytes)
    }

    /// Read an unsigned 32-bit little-endian integer without consuming it.
    #[inline]
    pub fn peek_u32(&self) -> Result<u32, DecodeError> {
        match self.rest().first_chunk::<4>() {
            Some(chunk) => Ok(u32::from_le_bytes(*chunk)),
            None => Err(eof(self.pos, 4, self.remaining())),
        }
    }

    /// Read a TL `int` (signed 32-bit little-endian).
    #[inline]
    pub fn read_i32(&mut self) -> Result<i32, DecodeError> {
        self.read_array().map(i32::from_le_bytes)
    }

    /// Read a TL `long` (signed 64-bit little-endian).
    #[inline]
    pub fn read_i64(&mut self) -> Result<i64, DecodeError> {
        self.read_array().map(i64::from_le_bytes)
    }

    /// Read a TL `double` (IEEE 754 binary64, little-endian). Every bit
    /// pattern is accepted, NaNs included.
    #[inline]
    pub fn read_f64(&mut self) -> Result<f64, DecodeError> {
        self.read_array().map(f64::from_le_bytes)
    }

    /// Read a TL `int128`: 16 raw bytes.
    #[inline]
    pub fn read_int128(&mut self) -> Result<[u8; 16], DecodeError> {
        self.read_array()
    }

    /// Read a TL `int256`: 32 raw bytes.
    #[inline]
    pub fn read_int256(&mut self) -> Result<[u8; 32], DecodeError> {
        self.read_array()
    }

    /// Read a boxed `Bool`: `boolTrue#997275b5` or `boolFalse#bc799737`. Any
    /// other id is [`DecodeError::UnknownConstructor`] with
    /// `expected: "Bool"`.
    #[inline]
    pub fn read_bool(&mut self) -> Result<bool, DecodeError> {
        let offset = self.pos;
        match self.read_u32()? {
            BOOL_TRUE_ID => Ok(true),
            BOOL_FALSE_ID => Ok(false),
            id => Err(DecodeError::unknown_constructor(id, "Bool", offset)),
        }
    }

    /// Read a TL `bytes` value without copying it: the returned slice
    /// borrows the input.
    ///
    /// Framing: a first byte below 254 is the length; 254 is followed by a
    /// 3-byte little-endian length; 255 is reserved
    /// ([`DecodeError::ReservedLengthPrefix`]). Then come the data and zero
    /// to three padding bytes that bring the whole value to a multiple of 4.
    /// The padding must be present, but its content is not checked; a long
    /// form holding a length below 254 is accepted as well.
    #[inline]
    pub fn read_bytes_ref(&mut self) -> Result<&'a [u8], DecodeError> {
        let start = self.pos;
        let rest = self.rest();
        let (header, len) = match rest.first() {
            None => return Err(eof(start, 1, 0)),
            Some(&len @ 0..=253) => (1, usize::from(len)),
            Some(254) => match rest.first_chunk::<4>() {
                Some(&[_, a, b, c]) => (4, u32::from_le_bytes([a, b, c, 0]) as usize),
                None => return Err(eof(start, 4, rest.len())),
            },
            Some(255) => return Err(DecodeError::ReservedLengthPrefix { offset: start }),
        };
        let after_header = rest.len() - header;
        if len > after_header {
            return Err(DecodeError::LengthTooLarge {
                declared: len,
                min_item_size: 1,
                remaining: after_header,
                offset: start,
            });
        }
        // `header + len <= rest.len()`, so this cannot overflow.
        let total = (header + len + 3) & !3;
        if total > rest.len() {
            return Err(eof(start, total, rest.len()));
        }
        match rest.get(header..header + len) {
            Some(data) => {
                self.pos = start + total;
                Ok(data)
            }
            None => Err(eof(start, total, rest.len())),
        }
    }

    /// Read a TL `bytes` value into a new vector (see
    /// [`read_bytes_ref`](Self::read_bytes_ref) for the framing).
    #[inline]
    pub fn read_bytes(&mut self) -> Result<Vec<u8>, DecodeError> {
        self.read_bytes_ref().map(<[u8]>::to_vec)
    }

    /// Read a TL `string`: framed like `bytes`, and required to be valid
    /// UTF-8 ([`DecodeError::InvalidUtf8`] otherwise; nothing is replaced).
    #[inline]
    pub fn read_string(&mut self) -> Result<String, DecodeError> {
        let offset = self.pos;
        let data = self.read_bytes_ref()?;
        match core::str::from_utf8(data) {
            Ok(s) => Ok(s.to_owned()),
            Err(error) => Err(DecodeError::InvalidUtf8 { offset, error }),
        }
    }

    /// Read a boxed `Vector<T>`: the id [`VECTOR_ID`], then a bare vector
    /// (see [`read_bare_vector`](Self::read_bare_vector)). Another id is
    /// [`DecodeError::UnknownConstructor`] with `expected: "Vector"`.
    #[inline]
    pub fn read_vector<T>(
        &mut self,
        min_item_size: usize,
        item: impl FnMut(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        let offset = self.pos;
        match self.read_u32()? {
            VECTOR_ID => self.read_bare_vector(min_item_size, item),
            id => Err(DecodeError::unknown_constructor(id, "Vector", offset)),
        }
    }

    /// Read a bare `vector<T>`: an `int` count, then that many items, each
    /// read by `item`.
    ///
    /// `min_item_size` is the smallest number of bytes one item can occupy
    /// (use [`Deserializable::MIN_SIZE`](crate::Deserializable::MIN_SIZE)).
    /// Before anything is allocated, the count is checked against the bytes
    /// left: `count * max(min_item_size, 1)` must not exceed them, else
    /// [`DecodeError::LengthTooLarge`]. A negative count is
    /// [`DecodeError::NegativeLength`].
    #[inline]
    pub fn read_bare_vector<T>(
        &mut self,
        min_item_size: usize,
        mut item: impl FnMut(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        let offset = self.pos;
        let count = self.read_i32()?;
        let Ok(count) = u32::try_from(count) else {
            return Err(DecodeError::NegativeLength { count, offset });
        };
        // On targets where usize is narrower than 32 bits a count that does
        // not fit cannot fit in memory either.
        let count = usize::try_from(count).unwrap_or(usize::MAX);
        let min_item_size = min_item_size.max(1);
        let remaining = self.remaining();
        if count
            .checked_mul(min_item_size)
            .is_none_or(|needed| needed > remaining)
        {
            return Err(DecodeError::LengthTooLarge {
                declared: count,
                min_item_size,
                remaining,
                offset,
            });
        }
        let mut items = Vec::with_capacity(count);
        for _ in 0..count {
            items.push(item(self)?);
        }
        Ok(items)
    }

    /// Record that a nested (boxed or recursive) value starts. Errors with
    /// [`DecodeError::TooDeep`] when [`max_depth`](Self::max_depth) values
    /// are already open; the depth is unchanged then. Pair every successful
    /// call with [`leave`](Self::leave), or use [`nested`](Self::nested).
    #[inline]
    pub fn enter(&mut self) -> Result<(), DecodeError> {
        if self.depth >= self.max_depth {
            return Err(DecodeError::TooDeep {
                max_depth: self.max_depth,
                offset: self.pos,
            });
        }
        self.depth += 1;
        Ok(())
    }

    /// Record that the nested value opened by the last [`enter`](Self::enter)
    /// is complete. Calling it with no value open is a bug in the caller
    /// (a debug assertion); in release builds the depth stays at 0.
    #[inline]
    pub fn leave(&mut self) {
        debug_assert!(self.depth > 0, "Reader::leave without a matching enter");
        self.depth = self.depth.saturating_sub(1);
    }

    /// Read a `T` and wrap it as an enum variant (`wrap` is the variant's constructor,
    /// `Self::Variant`). Generated enum decoders call this in each arm instead of
    /// `Ok(Self::Variant(T::deserialize(r)?))`: in unoptimized builds every arm's temporaries
    /// would otherwise get stack slots of their own in the dispatching function, and a
    /// recursive type with many large variants (`PageBlock`) would need tens of kilobytes
    /// of stack per nesting level.
    ///
    /// For generated code only, not covered by semver (see the crate's Stability section);
    /// hand-written code writes `T::deserialize(r).map(wrap)`.
    #[doc(hidden)]
    #[inline]
    pub fn read_variant<T: crate::Deserializable, E>(
        &mut self,
        wrap: fn(T) -> E,
    ) -> Result<E, DecodeError> {
        T::deserialize(self).map(wrap)
    }

    /// Run `f` one level deeper: [`enter`](Self::enter), `f`, then
    /// [`leave`](Self::leave) whether `f` succeeded or not.
    #[inline]
    pub fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        self.enter()?;
        let result = f(self);
        self.leave();
        result
    }
}
