//! The grammar: a statement scanner over the whole file and a nom parser per statement.
//!
//! The scanner walks the file once, handling comments (`//`, `/* */`), section markers
//! (`---types---`, `---functions---`), the layer marker and doc comments, and cuts the text into
//! statements ending in `;`. Each statement is parsed with nom. A statement that fails to parse
//! is reported and skipped, so one run finds every syntax error in a file.

use nom::{
    Err as NomErr, IResult, Parser,
    bytes::complete::{tag, take_while1},
    character::complete::{char, digit1, hex_digit1},
    combinator::{opt, recognize},
    error::{ErrorKind, ParseError},
};

use crate::ast::{
    Builtin, Category, Definition, Flag, GenericParam, ParamType, Parameter, Schema, Span, TypeDoc,
    TypeRef,
};
use crate::check::Sink;
use crate::diagnostic::LineIndex;
use crate::id::{self, IdRule};
use crate::name::Name;

/// Names of built-in primitive types; declarations of these are built-ins, not definitions.
pub const PRIMITIVE_NAMES: &[&str] = &[
    "int", "long", "double", "string", "bytes", "int128", "int256", "int512", "int32", "int53",
    "int64", "vector", "nat",
];

/// Is `name` one of [`PRIMITIVE_NAMES`]? (A match, which needs no comparison loop.)
pub(crate) fn is_primitive(name: &[u8]) -> bool {
    matches!(
        name,
        b"int"
            | b"long"
            | b"double"
            | b"string"
            | b"bytes"
            | b"int128"
            | b"int256"
            | b"int512"
            | b"int32"
            | b"int53"
            | b"int64"
            | b"vector"
            | b"nat"
    )
}

#[test]
fn primitive_names_match() {
    assert!(PRIMITIVE_NAMES.iter().all(|p| is_primitive(p.as_bytes())));
    assert_eq!(PRIMITIVE_NAMES.len(), 13, "is_primitive lists 13 names");
    assert!(!is_primitive(b"Int") && !is_primitive(b"in") && !is_primitive(b""));
}

/// How many levels of type arguments a type may have: `Vector<int>` has one,
/// `Vector<Vector<int>>` two (real schemas have at most two). Each `(...)` around a type counts
/// as a level too. A deeper type is reported as [`DiagnosticKind::TooDeep`] at the type that
/// is one level too deep, and its statement is skipped; this bounds the parser's recursion, so
/// no input can overflow the stack.
///
/// [`DiagnosticKind::TooDeep`]: crate::DiagnosticKind::TooDeep
pub const MAX_TYPE_DEPTH: usize = 32;

/// A nom error that remembers where parsing stopped and what was expected there.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SyntaxError<'a> {
    /// The input left at the point of failure.
    input: &'a str,
    /// A human description of what should have come next.
    expected: Option<&'static str>,
    /// A type nested more than [`MAX_TYPE_DEPTH`] levels starts at `input`.
    too_deep: bool,
}

impl<'a> ParseError<&'a str> for SyntaxError<'a> {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        SyntaxError {
            input,
            expected: None,
            too_deep: false,
        }
    }
    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

type PResult<'a, T> = IResult<&'a str, T, SyntaxError<'a>>;

/// Wrap a parser so that its failure says what was expected.
fn expect<'a, T>(
    what: &'static str,
    mut p: impl Parser<&'a str, Output = T, Error = SyntaxError<'a>>,
) -> impl FnMut(&'a str) -> PResult<'a, T> {
    move |i: &'a str| match p.parse(i) {
        Err(NomErr::Error(e)) | Err(NomErr::Failure(e)) if e.too_deep => Err(NomErr::Failure(e)),
        Err(NomErr::Error(e)) | Err(NomErr::Failure(e)) => Err(NomErr::Failure(SyntaxError {
            input: if e.expected.is_some() { e.input } else { i },
            expected: e.expected.or(Some(what)),
            too_deep: false,
        })),
        ok => ok,
    }
}

