//! Diagnostics: the one error-and-warning type of the toolchain.
//!
//! Every problem found in schema text (this crate), in RPC error tables (`tlgen-errors`) or by
//! the code generator (`tlgen-build`) is a [`Diagnostic`]: a [`Severity`], a
//! [`DiagnosticKind`] with a stable [`code`](DiagnosticKind::code), the file and [`Span`]
//! (line, column, byte range), a message, an optional help text and optional secondary
//! [`Label`]s ("first defined here"). A list of them is [`Diagnostics`], which is also the
//! error type of every parser.
//!
//! # Rendering
//!
//! `Display` gives the location, the severity and the message; then, when the diagnostic
//! carries its source line, the line and a caret under the span; then the help and the
//! labels:
//!
//! ```text
//! api.tl:3:9: error: constructor ID mismatch: written #bc799736, CRC32 of "boolFalse = Bool" is #bc799737
//!  3 | boolFalse#bc799736 = Bool;
//!    |          ^^^^^^^^^
//!    = help: fix the ID, or accept it with `--allow-id-mismatch boolFalse` / `--id-mismatch warn`
//!    = note: first defined here: mtproto.tl:12:1
//! ```
//!
//! Schema diagnostics carry their source line; table diagnostics do not (they are one line,
//! `errors.csv:4:1: error: ...`). A diagnostic without a position (line 0, see
//! [`Diagnostic::unlocated`]) renders as `file: severity: message`, or as the bare message
//! when it has no file either (a generator note such as a function without a `RemoteCall`
//! impl).

use std::cell::Cell;
use std::fmt;

use crate::Level;
use crate::ast::Span;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The input is invalid: parsing or generation fails.
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
///
/// One enum for schema text, error tables and the generator; each kind has a stable
/// kebab-case [`code`](DiagnosticKind::code) for machine-readable output (`tlgen validate
/// --format json`). New kinds may be added in minor releases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DiagnosticKind {
    // Schema text (tlgen-parser).
    /// The text does not follow the TL grammar.
    Syntax,
    /// The written `#id` differs from the CRC32 of the normalised declaration.
    IdMismatch,
    /// Two definitions (or two rows of a table) share a name.
    DuplicateName,
    /// Two definitions share an ID.
    DuplicateId,
    /// A conditional parameter names a flags field that is not declared before it.
    MissingFlagField,
    /// A conditional parameter names a field whose type is not `#`.
    FlagFieldNotHash,
    /// A flag bit is 32 or more.
    FlagBitOutOfRange,
    /// `!X` (or a type `X`) used where no `{X:Type}` is declared.
    UndeclaredGeneric,
    /// A type that no definition or built-in provides.
    UnknownType,
    /// Two parameters of one definition share a name.
    DuplicateParameter,
    /// A type nested deeper than [`MAX_TYPE_DEPTH`](crate::MAX_TYPE_DEPTH) levels.
    TooDeep,

    // Error and method tables (tlgen-errors).
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

    // The generator (tlgen-build).
    /// Two schema files define one name with different IDs, or one ID with different names.
    DefinitionConflict,
    /// A function gets no `RemoteCall` impl: its result type has no Rust equivalent (warning).
    NoRemoteCall,
    /// The schemas need a layer (`invokeWithLayer`) but declare none (warning).
    MissingLayer,
    /// The documentation data (`docs.json`) is not valid JSON or not of the expected shape.
    Docs,
    /// Generated items that the documentation data does not describe (a note, as a warning).
    Undocumented,
}

