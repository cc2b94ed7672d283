//! Errors and warnings about a table, each with file, line and column.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The table is invalid; parsing fails.
    Error,
    /// Suspicious but accepted; the documented fallback applies.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a diagnostic is about, for tools that filter or count them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiagnosticKind {
    /// The text is not valid CSV (RFC 4180): unterminated quote, stray quote, lone CR...
    Csv,
    /// The header row is missing or not the expected one.
    Header,
    /// A row has the wrong number of fields.
    ColumnCount,
    /// An error or method name has characters that are not allowed, or is empty.
    InvalidName,
    /// An error code is not an integer that fits in `i32`.
    InvalidCode,
    /// The same code is listed twice in one row (warning; the duplicate is dropped).
    DuplicateCode,
    /// The usability column is not `user`, `bot`, `both` or `unknown`.
    InvalidUsability,
    /// Two rows share a name.
    DuplicateName,
    /// A method lists the same error twice (warning; the duplicate is dropped).
    DuplicateError,
    /// Two error names map to the same Rust variant name even with the placeholder kept
    /// (warning; a number is appended to the later one in name order).
    VariantCollision,
    /// Something is wrong with an `_X` placeholder or a `{field}` in the description.
    Placeholder,
    /// A method lists an error that is not in the error table.
    UnknownError,
    /// A method of the method table is not defined in the schema (warning).
    UnknownMethod,
    /// Too many errors; the rest were counted but not recorded.
    TooManyErrors,
}

impl DiagnosticKind {
    /// A stable kebab-case code for machine-readable output.
    pub fn code(self) -> &'static str {
        match self {
            DiagnosticKind::Csv => "csv",
            DiagnosticKind::Header => "header",
            DiagnosticKind::ColumnCount => "column-count",
            DiagnosticKind::InvalidName => "invalid-name",
            DiagnosticKind::InvalidCode => "invalid-code",
            DiagnosticKind::DuplicateCode => "duplicate-code",
            DiagnosticKind::InvalidUsability => "invalid-usability",
            DiagnosticKind::DuplicateName => "duplicate-name",
            DiagnosticKind::DuplicateError => "duplicate-error",
            DiagnosticKind::VariantCollision => "variant-collision",
            DiagnosticKind::Placeholder => "placeholder",
            DiagnosticKind::UnknownError => "unknown-error",
            DiagnosticKind::UnknownMethod => "unknown-method",
            DiagnosticKind::TooManyErrors => "too-many-errors",
        }
    }
}

/// One error in a table. Renders as `file:line:col: error: message`.
///
/// Lines and columns are 1-based; columns count Unicode scalar values (`char`s), not bytes,
/// and a byte-order mark at the start of the file is not counted.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TableError {
    /// The file name as given to the parser.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What is wrong and, where it helps, what was expected.
    pub message: String,
    /// The category of problem.
    pub kind: DiagnosticKind,
}

impl TableError {
    /// Builds an error.
    pub fn new(
        file: &str,
        line: u32,
        column: u32,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) -> TableError {
        TableError {
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
            kind,
        }
    }
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for TableError {}

/// Every error found in one table, in file order. Renders one error per line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableErrors {
    /// The errors; never empty when returned by a parser.
    pub errors: Vec<TableError>,
}

impl TableErrors {
    /// Number of errors.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// `true` when there are no errors.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The errors in file order.
    pub fn iter(&self) -> std::slice::Iter<'_, TableError> {
        self.errors.iter()
    }
}

impl fmt::Display for TableErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            fmt::Display::fmt(e, f)?;
        }
        Ok(())
    }
}

impl std::error::Error for TableErrors {}

