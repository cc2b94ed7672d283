//! Table diagnostics: the toolchain's one diagnostic type ([`tlgen_parser::Diagnostic`]), capped.
//!
//! Table diagnostics are one line each (`errors.csv:4:1: error: message`): they carry the
//! file, line, column and byte offset, but no source excerpt. Lines and columns are 1-based;
//! columns count Unicode scalar values (`char`s), not bytes, and a byte-order mark at the
//! start of the file is not counted.

use tlgen_parser::{LineIndex, Sink};

/// The most errors (and, separately, warnings) one parse records; further ones are counted
/// and summarised in a final [`DiagnosticKind::TooManyErrors`](crate::DiagnosticKind) entry,
/// so the output stays bounded on hostile input.
pub const MAX_ERRORS: usize = 100;

/// A sink for one table file, capped at [`MAX_ERRORS`].
pub(crate) fn sink<'a>(file: &'a str, index: &'a LineIndex<'a>) -> Sink<'a> {
    Sink::new(file, index).with_limit(MAX_ERRORS)
}