impl DiagnosticKind {
    /// A stable kebab-case code for machine-readable output.
    pub fn code(self) -> &'static str {
        match self {
            DiagnosticKind::Syntax => "syntax",
            DiagnosticKind::IdMismatch => "id-mismatch",
            DiagnosticKind::DuplicateName => "duplicate-name",
            DiagnosticKind::DuplicateId => "duplicate-id",
            DiagnosticKind::MissingFlagField => "missing-flag-field",
            DiagnosticKind::FlagFieldNotHash => "flag-field-not-hash",
            DiagnosticKind::FlagBitOutOfRange => "flag-bit-out-of-range",
            DiagnosticKind::UndeclaredGeneric => "undeclared-generic",
            DiagnosticKind::UnknownType => "unknown-type",
            DiagnosticKind::DuplicateParameter => "duplicate-parameter",
            DiagnosticKind::TooDeep => "nesting-too-deep",
            DiagnosticKind::Csv => "csv",
            DiagnosticKind::Header => "header",
            DiagnosticKind::ColumnCount => "column-count",
            DiagnosticKind::InvalidName => "invalid-name",
            DiagnosticKind::InvalidCode => "invalid-code",
            DiagnosticKind::DuplicateCode => "duplicate-code",
            DiagnosticKind::InvalidUsability => "invalid-usability",
            DiagnosticKind::DuplicateError => "duplicate-error",
            DiagnosticKind::VariantCollision => "variant-collision",
            DiagnosticKind::Placeholder => "placeholder",
            DiagnosticKind::UnknownError => "unknown-error",
            DiagnosticKind::UnknownMethod => "unknown-method",
            DiagnosticKind::TooManyErrors => "too-many-errors",
            DiagnosticKind::DefinitionConflict => "definition-conflict",
            DiagnosticKind::NoRemoteCall => "no-remote-call",
            DiagnosticKind::MissingLayer => "missing-layer",
            DiagnosticKind::Docs => "docs",
            DiagnosticKind::Undocumented => "undocumented",
        }
    }
}

/// A secondary location of a diagnostic, such as where a duplicate was first defined.
///
/// Renders as `message: file:line:col` (in a diagnostic: `= note: first defined here:
/// a.tl:3:1`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    /// The file (may differ from the diagnostic's).
    pub file: String,
    /// Where in that file.
    pub span: Span,
    /// What is there (`first defined here`).
    pub message: String,
}

impl Label {
    /// A label at `span` of `file`.
    pub fn new(file: impl Into<String>, span: Span, message: impl Into<String>) -> Label {
        Label {
            file: file.into(),
            span,
            message: message.into(),
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}:{}:{}",
            self.message, self.file, self.span.line, self.span.column
        )
    }
}

/// One error or warning, self-contained: it renders without the source at hand.
///
/// Lines and columns are 1-based and columns count characters (Unicode scalar values), not
/// bytes. Build one with [`Diagnostic::error`], [`Diagnostic::warning`] or
/// [`Diagnostic::unlocated`] and the `with_*` methods.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The category of problem.
    pub kind: DiagnosticKind,
    /// What is wrong and, where it helps, what was expected.
    pub message: String,
    /// The file name as given to the parser; empty for a diagnostic about no file.
    pub file: String,
    /// Where in the file. `line` 0 means no position (the whole file, or no file).
    pub span: Span,
    /// The full text of the line `span` starts on (without the line break), shown with a
    /// caret under the span; `None` renders the diagnostic on one line.
    pub source_line: Option<String>,
    /// An optional hint on how to fix it.
    pub help: Option<String>,
    /// Secondary locations ("first defined here"), rendered as notes after the help.
    pub labels: Vec<Label>,
}