fn fail<'a, T>(i: &'a str, what: &'static str) -> PResult<'a, T> {
    Err(NomErr::Failure(SyntaxError {
        input: i,
        expected: Some(what),
        too_deep: false,
    }))
}

/// Whitespace and comments inside a statement.
#[inline]
fn ws(i: &str) -> PResult<'_, ()> {
    // Fast path: ASCII blanks followed by an ASCII character that starts no comment.
    let bytes = i.as_bytes();
    let n = bytes
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t'..=b'\r'))
        .unwrap_or(bytes.len());
    match bytes.get(n) {
        None => Ok((&i[n..], ())),
        Some(&b) if b < 0x80 && b != b'/' => Ok((&i[n..], ())),
        Some(_) => ws_slow(&i[n..]),
    }
}

/// `ws` for comments and non-ASCII (possibly Unicode whitespace) text.
fn ws_slow(mut i: &str) -> PResult<'_, ()> {
    loop {
        let trimmed = i.trim_start();
        if let Some(rest) = trimmed.strip_prefix("//") {
            i = rest.find('\n').map_or("", |n| &rest[n + 1..]);
        } else if let Some(rest) = trimmed.strip_prefix("/*") {
            match rest.find("*/") {
                Some(end) => i = &rest[end + 2..],
                None => return fail(trimmed, "`*/` closing the block comment"),
            }
        } else {
            return Ok((trimmed, ()));
        }
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

#[inline]
fn ident(i: &str) -> PResult<'_, &str> {
    let bytes = i.as_bytes();
    match bytes.first() {
        Some(&b) if b.is_ascii_alphabetic() || b == b'_' => {
            let n = bytes[1..]
                .iter()
                .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))
                .map_or(bytes.len(), |n| n + 1);
            Ok((&i[n..], &i[..n]))
        }
        _ => Err(NomErr::Error(SyntaxError::from_error_kind(
            i,
            ErrorKind::TakeWhile1,
        ))),
    }
}

/// `ns.sub.name` split into namespace parts and name.
#[inline]
fn dotted_name(i: &str) -> PResult<'_, (Vec<Name>, Name)> {
    let (mut i, mut last) = ident(i)?;
    let mut namespace = Vec::new();
    while let Some(rest) = i.strip_prefix('.') {
        match ident(rest) {
            Ok((r, part)) => {
                namespace.push(Name::new(last));
                last = part;
                i = r;
            }
            Err(_) => break,
        }
    }
    Ok((i, (namespace, Name::new(last))))
}

/// Everything the statement parser needs to build spans.
struct Ctx<'a, 'i> {
    src: &'a str,
    index: &'i LineIndex<'a>,
}

impl<'a> Ctx<'a, '_> {
    fn offset(&self, s: &'a str) -> usize {
        s.as_ptr() as usize - self.src.as_ptr() as usize
    }
    #[inline]
    fn span(&self, from: &'a str, to: &'a str) -> Span {
        self.index.span(self.offset(from), self.offset(to))
    }
}

