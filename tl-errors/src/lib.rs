//! Reading and modelling Telegram RPC error tables.
//!
//! Two CSV tables describe the errors a Telegram method can return:
//!
//! - the **error table**, `name,codes,description` ([`ErrorTable`]): one row per error name,
//!   with its codes and a description; `_X` in a name marks a numeric parameter
//!   (`FLOOD_WAIT_X` matches `FLOOD_WAIT_42`), and a `{field}` in the description names it;
//! - the **method table**, `method,usability,errors` ([`MethodTable`]): who can call each
//!   method and which errors it is known to return.
//!
//! This crate only reads and checks the tables and answers the questions a code generator
//! has (variant names, field names, the matching order of parameterised names); it generates
//! no code. Its [`naming`] module is the one home of the Rust naming rules (keywords, case
//! conversion, leading digits, collision policy), for error variants here and for every
//! type, field and module `tlgen-build` generates. It depends on `tlgen-runtime` (dependency-free: [`ErrorClass`] and [`match_param`] are
//! defined there, once, for this crate and for generated code) and on `tlgen-parser` (for the
//! shared [`Diagnostic`] type), so `build.rs` scripts can use it. Parsers take `&str` and
//! never panic; all problems come back as [`Diagnostic`]s, the toolchain's one diagnostic type
//! (`file:line:col: error: message`): errors as the [`Diagnostics`] of a failed parse,
//! warnings from `warnings()`, every one of them, not just the first (up to [`MAX_ERRORS`]).
//!
//! ```
//! use tlgen_errors::{ErrorClass, ErrorTable, MethodTable, Usability};
//!
//! let errors = ErrorTable::parse("errors.csv", "\
//! name,codes,description
//! FLOOD_WAIT_X,420,A wait of {seconds} seconds is required
//! FRESH_RESET_AUTHORISATION_FORBIDDEN,406,You can't logout other sessions yet
//! ").unwrap();
//! let methods = MethodTable::parse("methods.csv", "\
//! method,usability,errors
//! auth.resetAuthorizations,user,FRESH_RESET_AUTHORISATION_FORBIDDEN
//! ").unwrap();
//! assert!(methods.validate(&errors, None).is_empty());
//!
//! let m = methods.get("auth.resetAuthorizations").unwrap();
//! assert_eq!(m.usability, Usability::User);
//! let e = m.resolve(&errors)[0];
//! assert_eq!((e.rust_variant_name(), e.class()), ("FreshResetAuthorisationForbidden", ErrorClass::NotAcceptable));
//!
//! let (flood, seconds) = errors.lookup("FLOOD_WAIT_30").unwrap();
//! assert_eq!((flood.rust_variant_name(), flood.field_name(), seconds), ("FloodWait", Some("seconds"), Some(30)));
//! assert!(errors.lookup("SOMETHING_ELSE").is_none());
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo
    )
)]

pub mod csv;
mod diagnostic;
mod errors;
mod methods;
pub mod naming;
mod placeholder;

pub use diagnostic::MAX_ERRORS;
pub use errors::{DEFAULT_CODE, ERROR_TABLE_HEADER, ErrorDef, ErrorTable, NamePattern};
pub use methods::{ErrorRef, METHOD_TABLE_HEADER, MethodDef, MethodTable, Usability};
pub use naming::{
    RESERVED_VARIANT_NAMES, full_variant_name_for, is_valid_field_name, variant_name_for,
};
pub use placeholder::{
    DEFAULT_FIELD_NAME, PLACEHOLDER_UNIT_SUFFIXES, description_placeholders, find_placeholder,
};
/// The toolchain's one diagnostic type and its parts, re-exported from `tlgen-parser`.
pub use tlgen_parser::{Diagnostic, DiagnosticKind, Diagnostics, Label, Severity};
/// The class of an error code; the same type generated code reports (`tlgen_runtime::ErrorClass`).
pub use tlgen_runtime::ErrorClass;
/// The `_X` matching rule, shared with generated code (`tlgen_runtime::match_param`).
pub use tlgen_runtime::match_param;
