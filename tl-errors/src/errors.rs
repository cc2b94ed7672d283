//! The error table: `name,codes,description`.

use std::cmp::Reverse;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::csv::{CsvField, CsvReader, CsvRecord};
use crate::naming::{full_variant_name_for, is_valid_field_name, variant_name_for};
use crate::placeholder::{DEFAULT_FIELD_NAME, description_placeholders, find_placeholder};
use tlgen_parser::{Diagnostic, DiagnosticKind, Diagnostics};
use tlgen_parser::{LineIndex, Sink};
use tlgen_runtime::{ErrorClass, match_param};

/// The header an error table must start with.
pub const ERROR_TABLE_HEADER: [&str; 3] = ["name", "codes", "description"];

/// The code used when a row's `codes` field is empty.
pub const DEFAULT_CODE: i32 = 400;

/// How an error name matches wire messages.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NamePattern {
    /// The message must equal the name.
    Exact,
    /// The name has an `_X` placeholder: the message is `prefix`, one or more ASCII digits
    /// forming a `u32`, then `suffix`.
    Param {
        /// Text before the number (`FLOOD_WAIT_`, `FILE_PART_`, `2FA_CONFIRM_WAIT_`).
        prefix: String,
        /// Text after the number (empty, `_MISSING`, `MIN`).
        suffix: String,
        /// The field that carries the number (`seconds`, `which`, `new_dc`; default `value`).
        field: String,
    },
}

impl NamePattern {
    /// `true` for [`NamePattern::Param`].
    pub fn is_param(&self) -> bool {
        matches!(self, NamePattern::Param { .. })
    }

    /// The parameter's field name, if parameterised.
    pub fn field(&self) -> Option<&str> {
        match self {
            NamePattern::Exact => None,
            NamePattern::Param { field, .. } => Some(field),
        }
    }

    /// The number in `message` if this is a `Param` pattern that matches it, see
    /// [`match_param`](crate::match_param). Always `None` for `Exact` (compare names for those).
    pub fn match_message(&self, message: &str) -> Option<u32> {
        match self {
            NamePattern::Exact => None,
            NamePattern::Param { prefix, suffix, .. } => match_param(prefix, suffix, message),
        }
    }
}

/// One row of the error table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorDef {
    /// The name as written (`FLOOD_WAIT_X`).
    pub name: String,
    /// The codes, in written order, duplicates dropped; never empty (an empty field gives
    /// `[400]`).
    pub codes: Vec<i32>,
    /// The description as written, `{field}` placeholders included.
    pub description: String,
    /// How the name matches wire messages.
    pub pattern: NamePattern,
    /// The line the row starts on.
    pub line: u32,
    /// The Rust variant name, collisions resolved (see [`ErrorDef::rust_variant_name`]).
    pub variant: String,
}

impl ErrorDef {
    /// The Rust enum variant name for this error.
    ///
    /// The base rule is [`variant_name_for`](crate::variant_name_for): drop the `_X`
    /// placeholder, then the naming rules every generated name follows ([`crate::naming`]:
    /// CamelCase, leading digits spelled out, keywords escaped), avoiding `Other`. So
    /// `FLOOD_WAIT_X` → `FloodWait`, `FILE_PART_X_MISSING` → `FilePartMissing`,
    /// `2FA_CONFIRM_WAIT_X` → `TwoFaConfirmWait`.
    ///
    /// Collisions, resolved by [`ErrorTable::parse`] independently of row order: when several
    /// names give the same base name, each of them uses its full name instead, with the
    /// placeholder kept as `X` ([`full_variant_name_for`](crate::full_variant_name_for)), so
    /// `FLOOD_WAIT` and `FLOOD_WAIT_X` become `FloodWait` and `FloodWaitX`. Names that still
    /// collide (names differing only in case or underscores, such as the real table's
    /// `TIMEOUT` and `Timeout`) are ordered by name, bytewise (so upper case first): the first
    /// keeps the variant, the others get the lowest free number from 2 appended (`Timeout2`),
    /// with a [`DiagnosticKind::VariantCollision`] warning each.
    pub fn rust_variant_name(&self) -> &str {
        &self.variant
    }