/// `Type`, `%Type`, `!X`, `ns.Type`, `Vector<T>`, `vector<Vector<T>>`, and the parenthesised
/// application `(vector T)` (TON), which is the same type as `vector<T>`. `depth` is the number
/// of enclosing type arguments and parentheses; past [`MAX_TYPE_DEPTH`] the parse stops with a
/// too-deep error instead of recursing further.
fn type_ref<'a>(ctx: &Ctx<'a, '_>, i: &'a str, depth: usize) -> PResult<'a, TypeRef> {
    if depth > MAX_TYPE_DEPTH {
        return too_deep(i);
    }
    let start = i;
    if let Some(rest) = i.strip_prefix('(') {
        // The parentheses open a level of their own.
        if depth >= MAX_TYPE_DEPTH {
            return too_deep(i);
        }
        return paren_type(ctx, start, rest, depth);
    }
    let (i, bang) = opt(char('!')).parse(i)?;
    let (i, percent) = opt(char('%')).parse(i)?;
    let (i, (namespace, name)) = expect("a type name", dotted_name)(i)?;
    let (i, generic_arg) = match i.strip_prefix('<') {
        Some(rest) => {
            let (rest, _) = ws(rest)?;
            let (rest, arg) = type_ref(ctx, rest, depth + 1)?;
            let (rest, _) = ws(rest)?;
            let (rest, _) = expect("`>` closing the type argument", char('>'))(rest)?;
            (rest, Some(Box::new(arg)))
        }
        None => (i, None),
    };
    let bare = percent.is_some() || name.as_bytes().first().is_some_and(u8::is_ascii_lowercase);
    Ok((
        i,
        TypeRef {
            namespace,
            name,
            bare,
            generic_ref: bang.is_some(),
            generic_arg,
            span: ctx.span(start, i),
        },
    ))
}

/// The error for a type nested more than [`MAX_TYPE_DEPTH`] levels, starting at `i`.
#[cold]
#[inline(never)]
fn too_deep<T>(i: &str) -> PResult<'_, T> {
    Err(NomErr::Failure(SyntaxError {
        input: i,
        expected: None,
        too_deep: true,
    }))
}

/// After the `(` of `(Name Arg)` or `(Type)`: the type and its one optional argument, then `)`.
/// Kept out of line so that `type_ref`, on the hot path of every Telegram schema, stays small.
#[inline(never)]
fn paren_type<'a>(
    ctx: &Ctx<'a, '_>,
    start: &'a str,
    i: &'a str,
    depth: usize,
) -> PResult<'a, TypeRef> {
    let (i, _) = ws(i)?;
    let (i, mut ty) = type_ref(ctx, i, depth + 1)?;
    let (i, _) = ws(i)?;
    let i = if i.starts_with(')') || ty.generic_arg.is_some() || ty.generic_ref {
        i
    } else {
        let (i, arg) = expect("a type argument or `)`", |i| type_ref(ctx, i, depth + 1))(i)?;
        ty.generic_arg = Some(Box::new(arg));
        let (i, _) = ws(i)?;
        i
    };
    let (i, _) = expect(
        "`)` closing the type application (it takes one argument)",
        char(')'),
    )(i)?;
    ty.span = ctx.span(start, i);
    Ok((i, ty))
}

/// `{X:Type}`.
fn generic_param<'a>(ctx: &Ctx<'a, '_>, i: &'a str) -> PResult<'a, GenericParam> {
    let start = i;
    let (i, _) = char('{').parse(i)?;
    let (i, _) = ws(i)?;
    let (i, name) = expect("a generic parameter name", ident)(i)?;
    let (i, _) = ws(i)?;
    let (i, _) = expect("`:` after the generic parameter name", char(':'))(i)?;
    let (i, _) = ws(i)?;
    let (i, kind) = expect(
        "a generic parameter kind such as `Type`",
        |i| -> PResult<'_, &str> {
            recognize(take_while1(|c: char| is_ident_char(c) || c == '#')).parse(i)
        },
    )(i)?;
    let (i, _) = ws(i)?;
    let (i, _) = expect("`}` closing the generic parameter", char('}'))(i)?;
    Ok((
        i,
        GenericParam {
            name: Name::new(name),
            kind: Name::new(kind),
            span: ctx.span(start, i),
        },
    ))
}

