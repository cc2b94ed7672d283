//! A small, strict CSV reader (RFC 4180).
//!
//! Rules:
//! - Fields are separated by `,`; records end with `\n` or `\r\n`. The newline after the last
//!   record is optional.
//! - A field that starts with `"` is quoted: it ends at the next `"` that is not doubled, `""`
//!   stands for one `"`, and commas and newlines (kept as written, `\r\n` included) are data.
//!   After the closing quote only `,` or the end of the record may follow.
//! - In an unquoted field a `"` is an error, and so is a `\r` that is not followed by `\n`.
//! - One byte-order mark (U+FEFF) at the very start is skipped; columns start after it.
//! - Empty lines (a record that is one empty, unquoted field) are skipped.
//! - Lines and columns are 1-based; columns count characters.
//!
//! Errors: a syntax error ends its record (the rest of that physical line is skipped and the
//! record is not returned), and reading resumes on the next line, so every bad line is
//! reported. An unterminated quote is reported at the opening quote and ends the input.
//!
//! Memory: the reader is streaming. It holds one record at a time, at most
//! [`MAX_STORED_FIELDS`] fields of it (more are counted in [`CsvRecord::field_count`]), and
//! field text is never longer than the input. The reader never panics.

use tlgen_parser::{Diagnostic, DiagnosticKind, Diagnostics, Span};

/// At most this many fields of one record are stored; the rest are only counted.
pub const MAX_STORED_FIELDS: usize = 64;

/// One field of a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvField {
    /// The field's text, with quotes removed and `""` unescaped.
    pub value: String,
    /// Line where the field starts (its opening quote, if quoted).
    pub line: u32,
    /// Column where the field starts (its opening quote, if quoted).
    pub column: u32,
    /// Whether the field was written in quotes.
    pub quoted: bool,
}

impl CsvField {
    /// The column of the first character of the value (after the opening quote, if any).
    pub fn content_column(&self) -> u32 {
        self.column.saturating_add(u32::from(self.quoted))
    }
}

/// One record (row).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvRecord {
    /// Line where the record starts.
    pub line: u32,
    /// The first [`MAX_STORED_FIELDS`] fields.
    pub fields: Vec<CsvField>,
    /// How many fields the record has (may exceed `fields.len()`).
    pub field_count: usize,
    /// Line of the end of the record (differs from `line` when a quoted field spans lines).
    pub end_line: u32,
    /// Column just after the last character of the record, before the line break.
    pub end_column: u32,
}

/// A streaming CSV reader: an iterator of records or syntax errors.
///
/// ```
/// use tlgen_errors::csv::CsvReader;
/// let mut r = CsvReader::new("t.csv", "a,\"b,\"\"c\"\"\"\r\nd,e");
/// let rec = r.next().unwrap().unwrap();
/// assert_eq!(rec.fields[1].value, "b,\"c\"");
/// assert_eq!(r.next().unwrap().unwrap().line, 2);
/// assert!(r.next().is_none());
/// ```
#[derive(Clone, Debug)]
pub struct CsvReader<'a> {
    file: &'a str,
    text: &'a str,
    pos: usize,
    /// Bytes skipped at the start (a byte-order mark), for byte offsets in the file.
    base: usize,
    line: u32,
    column: u32,
    done: bool,
}