    /// The first code, the one generated code reports from `code()`.
    pub fn code(&self) -> i32 {
        self.codes.first().copied().unwrap_or(DEFAULT_CODE)
    }

    /// The class of the first code.
    pub fn class(&self) -> ErrorClass {
        ErrorClass::from_code(self.code())
    }

    /// The classes of all codes, in order.
    pub fn classes(&self) -> Vec<ErrorClass> {
        self.codes
            .iter()
            .map(|&c| ErrorClass::from_code(c))
            .collect()
    }

    /// `true` when the name has an `_X` placeholder.
    pub fn is_param(&self) -> bool {
        self.pattern.is_param()
    }

    /// The parameter's field name, if parameterised.
    pub fn field_name(&self) -> Option<&str> {
        self.pattern.field()
    }

    /// The number in `message` if it matches this error: `Some(None)` for an exact name,
    /// `Some(Some(n))` for a parameterised one, `None` when it does not match.
    pub fn matches(&self, message: &str) -> Option<Option<u32>> {
        match &self.pattern {
            NamePattern::Exact => (message == self.name).then_some(None),
            p => p.match_message(message).map(Some),
        }
    }
}

/// A parsed error table.
///
/// ```
/// let text = "name,codes,description\nFLOOD_WAIT_X,420,A wait of {seconds} seconds is required\n";
/// let t = tlgen_errors::ErrorTable::parse("errors.csv", text).unwrap();
/// let (def, n) = t.lookup("FLOOD_WAIT_42").unwrap();
/// assert_eq!((def.rust_variant_name(), def.field_name(), n), ("FloodWait", Some("seconds"), Some(42)));
/// ```
#[derive(Clone, Debug)]
pub struct ErrorTable {
    file: String,
    defs: Vec<ErrorDef>,
    by_name: HashMap<String, usize>,
    patterns: Vec<usize>,
    warnings: Vec<Diagnostic>,
}

impl ErrorTable {
    /// Parses an error table. `file` is used in messages only.
    ///
    /// Rules: the header `name,codes,description` is required (exact, case-sensitive); each row
    /// has exactly 3 fields; names are non-empty ASCII letters, digits and `_` with at most one
    /// `_X` placeholder; codes are space- (or tab-) separated `i32`s, optionally negative, an
    /// empty field meaning `400`; a duplicated code is a warning and dropped; a duplicated name
    /// is an error; names that map to the same Rust variant are resolved, with a warning when
    /// a number has to be appended (see [`ErrorDef::rust_variant_name`]).
    /// All errors are collected (up to [`MAX_ERRORS`](crate::MAX_ERRORS)).
    pub fn parse(file: &str, text: &str) -> Result<ErrorTable, Diagnostics> {
        let index = LineIndex::new(text);
        let mut sink = crate::diagnostic::sink(file, &index);
        let mut reader = CsvReader::new(file, text);
        check_header(&mut reader, &ERROR_TABLE_HEADER, &mut sink);

        let mut defs: Vec<ErrorDef> = Vec::new();
        let mut first_line: HashMap<String, u32> = HashMap::new();
        for item in reader {
            match item {
                Err(e) => sink.add(e),
                Ok(rec) => {
                    if let Some(def) = parse_row(&rec, &mut first_line, &mut sink) {
                        defs.push(def);
                    }
                }
            }
        }
        assign_variants(&mut defs, &mut sink);

        let warnings = sink.finish_capped()?;
        let by_name = defs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.name.clone(), i))
            .collect();
        let mut patterns: Vec<usize> = (0..defs.len())
            .filter(|&i| defs.get(i).is_some_and(ErrorDef::is_param))
            .collect();
        patterns.sort_by_key(|&i| {
            let (p, s) = match defs.get(i).map(|d| &d.pattern) {
                Some(NamePattern::Param { prefix, suffix, .. }) => (prefix.len(), suffix.len()),
                _ => (0, 0),
            };
            (
                Reverse(p),
                Reverse(s),
                defs.get(i).map(|d| d.name.clone()).unwrap_or_default(),
            )
        });
        Ok(ErrorTable {
            file: file.to_owned(),
            defs,
            by_name,
            patterns,
            warnings,
        })
    }

    /// The file name given to [`ErrorTable::parse`].
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Every error, in file order.
    pub fn defs(&self) -> &[ErrorDef] {
        &self.defs
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.defs.len()
    }

    /// `true` when the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }

    /// The row whose name is exactly `name` (table names, `FLOOD_WAIT_X` included).
    pub fn get(&self, name: &str) -> Option<&ErrorDef> {
        self.by_name.get(name).and_then(|&i| self.defs.get(i))
    }

    /// Warnings found while parsing.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The parameterised errors in matching order: longest prefix first, then longest
    /// suffix, then name. Generated code must try them in this order, after exact names.
    pub fn patterns(&self) -> impl Iterator<Item = &ErrorDef> + '_ {
        self.patterns.iter().filter_map(|&i| self.defs.get(i))
    }

    /// The error a wire message names, and its number for parameterised errors.
    ///
    /// The rule (which generated code reproduces):
    /// 1. If the message equals the name of a non-parameterised error, that error, `None`.
    /// 2. Otherwise the first of [`ErrorTable::patterns`] (longest prefix wins) whose
    ///    [`match_param`] accepts the message, with the number.
    /// 3. Otherwise `None`. Matching is case-sensitive; a table name such as `FLOOD_WAIT_X`
    ///    is not itself a message, and numbers that overflow `u32` match nothing.
    pub fn lookup(&self, message: &str) -> Option<(&ErrorDef, Option<u32>)> {
        if let Some(def) = self.get(message) {
            if !def.is_param() {
                return Some((def, None));
            }
        }
        self.patterns()
            .find_map(|d| d.pattern.match_message(message).map(|n| (d, Some(n))))
    }
}