/// `name:Type`, `name:#`, `name:flags.N?Type`.
fn parameter<'a>(ctx: &Ctx<'a, '_>, i: &'a str) -> PResult<'a, Parameter> {
    let start = i;
    let (i, name) = expect("a parameter name or `=`", ident)(i)?;
    let (i, _) = expect("`:` after the parameter name", char(':'))(i)?;
    let (i, ty) = if let Some(rest) = i.strip_prefix('#') {
        (rest, ParamType::Flags)
    } else {
        let (i, flag) = opt(|i| -> PResult<'_, (&str, &str)> {
            let (i, field) = ident(i)?;
            let (i, _) = char('.').parse(i)?;
            let (i, bit) = digit1(i)?;
            let (i, _) = char('?').parse(i)?;
            Ok((i, (field, bit)))
        })
        .parse(i)?;
        let flag = flag.map(|(field, bit)| Flag {
            name: Name::new(field),
            // Out-of-range bits are reported by the checker; saturate huge numbers.
            bit: bit.parse().unwrap_or(u32::MAX),
        });
        let (i, ty) = type_ref(ctx, i, 0)?;
        (i, ParamType::Normal { ty, flag })
    };
    Ok((
        i,
        Parameter {
            name: Name::new(name),
            ty,
            doc: None,
            span: ctx.span(start, i),
        },
    ))
}

/// The result type: `Type`, `Vector<T>`, `Vector t`, `X`.
fn result_type<'a>(ctx: &Ctx<'a, '_>, i: &'a str) -> PResult<'a, TypeRef> {
    let start = i;
    let (i, mut ty) = type_ref(ctx, i, 0)?;
    if ty.generic_arg.is_none() {
        // The space-separated form `Vector t`.
        let (rest, _) = ws(i)?;
        if !rest.is_empty() {
            let (rest, arg) = type_ref(ctx, rest, 1)?;
            ty.generic_arg = Some(Box::new(arg));
            ty.span = ctx.span(start, rest);
            return Ok((rest, ty));
        }
    }
    Ok((i, ty))
}

/// What one statement turned out to be.
enum Statement {
    /// A definition, pushed onto the `definitions` given to [`statement`].
    Definition,
    Builtin(Builtin),
}

/// Parse one statement (the text before its `;`).
fn statement<'a>(
    ctx: &Ctx<'a, '_>,
    text: &'a str,
    scan: Scan,
    category: Category,
    rule: IdRule,
    buf: &mut Vec<u8>,
    definitions: &mut Vec<Definition>,
) -> PResult<'a, Statement> {
    let (i, _) = ws(text)?;
    let start = i;
    let (i, (namespace, name)) = expect("a constructor or function name", dotted_name)(i)?;
    let (i, explicit_id) = match i.strip_prefix('#') {
        Some(rest) => {
            let (rest, hex) = expect("a hexadecimal constructor ID after `#`", hex_digit1)(rest)?;
            if hex.len() > 8 {
                return fail(hex, "a constructor ID of at most 8 hexadecimal digits");
            }
            let value = u32::from_str_radix(hex, 16).unwrap_or_default();
            (rest, Some((value, ctx.span(i, rest))))
        }
        None => (i, None),
    };
    let (i, _) = ws(i)?;

    let is_builtin_name = namespace.is_empty() && is_primitive(name.as_bytes());
    let body = i;
    // Without a `[` anywhere, only a leading `?` can make it a built-in.
    let builtin_body = if scan.bracket {
        looks_like_builtin(body)
    } else {
        body.trim_start().starts_with('?')
    };
    if is_builtin_name || builtin_body {
        return builtin(
            ctx,
            text,
            start,
            namespace,
            name,
            explicit_id.map(|(v, _)| v),
            rule,
        );
    }

    let mut generics = Vec::new();
    let mut i = i;
    while i.starts_with('{') {
        let (rest, g) = generic_param(ctx, i)?;
        generics.push(g);
        (i, _) = ws(rest)?;
    }
    // Every parameter and generic has a `:`, so this bounds the count (comments aside).
    let mut params = Vec::with_capacity(scan.colons.saturating_sub(generics.len()));
    while !i.starts_with('=') {
        if i.is_empty() {
            return fail(i, "`=` followed by the result type");
        }
        if i.starts_with('{') {
            return fail(
                i,
                "generic parameters `{X:Type}` before the other parameters",
            );
        }
        let (rest, p) = parameter(ctx, i)?;
        params.push(p);
        (i, _) = ws(rest)?;
    }
    let (i, _) = tag("=").parse(i)?;
    let (i, _) = ws(i)?;
    let (i, result) = expect("a result type after `=`", |i| result_type(ctx, i))(i)?;
    let (i, _) = ws(i)?;
    if !i.is_empty() {
        return fail(i, "`;` after the result type");
    }
    let end = text.trim_end();
    let end = &end[end.len()..];
    definitions.push(Definition {
        namespace,
        name,
        explicit_id: explicit_id.map(|(v, _)| v),
        computed_id: 0,
        category,
        generics,
        params,
        result,
        doc: None,
        span: ctx.span(start, end),
        id_span: explicit_id.map(|(_, s)| s),
    });
    if let Some(def) = definitions.last_mut() {
        def.computed_id = id::computed_id(def, rule, buf);
    }
    Ok(("", Statement::Definition))
}

