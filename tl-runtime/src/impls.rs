//! [`Serializable`] and [`Deserializable`] for the built-in TL types.

use crate::{DecodeError, Deserializable, Identifiable, Reader, Serializable, VECTOR_ID, write};

impl Serializable for i32 {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write::i32(*self, buf);
    }
}

impl Deserializable for i32 {
    const MIN_SIZE: usize = 4;

    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.read_i32()
    }
}

impl Serializable for i64 {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write::i64(*self, buf);
    }
}

impl Deserializable for i64 {
    const MIN_SIZE: usize = 8;

    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.read_i64()
    }
}

impl Serializable for f64 {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write::f64(*self, buf);
    }
}

impl Deserializable for f64 {
    const MIN_SIZE: usize = 8;

    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.read_f64()
    }
}

/// Boxed `Bool`.
impl Serializable for bool {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write::bool(*self, buf);
    }
}

/// Boxed `Bool`.
impl Deserializable for bool {
    const MIN_SIZE: usize = 4;

    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.read_bool()
    }
}

/// TL `string`.
impl Serializable for str {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write::string(self, buf);
    }
}

/// TL `string`.
impl Serializable for String {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write::string(self, buf);
    }
}

/// TL `string`; must be valid UTF-8.
impl Deserializable for String {
    const MIN_SIZE: usize = 4;

    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.read_string()
    }
}

/// TL `int128`.
impl Serializable for [u8; 16] {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write::int128(self, buf);
    }
}

/// TL `int128`.
impl Deserializable for [u8; 16] {
    const MIN_SIZE: usize = 16;

    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.read_int128()
    }
}

/// TL `int256`.
impl Serializable for [u8; 32] {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write::int256(self, buf);
    }
}

/// TL `int256`.
impl Deserializable for [u8; 32] {
    const MIN_SIZE: usize = 32;

    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.read_int256()
    }
}

/// Boxed `Vector<T>`.
impl<T: Serializable> Serializable for [T] {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write::vector(self, buf, T::serialize);
    }
}

/// Boxed `Vector<T>`.
impl<T: Serializable> Serializable for Vec<T> {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write::vector(self, buf, T::serialize);
    }
}

/// Boxed `Vector<T>`.
impl<T: Deserializable> Deserializable for Vec<T> {
    /// The id and the count.
    const MIN_SIZE: usize = 8;

    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.read_vector(T::MIN_SIZE, T::deserialize)
    }
}

impl<T> Identifiable for Vec<T> {
    const CONSTRUCTOR_ID: u32 = VECTOR_ID;
}

/// Delegates to `T`.
impl<T: Serializable + ?Sized> Serializable for Box<T> {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        (**self).serialize(buf);
    }
}

/// Delegates to `T` (which counts depth itself if it is recursive).
impl<T: Deserializable> Deserializable for Box<T> {
    const MIN_SIZE: usize = T::MIN_SIZE;

    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        T::deserialize(r).map(Box::new)
    }
}

impl<T: Identifiable + ?Sized> Identifiable for Box<T> {
    const CONSTRUCTOR_ID: u32 = T::CONSTRUCTOR_ID;
}

/// Delegates to `T`, so requests can be serialized by reference.
impl<T: Serializable + ?Sized> Serializable for &T {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        (**self).serialize(buf);
    }
}
