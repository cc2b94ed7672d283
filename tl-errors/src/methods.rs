//! The method table: `method,usability,errors`.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::csv::{CsvReader, CsvRecord};
use crate::errors::{ErrorDef, ErrorTable, check_columns, check_header, show, tokens};
use tlgen_parser::{Diagnostic, DiagnosticKind, Diagnostics, Span};
use tlgen_parser::{LineIndex, Sink};

/// The header a method table must start with.
pub const METHOD_TABLE_HEADER: [&str; 3] = ["method", "usability", "errors"];

/// Who can call a method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Usability {
    /// `user`: only user accounts.
    User,
    /// `bot`: only bots.
    Bot,
    /// `both`: users and bots.
    Both,
    /// `unknown`: not recorded.
    Unknown,
}

impl Usability {
    /// Parses `user`, `bot`, `both` or `unknown` (exact, lower-case).
    pub fn parse(s: &str) -> Option<Usability> {
        match s {
            "user" => Some(Usability::User),
            "bot" => Some(Usability::Bot),
            "both" => Some(Usability::Both),
            "unknown" => Some(Usability::Unknown),
            _ => None,
        }
    }

    /// The table spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Usability::User => "user",
            Usability::Bot => "bot",
            Usability::Both => "both",
            Usability::Unknown => "unknown",
        }
    }

    /// The answer to "Can bots use this method?": `Some(true)` for `bot`/`both`,
    /// `Some(false)` for `user`, `None` for `unknown`.
    pub fn bots_can_use(self) -> Option<bool> {
        match self {
            Usability::Bot | Usability::Both => Some(true),
            Usability::User => Some(false),
            Usability::Unknown => None,
        }
    }

    /// Whether user accounts can call the method (`None` for `unknown`).
    pub fn users_can_use(self) -> Option<bool> {
        match self {
            Usability::User | Usability::Both => Some(true),
            Usability::Bot => Some(false),
            Usability::Unknown => None,
        }
    }

    /// `"Yes"`, `"No"` or `"Unknown"`, for the generated "Can bots use this method?" section.
    pub fn bots_can_use_text(self) -> &'static str {
        match self.bots_can_use() {
            Some(true) => "Yes",
            Some(false) => "No",
            None => "Unknown",
        }
    }
}

impl fmt::Display for Usability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error name listed for a method, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorRef {
    /// The error name, as in the error table (`FLOOD_WAIT_X`).
    pub name: String,
    /// Line of the name.
    pub line: u32,
    /// Column of the name.
    pub column: u32,
    /// Byte offset of the name in the file.
    pub offset: usize,
}

/// One row of the method table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodDef {
    /// The TL function name (`auth.resetAuthorizations`).
    pub name: String,
    /// Who can call it.
    pub usability: Usability,
    /// The errors it can return, in written order, duplicates dropped.
    pub errors: Vec<ErrorRef>,
    /// The line the row starts on.
    pub line: u32,
    /// Byte offset of the row's start in the file.
    pub offset: usize,
}

impl MethodDef {
    /// The error names, in order.
    pub fn error_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.errors.iter().map(|e| e.name.as_str())
    }

    /// The listed errors that exist in `table`, in order (unknown names are skipped; see
    /// [`MethodTable::validate`]).
    pub fn resolve<'t>(&self, table: &'t ErrorTable) -> Vec<&'t ErrorDef> {
        self.errors
            .iter()
            .filter_map(|e| table.get(&e.name))
            .collect()
    }
}

/// A parsed method table.
#[derive(Clone, Debug)]
pub struct MethodTable {
    file: String,
    methods: Vec<MethodDef>,
    by_name: HashMap<String, usize>,
    warnings: Vec<Diagnostic>,
}

fn is_method_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