/// How often `byte` occurs in `s`.
fn count_byte(s: &[u8], byte: u8) -> usize {
    memchr::memchr_iter(byte, s).count()
}

/// `?`, `[ ... ]` or `n*[ ... ]` before `=` mark a built-in declaration.
fn looks_like_builtin(body: &str) -> bool {
    if body.trim_start().starts_with('?') {
        return true;
    }
    for &b in body.as_bytes() {
        match b {
            b'=' => return false,
            b'[' => return true,
            _ => {}
        }
    }
    false
}

fn builtin<'a>(
    ctx: &Ctx<'a, '_>,
    text: &'a str,
    start: &'a str,
    namespace: Vec<Name>,
    name: Name,
    explicit_id: Option<u32>,
    rule: IdRule,
) -> PResult<'a, Statement> {
    let Some((_, rhs)) = text.split_once('=') else {
        return fail(text.trim_end(), "`=` followed by the result type");
    };
    let result = rhs
        .split_whitespace()
        .next()
        .map(|r| r.split('<').next().unwrap_or(r).to_string());
    let Some(result) = result.filter(|r| !r.is_empty()) else {
        return fail(rhs, "a result type after `=`");
    };
    let norm = id::normalize_text(&strip_comments(text), rule);
    let end = text.trim_end();
    Ok((
        "",
        Statement::Builtin(Builtin {
            namespace,
            name,
            explicit_id,
            computed_id: id::crc32_id(&norm),
            text: norm,
            result,
            span: ctx.span(start, &end[end.len()..]),
        }),
    ))
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        match (rest.find("//"), rest.find("/*")) {
            (Some(a), b) if b.is_none_or(|b| a < b) => {
                out.push_str(&rest[..a]);
                out.push(' ');
                rest = rest[a..].find('\n').map_or("", |n| &rest[a + n..]);
            }
            (_, Some(b)) => {
                out.push_str(&rest[..b]);
                out.push(' ');
                rest = rest[b..].find("*/").map_or("", |n| &rest[b + n + 2..]);
            }
            _ => {
                out.push_str(rest);
                break;
            }
        }
    }
    out
}

/// Doc comments waiting for the definition they belong to.
#[derive(Default)]
struct PendingDoc {
    /// TDLib `//@` text, continuation lines joined.
    tdlib: String,
    /// Plain `//` comment lines directly above.
    plain: Vec<String>,
}

impl PendingDoc {
    fn clear(&mut self) {
        self.tdlib.clear();
        self.plain.clear();
    }

    /// Attach the pending docs to a definition and its parameters.
    fn apply(&mut self, def: &mut Definition) {
        if !self.tdlib.is_empty() {
            for (tag, text) in split_doc_tags(&self.tdlib) {
                let param_name = tag.strip_prefix("param_").unwrap_or(tag);
                if tag == "description" {
                    def.doc = Some(text.to_string());
                } else if let Some(p) = def.params.iter_mut().find(|p| p.name == param_name) {
                    p.doc = Some(text.to_string());
                }
            }
        } else if !self.plain.is_empty() {
            def.doc = Some(self.plain.join("\n"));
        }
        self.clear();
    }
}