impl Diagnostic {
    /// A diagnostic at `span` of `file`, without source line, help or labels.
    pub fn new(
        severity: Severity,
        kind: DiagnosticKind,
        file: impl Into<String>,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            kind,
            message: message.into(),
            file: file.into(),
            span,
            source_line: None,
            help: None,
            labels: Vec::new(),
        }
    }

    /// An error at `span` of `file`.
    pub fn error(
        kind: DiagnosticKind,
        file: impl Into<String>,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Error, kind, file, span, message)
    }

    /// A warning at `span` of `file`.
    pub fn warning(
        kind: DiagnosticKind,
        file: impl Into<String>,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Warning, kind, file, span, message)
    }

    /// A diagnostic about no position in any file (a generator note); it renders as its
    /// message alone. Add a file with [`Diagnostic::in_file`].
    pub fn unlocated(
        severity: Severity,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(severity, kind, String::new(), Span::default(), message)
    }

    /// The same, about `file` as a whole (or, with a span, at that position).
    pub fn in_file(mut self, file: impl Into<String>) -> Diagnostic {
        self.file = file.into();
        self
    }

    /// The same, showing `line` (the text of the line the span starts on) with a caret.
    pub fn with_source_line(mut self, line: impl Into<String>) -> Diagnostic {
        self.source_line = Some(line.into());
        self
    }

    /// The same, with a hint on how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The same, with one more secondary location.
    pub fn with_label(mut self, label: Label) -> Diagnostic {
        self.labels.push(label);
        self
    }

    /// 1-based line (0 when the diagnostic has no position).
    pub fn line(&self) -> u32 {
        self.span.line
    }

    /// 1-based column, in characters (0 when the diagnostic has no position).
    pub fn column(&self) -> u32 {
        self.span.column
    }

    /// `true` for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `true` when the diagnostic points at a line and column.
    pub fn has_position(&self) -> bool {
        self.span.line > 0
    }

    /// Whether `Display` takes more than one line (source excerpt, help or labels).
    fn is_multiline(&self) -> bool {
        self.source_line.is_some() || self.help.is_some() || !self.labels.is_empty()
    }
}

/// Source lines longer than this many characters are shown as an excerpt around the caret.
const MAX_EXCERPT: usize = 160;

