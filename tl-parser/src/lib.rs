//! Parser, ID prover and semantic checker for Telegram's TL schema language.
//!
//! ```
//! use tlgen_parser::{parse, ParseOptions};
//!
//! let parsed = parse("example.tl", "boolTrue#997275b5 = Bool;\n", &ParseOptions::default());
//! assert!(!parsed.has_errors());
//! let def = &parsed.schema.definitions[0];
//! assert_eq!(def.full_name(), "boolTrue");
//! assert_eq!(def.computed_id, 0x997275b5);
//! ```
//!
//! Several files that make up one schema (`api.tl` + `mtproto.tl`) are checked together with
//! [`parse_files`]: unknown types, duplicate names and duplicate IDs are then judged over all of
//! them, so a type declared in one file may be used in another.
//!
//! Pipeline: the grammar splits the text into statements and parses each with nom (a bad
//! statement is reported and skipped, so every syntax error in a file is found in one run);
//! a hand-written fast path reads the common statements first and leaves everything else
//! (comments, generics, built-ins, errors) to the grammar. Each definition's ID is the CRC32
//! of its normalised text ([`IdRule`] says which normalisation); then the semantic checks
//! run. All problems become [`Diagnostic`]s.
//!
//! Every public item is at the crate root; the modules are private.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod ast;
mod check;
mod diagnostic;
mod fast;
mod id;
mod name;
mod printer;
mod syntax;

use std::collections::BTreeSet;

pub use ast::{
    Builtin, Category, Definition, Flag, GenericParam, ParamType, Parameter, Schema, Span, TypeDoc,
    TypeRef,
};
pub use diagnostic::{Diagnostic, DiagnosticKind, Diagnostics, Label, LineIndex, Severity, Sink};
pub use id::{IdRule, crc32_id, normalized_text};
pub use name::Name;
pub use syntax::{MAX_TYPE_DEPTH, PRIMITIVE_NAMES};

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
///
/// Presets: [`ParseOptions::default`] (Telegram's ID rule, every ID mismatch an error),
/// [`ParseOptions::telegram`] (the same with the three known mismatches of Telegram's
/// `mtproto.tl` accepted), [`ParseOptions::ton`] and [`ParseOptions::tdlib`] (the TL compiler's
/// ID rule), [`ParseOptions::strict`] (unknown types are errors). They combine with struct
/// update syntax or the builder methods:
///
/// ```
/// use tlgen_parser::{IdRule, Level, ParseOptions};
///
/// let opts = ParseOptions::ton().allow_id_mismatch("liteServer.transactionId");
/// assert_eq!(opts.id_rule, IdRule::Ton);
/// let strict_tdlib = ParseOptions { unknown_types: Level::Error, ..ParseOptions::tdlib() };
/// assert_eq!(strict_tdlib.id_rule, IdRule::Ton);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    /// How a declaration's ID is computed from its text (default: [`IdRule::Telegram`]).
    pub id_rule: IdRule,
    /// What a written `#id` that differs from the CRC32 is (default: error).
    pub id_mismatch: Level,
    /// Definitions (full names such as `help.configSimple`) whose ID mismatch is accepted silently.
    pub allowed_id_mismatches: BTreeSet<String>,
    /// What a reference to an undefined type is (default: warning; see the README).
    pub unknown_types: Level,
    /// What two definitions sharing an ID are (default: error).
    pub duplicate_ids: Level,
    /// Definitions (full names) that may share their ID with another definition on purpose.
    ///
    /// Naming either member of a pair is enough: `invokeWithBusinessConnectionPrefix` and
    /// `invokeWithBusinessConnection` both write `#dd289f8e`, and naming one of them accepts
    /// the pair. In such an allowed pair, a member whose written ID is the CRC32 of the other
    /// member (the `...Prefix` function, the serialisation prefix of the other) has no ID
    /// mismatch reported either: its ID is proven by its partner.
    pub allowed_duplicate_ids: BTreeSet<String>,
}

/// The ID mismatches of Telegram's own `mtproto.tl` (and gotd's copies of it): their IDs are
/// what the server uses, but no normalisation of their text gives them.
pub const TELEGRAM_KNOWN_MISMATCHES: [&str; 3] =
    ["ipPortSecret", "accessPointRule", "help.configSimple"];