/// Split `@description text @name text ...` into `(tag, text)` pairs.
fn split_doc_tags(s: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut starts = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'@'
            && (i == 0 || bytes[i - 1].is_ascii_whitespace())
            && bytes
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        {
            starts.push(i);
        }
    }
    for (k, &at) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(s.len());
        let chunk = &s[at + 1..end];
        let tag_len = chunk
            .find(|c: char| !is_ident_char(c))
            .unwrap_or(chunk.len());
        out.push((&chunk[..tag_len], chunk[tag_len..].trim()));
    }
    out
}

/// Parse `LAYER 230` / `Layer: 228` comment text.
fn layer_marker(comment: &str) -> Option<u32> {
    let t = comment.trim();
    let rest = t.get(..5).filter(|p| p.eq_ignore_ascii_case("layer"))?;
    let _ = rest;
    let num = t[5..].trim_start().trim_start_matches(':').trim();
    if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) {
        num.parse().ok()
    } else {
        None
    }
}

/// Parse a whole file. Syntax errors go to `sink`. `fast`: try the fast path of
/// [`crate::fast`] on each statement before the grammar (off only to test it).
pub(crate) fn parse_schema<'a>(
    src: &'a str,
    index: &LineIndex<'a>,
    rule: IdRule,
    sink: &mut Sink<'_>,
    fast: bool,
) -> Schema {
    let ctx = Ctx { src, index };
    let mut schema = Schema {
        // Every definition ends in `;`.
        definitions: Vec::with_capacity(count_byte(src.as_bytes(), b';')),
        ..Schema::default()
    };
    let mut buf = Vec::with_capacity(256);
    let mut scratch = crate::fast::Scratch::default();
    let mut category = Category::Type;
    let mut doc = PendingDoc::default();
    let bytes = src.as_bytes();
    let mut pos = 0usize;
    // Line of the end of the last statement, to tell trailing comments from doc comments.
    let mut last_stmt_line: Option<u32> = None;
    let mut blank_run = false;

    while pos < bytes.len() {
        // Whitespace; note blank lines, which separate doc comments from what follows.
        let ws_start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        // Whitespace runs are short: a plain loop beats setting up memchr.
        let newlines = bytes[ws_start..pos].iter().filter(|&&b| b == b'\n').count();
        if newlines >= 2 {
            blank_run = true;
        }
        if newlines >= 1 {
            last_stmt_line = None;
        }
        if pos >= bytes.len() {
            break;
        }
        if blank_run {
            doc.plain.clear();
            if !doc.tdlib.is_empty() {
                doc.tdlib.clear();
            }
            blank_run = false;
        }
        let rest = &src[pos..];
        if let Some(comment) = rest.strip_prefix("//") {
            let len = comment.find('\n').unwrap_or(comment.len());
            let body = comment[..len].trim_end_matches('\r');
            let trailing = last_stmt_line.is_some();
            handle_line_comment(&ctx, body, pos, trailing, &mut schema, &mut doc);
            pos += 2 + len;
            continue;
        }
        if let Some(comment) = rest.strip_prefix("/*") {
            match comment.find("*/") {
                Some(end) => pos += 2 + end + 2,
                None => {
                    sink.syntax(
                        index.span(pos, pos + 2),
                        "`*/` closing this block comment".into(),
                    );
                    break;
                }
            }
            continue;
        }
        if rest.starts_with("---") {
            let len = rest.find('\n').unwrap_or(rest.len());
            let marker = rest[..len].trim_end();
            match marker {
                "---types---" => category = Category::Type,
                "---functions---" => category = Category::Function,
                _ => sink.syntax(
                    index.span(pos, pos + marker.len()),
                    format!(
                        "unknown section marker `{marker}`: expected `---types---` or `---functions---`"
                    ),
                ),
            }
            doc.clear();
            pos += len;
            continue;
        }
        // A statement: first the fast path, which finds the `;` itself, then the grammar.
        if fast {
            if let Some((def, end)) =
                crate::fast::definition(index, pos, rest, category, rule, &mut scratch)
            {
                last_stmt_line = Some(def.span.line);
                schema.definitions.push(def);
                if let Some(def) = schema.definitions.last_mut() {
                    doc.apply(def);
                }
                pos += end + 1;
                continue;
            }
        }
        // The grammar's statement: up to the next `;` outside comments.
        let Some(scan) = scan_statement(rest) else {
            let line_end = rest.find('\n').unwrap_or(rest.len());
            sink.syntax(
                index.span(pos, pos + line_end),
                "`;` ending this declaration (reached the end of the file)".into(),
            );
            break;
        };
        let end = scan.end;
        let text = &rest[..end];
        match statement(
            &ctx,
            text,
            scan,
            category,
            rule,
            &mut buf,
            &mut schema.definitions,
        ) {
            Ok((_, Statement::Definition)) => {
                if let Some(def) = schema.definitions.last_mut() {
                    doc.apply(def);
                    last_stmt_line = Some(def.span.line);
                }
            }
            Ok((_, Statement::Builtin(b))) => {
                doc.clear();
                last_stmt_line = Some(b.span.line);
                schema.builtins.push(b);
            }
            Err(NomErr::Error(e)) | Err(NomErr::Failure(e)) if e.too_deep => {
                let at = ctx.offset(e.input).min(pos + end);
                let found = describe_found(e.input);
                sink.too_deep(index.span(at, at + found.1));
                doc.clear();
                last_stmt_line = Some(u32::MAX);
            }
            Err(NomErr::Error(e)) | Err(NomErr::Failure(e)) => {
                let at = ctx.offset(e.input).min(pos + end);
                let found = describe_found(e.input);
                let expected = e.expected.unwrap_or("a valid declaration");
                sink.syntax(
                    index.span(at, at + found.1),
                    format!("expected {expected}, found {}", found.0),
                );
                doc.clear();
                last_stmt_line = Some(u32::MAX);
            }
            Err(NomErr::Incomplete(_)) => {
                sink.syntax(index.span(pos, pos + end), "a complete declaration".into());
                doc.clear();
            }
        }
        pos += end + 1;
    }
    schema
}