impl IntoIterator for TableErrors {
    type Item = TableError;
    type IntoIter = std::vec::IntoIter<TableError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl<'a> IntoIterator for &'a TableErrors {
    type Item = &'a TableError;
    type IntoIter = std::slice::Iter<'a, TableError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

/// An error or a warning. Renders as `file:line:col: error: message` or
/// `file:line:col: warning: message`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TableDiagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The category of problem.
    pub kind: DiagnosticKind,
    /// The file name as given to the parser.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What is wrong and what happens about it.
    pub message: String,
}

impl TableDiagnostic {
    /// Builds a warning.
    pub fn warning(
        file: &str,
        line: u32,
        column: u32,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) -> TableDiagnostic {
        TableDiagnostic {
            severity: Severity::Warning,
            kind,
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    /// Builds an error.
    pub fn error(
        file: &str,
        line: u32,
        column: u32,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) -> TableDiagnostic {
        TableDiagnostic {
            severity: Severity::Error,
            ..TableDiagnostic::warning(file, line, column, kind, message)
        }
    }

    /// `true` for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl From<TableError> for TableDiagnostic {
    fn from(e: TableError) -> TableDiagnostic {
        TableDiagnostic {
            severity: Severity::Error,
            kind: e.kind,
            file: e.file,
            line: e.line,
            column: e.column,
            message: e.message,
        }
    }
}

impl fmt::Display for TableDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.line, self.column, self.severity, self.message
        )
    }
}

/// The most errors one parse records; further ones are counted and summarised in a final
/// [`DiagnosticKind::TooManyErrors`] entry, so the output stays bounded on hostile input.
pub const MAX_ERRORS: usize = 100;

/// Collects errors and warnings for one file, with the [`MAX_ERRORS`] cap.
#[derive(Debug)]
pub(crate) struct Sink<'f> {
    pub(crate) file: &'f str,
    pub(crate) errors: Vec<TableError>,
    pub(crate) warnings: Vec<TableDiagnostic>,
    dropped_errors: usize,
    dropped_warnings: usize,
    last_line: u32,
}

impl<'f> Sink<'f> {
    pub(crate) fn new(file: &'f str) -> Sink<'f> {
        Sink {
            file,
            errors: Vec::new(),
            warnings: Vec::new(),
            dropped_errors: 0,
            dropped_warnings: 0,
            last_line: 1,
        }
    }

    pub(crate) fn push(&mut self, e: TableError) {
        self.last_line = self.last_line.max(e.line);
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(e);
        } else {
            self.dropped_errors = self.dropped_errors.saturating_add(1);
        }
    }

    /// Records an error; `message` is only rendered when it is kept.
    pub(crate) fn error(
        &mut self,
        line: u32,
        column: u32,
        kind: DiagnosticKind,
        message: impl fmt::Display,
    ) {
        self.last_line = self.last_line.max(line);
        if self.errors.len() < MAX_ERRORS {
            let e = TableError::new(self.file, line, column, kind, message.to_string());
            self.errors.push(e);
        } else {
            self.dropped_errors = self.dropped_errors.saturating_add(1);
        }
    }

    pub(crate) fn warning(
        &mut self,
        line: u32,
        column: u32,
        kind: DiagnosticKind,
        message: impl fmt::Display,
    ) {
        if self.warnings.len() < MAX_ERRORS {
            self.warnings.push(TableDiagnostic::warning(
                self.file,
                line,
                column,
                kind,
                message.to_string(),
            ));
        } else {
            self.dropped_warnings = self.dropped_warnings.saturating_add(1);
        }
    }

    /// Errors (with the "too many" summary if any were dropped), or the warnings.
    pub(crate) fn finish(mut self) -> Result<Vec<TableDiagnostic>, TableErrors> {
        // Checks that run after all rows (collisions) push late; report in file order.
        self.errors.sort_by_key(|e| (e.line, e.column));
        self.warnings.sort_by_key(|w| (w.line, w.column));
        if self.dropped_errors > 0 {
            let msg = format!(
                "too many errors: {} more not shown (the first {MAX_ERRORS} are listed)",
                self.dropped_errors
            );
            let e = TableError::new(
                self.file,
                self.last_line,
                1,
                DiagnosticKind::TooManyErrors,
                msg,
            );
            self.errors.push(e);
        }
        if !self.errors.is_empty() {
            return Err(TableErrors {
                errors: self.errors,
            });
        }
        if self.dropped_warnings > 0 {
            let msg = format!(
                "too many warnings: {} more not shown (the first {MAX_ERRORS} are listed)",
                self.dropped_warnings
            );
            self.warnings.push(TableDiagnostic::warning(
                self.file,
                self.last_line,
                1,
                DiagnosticKind::TooManyErrors,
                msg,
            ));
        }
        Ok(self.warnings)
    }
}