/// The written IDs of TON's `lite_api.tl` that pin an older ID on purpose (the text changed,
/// the ID on the wire did not): no normalisation of their text gives them.
pub const TON_KNOWN_MISMATCHES: [&str; 3] = [
    "liteServer.transactionId",
    "liteServer.signatureSet.ordinary",
    "liteServer.getValidatorStats",
];

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            id_rule: IdRule::Telegram,
            id_mismatch: Level::Error,
            allowed_id_mismatches: BTreeSet::new(),
            unknown_types: Level::Warn,
            duplicate_ids: Level::Error,
            allowed_duplicate_ids: BTreeSet::new(),
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

    /// The Telegram preset: the defaults plus the ID mismatches of
    /// [`TELEGRAM_KNOWN_MISMATCHES`] (`ipPortSecret`, `accessPointRule`, `help.configSimple`)
    /// accepted. What `api.tl` + `mtproto.tl` need.
    pub fn telegram() -> Self {
        TELEGRAM_KNOWN_MISMATCHES
            .iter()
            .fold(ParseOptions::default(), |o, name| {
                o.allow_id_mismatch(*name)
            })
    }

    /// TON's dialect: the defaults with [`IdRule::Ton`], and the written IDs of
    /// [`TON_KNOWN_MISMATCHES`] accepted (`lite_api.tl` pins an older ID on purpose for
    /// `liteServer.transactionId#b12f65af` and two more, as mtproto.tl does for its three).
    /// Other mismatches are errors as usual: accept them with
    /// [`allow_id_mismatch`](Self::allow_id_mismatch) or [`id_mismatch`](Self::id_mismatch).
    pub fn ton() -> Self {
        TON_KNOWN_MISMATCHES.iter().fold(
            ParseOptions {
                id_rule: IdRule::Ton,
                ..ParseOptions::default()
            },
            |o, name| o.allow_id_mismatch(*name),
        )
    }

    /// TDLib's dialect (`td_api.tl`): TDLib computes IDs by the same rule as TON's TL
    /// compiler ([`IdRule::Ton`]: `bytes` stays `bytes`); no mismatch is accepted.
    pub fn tdlib() -> Self {
        ParseOptions {
            id_rule: IdRule::Ton,
            ..ParseOptions::default()
        }
    }

    /// Accept the ID mismatch of the named definition.
    pub fn allow_id_mismatch(mut self, name: impl Into<String>) -> Self {
        self.allowed_id_mismatches.insert(name.into());
        self
    }

    /// Accept that the named definition shares its ID with another one (see
    /// [`allowed_duplicate_ids`](Self::allowed_duplicate_ids)).
    pub fn allow_duplicate_id(mut self, name: impl Into<String>) -> Self {
        self.allowed_duplicate_ids.insert(name.into());
        self
    }

    /// The same options with another ID rule.
    pub fn with_id_rule(mut self, rule: IdRule) -> Self {
        self.id_rule = rule;
        self
    }
}

/// The outcome of parsing one file: the schema (as much as could be read) and every diagnostic.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The file name as given to the parser (what the diagnostics name).
    pub file: String,
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

/// The outcome of [`parse_files`]: one [`Parsed`] per file, in the order given, each holding
/// the diagnostics that point into that file.
#[derive(Clone, Debug)]
pub struct ParsedFiles {
    /// The files, in the order given.
    pub files: Vec<Parsed>,
}

impl ParsedFiles {
    /// Any diagnostic of error severity in any file?
    pub fn has_errors(&self) -> bool {
        self.files.iter().any(Parsed::has_errors)
    }

    /// Every diagnostic, file by file, each in source order.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.files.iter().flat_map(|f| &f.diagnostics)
    }

    /// The errors of every file.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics().filter(|d| d.is_error())
    }

    /// The warnings of every file.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics().filter(|d| !d.is_error())
    }

    /// The schemas (in file order) when no file has errors, else every diagnostic of every
    /// file (warnings included).
    pub fn into_result(self) -> Result<Vec<Schema>, Diagnostics> {
        if self.has_errors() {
            Err(Diagnostics(
                self.files.into_iter().flat_map(|f| f.diagnostics).collect(),
            ))
        } else {
            Ok(self.files.into_iter().map(|f| f.schema).collect())
        }
    }
}

/// Parse and check one schema file. `file` is only used in diagnostics.
pub fn parse(file: &str, src: &str, options: &ParseOptions) -> Parsed {
    let mut parsed = parse_files(&[(file, src)], options);
    parsed.files.pop().unwrap_or_else(|| Parsed {
        file: file.to_string(),
        schema: Schema::default(),
        diagnostics: Vec::new(),
    })
}

/// Parse several files that make up one schema, as `(file name, text)` pairs, and check them
/// together.
///
/// Each file is parsed alone and its definitions are checked on their own (IDs, flags,
/// generics, parameters); the checks that depend on the other files run once over all of them:
/// a type may be declared in another file, and a duplicate name or ID across files is reported
/// at the later definition with the file and position of the first. The same declaration
/// (same name, kind and ID) in two files is not a duplicate: it is one definition, as the code
/// generator merges them. Within one file every repeated name is reported.
///
/// ```
/// use tlgen_parser::{ParseOptions, parse_files};
///
/// let files = [
///     ("bool.tl", "boolTrue#997275b5 = Bool;\n"),
///     ("rpc.tl", "---functions---\nping = Bool;\n"),
/// ];
/// let parsed = parse_files(&files, &ParseOptions::strict());
/// assert!(!parsed.has_errors());
/// assert_eq!(parsed.files[1].file, "rpc.tl");
/// ```
pub fn parse_files<N: AsRef<str>, T: AsRef<str>>(
    files: &[(N, T)],
    options: &ParseOptions,
) -> ParsedFiles {
    let indexes: Vec<diagnostic::LineIndex<'_>> = files
        .iter()
        .map(|(_, text)| diagnostic::LineIndex::new(text.as_ref()))
        .collect();
    let mut sinks: Vec<check::Sink<'_>> = files
        .iter()
        .zip(&indexes)
        .map(|((name, _), index)| check::Sink::new(name.as_ref(), index))
        .collect();
    let schemas: Vec<Schema> = files
        .iter()
        .zip(&indexes)
        .zip(&mut sinks)
        .map(|(((_, text), index), sink)| {
            syntax::parse_schema(text.as_ref(), index, options.id_rule, sink, true)
        })
        .collect();
    check::check(&schemas, options, &mut sinks);
    let files = files
        .iter()
        .zip(schemas)
        .zip(sinks)
        .map(|(((name, _), schema), sink)| {
            let mut diagnostics = sink.finish();
            diagnostics.sort_by_key(|d| (d.span.start, d.severity));
            Parsed {
                file: name.as_ref().to_string(),
                schema,
                diagnostics,
            }
        })
        .collect();
    ParsedFiles { files }
}