impl<'a> CsvReader<'a> {
    /// Reads `text`; `file` is only used in error messages.
    pub fn new(file: &'a str, text: &'a str) -> CsvReader<'a> {
        let (text, base) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, '\u{feff}'.len_utf8()),
            None => (text, 0),
        };
        CsvReader {
            file,
            text,
            pos: 0,
            base,
            line: 1,
            column: 1,
            done: false,
        }
    }

    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek2(&self) -> Option<char> {
        let mut it = self.rest().chars();
        it.next();
        it.next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos = self.pos.saturating_add(c.len_utf8());
        if c == '\n' {
            self.line = self.line.saturating_add(1);
            self.column = 1;
        } else {
            self.column = self.column.saturating_add(1);
        }
        Some(c)
    }

    /// Skips the rest of the physical line, including its line break.
    fn skip_line(&mut self) {
        while let Some(c) = self.bump() {
            if c == '\n' {
                break;
            }
        }
    }

    /// The empty span at byte `pos` of the text, on `line` and `column`.
    fn span(&self, pos: usize, line: u32, column: u32) -> Span {
        let start = self.base.saturating_add(pos);
        Span {
            start: Span::offset(start),
            end: Span::offset(start),
            line,
            column,
        }
    }

    fn error_here(&self, message: String) -> Diagnostic {
        let span = self.span(self.pos, self.line, self.column);
        Diagnostic::error(DiagnosticKind::Csv, self.file, span, message)
    }

    /// Reads one record; `Ok(None)` for a skipped empty line.
    // A Diagnostic is 152 bytes; errors are at most one per bad line, and the iterator yields
    // this `Result` as it is, so boxing would only add an allocation per error.
    #[allow(clippy::result_large_err)]
    fn read_record(&mut self) -> Result<Option<CsvRecord>, Diagnostic> {
        let line = self.line;
        let mut fields: Vec<CsvField> = Vec::new();
        let mut field_count: usize = 0;
        let mut first_is_blank = false;
        loop {
            let (fline, fcol, fpos) = (self.line, self.column, self.pos);
            let quoted = self.peek() == Some('"');
            let mut value = String::new();
            if quoted {
                self.bump();
                loop {
                    match self.bump() {
                        None => {
                            self.done = true;
                            return Err(Diagnostic::error(
                                DiagnosticKind::Csv,
                                self.file,
                                self.span(fpos, fline, fcol),
                                "unterminated quoted field: expected a closing `\"` before the \
                                 end of the file",
                            ));
                        }
                        Some('"') => {
                            if self.peek() == Some('"') {
                                self.bump();
                                value.push('"');
                            } else {
                                break;
                            }
                        }
                        Some(c) => value.push(c),
                    }
                }
                match self.peek() {
                    None | Some(',') | Some('\n') => {}
                    Some('\r') if self.peek2() == Some('\n') => {}
                    Some(c) => {
                        let e = self.error_here(format!(
                            "expected `,` or the end of the line after a closing quote, found {}",
                            describe(c)
                        ));
                        self.skip_line();
                        return Err(e);
                    }
                }
            } else {
                loop {
                    match self.peek() {
                        None | Some(',') | Some('\n') => break,
                        Some('\r') => {
                            if self.peek2() == Some('\n') {
                                break;
                            }
                            let e = self.error_here(
                                "carriage return not followed by a line feed: expected `\\r\\n` \
                                 or `\\n` line breaks"
                                    .to_owned(),
                            );
                            self.skip_line();
                            return Err(e);
                        }
                        Some('"') => {
                            let e = self.error_here(
                                "unexpected `\"` in an unquoted field: quote the whole field and \
                                 write a quote inside it as `\"\"`"
                                    .to_owned(),
                            );
                            self.skip_line();
                            return Err(e);
                        }
                        Some(c) => {
                            self.bump();
                            value.push(c);
                        }
                    }
                }
            }
            if field_count == 0 {
                first_is_blank = !quoted && value.is_empty();
            }
            field_count = field_count.saturating_add(1);
            if fields.len() < MAX_STORED_FIELDS {
                fields.push(CsvField {
                    value,
                    line: fline,
                    column: fcol,
                    quoted,
                });
            }
            let (end_line, end_column) = (self.line, self.column);
            let finished = match self.peek() {
                Some(',') => {
                    self.bump();
                    false
                }
                Some('\r') => {
                    self.bump();
                    self.bump();
                    true
                }
                Some('\n') => {
                    self.bump();
                    true
                }
                _ => true,
            };
            if finished {
                if field_count == 1 && first_is_blank {
                    return Ok(None);
                }
                return Ok(Some(CsvRecord {
                    line,
                    fields,
                    field_count,
                    end_line,
                    end_column,
                }));
            }
        }
    }
}

impl Iterator for CsvReader<'_> {
    type Item = Result<CsvRecord, Diagnostic>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done || self.peek().is_none() {
                self.done = true;
                return None;
            }
            match self.read_record() {
                Ok(Some(r)) => return Some(Ok(r)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Reads a whole file: every record, or every syntax error.
pub fn read_csv(file: &str, text: &str) -> Result<Vec<CsvRecord>, Diagnostics> {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for item in CsvReader::new(file, text) {
        match item {
            Ok(r) => records.push(r),
            Err(e) => {
                if errors.len() < crate::diagnostic::MAX_ERRORS {
                    errors.push(e);
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(records)
    } else {
        Err(Diagnostics(errors))
    }
}

/// How a character is shown in messages: `x` in backticks, control characters escaped.
pub(crate) fn describe(c: char) -> String {
    if c.is_control() {
        format!("`{}`", c.escape_default())
    } else {
        format!("`{c}`")
    }
}