/// A short description of the text at an error, and its length for the caret.
fn describe_found(input: &str) -> (String, usize) {
    let trimmed = input.trim_end();
    match trimmed.chars().next() {
        None => ("`;`".to_string(), 1),
        Some(c) if is_ident_char(c) => {
            let len = trimmed
                .find(|c: char| !is_ident_char(c))
                .unwrap_or(trimmed.len());
            (format!("`{}`", &trimmed[..len]), len)
        }
        Some(c) if c.is_whitespace() => ("whitespace".to_string(), c.len_utf8()),
        Some(c) => (format!("`{c}`"), c.len_utf8()),
    }
}

/// Offset of the `;` ending the statement that starts `rest`, skipping comments.
#[cfg(test)]
fn find_statement_end(rest: &str) -> Option<usize> {
    scan_statement(rest).map(|s| s.end)
}

/// What the statement scanner learnt about one statement.
#[derive(Clone, Copy, Debug)]
struct Scan {
    /// Offset of the `;` ending the statement.
    end: usize,
    /// Whether a `[` occurs anywhere before it (comments included).
    bracket: bool,
    /// How many `:` occur before it outside comments: a bound on the number of parameters.
    colons: usize,
}

/// Find the `;` ending the statement that starts `rest`, skipping comments: `memchr` jumps
/// from one `;`, `/` or `[` to the next.
fn scan_statement(rest: &str) -> Option<Scan> {
    let bytes = rest.as_bytes();
    let mut colons = 0;
    let mut bracket = false;
    let mut i = 0;
    loop {
        let k = i + memchr::memchr3(b';', b'/', b'[', &bytes[i..])?;
        colons += bytes[i..k].iter().filter(|&&b| b == b':').count();
        match (bytes[k], bytes.get(k + 1)) {
            (b';', _) => {
                return Some(Scan {
                    end: k,
                    bracket,
                    colons,
                });
            }
            (b'/', Some(b'/')) => {
                let len = memchr::memchr(b'\n', &bytes[k..]).unwrap_or(bytes.len() - k);
                bracket |= memchr::memchr(b'[', &bytes[k..k + len]).is_some();
                i = k + len;
            }
            (b'/', Some(b'*')) => {
                let len = 2 + memchr::memmem::find(&bytes[k + 2..], b"*/")
                    .map_or(bytes.len() - k - 2, |e| e + 2);
                bracket |= memchr::memchr(b'[', &bytes[k..k + len]).is_some();
                i = k + len;
            }
            (b'[', _) => {
                bracket = true;
                i = k + 1;
            }
            _ => i = k + 1,
        }
    }
}

