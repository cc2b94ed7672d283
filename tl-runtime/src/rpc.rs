//! Support for typed RPC errors (`rpc_error#2144ca19 error_code:int error_message:string`).

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

/// The class of an RPC error code, as Telegram documents them.
///
/// `ErrorClass::from_code(c).code() == c` for every `c`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorClass {
    /// 303 `SEE_OTHER`: repeat the request on another data centre.
    SeeOther,
    /// 400 `BAD_REQUEST`: the query has an error.
    BadRequest,
    /// 401 `UNAUTHORIZED`: the authorization is missing or invalid.
    Unauthorized,
    /// 403 `FORBIDDEN`: privacy or permission violation.
    Forbidden,
    /// 406 `NOT_ACCEPTABLE`: the request cannot be processed now (similar to 400).
    NotAcceptable,
    /// 420 `FLOOD`: too many requests; wait.
    Flood,
    /// 500 `INTERNAL`: a server error.
    Internal,
    /// Any other code, e.g. `-503` (timeout) or `404`.
    Other(i32),
}

impl ErrorClass {
    /// Every named class, in code order (excludes [`ErrorClass::Other`]).
    pub const NAMED: [ErrorClass; 7] = [
        ErrorClass::SeeOther,
        ErrorClass::BadRequest,
        ErrorClass::Unauthorized,
        ErrorClass::Forbidden,
        ErrorClass::NotAcceptable,
        ErrorClass::Flood,
        ErrorClass::Internal,
    ];

    /// The class of `code`; codes without a named class give [`ErrorClass::Other`].
    pub const fn from_code(code: i32) -> ErrorClass {
        match code {
            303 => ErrorClass::SeeOther,
            400 => ErrorClass::BadRequest,
            401 => ErrorClass::Unauthorized,
            403 => ErrorClass::Forbidden,
            406 => ErrorClass::NotAcceptable,
            420 => ErrorClass::Flood,
            500 => ErrorClass::Internal,
            other => ErrorClass::Other(other),
        }
    }

    /// The numeric code.
    pub const fn code(self) -> i32 {
        match self {
            ErrorClass::SeeOther => 303,
            ErrorClass::BadRequest => 400,
            ErrorClass::Unauthorized => 401,
            ErrorClass::Forbidden => 403,
            ErrorClass::NotAcceptable => 406,
            ErrorClass::Flood => 420,
            ErrorClass::Internal => 500,
            ErrorClass::Other(c) => c,
        }
    }

    /// Telegram's name for the class (`"FLOOD"`), `None` for [`ErrorClass::Other`].
    pub const fn tl_name(self) -> Option<&'static str> {
        Some(match self {
            ErrorClass::SeeOther => "SEE_OTHER",
            ErrorClass::BadRequest => "BAD_REQUEST",
            ErrorClass::Unauthorized => "UNAUTHORIZED",
            ErrorClass::Forbidden => "FORBIDDEN",
            ErrorClass::NotAcceptable => "NOT_ACCEPTABLE",
            ErrorClass::Flood => "FLOOD",
            ErrorClass::Internal => "INTERNAL",
            ErrorClass::Other(_) => return None,
        })
    }
}

impl From<i32> for ErrorClass {
    fn from(code: i32) -> ErrorClass {
        ErrorClass::from_code(code)
    }
}

/// `420 FLOOD`, or just the code for [`ErrorClass::Other`].
impl fmt::Display for ErrorClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.tl_name() {
            Some(name) => write!(f, "{} {}", self.code(), name),
            None => write!(f, "{}", self.code()),
        }
    }
}