/// Shortens a value for a message: at most 60 characters, control characters escaped.
pub(crate) fn show(s: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = s.chars().take(MAX).flat_map(char::escape_debug).collect();
    if s.chars().nth(MAX).is_some() {
        out.push_str("...");
    }
    out
}

/// Reads and checks the header row.
pub(crate) fn check_header(reader: &mut CsvReader<'_>, expected: &[&str], sink: &mut Sink<'_>) {
    let want = expected.join(",");
    match reader.next() {
        None => sink.error(
            1,
            1,
            DiagnosticKind::Header,
            format_args!("expected header `{want}`, found the end of the file"),
        ),
        Some(Err(e)) => sink.add(e),
        Some(Ok(rec)) => {
            let ok = rec.field_count == expected.len()
                && rec.fields.iter().zip(expected).all(|(f, e)| f.value == *e);
            if !ok {
                let found: Vec<&str> = rec.fields.iter().map(|f| f.value.as_str()).collect();
                sink.error(
                    rec.line,
                    1,
                    DiagnosticKind::Header,
                    format_args!(
                        "expected header `{want}`, found `{}`",
                        show(&found.join(","))
                    ),
                );
            }
        }
    }
}

/// Checks the field count; reports and returns `false` when wrong.
pub(crate) fn check_columns(rec: &CsvRecord, expected: &[&str], sink: &mut Sink<'_>) -> bool {
    if rec.field_count == expected.len() {
        return true;
    }
    let msg = format!(
        "expected {} fields ({}), found {}",
        expected.len(),
        expected.join(","),
        rec.field_count
    );
    match rec.fields.get(expected.len()) {
        Some(extra) => sink.error(extra.line, extra.column, DiagnosticKind::ColumnCount, msg),
        None => sink.error(
            rec.end_line,
            rec.end_column,
            DiagnosticKind::ColumnCount,
            msg,
        ),
    }
    false
}

/// Checks that a name is non-empty and made of allowed characters.
pub(crate) fn check_name(
    field: &CsvField,
    what: &str,
    example: &str,
    allowed: fn(char) -> bool,
    allowed_text: &str,
    sink: &mut Sink<'_>,
) -> bool {
    if field.value.is_empty() {
        sink.error(
            field.line,
            field.content_column(),
            DiagnosticKind::InvalidName,
            format_args!("empty {what}: expected a name such as `{example}`"),
        );
        return false;
    }
    if let Some((i, c)) = field.value.chars().enumerate().find(|&(_, c)| !allowed(c)) {
        let col = field
            .content_column()
            .saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
        sink.error(
            field.line,
            col,
            DiagnosticKind::InvalidName,
            format_args!(
                "invalid character {} in {what} `{}`: expected {allowed_text}",
                crate::csv::describe(c),
                show(&field.value)
            ),
        );
        return false;
    }
    true
}

