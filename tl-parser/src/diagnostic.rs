//! Diagnostics: errors and warnings with file, line, column, the source line and a caret.

use std::cell::Cell;
use std::fmt;

use crate::ast::Span;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The schema is invalid.
    Error,
    /// Suspicious but accepted.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// What a diagnostic is about, for tools that filter or count them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiagnosticKind {
    /// The text does not follow the TL grammar.
    Syntax,
    /// The written `#id` differs from the CRC32 of the normalised declaration.
    IdMismatch,
    /// Two definitions share a name.
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
        }
    }
}

/// One error or warning, self-contained: it renders without the source at hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The category of problem.
    pub kind: DiagnosticKind,
    /// What is wrong and, where it helps, what was expected.
    pub message: String,
    /// The file name as given to the parser.
    pub file: String,
    /// Where in the file.
    pub span: Span,
    /// The full text of the line `span` starts on (without the newline).
    pub source_line: String,
    /// An optional hint on how to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// 1-based line.
    pub fn line(&self) -> u32 {
        self.span.line
    }

    /// 1-based column.
    pub fn column(&self) -> u32 {
        self.span.column
    }

    /// `true` for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// ```text
    /// api.tl:3:9: error: constructor ID mismatch: written #bc799736, CRC32 of "boolFalse = Bool" is #bc799737
    ///   3 | boolFalse#bc799736 = Bool;
    ///     |          ^^^^^^^^^
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.span.line, self.span.column, self.severity, self.message
        )?;
        let line_no = self.span.line.to_string();
        let gutter = " ".repeat(line_no.len());
        let line = self.source_line.replace('\t', " ");
        writeln!(f)?;
        write!(f, " {line_no} | {line}")?;
        let col = (self.span.column.max(1) - 1) as usize;
        let line_chars = line.chars().count();
        // Caret width in characters: the span's bytes on this line, at least one.
        let mut width = 0;
        let mut bytes = 0;
        for c in line.chars().skip(col) {
            if bytes >= self.span.end.saturating_sub(self.span.start) {
                break;
            }
            bytes += c.len_utf8();
            width += 1;
        }
        let width = width.max(1);
        let pad = col.min(line_chars);
        writeln!(f)?;
        write!(f, " {gutter} | {}{}", " ".repeat(pad), "^".repeat(width))?;
        if let Some(help) = &self.help {
            writeln!(f)?;
            write!(f, " {gutter} = help: {help}")?;
        }
        Ok(())
    }
}

/// A list of diagnostics that renders one after another, separated by blank lines.
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
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The high bit of each byte of `word` that is `\n`.
#[inline]
fn newline_bits(word: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = word ^ 0x0a0a_0a0a_0a0a_0a0a;
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

/// Maps byte offsets to line and column, and hands out source lines.
pub(crate) struct LineIndex<'a> {
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
    pub(crate) fn new(src: &'a str) -> Self {
        let bytes = src.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 64 + 2);
        starts.push(0);
        // Newlines found 64 bytes at a time: a vectorised test for any, then the positions
        // from 8-byte words (exact SWAR byte compare).
        let mut chunks = bytes.chunks_exact(64);
        let mut base = 0;
        for chunk in &mut chunks {
            if chunk.iter().fold(0u8, |acc, &b| acc | u8::from(b == b'\n')) != 0 {
                for (k, word) in chunk.chunks_exact(8).enumerate() {
                    let mut w = [0u8; 8];
                    w.copy_from_slice(word);
                    let mut mask = newline_bits(u64::from_le_bytes(w));
                    while mask != 0 {
                        starts.push(base + k * 8 + (mask.trailing_zeros() / 8) as usize + 1);
                        mask &= mask - 1;
                    }
                }
            }
            base += 64;
        }
        for (j, &b) in chunks.remainder().iter().enumerate() {
            if b == b'\n' {
                starts.push(base + j + 1);
            }
        }
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

    /// A span for `start..end` with its 1-based line and character column.
    #[inline]
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
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
            start,
            end,
            line: (line_idx + 1) as u32,
            column: column as u32,
        }
    }

    /// The text of the given 1-based line, without its line terminator.
    pub(crate) fn line_text(&self, line: u32) -> &'a str {
        let idx = (line as usize).saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[idx];
        let end = self.starts.get(idx + 1).map_or(self.src.len(), |&e| e - 1);
        let text = &self.src[start..end.max(start)];
        text.strip_suffix('\r').unwrap_or(text)
    }
}
