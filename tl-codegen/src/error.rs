//! Why generation failed.

use std::fmt;
use std::path::PathBuf;

use crate::{Diagnostic, Diagnostics};

/// Why generation failed. `Display` gives the full explanation, schema diagnostics included.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// No schema was given.
    NoSchema,
    /// A schema file could not be read, or the output could not be written.
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The parser rejected a schema.
    Schema {
        /// The file.
        file: String,
        /// Every diagnostic (errors and warnings).
        diagnostics: Diagnostics,
    },
    /// Two schemas disagree (same name with different IDs, or one ID for two names).
    Conflict {
        /// A [`DiagnosticKind::DefinitionConflict`](crate::DiagnosticKind::DefinitionConflict)
        /// at the second definition, labelled with the first; its message names both, with
        /// file and line.
        diagnostic: Box<Diagnostic>,
    },
    /// Two TL names map to one Rust name in one scope.
    NameCollision {
        /// The scope (module, enum variants, struct fields).
        scope: String,
        /// The Rust name.
        rust_name: String,
        /// The first TL item.
        first: String,
        /// The second TL item.
        second: String,
    },
    /// A schema construct the generator cannot express in Rust.
    Unsupported {
        /// The TL definition.
        item: String,
        /// What and why.
        message: String,
    },
    /// The schemas declare different layers.
    Layer {
        /// Which files say what.
        message: String,
    },
    /// A name or glob of [`Config::functions`](crate::Config::functions) or
    /// [`Config::types`](crate::Config::types) that selects nothing.
    NoMatch {
        /// The name or glob as given.
        pattern: String,
        /// What it was matched against: `"function"`, `"constructor or type"`.
        what: &'static str,
        /// The closest name of that kind, for a misspelling.
        closest: Option<String>,
    },
    /// An invalid option value (derive path, attribute, runtime path).
    Config {
        /// What is wrong.
        message: String,
    },
    /// `generate()` needs `OUT_DIR` (set by cargo for build scripts) or `out_dir(..)`.
    NoOutDir,
    /// The error or method table is malformed (every problem, with file, line and column).
    Table {
        /// The problems (errors only).
        errors: Diagnostics,
    },
    /// The documentation data is malformed (the problems, with file and position or path).
    Docs {
        /// The problems.
        errors: Diagnostics,
    },
    /// The generated tokens did not parse as a Rust file (a generator bug).
    Format {
        /// The syn error.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoSchema => f.write_str("no schema given: call Config::schema(..)"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Schema { file, diagnostics } => {
                write!(
                    f,
                    "schema {file} has {} error(s):\n{diagnostics}",
                    diagnostics.error_count()
                )
            }
            Error::Conflict { diagnostic } => {
                write!(f, "conflicting schemas: {}", diagnostic.message)
            }
            Error::NameCollision {
                scope,
                rust_name,
                first,
                second,
            } => write!(
                f,
                "name collision in {scope}: {first} and {second} both become `{rust_name}`"
            ),
            Error::Unsupported { item, message } => {
                write!(f, "cannot generate `{item}`: {message}")
            }
            Error::Layer { message } => f.write_str(message),
            Error::NoMatch {
                pattern,
                what,
                closest,
            } => {
                write!(
                    f,
                    "`{pattern}` matches no {what} of the schemas (TL names, case-sensitive; \
                     `*` is a wildcard)"
                )?;
                match closest {
                    Some(c) => write!(f, "; did you mean `{c}`?"),
                    None => Ok(()),
                }
            }
            Error::Config { message } => write!(f, "invalid configuration: {message}"),
            Error::NoOutDir => f.write_str(
                "OUT_DIR is not set (generate() is meant for build.rs); use Config::out_dir",
            ),
            Error::Table { errors } => {
                write!(
                    f,
                    "invalid RPC error table ({} error(s)):\n{errors}",
                    errors.error_count()
                )
            }
            Error::Docs { errors } => {
                write!(
                    f,
                    "invalid documentation data ({} error(s)):\n{errors}",
                    errors.error_count()
                )
            }
            Error::Format { message } => {
                write!(
                    f,
                    "internal error: generated code does not parse: {message}"
                )
            }
        }
    }
}

impl Error {
    /// The diagnostics behind this error, for tools that want positions and kinds: every
    /// diagnostic of [`Error::Schema`] and [`Error::Table`], the one of [`Error::Conflict`];
    /// empty for the other variants.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Schema { diagnostics, .. } => diagnostics,
            Error::Table { errors } | Error::Docs { errors } => errors,
            Error::Conflict { diagnostic } => std::slice::from_ref(diagnostic),
            _ => &[],
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
