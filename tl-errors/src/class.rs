//! Error code classes.

use std::fmt;

/// The class of an RPC error code, as Telegram documents them.
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
    pub fn from_code(code: i32) -> ErrorClass {
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

    /// The numeric code (`from_code(c).code() == c` for every `c`).
    pub fn code(self) -> i32 {
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
    pub fn tl_name(self) -> Option<&'static str> {
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

    /// The Rust variant name (`"SeeOther"`, ..., `"Other"`), for code generators.
    pub fn rust_variant_name(self) -> &'static str {
        match self {
            ErrorClass::SeeOther => "SeeOther",
            ErrorClass::BadRequest => "BadRequest",
            ErrorClass::Unauthorized => "Unauthorized",
            ErrorClass::Forbidden => "Forbidden",
            ErrorClass::NotAcceptable => "NotAcceptable",
            ErrorClass::Flood => "Flood",
            ErrorClass::Internal => "Internal",
            ErrorClass::Other(_) => "Other",
        }
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