/// Matches a wire message against a parameterised error name: `prefix`, a number, `suffix`.
///
/// An error table writes such names with an `_X` placeholder: `FLOOD_WAIT_X` is the prefix
/// `FLOOD_WAIT_` and the empty suffix, `FILE_PART_X_MISSING` is `FILE_PART_` and `_MISSING`.
/// The number is one or more ASCII digits (no sign, no spaces; leading zeros are allowed) and
/// must fit in a `u32`; otherwise there is no match. Matching is case-sensitive.
///
/// This is the one definition of the rule: `tlgen_errors::ErrorTable::lookup` uses it, and so
/// does the `RpcError::from_code_message` that `tlgen-build` generates. Stable API.
///
/// ```
/// use tlgen_runtime::match_param;
/// assert_eq!(match_param("FLOOD_WAIT_", "", "FLOOD_WAIT_42"), Some(42));
/// assert_eq!(match_param("FILE_PART_", "_MISSING", "FILE_PART_7_MISSING"), Some(7));
/// assert_eq!(match_param("FLOOD_WAIT_", "", "FLOOD_WAIT_4294967296"), None);
/// assert_eq!(match_param("FLOOD_WAIT_", "", "FLOOD_WAIT_+5"), None);
/// assert_eq!(match_param("FLOOD_WAIT_", "", "FLOOD_WAIT_"), None);
/// ```
#[must_use]
pub fn match_param(prefix: &str, suffix: &str, message: &str) -> Option<u32> {
    let digits = message.strip_prefix(prefix)?.strip_suffix(suffix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u32>().ok()
}

/// A typed RPC error: the generated `errors::RpcError` and every per-method error enum.
///
/// Generated types also have these as inherent methods, so the trait only needs importing
/// for generic code.
pub trait RpcErrorInfo: fmt::Debug + fmt::Display {
    /// Classify the `error_code` and `error_message` of an `rpc_error`. Never fails: errors
    /// the tables do not know are kept as they are (an `Other` variant).
    fn from_code_message(code: i32, message: &str) -> Self
    where
        Self: Sized;

    /// The error code (`420`, `-503`, ...), exactly as received.
    fn code(&self) -> i32;

    /// The error's name: the table name for a known error (`FLOOD_WAIT_X`, with the `X`
    /// placeholder), the message itself for an unknown one.
    fn name(&self) -> &str;

    /// The message as sent on the wire (`FLOOD_WAIT_42`).
    fn message(&self) -> Cow<'_, str>;

    /// The class of [`code`](Self::code).
    fn class(&self) -> ErrorClass {
        ErrorClass::from_code(self.code())
    }

    /// How long to wait before retrying, for errors that say so (`FLOOD_WAIT_X`,
    /// `SLOWMODE_WAIT_X`, ...); `None` for the others.
    fn wait_duration(&self) -> Option<Duration> {
        None
    }
}

/// The errors a function (RPC method) can return.
///
/// Code generated with error tables (`tlgen_build::Config::errors`) has an `errors::RpcError`
/// enum with one variant per known error and, per method, an enum of just the errors that
/// method can return. They all implement [`RpcErrorInfo`], and every function struct
/// implements [`MethodErrors`], so a client can turn the server's answer into the right type
/// generically:
///
/// ```
/// use tlgen_runtime::{ErrorClass, MethodErrors, RpcErrorInfo};
///
/// fn typed_error<F: MethodErrors>(code: i32, message: &str) -> F::Error {
///     F::Error::from_code_message(code, message)
/// }
/// # #[derive(Debug)]
/// # struct Untyped(i32, String);
/// # impl core::fmt::Display for Untyped {
/// #     fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
/// #         write!(f, "{} {}", self.0, self.1)
/// #     }
/// # }
/// # impl RpcErrorInfo for Untyped {
/// #     fn from_code_message(code: i32, message: &str) -> Self { Untyped(code, message.into()) }
/// #     fn code(&self) -> i32 { self.0 }
/// #     fn name(&self) -> &str { &self.1 }
/// #     fn message(&self) -> std::borrow::Cow<'_, str> { self.1.as_str().into() }
/// # }
/// # struct Ping;
/// # impl MethodErrors for Ping { type Error = Untyped; }
/// let e = typed_error::<Ping>(420, "FLOOD_WAIT_5");
/// assert_eq!(e.class(), ErrorClass::Flood);
/// ```
///
/// Generated for every function struct when error tables are given: `Error` is the
/// function's own error enum when the method table lists it, the general `RpcError`
/// otherwise, and the inner query's error type for wrappers such as `invokeWithLayer`.
pub trait MethodErrors {
    /// The typed error of this method.
    type Error: RpcErrorInfo;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_round_trips_every_code() {
        for c in [
            303,
            400,
            401,
            403,
            406,
            420,
            500,
            -503,
            0,
            404,
            i32::MIN,
            i32::MAX,
        ] {
            assert_eq!(ErrorClass::from_code(c).code(), c);
            assert_eq!(ErrorClass::from(c), ErrorClass::from_code(c));
        }
        assert_eq!(ErrorClass::from_code(420), ErrorClass::Flood);
        assert_eq!(ErrorClass::from_code(-503), ErrorClass::Other(-503));
        assert_eq!(ErrorClass::from_code(303).tl_name(), Some("SEE_OTHER"));
        assert_eq!(ErrorClass::Other(404).tl_name(), None);
        assert!(
            ErrorClass::NAMED
                .iter()
                .all(|c| ErrorClass::from_code(c.code()) == *c && c.tl_name().is_some())
        );
    }

    #[test]
    fn param_matching() {
        assert_eq!(match_param("A_", "", "A_0"), Some(0));
        assert_eq!(match_param("A_", "", "A_007"), Some(7));
        assert_eq!(match_param("A_", "", "A_4294967295"), Some(u32::MAX));
        assert_eq!(match_param("A_", "", "A_4294967296"), None);
        assert_eq!(match_param("A_", "MIN", "A_5MIN"), Some(5));
        assert_eq!(match_param("A_", "MIN", "A_MIN"), None);
        assert_eq!(match_param("A_", "", "a_5"), None);
        assert_eq!(match_param("A_", "", "A_5 "), None);
        assert_eq!(match_param("A_", "", "A_-5"), None);
        assert_eq!(match_param("A_", "", "A_\u{0663}"), None);
    }

    #[test]
    fn class_display() {
        assert_eq!(ErrorClass::Flood.to_string(), "420 FLOOD");
        assert_eq!(ErrorClass::NotAcceptable.to_string(), "406 NOT_ACCEPTABLE");
        assert_eq!(ErrorClass::Other(-503).to_string(), "-503");
    }

    #[derive(Debug)]
    struct Plain(i32, String);

    impl fmt::Display for Plain {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{} {}", self.0, self.1)
        }
    }

    impl RpcErrorInfo for Plain {
        fn from_code_message(code: i32, message: &str) -> Self {
            Plain(code, message.to_owned())
        }
        fn code(&self) -> i32 {
            self.0
        }
        fn name(&self) -> &str {
            &self.1
        }
        fn message(&self) -> Cow<'_, str> {
            Cow::Borrowed(&self.1)
        }
    }

    struct Method;

    impl MethodErrors for Method {
        type Error = Plain;
    }

    #[test]
    fn defaults_and_generic_use() {
        let e = <Method as MethodErrors>::Error::from_code_message(401, "AUTH_KEY_UNREGISTERED");
        assert_eq!(e.class(), ErrorClass::Unauthorized);
        assert_eq!(e.wait_duration(), None);
        assert_eq!(e.name(), "AUTH_KEY_UNREGISTERED");
        assert_eq!(e.message(), "AUTH_KEY_UNREGISTERED");
    }
}
