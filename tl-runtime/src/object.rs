//! Types for TL built-ins beyond the numbers and strings: [`Object`] (a serialized object of
//! any type, TON's `Object` results) and the wiped-on-drop [`SecureBytes`] / [`SecureString`]
//! (tonlib's `secureBytes` / `secureString`).

use core::fmt;

use crate::{DecodeError, Deserializable, Reader, Serializable};

/// A serialized, boxed TL object whose type the schema does not say: the result of TON's
/// `liteServer.query data:bytes = Object`, whose answer is the answer of the query inside
/// `data`. It holds the object's bytes as they are on the wire, constructor ID first.
///
/// Decoding reads **every remaining byte** of the input: an object of unknown type has no
/// length of its own, so `Object` can only be the last thing in a message (as a function's
/// result always is). Turn it into the type you expect with [`decode`](Self::decode); build
/// one from a value with [`from_value`](Self::from_value).
///
/// ```
/// use tlgen_runtime::{Object, Serializable};
///
/// let answer = Object::from_value(&true); // boolTrue
/// assert_eq!(answer.constructor_id(), Some(tlgen_runtime::BOOL_TRUE_ID));
/// assert!(answer.decode::<bool>().unwrap());
/// assert_eq!(answer.to_bytes(), answer.as_bytes());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Object(pub Vec<u8>);

impl Object {
    /// The serialized form of `value` (for a boxed type: its constructor ID, then its fields).
    pub fn from_value<T: Serializable + ?Sized>(value: &T) -> Object {
        Object(value.to_bytes())
    }

    /// Decode the object as a `T`; every byte must be used.
    pub fn decode<T: Deserializable>(&self) -> Result<T, DecodeError> {
        T::from_bytes(&self.0)
    }

    /// The constructor ID the object starts with, if it has four bytes.
    pub fn constructor_id(&self) -> Option<u32> {
        self.0.first_chunk::<4>().map(|id| u32::from_le_bytes(*id))
    }

    /// The bytes on the wire.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl Serializable for Object {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        buf.extend_from_slice(&self.0);
    }
}

impl Deserializable for Object {
    /// A constructor ID.
    const MIN_SIZE: usize = 4;

    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        if r.remaining() < Self::MIN_SIZE {
            // Report the short read the way every fixed-size read does.
            r.peek_u32()?;
        }
        Ok(Object(r.read_rest().to_vec()))
    }
}

/// Overwrite `bytes` with zeros in a way the optimizer does not drop.
fn wipe(bytes: &mut [u8]) {
    for b in bytes.iter_mut() {
        *b = 0;
    }
    // The zeros must be observable, so the stores stay.
    core::hint::black_box(bytes);
}

/// Bytes that are overwritten with zeros when dropped: tonlib's `secureBytes` (keys,
/// passwords). Encoded as TL `bytes`. `Debug` does not show the content. The wipe is best
/// effort: copies made before (a `Vec` that grew, a clone) are not wiped by this value.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SecureBytes(Vec<u8>);

impl SecureBytes {
    /// Take ownership of `bytes`.
    pub fn new(bytes: Vec<u8>) -> Self {
        SecureBytes(bytes)
    }

    /// The secret.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for SecureBytes {
    fn from(bytes: Vec<u8>) -> Self {
        SecureBytes(bytes)
    }
}

impl Drop for SecureBytes {
    fn drop(&mut self) {
        wipe(&mut self.0);
    }
}

impl fmt::Debug for SecureBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecureBytes(<{} bytes>)", self.0.len())
    }
}

impl Serializable for SecureBytes {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        crate::write::bytes(&self.0, buf);
    }
}

impl Deserializable for SecureBytes {
    const MIN_SIZE: usize = 4;

    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.read_bytes().map(SecureBytes)
    }
}

/// A string that is overwritten with zeros when dropped: tonlib's `secureString` (mnemonic
/// words, passwords). Encoded as TL `string` (UTF-8 required). `Debug` does not show the
/// content; the wipe is best effort, as for [`SecureBytes`].
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SecureString(String);

impl SecureString {
    /// Take ownership of `text`.
    pub fn new(text: String) -> Self {
        SecureString(text)
    }

    /// The secret.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for SecureString {
    fn from(text: String) -> Self {
        SecureString(text)
    }
}

impl Drop for SecureString {
    fn drop(&mut self) {
        let mut bytes = core::mem::take(&mut self.0).into_bytes();
        wipe(&mut bytes);
    }
}

impl fmt::Debug for SecureString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecureString(<{} bytes>)", self.0.len())
    }
}

impl Serializable for SecureString {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        crate::write::string(&self.0, buf);
    }
}

impl Deserializable for SecureString {
    const MIN_SIZE: usize = 4;

    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.read_string().map(SecureString)
    }
}

#[cfg(feature = "arbitrary")]
mod arbitrary_impls {
    use super::{Object, SecureBytes, SecureString};

    impl<'a> arbitrary::Arbitrary<'a> for Object {
        /// A constructor ID and some bytes (not a valid object of any particular type).
        fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
            let mut bytes = u32::arbitrary(u)?.to_le_bytes().to_vec();
            bytes.extend(Vec::<u8>::arbitrary(u)?);
            Ok(Object(bytes))
        }
    }

    impl<'a> arbitrary::Arbitrary<'a> for SecureBytes {
        fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
            Vec::<u8>::arbitrary(u).map(SecureBytes)
        }
    }

    impl<'a> arbitrary::Arbitrary<'a> for SecureString {
        fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
            String::arbitrary(u).map(SecureString)
        }
    }
}