/// Splits at ASCII spaces and tabs, with each token's char offset.
pub(crate) fn tokens(s: &str) -> Vec<(u32, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, u32)> = None;
    let mut char_index: u32 = 0;
    for (byte, c) in s.char_indices() {
        let sep = c == ' ' || c == '\t';
        match (sep, start) {
            (true, Some((b, ci))) => {
                out.push((ci, s.get(b..byte).unwrap_or("")));
                start = None;
            }
            (false, None) => start = Some((byte, char_index)),
            _ => {}
        }
        char_index = char_index.saturating_add(1);
    }
    if let Some((b, ci)) = start {
        out.push((ci, s.get(b..).unwrap_or("")));
    }
    out
}

fn is_error_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn parse_row(
    rec: &CsvRecord,
    first_line: &mut HashMap<String, u32>,
    sink: &mut Sink<'_>,
) -> Option<ErrorDef> {
    if !check_columns(rec, &ERROR_TABLE_HEADER, sink) {
        return None;
    }
    let (name_f, codes_f, desc_f) = match rec.fields.as_slice() {
        [a, b, c] => (a, b, c),
        _ => return None,
    };
    let mut ok = check_name(
        name_f,
        "error name",
        "FLOOD_WAIT_X",
        is_error_name_char,
        "ASCII letters, digits and `_`",
        sink,
    );
    let name = name_f.value.as_str();
    if ok {
        match first_line.entry(name.to_owned()) {
            Entry::Occupied(e) => {
                sink.error(
                    name_f.line,
                    name_f.content_column(),
                    DiagnosticKind::DuplicateName,
                    format_args!(
                        "duplicate error name `{name}`: first defined on line {}",
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

    // Codes.
    let mut codes: Vec<i32> = Vec::new();
    let mut seen_codes: HashSet<i32> = HashSet::new();
    for (offset, tok) in tokens(&codes_f.value) {
        let col = codes_f.content_column().saturating_add(offset);
        let digits = tok.strip_prefix('-').unwrap_or(tok);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            sink.error(
                codes_f.line,
                col,
                DiagnosticKind::InvalidCode,
                format_args!(
                    "expected an integer error code such as `400` or `-503`, found `{}`",
                    show(tok)
                ),
            );
            ok = false;
            continue;
        }
        match tok.parse::<i32>() {
            Ok(code) if !seen_codes.insert(code) => sink.warning(
                codes_f.line,
                col,
                DiagnosticKind::DuplicateCode,
                format_args!(
                    "error code {code} is listed twice for `{name}`; the duplicate is ignored"
                ),
            ),
            Ok(code) => codes.push(code),
            Err(_) => {
                sink.error(
                    codes_f.line,
                    col,
                    DiagnosticKind::InvalidCode,
                    format_args!(
                        "error code `{}` does not fit in a 32-bit integer",
                        show(tok)
                    ),
                );
                ok = false;
            }
        }
    }
    if codes.is_empty() {
        codes.push(DEFAULT_CODE);
    }

    // Placeholder and field name.
    let placeholders = description_placeholders(&desc_f.value);
    let desc_col = |offset: usize| {
        desc_f
            .content_column()
            .saturating_add(u32::try_from(offset).unwrap_or(u32::MAX))
    };
    let pattern = if !ok {
        NamePattern::Exact
    } else {
        match find_placeholder(name) {
            Err((_, second)) => {
                let col = name_f
                    .content_column()
                    .saturating_add(u32::try_from(second).unwrap_or(u32::MAX));
                sink.error(
                    name_f.line,
                    col,
                    DiagnosticKind::Placeholder,
                    format_args!(
                        "error name `{name}` has more than one `_X` placeholder: expected at most one"
                    ),
                );
                ok = false;
                NamePattern::Exact
            }
            Ok(None) => {
                if let Some(&(offset, p)) = placeholders.first() {
                    sink.warning(
                        desc_f.line,
                        desc_col(offset),
                        DiagnosticKind::Placeholder,
                        format_args!(
                            "the description of `{name}` mentions `{{{p}}}` but the name has no \
                             `_X` placeholder; it is kept as text"
                        ),
                    );
                }
                NamePattern::Exact
            }
            Ok(Some(x)) => {
                let prefix = name.get(..x).unwrap_or("").to_owned();
                let suffix = name.get(x.saturating_add(1)..).unwrap_or("").to_owned();
                let field = match placeholders.first() {
                    None => DEFAULT_FIELD_NAME.to_owned(),
                    Some(&(offset, p)) => {
                        if let Some(&(o2, other)) = placeholders.iter().find(|(_, q)| *q != p) {
                            sink.warning(
                                desc_f.line,
                                desc_col(o2),
                                DiagnosticKind::Placeholder,
                                format_args!(
                                    "the description of `{name}` names several values \
                                     (`{{{p}}}`, `{{{other}}}`); the field is `{p}`"
                                ),
                            );
                        }
                        if is_valid_field_name(p) {
                            p.to_owned()
                        } else {
                            sink.warning(
                                desc_f.line,
                                desc_col(offset),
                                DiagnosticKind::Placeholder,
                                format_args!(
                                    "`{{{p}}}` in the description of `{name}` is not a valid \
                                     field name (lower-case letters, digits and `_`, not a \
                                     keyword); the field is `{DEFAULT_FIELD_NAME}`"
                                ),
                            );
                            DEFAULT_FIELD_NAME.to_owned()
                        }
                    }
                };
                NamePattern::Param {
                    prefix,
                    suffix,
                    field,
                }
            }
        }
    };

    if ok {
        let variant = variant_name_for(name);
        if variant.is_empty() {
            sink.error(
                name_f.line,
                name_f.content_column(),
                DiagnosticKind::InvalidName,
                format_args!("error name `{name}` gives an empty Rust identifier"),
            );
            return None;
        }
        Some(ErrorDef {
            name: name.to_owned(),
            codes,
            description: desc_f.value.clone(),
            pattern,
            line: rec.line,
            variant,
        })
    } else {
        None
    }
}

/// Resolves variant-name collisions (see [`ErrorDef::rust_variant_name`]).
fn assign_variants(defs: &mut [ErrorDef], sink: &mut Sink<'_>) {
    // Step 2: names sharing a base name use their full names.
    let mut count: HashMap<String, usize> = HashMap::new();
    for d in defs.iter() {
        *count.entry(d.variant.clone()).or_insert(0) += 1;
    }
    for d in defs.iter_mut() {
        if count.get(&d.variant).copied().unwrap_or(0) > 1 {
            d.variant = full_variant_name_for(&d.name);
        }
    }
    // Step 3: names that still collide are numbered, in name order.
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, d) in defs.iter().enumerate() {
        groups.entry(d.variant.clone()).or_default().push(i);
    }
    let mut taken: HashSet<String> = groups.keys().cloned().collect();
    for (variant, mut members) in groups {
        if members.len() < 2 {
            continue;
        }
        members.sort_by(|&a, &b| {
            let name = |i: usize| defs.get(i).map(|d| d.name.as_str());
            name(a).cmp(&name(b))
        });
        let (kept_name, kept_line) = match members.first().and_then(|&i| defs.get(i)) {
            Some(d) => (d.name.clone(), d.line),
            None => continue,
        };
        let mut n: u32 = 2;
        for &i in members.iter().skip(1) {
            let mut candidate = format!("{variant}{n}");
            while taken.contains(&candidate) {
                n = n.saturating_add(1);
                candidate = format!("{variant}{n}");
            }
            n = n.saturating_add(1);
            taken.insert(candidate.clone());
            if let Some(d) = defs.get_mut(i) {
                sink.warning(
                    d.line,
                    1,
                    DiagnosticKind::VariantCollision,
                    format_args!(
                        "error name `{}` maps to the Rust variant `{variant}`, as does \
                         `{kept_name}` on line {kept_line}; it is named `{candidate}` instead",
                        d.name
                    ),
                );
                d.variant = candidate;
            }
        }
    }
}
