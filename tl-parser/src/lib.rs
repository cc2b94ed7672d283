//! Parser, ID prover and semantic checker for Telegram's TL schema language.
//!
//! ```
//! use tl_parser::{parse, ParseOptions};
//!
//! let parsed = parse("example.tl", "boolTrue#997275b5 = Bool;\n", &ParseOptions::default());
//! assert!(!parsed.has_errors());
//! let def = &parsed.schema.definitions[0];
//! assert_eq!(def.full_name(), "boolTrue");
//! assert_eq!(def.computed_id, 0x997275b5);
//! ```
//!
//! Pipeline: [`syntax`] splits the text into statements and parses each with nom (a bad
//! statement is reported and skipped, so every syntax error in a file is found in one run);
//! [`id`] computes each definition's CRC32 from its normalised text; [`check`] runs the semantic
//! checks. All problems become [`Diagnostic`]s.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod ast;
pub mod check;
pub mod diagnostic;
pub mod id;
mod printer;
pub mod syntax;

use std::collections::BTreeSet;

pub use ast::{
    Builtin, Category, Definition, Flag, GenericParam, ParamType, Parameter, Schema, Span, TypeDoc,
    TypeRef,
};
pub use diagnostic::{Diagnostic, DiagnosticKind, Diagnostics, Severity};
pub use id::{crc32_id, normalized_text};

/// What to do about one class of problem.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Level {
    /// Report as an error (the schema is rejected).
    #[default]
    Error,
    /// Report as a warning.
    Warn,
    /// Do not report.
    Ignore,
}

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "error" => Ok(Level::Error),
            "warn" | "warning" => Ok(Level::Warn),
            "ignore" | "allow" => Ok(Level::Ignore),
            other => Err(format!(
                "unknown level `{other}`: expected one of error, warn, ignore"
            )),
        }
    }
}

/// Knobs for parsing and checking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    /// What a written `#id` that differs from the CRC32 is (default: error).
    pub id_mismatch: Level,
    /// Definitions (full names such as `help.configSimple`) whose ID mismatch is accepted silently.
    pub allowed_id_mismatches: BTreeSet<String>,
    /// What a reference to an undefined type is (default: warning; see the README).
    pub unknown_types: Level,
    /// What two definitions sharing an ID are (default: error).
    pub duplicate_ids: Level,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            id_mismatch: Level::Error,
            allowed_id_mismatches: BTreeSet::new(),
            unknown_types: Level::Warn,
            duplicate_ids: Level::Error,
        }
    }
}

impl ParseOptions {
    /// Strict mode: unknown types are errors too.
    pub fn strict() -> Self {
        ParseOptions {
            unknown_types: Level::Error,
            ..ParseOptions::default()
        }
    }

    /// Accept the ID mismatch of the named definition.
    pub fn allow_id_mismatch(mut self, name: impl Into<String>) -> Self {
        self.allowed_id_mismatches.insert(name.into());
        self
    }
}

/// The outcome of parsing one file: the schema (as much as could be read) and every diagnostic.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The schema. Statements with syntax errors are left out.
    pub schema: Schema,
    /// Errors and warnings, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    /// Any diagnostic of error severity?
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }

    /// The schema when there are no errors, else every diagnostic (warnings included).
    pub fn into_result(self) -> Result<Schema, Diagnostics> {
        if self.has_errors() {
            Err(Diagnostics(self.diagnostics))
        } else {
            Ok(self.schema)
        }
    }
}

/// Parse and check one schema file. `file` is only used in diagnostics.
pub fn parse(file: &str, src: &str, options: &ParseOptions) -> Parsed {
    let index = diagnostic::LineIndex::new(src);
    let mut sink = check::Sink::new(file, &index);
    let schema = syntax::parse_schema(src, &index, &mut sink);
    check::check(&schema, options, &mut sink);
    let mut diagnostics = sink.finish();
    diagnostics.sort_by_key(|d| (d.span.start, d.severity));
    Parsed {
        schema,
        diagnostics,
    }
}