fn is_error_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl MethodTable {
    /// Parses a method table. `file` is used in messages only.
    ///
    /// Rules: the header `method,usability,errors` is required; each row has exactly 3
    /// fields; method names are non-empty ASCII letters, digits, `_` and `.`; usability is
    /// `user`, `bot`, `both` or `unknown`; errors are space- (or tab-) separated names of
    /// ASCII letters, digits and `_`, possibly none. A duplicated method is an error; an error
    /// listed twice for one method is a warning and dropped. Whether the errors exist is
    /// checked by [`MethodTable::validate`].
    pub fn parse(file: &str, text: &str) -> Result<MethodTable, Diagnostics> {
        let index = LineIndex::new(text);
        let mut sink = crate::diagnostic::sink(file, &index);
        let mut reader = CsvReader::new(file, text);
        check_header(&mut reader, &METHOD_TABLE_HEADER, &mut sink);
        let mut methods = Vec::new();
        let mut first_line: HashMap<String, u32> = HashMap::new();
        for item in reader {
            match item {
                Err(e) => sink.add(e),
                Ok(rec) => {
                    if let Some(m) = parse_row(&rec, &index, &mut first_line, &mut sink) {
                        methods.push(m);
                    }
                }
            }
        }
        let warnings = sink.finish_capped()?;
        let by_name = methods
            .iter()
            .enumerate()
            .map(|(i, m): (usize, &MethodDef)| (m.name.clone(), i))
            .collect();
        Ok(MethodTable {
            file: file.to_owned(),
            methods,
            by_name,
            warnings,
        })
    }

    /// The file name given to [`MethodTable::parse`].
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Every method, in file order.
    pub fn methods(&self) -> &[MethodDef] {
        &self.methods
    }

    /// The row for the TL function `name`.
    pub fn get(&self, name: &str) -> Option<&MethodDef> {
        self.by_name.get(name).and_then(|&i| self.methods.get(i))
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.methods.len()
    }

    /// `true` when the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.methods.is_empty()
    }

    /// Warnings found while parsing.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Checks the table against an error table and, optionally, the schema's functions.
    ///
    /// - An error name not in `errors` (compared with [`ErrorTable::get`], so `FLOOD_WAIT_X`
    ///   as written) is an **error** ([`DiagnosticKind::UnknownError`]) at its line and column.
    /// - A method for which `known_methods` returns `false` is a **warning**
    ///   ([`DiagnosticKind::UnknownMethod`]): the table may list methods a newer layer removed
    ///   (the real `methods.csv` has 18 against layer 228); generators should skip the row.
    ///
    /// Diagnostics are in file order.
    pub fn validate(
        &self,
        errors: &ErrorTable,
        known_methods: Option<&dyn Fn(&str) -> bool>,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for m in &self.methods {
            if let Some(known) = known_methods {
                if !known(&m.name) {
                    out.push(Diagnostic::warning(
                        DiagnosticKind::UnknownMethod,
                        &self.file,
                        position(m.line, 1, m.offset),
                        format!(
                            "method `{}` is not defined in the schema; its row is not used",
                            m.name
                        ),
                    ));
                }
            }
            for e in &m.errors {
                if errors.get(&e.name).is_none() {
                    out.push(Diagnostic::error(
                        DiagnosticKind::UnknownError,
                        &self.file,
                        position(e.line, e.column, e.offset),
                        format!(
                            "method `{}` lists unknown error `{}`: it is not in {}",
                            m.name,
                            e.name,
                            errors.file()
                        ),
                    ));
                }
            }
        }
        out.sort_by_key(|d| (d.span.line, d.span.column));
        out
    }
}

/// The empty span at a position of the table file.
fn position(line: u32, column: u32, offset: usize) -> Span {
    Span {
        start: Span::offset(offset),
        end: Span::offset(offset),
        line,
        column,
    }
}

fn parse_row(
    rec: &CsvRecord,
    index: &LineIndex<'_>,
    first_line: &mut HashMap<String, u32>,
    sink: &mut Sink<'_>,
) -> Option<MethodDef> {
    if !check_columns(rec, &METHOD_TABLE_HEADER, sink) {
        return None;
    }
    let (name_f, usab_f, errs_f) = match rec.fields.as_slice() {
        [a, b, c] => (a, b, c),
        _ => return None,
    };
    let mut ok = crate::errors::check_name(
        name_f,
        "method name",
        "auth.resetAuthorizations",
        is_method_name_char,
        "ASCII letters, digits, `_` and `.`",
        sink,
    );
    if ok {
        match first_line.entry(name_f.value.clone()) {
            Entry::Occupied(e) => {
                sink.error(
                    name_f.line,
                    name_f.content_column(),
                    DiagnosticKind::DuplicateName,
                    format_args!(
                        "duplicate method `{}`: first listed on line {}",
                        name_f.value,
                        e.get()
                    ),
                );
                ok = false;
            }
            Entry::Vacant(v) => {
                v.insert(rec.line);
            }
        }
    }
    let usability = Usability::parse(&usab_f.value);
    if usability.is_none() {
        sink.error(
            usab_f.line,
            usab_f.content_column(),
            DiagnosticKind::InvalidUsability,
            format_args!(
                "expected usability `user`, `bot`, `both` or `unknown`, found `{}`",
                show(&usab_f.value)
            ),
        );
        ok = false;
    }
    let mut errors: Vec<ErrorRef> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (offset, tok) in tokens(&errs_f.value) {
        let column = errs_f.content_column().saturating_add(offset);
        if let Some((i, c)) = tok
            .chars()
            .enumerate()
            .find(|&(_, c)| !is_error_name_char(c))
        {
            sink.error(
                errs_f.line,
                column.saturating_add(u32::try_from(i).unwrap_or(u32::MAX)),
                DiagnosticKind::InvalidName,
                format_args!(
                    "invalid character {} in error name `{}`: expected ASCII letters, digits and \
                     `_`, names separated by spaces",
                    crate::csv::describe(c),
                    show(tok)
                ),
            );
            ok = false;
            continue;
        }
        if !seen.insert(tok) {
            sink.warning(
                errs_f.line,
                column,
                DiagnosticKind::DuplicateError,
                format_args!(
                    "error `{tok}` is listed twice for `{}`; the duplicate is ignored",
                    name_f.value
                ),
            );
            continue;
        }
        errors.push(ErrorRef {
            name: tok.to_owned(),
            line: errs_f.line,
            column,
            offset: index.span_at(errs_f.line, column).start as usize,
        });
    }
    match (ok, usability) {
        (true, Some(usability)) => Some(MethodDef {
            name: name_f.value.clone(),
            usability,
            errors,
            line: rec.line,
            offset: index.span_at(rec.line, 1).start as usize,
        }),
        _ => None,
    }
}