fn handle_line_comment(
    ctx: &Ctx<'_, '_>,
    body: &str,
    pos: usize,
    trailing: bool,
    schema: &mut Schema,
    doc: &mut PendingDoc,
) {
    if let Some(layer) = layer_marker(body) {
        schema.layer = Some(layer);
        return;
    }
    if trailing {
        return;
    }
    if let Some(tdlib) = body.strip_prefix('@') {
        if let Some(class) = tdlib.strip_prefix("class") {
            let tags = split_doc_tags(class);
            let name = class
                .trim_start()
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            let description = tags
                .iter()
                .find(|(t, _)| *t == "description")
                .map(|(_, d)| d.to_string())
                .unwrap_or_default();
            if !name.is_empty() {
                schema.type_docs.push(TypeDoc {
                    name: name.to_string(),
                    description,
                    span: ctx.index.span(pos, pos + 2 + body.len()),
                });
            }
            doc.clear();
            return;
        }
        if !doc.tdlib.is_empty() {
            doc.tdlib.push(' ');
        }
        doc.tdlib.push('@');
        doc.tdlib.push_str(tdlib.trim_end());
        return;
    }
    if let Some(cont) = body.strip_prefix('-') {
        if !doc.tdlib.is_empty() {
            doc.tdlib.push(' ');
            doc.tdlib.push_str(cont.trim());
            return;
        }
    }
    let text = body.trim_start_matches('/').trim();
    if !text.is_empty() {
        doc.plain.push(text.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_markers() {
        assert_eq!(layer_marker(" LAYER 230"), Some(230));
        assert_eq!(layer_marker(" Layer:  228"), Some(228));
        assert_eq!(layer_marker(" layers are fun"), None);
        assert_eq!(layer_marker(" LAYER"), None);
    }

    #[test]
    fn doc_tags() {
        assert_eq!(
            split_doc_tags("@description Hi @chat_id Chat id, mail a@b.c"),
            vec![("description", "Hi"), ("chat_id", "Chat id, mail a@b.c")]
        );
    }

    #[test]
    fn statement_end_skips_comments() {
        assert_eq!(find_statement_end("a // x;\n = B;"), Some(12));
        assert_eq!(find_statement_end("a /* ; */ = B;"), Some(13));
        assert_eq!(find_statement_end("a = B"), None);
        assert_eq!(find_statement_end("abcdefghijklmnop:q ; r"), Some(19));
        let scan = scan_statement("name#1 a:int b:[ c ] d:e // [ : \n = X;").expect("ends");
        assert!(scan.bracket);
        assert_eq!(scan.colons, 3);
        let scan =
            scan_statement("longer_name#12345678 first:int second:string = Y;").expect("ends");
        assert!(!scan.bracket);
        assert_eq!(scan.colons, 2);
        assert_eq!(scan.end, 48);
    }
}