impl fmt::Display for Diagnostic {
    /// ```text
    /// api.tl:3:9: error: constructor ID mismatch: written #bc799736, CRC32 of "boolFalse = Bool" is #bc799737
    ///   3 | boolFalse#bc799736 = Bool;
    ///     |          ^^^^^^^^^
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.has_position() {
            write!(
                f,
                "{}:{}:{}: {}: {}",
                self.file, self.span.line, self.span.column, self.severity, self.message
            )?;
        } else if self.file.is_empty() {
            f.write_str(&self.message)?;
        } else {
            write!(f, "{}: {}: {}", self.file, self.severity, self.message)?;
        }
        let line_no = self.span.line.to_string();
        let gutter = " ".repeat(line_no.len());
        if let Some(source_line) = &self.source_line {
            let line: Vec<char> = source_line.replace('\t', " ").chars().collect();
            let col = (self.span.column.max(1) - 1) as usize;
            // Caret width in characters: the span's bytes on this line, at least one.
            let mut width = 0;
            let mut bytes = 0;
            for c in line.iter().skip(col) {
                if bytes >= self.span.end.saturating_sub(self.span.start) as usize {
                    break;
                }
                bytes += c.len_utf8();
                width += 1;
            }
            let width = width.max(1);
            // A long line (generated or hostile text) is shown as a window around the caret.
            let (start, end) = if line.len() <= MAX_EXCERPT {
                (0, line.len())
            } else {
                let start = col.saturating_sub(MAX_EXCERPT / 3).min(line.len());
                (start, (start + MAX_EXCERPT).min(line.len()))
            };
            let before = if start > 0 { "..." } else { "" };
            let after = if end < line.len() { "..." } else { "" };
            let excerpt: String = line[start..end].iter().collect();
            writeln!(f)?;
            write!(f, " {line_no} | {before}{excerpt}{after}")?;
            let pad = before.len() + col.min(line.len()).saturating_sub(start);
            let width = width.min(end.saturating_sub(col).max(1));
            writeln!(f)?;
            write!(f, " {gutter} | {}{}", " ".repeat(pad), "^".repeat(width))?;
        }
        if let Some(help) = &self.help {
            writeln!(f)?;
            write!(f, " {gutter} = help: {help}")?;
        }
        for label in &self.labels {
            writeln!(f)?;
            write!(f, " {gutter} = note: {label}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// A list of diagnostics, and the error type of the parsers (schema and tables).
///
/// Renders one after another: one-line diagnostics one per line, diagnostics with a source
/// excerpt, help or labels separated by a blank line. Derefs to a slice (`len`, `iter`,
/// indexing).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// `true` when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics as a vector.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl std::ops::Deref for Diagnostics {
    type Target = [Diagnostic];
    fn deref(&self) -> &[Diagnostic] {
        &self.0
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(v: Vec<Diagnostic>) -> Diagnostics {
        Diagnostics(v)
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Diagnostics {
        Diagnostics(iter.into_iter().collect())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut prev: Option<&Diagnostic> = None;
        for d in &self.0 {
            if let Some(p) = prev {
                let gap = if p.is_multiline() || d.is_multiline() {
                    "\n\n"
                } else {
                    "\n"
                };
                f.write_str(gap)?;
            }
            write!(f, "{d}")?;
            prev = Some(d);
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Maps byte offsets to line and column (and back), and hands out source lines.
///
/// Lines end at `\n` (a `\r` before it is not part of the line's text); columns count
/// characters.
#[derive(Debug)]
pub struct LineIndex<'a> {
    src: &'a str,
    /// Byte offset of each line's start.
    starts: Vec<usize>,
    /// Whether each line is pure ASCII (then columns are byte differences); empty when the
    /// whole source is ASCII.
    ascii: Vec<bool>,
    /// The line of the last lookup: `(index, start, end)`, where `end` is the next line's start.
    /// Spans are asked for in source order, mostly on the same line, so this saves the search.
    last: Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `src`.
    pub fn new(src: &'a str) -> Self {
        let bytes = src.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 64 + 2);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        let ascii = if src.is_ascii() {
            Vec::new()
        } else {
            let mut ascii: Vec<bool> = starts
                .windows(2)
                .map(|w| bytes[w[0]..w[1]].is_ascii())
                .collect();
            ascii.push(bytes[starts[starts.len() - 1]..].is_ascii());
            ascii
        };
        let first_end = starts.get(1).copied().unwrap_or(usize::MAX);
        LineIndex {
            src,
            starts,
            ascii,
            last: Cell::new((0, 0, first_end)),
        }
    }

    /// The 0-based line index holding byte `offset`.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let (idx, start, end) = self.last.get();
        if offset >= start && offset < end {
            return (idx, start);
        }
        // Usually the next line or the one after.
        let idx = if offset >= end && self.starts.get(idx + 2).is_none_or(|&s| offset < s) {
            idx + 1
        } else {
            self.starts.partition_point(|&s| s <= offset) - 1
        };
        let start = self.starts[idx];
        let end = self.starts.get(idx + 1).copied().unwrap_or(usize::MAX);
        self.last.set((idx, start, end));
        (idx, start)
    }

    /// The line holding byte `offset` (at most the source's length): its 1-based number, the
    /// offset of its first byte, the offset of the next line's first byte (`usize::MAX` for
    /// the last line) and whether it is ASCII (then a column is a byte difference plus one).
    pub(crate) fn line_at(&self, offset: usize) -> (u32, usize, usize, bool) {
        let (idx, start) = self.line_of(offset.min(self.src.len()));
        let end = self.starts.get(idx + 1).copied().unwrap_or(usize::MAX);
        let ascii = self.ascii.is_empty() || self.ascii[idx];
        ((idx + 1) as u32, start, end, ascii)
    }

    /// A span for the bytes `start..end` (clamped to the source) with its 1-based line and
    /// character column.
    #[inline]
    pub fn span(&self, start: usize, end: usize) -> Span {
        let start = start.min(self.src.len());
        let end = end.clamp(start, self.src.len());
        let (line_idx, line_start) = self.line_of(start);
        let column = if self.ascii.is_empty() || self.ascii[line_idx] {
            start - line_start
        } else {
            self.src
                .get(line_start..start)
                .map_or(start - line_start, |s| s.chars().count())
        } + 1;
        Span {
            start: Span::offset(start),
            end: Span::offset(end),
            line: (line_idx + 1) as u32,
            column: column as u32,
        }
    }

    /// The empty span at a 1-based `line` and character `column`, with its byte offset. A
    /// byte-order mark at the very start is not a column (the table readers skip it). A
    /// position past the end of its line is clamped to the line's end, a line past the last
    /// to the last line.
    pub fn span_at(&self, line: u32, column: u32) -> Span {
        let idx = (line as usize).saturating_sub(1).min(self.starts.len() - 1);
        let mut start = self.starts[idx];
        let text = self.line_text(line);
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) if idx == 0 => {
                start += '\u{feff}'.len_utf8();
                rest
            }
            _ => text,
        };
        let skip = (column as usize).saturating_sub(1);
        let offset = text
            .char_indices()
            .nth(skip)
            .map_or(text.len(), |(byte, _)| byte);
        Span {
            start: Span::offset(start + offset),
            end: Span::offset(start + offset),
            line,
            column,
        }
    }

    /// The text of the given 1-based line, without its line terminator.
    pub fn line_text(&self, line: u32) -> &'a str {
        let idx = (line as usize).saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[idx];
        let end = self.starts.get(idx + 1).map_or(self.src.len(), |&e| e - 1);
        let text = &self.src[start..end.max(start)];
        text.strip_suffix('\r').unwrap_or(text)
    }
}

/// Collects the diagnostics of one input file, for the schema parser and the table readers.
///
/// Optionally capped ([`Sink::with_limit`]): past the limit, errors and warnings are only
/// counted, and [`Sink::finish_capped`] adds one [`DiagnosticKind::TooManyErrors`] entry
/// saying how many were left out, so the output stays bounded on hostile input.
#[derive(Debug)]
pub struct Sink<'a> {
    file: &'a str,
    index: &'a LineIndex<'a>,
    out: Vec<Diagnostic>,
    limit: usize,
    errors: usize,
    warnings: usize,
    dropped_errors: usize,
    dropped_warnings: usize,
    last_line: u32,
}

impl<'a> Sink<'a> {
    /// An empty, unbounded sink for `file`, whose text `index` indexes.
    pub fn new(file: &'a str, index: &'a LineIndex<'a>) -> Self {
        Sink {
            file,
            index,
            out: Vec::new(),
            limit: usize::MAX,
            errors: 0,
            warnings: 0,
            dropped_errors: 0,
            dropped_warnings: 0,
            last_line: 1,
        }
    }

    /// Keep at most `limit` errors and `limit` warnings.
    pub fn with_limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// The file name diagnostics are about.
    pub fn file(&self) -> &'a str {
        self.file
    }

    /// Records `d` (or counts it, past the limit).
    pub fn add(&mut self, d: Diagnostic) {
        if self.keep(d.severity, d.span.line) {
            self.out.push(d);
        }
    }

    /// Counts one diagnostic of `severity` on `line`: `true` when it is to be recorded,
    /// `false` when it is past the limit (then only counted).
    fn keep(&mut self, severity: Severity, line: u32) -> bool {
        let (kept, dropped) = match severity {
            Severity::Error => {
                self.last_line = self.last_line.max(line);
                (&mut self.errors, &mut self.dropped_errors)
            }
            Severity::Warning => (&mut self.warnings, &mut self.dropped_warnings),
        };
        if *kept < self.limit {
            *kept += 1;
            true
        } else {
            *dropped = dropped.saturating_add(1);
            false
        }
    }

    /// A schema diagnostic: at `span`, with its source line, at the severity `level` says
    /// (nothing for [`Level::Ignore`]).
    pub fn push(
        &mut self,
        level: Level,
        kind: DiagnosticKind,
        span: Span,
        message: String,
        help: Option<String>,
    ) {
        let severity = match level {
            Level::Error => Severity::Error,
            Level::Warn => Severity::Warning,
            Level::Ignore => return,
        };
        let mut d = Diagnostic::new(severity, kind, self.file, span, message)
            .with_source_line(self.index.line_text(span.line));
        d.help = help;
        self.add(d);
    }

    /// A syntax error at `span`; `message` gets `expected ` in front unless it starts with
    /// `expected` or `unknown`.
    pub fn syntax(&mut self, span: Span, message: String) {
        let message = if message.starts_with("expected") || message.starts_with("unknown") {
            message
        } else {
            format!("expected {message}")
        };
        self.push(Level::Error, DiagnosticKind::Syntax, span, message, None);
    }

    /// A type nested too deeply, at `span`.
    pub fn too_deep(&mut self, span: Span) {
        self.push(
            Level::Error,
            DiagnosticKind::TooDeep,
            span,
            format!(
                "type nested too deeply: expected at most {} levels of type arguments or parentheses",
                crate::MAX_TYPE_DEPTH
            ),
            Some("real schemas nest two or three levels; the declaration is skipped".into()),
        );
    }

    /// A one-line diagnostic at a `line` and character `column` (the table readers); the
    /// message is only rendered when it is kept.
    pub fn at(
        &mut self,
        severity: Severity,
        line: u32,
        column: u32,
        kind: DiagnosticKind,
        message: impl fmt::Display,
    ) {
        if !self.keep(severity, line) {
            return;
        }
        let span = self.index.span_at(line, column);
        self.out.push(Diagnostic::new(
            severity,
            kind,
            self.file,
            span,
            message.to_string(),
        ));
    }

    /// [`at`](Self::at) with [`Severity::Error`].
    pub fn error(
        &mut self,
        line: u32,
        column: u32,
        kind: DiagnosticKind,
        message: impl fmt::Display,
    ) {
        self.at(Severity::Error, line, column, kind, message);
    }

    /// [`at`](Self::at) with [`Severity::Warning`].
    pub fn warning(
        &mut self,
        line: u32,
        column: u32,
        kind: DiagnosticKind,
        message: impl fmt::Display,
    ) {
        self.at(Severity::Warning, line, column, kind, message);
    }

    /// An empty sink for the same file (and limit), whose diagnostics are
    /// [`append`](Self::append)ed later.
    pub fn child(&self) -> Sink<'a> {
        Sink::new(self.file, self.index).with_limit(self.limit)
    }

    /// Move the diagnostics of `other` to the end of this sink.
    pub fn append(&mut self, other: Sink<'_>) {
        self.dropped_errors = self.dropped_errors.saturating_add(other.dropped_errors);
        self.dropped_warnings = self.dropped_warnings.saturating_add(other.dropped_warnings);
        self.last_line = self.last_line.max(other.last_line);
        for d in other.out {
            self.add(d);
        }
    }

    /// Every diagnostic, in the order recorded.
    pub fn finish(self) -> Vec<Diagnostic> {
        self.out
    }

    /// For the table readers: sorted by position, with a [`DiagnosticKind::TooManyErrors`]
    /// entry when some were left out; `Err` with the errors if there are any, else the
    /// warnings.
    pub fn finish_capped(self) -> Result<Vec<Diagnostic>, Diagnostics> {
        let (file, index, limit, last_line) = (self.file, self.index, self.limit, self.last_line);
        let (dropped_errors, dropped_warnings) = (self.dropped_errors, self.dropped_warnings);
        let (mut errors, mut warnings): (Vec<_>, Vec<_>) =
            self.out.into_iter().partition(Diagnostic::is_error);
        // Checks that run after all rows (collisions) push late; report in file order.
        errors.sort_by_key(|e| (e.span.line, e.span.column));
        warnings.sort_by_key(|w| (w.span.line, w.span.column));
        let summary = |what: &str, n: usize, severity: Severity| {
            Diagnostic::new(
                severity,
                DiagnosticKind::TooManyErrors,
                file,
                index.span_at(last_line, 1),
                format!("too many {what}: {n} more not shown (the first {limit} are listed)"),
            )
        };
        if dropped_errors > 0 {
            errors.push(summary("errors", dropped_errors, Severity::Error));
        }
        if !errors.is_empty() {
            return Err(Diagnostics(errors));
        }
        if dropped_warnings > 0 {
            warnings.push(summary("warnings", dropped_warnings, Severity::Warning));
        }
        Ok(warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        use DiagnosticKind::*;
        let all = [
            Syntax,
            IdMismatch,
            DuplicateName,
            DuplicateId,
            MissingFlagField,
            FlagFieldNotHash,
            FlagBitOutOfRange,
            UndeclaredGeneric,
            UnknownType,
            DuplicateParameter,
            Csv,
            Header,
            ColumnCount,
            InvalidName,
            InvalidCode,
            DuplicateCode,
            InvalidUsability,
            DuplicateError,
            VariantCollision,
            Placeholder,
            UnknownError,
            UnknownMethod,
            TooManyErrors,
            DefinitionConflict,
            NoRemoteCall,
            MissingLayer,
            Docs,
            Undocumented,
            TooDeep,
        ];
        for k in all {
            let c = k.code();
            assert!(seen.insert(c), "duplicate code {c}");
            assert!(
                !c.is_empty()
                    && c.split('-').all(|w| !w.is_empty()
                        && w.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
                "{c}"
            );
        }
    }

    #[test]
    fn line_index() {
        let src = "ab\r\n\u{e9}x\n\nlast";
        let index = LineIndex::new(src);
        assert_eq!(index.line_text(1), "ab");
        assert_eq!(index.line_text(2), "\u{e9}x");
        assert_eq!(index.line_text(3), "");
        assert_eq!(index.line_text(4), "last");
        let s = index.span(6, 7);
        assert_eq!((s.line, s.column), (2, 2));
        let s = index.span_at(2, 2);
        assert_eq!((s.start, s.end), (6, 6));
        assert_eq!(index.span_at(4, 9).start as usize, src.len());
        let bom = LineIndex::new("\u{feff}ab");
        assert_eq!(bom.span_at(1, 2).start, 4);
        // Long input: line starts found past the first 64 bytes.
        let long = "x".repeat(100) + "\n" + &"y".repeat(70) + "\nz";
        let index = LineIndex::new(&long);
        assert_eq!(index.span(172, 173).line, 3);
        assert_eq!(index.line_text(2), "y".repeat(70));
    }

    #[test]
    fn rendering() {
        let span = Span {
            start: 4,
            end: 7,
            line: 2,
            column: 5,
        };
        let d = Diagnostic::error(
            DiagnosticKind::DuplicateName,
            "b.tl",
            span,
            "duplicate `abc`",
        )
        .with_source_line("    abc = A;")
        .with_help("rename one")
        .with_label(Label::new(
            "a.tl",
            Span {
                line: 1,
                column: 1,
                ..Span::default()
            },
            "first defined here",
        ));
        assert_eq!(
            d.to_string(),
            "b.tl:2:5: error: duplicate `abc`\n 2 |     abc = A;\n   |     ^^^\n   = help: \
             rename one\n   = note: first defined here: a.tl:1:1"
        );
        let one = Diagnostic::warning(DiagnosticKind::Csv, "t.csv", span, "x");
        assert_eq!(one.to_string(), "t.csv:2:5: warning: x");
        let bare = Diagnostic::unlocated(Severity::Warning, DiagnosticKind::NoRemoteCall, "note");
        assert_eq!(bare.to_string(), "note");
        assert_eq!(
            bare.clone().in_file("f.tl").to_string(),
            "f.tl: warning: note"
        );
        let list = Diagnostics(vec![one.clone(), one.clone(), d.clone(), one]);
        assert_eq!(
            list.to_string(),
            format!("t.csv:2:5: warning: x\nt.csv:2:5: warning: x\n\n{d}\n\nt.csv:2:5: warning: x")
        );
    }

    #[test]
    fn capped_sink() {
        let text = "a\nb\nc\n";
        let index = LineIndex::new(text);
        let mut sink = Sink::new("t", &index).with_limit(2);
        for line in [3, 1, 2] {
            sink.error(line, 1, DiagnosticKind::Csv, "e");
        }
        sink.warning(1, 1, DiagnosticKind::Csv, "w");
        let errors = sink.finish_capped().unwrap_err();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "t:1:1: error: e",
                "t:3:1: error: e",
                "t:3:1: error: too many errors: 1 more not shown (the first 2 are listed)"
            ]
        );
    }
}
