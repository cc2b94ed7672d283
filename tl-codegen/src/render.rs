//! From tokens to text. The emitter hands over a [`Module`] tree whose leaves are items (their
//! doc lines as text, the rest as tokens); nothing builds one giant token stream. Each item is
//! printed on its own: by the fast [`Printer`] (the default: indented, one statement, field or
//! arm per line, `///` docs; it never re-parses its output), or with `prettyplease` (one syn
//! parse per item). Also the split into a module folder and the `@generated` header.

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use crate::{Error, OutputFile, VERSION};

/// One item group of the output: a struct with its impls, an enum, a function... Its doc lines
/// (Markdown, without `///`) come first, then its tokens.
pub(crate) struct Item {
    pub(crate) docs: Vec<String>,
    pub(crate) tokens: TokenStream,
}

impl From<TokenStream> for Item {
    fn from(tokens: TokenStream) -> Self {
        Item {
            docs: Vec::new(),
            tokens,
        }
    }
}

/// A module of the output (`pub mod name { .. }`), or the file itself (no name).
#[derive(Default)]
pub(crate) struct Module {
    pub(crate) name: String,
    /// Outer doc lines of the `mod`.
    pub(crate) docs: Vec<String>,
    /// Outer attributes other than docs (`#[allow(..)]`).
    pub(crate) attrs: TokenStream,
    /// Inner attributes (`#![doc = ..]`), the first thing in the body.
    pub(crate) inner: TokenStream,
    pub(crate) entries: Vec<Entry>,
}

pub(crate) enum Entry {
    /// An item group, already printed at its depth (the single file's).
    Text(String),
    Item(Item),
    Module(Module),
}

impl Module {
    pub(crate) fn named(name: &str, docs: Vec<String>, attrs: TokenStream) -> Self {
        Module {
            name: name.to_owned(),
            docs,
            attrs,
            ..Module::default()
        }
    }

    pub(crate) fn item(&mut self, item: impl Into<Item>) {
        self.entries.push(Entry::Item(item.into()));
    }

    pub(crate) fn module(&mut self, module: Module) {
        self.entries.push(Entry::Module(module));
    }

    /// The module as tokens (docs as `#[doc]` attributes), for code that embeds it in other
    /// tokens (an extension's root items); the file itself (no name) gives its body.
    pub(crate) fn into_tokens(self) -> TokenStream {
        let mut body = self.inner;
        for e in self.entries {
            match e {
                Entry::Item(item) => {
                    body.extend(crate::emit::doc_attrs(&item.docs));
                    body.extend(item.tokens);
                }
                Entry::Module(m) => body.extend(m.into_tokens()),
                Entry::Text(text) => body.extend(
                    text.parse::<TokenStream>()
                        .expect("printed tokens parse back"),
                ),
            }
        }
        if self.name.is_empty() {
            return body;
        }
        let docs = crate::emit::doc_attrs(&self.docs);
        let attrs = self.attrs;
        let name = crate::naming::ident(&self.name);
        quote::quote!(#docs #attrs pub mod #name { #body })
    }
}

/// How generated code becomes text.
#[derive(Clone, Copy)]
pub(crate) struct Render {
    /// `prettyplease` instead of the fast printer.
    pub(crate) pretty: bool,
}

impl Render {
    /// The whole file (without header).
    pub(crate) fn file(self, root: &Module) -> Result<String, Error> {
        let mut out = String::with_capacity(1 << 20);
        self.body(&mut out, root, 0)?;
        Ok(out)
    }

    /// The file split into a module folder: every module at the root, written as its own file
    /// (`types.rs` for `mod types`), leaves `mod types;` in `mod.rs` with its outer attributes;
    /// its inner attributes open its file. Modules inside extension items are found by their
    /// tokens. Every file starts with `header`.
    pub(crate) fn split(self, root: &Module, header: &str) -> Result<Vec<OutputFile>, Error> {
        let mut main = String::from(header);
        let mut files: Vec<OutputFile> = Vec::new();
        let add = |files: &mut Vec<OutputFile>, name: String, code: String| {
            let file = format!("{name}.rs");
            if file == "mod.rs" || files.iter().any(|f| f.name == file) {
                return Err(Error::Config {
                    message: format!(
                        "cannot split the output: two files would be named `{file}` (module `{name}`)"
                    ),
                });
            }
            files.push(OutputFile { name: file, code });
            Ok(())
        };
        self.tokens(&mut main, &root.inner, 0)?;
        for entry in &root.entries {
            match entry {
                Entry::Text(text) => main.push_str(text),
                Entry::Module(m) => {
                    self.module_head(&mut main, m, 0, true)?;
                    let mut code = String::from(header);
                    if self.pretty {
                        // Items are tokens still: formatted for their place in this file.
                        self.body(&mut code, m, 0)?;
                    } else {
                        // Printed as in the single file, one level deep: moved out a level.
                        let mut body = String::new();
                        self.body(&mut body, m, 1)?;
                        dedent(&mut code, &body);
                    }
                    let file = crate::naming::ident(&m.name).to_string();
                    add(&mut files, unraw(&file).to_owned(), code)?;
                }
                Entry::Item(item) => {
                    let mut rest = TokenStream::new();
                    for piece in split_mods(item.tokens.clone()) {
                        match piece {
                            Piece::Tokens(t) => rest.extend(t),
                            Piece::Mod {
                                outer,
                                name,
                                inner,
                                body,
                            } => {
                                if !rest.is_empty() {
                                    self.item(
                                        &mut main,
                                        &Item::from(std::mem::take(&mut rest)),
                                        0,
                                    )?;
                                }
                                // `name` is the identifier as written (`r#type`).
                                let stub = Module {
                                    name: unraw(&name).to_owned(),
                                    attrs: outer,
                                    ..Module::default()
                                };
                                self.module_head(&mut main, &stub, 0, true)?;
                                let mut code = String::from(header);
                                self.tokens(&mut code, &inner, 0)?;
                                self.item(&mut code, &Item::from(body), 0)?;
                                add(&mut files, unraw(&name).to_owned(), code)?;
                            }
                        }
                    }
                    if !rest.is_empty() || !item.docs.is_empty() {
                        let item = Item {
                            docs: item.docs.clone(),
                            tokens: rest,
                        };
                        self.item(&mut main, &item, 0)?;
                    }
                }
            }
        }
        let mut all = vec![OutputFile {
            name: "mod.rs".to_owned(),
            code: main,
        }];
        all.extend(files);
        Ok(all)
    }

    fn body(self, out: &mut String, m: &Module, depth: usize) -> Result<(), Error> {
        self.tokens(out, &m.inner, depth)?;
        for e in &m.entries {
            match e {
                Entry::Item(item) => self.item(out, item, depth)?,
                Entry::Text(text) => out.push_str(text),
                Entry::Module(child) => {
                    self.module_head(out, child, depth, false)?;
                    self.body(out, child, depth + 1)?;
                    indent(out, depth);
                    out.push_str("}\n");
                }
            }
        }
        Ok(())
    }

    /// A module's docs, attributes and `pub mod name {` (or `pub mod name;` for a stub).
    fn module_head(
        self,
        out: &mut String,
        m: &Module,
        depth: usize,
        stub: bool,
    ) -> Result<(), Error> {
        doc_lines(out, &m.docs, depth);
        if self.pretty {
            // Attributes alone do not parse: print them with `mod name;`, then open the body.
            let name = crate::naming::ident(&m.name);
            let attrs = &m.attrs;
            pretty(out, quote::quote!(#attrs pub mod #name;), depth)?;
        } else {
            self.tokens(out, &m.attrs, depth)?;
            indent(out, depth);
            let _ = write!(out, "pub mod {};", crate::naming::ident(&m.name));
            out.push('\n');
        }
        if !stub {
            out.truncate(out.len() - 2);
            out.push_str(" {\n");
        }
        Ok(())
    }

    /// An item group for the tree, `depth` modules deep in the single file: printed now by
    /// the fast printer ([`Self::text`]), kept as tokens for prettyplease (formatted where it lands, which differs
    /// between the single file and the split one).
    pub(crate) fn entry(self, item: Item, depth: usize) -> Result<Entry, Error> {
        if self.pretty {
            return Ok(Entry::Item(item));
        }
        Ok(Entry::Text(self.text(item, depth)))
    }

    /// An item group printed by the fast printer, `depth` modules deep; its tokens are consumed
    /// (a stream that is not shared is walked without copying).
    pub(crate) fn text(self, item: Item, depth: usize) -> String {
        let mut out = String::new();
        doc_lines(&mut out, &item.docs, depth);
        let mut p = Printer::new(&mut out, depth);
        p.stream(item.tokens, Ctx::Braces);
        p.finish();
        out
    }

    fn item(self, out: &mut String, item: &Item, depth: usize) -> Result<(), Error> {
        doc_lines(out, &item.docs, depth);
        self.tokens(out, &item.tokens, depth)
    }

    fn tokens(self, out: &mut String, tokens: &TokenStream, depth: usize) -> Result<(), Error> {
        if tokens.is_empty() {
            return Ok(());
        }
        if self.pretty {
            pretty(out, tokens.clone(), depth)
        } else {
            let mut p = Printer::new(out, depth);
            p.stream(tokens.clone(), Ctx::Braces);
            p.finish();
            Ok(())
        }
    }
}

/// `text` with one level of indentation less on every line.
fn dedent(out: &mut String, text: &str) {
    for line in text.split_inclusive('\n') {
        out.push_str(line.strip_prefix("    ").unwrap_or(line));
    }
}

fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("    ");
    }
}

/// Doc lines (Markdown, without the space after `///`) as `///` comments.
fn doc_lines(out: &mut String, lines: &[String], depth: usize) {
    for l in lines {
        let l = l.trim_end();
        doc_comment(out, depth, "///", if l.is_empty() { "" } else { " " }, l);
    }
}

/// One `///` (or `//!`) comment line: `marker`, then `space` and `text`, trailing spaces
/// trimmed (as prettyplease prints them).
fn doc_comment(out: &mut String, depth: usize, marker: &str, space: &str, text: &str) {
    indent(out, depth);
    out.push_str(marker);
    out.push_str(space);
    out.push_str(text.trim_end());
    out.push('\n');
}

/// `prettyplease` on one item group, printed as if `depth` modules deep (the same line breaks
/// as printing the whole file).
fn pretty(out: &mut String, tokens: TokenStream, depth: usize) -> Result<(), Error> {
    let mut wrapped = tokens;
    for _ in 0..depth {
        wrapped = quote::quote!(mod m { #wrapped });
    }
    let file = syn::parse2::<syn::File>(wrapped).map_err(|e| Error::Format {
        message: e.to_string(),
    })?;
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    let inner = lines
        .get(depth..lines.len().saturating_sub(depth))
        .unwrap_or_default();
    for l in inner {
        out.push_str(l);
        out.push('\n');
    }
    Ok(())
}

/// A root-level extension item group cut at its inline modules, for the split output.
enum Piece {
    Tokens(TokenStream),
    Mod {
        outer: TokenStream,
        name: String,
        inner: TokenStream,
        body: TokenStream,
    },
}

/// Cut `tokens` (a sequence of items) into runs of items and `[attrs] pub mod name { .. }`
/// items (with their inner attributes apart).
fn split_mods(tokens: TokenStream) -> Vec<Piece> {
    let tts: Vec<TokenTree> = tokens.into_iter().collect();
    let mut pieces = Vec::new();
    let mut run: Vec<TokenTree> = Vec::new();
    let mut i = 0;
    while i < tts.len() {
        // Outer attributes, then `pub`, `mod`, a name and a brace group?
        let mut j = i;
        while is_punct(tts.get(j), '#')
            && matches!(tts.get(j + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket)
        {
            j += 2;
        }
        let attrs_end = j;
        if is_ident(tts.get(j), "pub") {
            j += 1;
        }
        if is_ident(tts.get(j), "mod")
            && let (Some(TokenTree::Ident(name)), Some(TokenTree::Group(g))) =
                (tts.get(j + 1), tts.get(j + 2))
            && g.delimiter() == Delimiter::Brace
        {
            if !run.is_empty() {
                pieces.push(Piece::Tokens(
                    std::mem::take(&mut run).into_iter().collect(),
                ));
            }
            let body: Vec<TokenTree> = g.stream().into_iter().collect();
            let mut k = 0;
            while is_punct(body.get(k), '#')
                && is_punct(body.get(k + 1), '!')
                && matches!(body.get(k + 2), Some(TokenTree::Group(_)))
            {
                k += 3;
            }
            pieces.push(Piece::Mod {
                outer: tts[i..attrs_end].iter().cloned().collect(),
                name: name.to_string(),
                inner: body[..k].iter().cloned().collect(),
                body: body[k..].iter().cloned().collect(),
            });
            i = j + 3;
            continue;
        }
        // Not a module: copy tokens up to the end of this item (attributes included).
        run.extend(tts[i..attrs_end].iter().cloned());
        i = attrs_end;
        while i < tts.len() {
            let tt = tts[i].clone();
            i += 1;
            let end = matches!(&tt, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)
                || matches!(&tt, TokenTree::Punct(p) if p.as_char() == ';');
            run.push(tt);
            if end {
                break;
            }
        }
    }
    if !run.is_empty() {
        pieces.push(Piece::Tokens(run.into_iter().collect()));
    }
    pieces
}

fn is_punct(tt: Option<&TokenTree>, c: char) -> bool {
    matches!(tt, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

fn is_ident(tt: Option<&TokenTree>, s: &str) -> bool {
    matches!(tt, Some(TokenTree::Ident(i)) if i == s)
}

/// Where tokens are: at item/statement level (inside `{ }` or at the top), or inside `( )` /
/// `[ ]`, where nothing breaks lines except length.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Braces,
    Inline,
}

/// What was printed last, for the spacing of the next token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    /// Start of a line or of a group: no space.
    Open,
    /// An identifier that is a value or a path segment (`x`, `Foo`, `self`).
    Word,
    /// A keyword after which an operand follows (`return`, `in`, `impl`, `as`, ...).
    Keyword,
    /// `fn`: the next word is a function name, whose `<` opens generics.
    Fn,
    /// A function name right after `fn`.
    FnName,
    /// A literal or a closed group: a value.
    Value,
    /// An operator or separator after which a space follows (`=`, `,`, `=>`, `:`, `+`).
    Spaced,
    /// A prefix or joining token after which nothing is spaced (`&`, `!`, `::`, `.`, `#`,
    /// `<` of generics, `'` of a lifetime).
    Tight,
    /// `>` closing generics.
    GenericClose,
}

/// Prints tokens as a person would write them: spaces where rustfmt puts them, a line per
/// statement, field and match arm, 4-space indentation, `#[doc]` attributes as `///`
/// comments, and long lines broken after commas and before `|`, `||`, `&&` at 100 columns.
/// It only decides spacing and line breaks: the tokens are printed unchanged, so the text
/// parses back to the same tokens.
struct Printer<'a> {
    out: &'a mut String,
    depth: usize,
    line_start: usize,
    last: Last,
    /// Open `<` of generics per open group.
    angles: Vec<u32>,
    /// The last printed token closed a `{ }` group at brace level.
    after_block: bool,
    /// A line may break before the next token.
    break_ok: bool,
    /// Inside a closure's `|..|`.
    closure: bool,
    /// The operator being gathered (see `stream`).
    op: String,
}

const WIDTH: usize = 100;

/// Keywords after which an operand, not an operator, follows.
fn keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "break"
            | "const"
            | "dyn"
            | "else"
            | "enum"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "yield"
    )
}

impl<'a> Printer<'a> {
    fn new(out: &'a mut String, depth: usize) -> Self {
        let line_start = out.len();
        Printer {
            out,
            depth,
            line_start,
            last: Last::Open,
            angles: vec![0],
            after_block: false,
            break_ok: false,
            closure: false,
            op: String::new(),
        }
    }

    fn at_line_start(&self) -> bool {
        self.out.len() == self.line_start
    }

    fn newline(&mut self) {
        if !self.at_line_start() {
            self.out.push('\n');
            self.line_start = self.out.len();
        }
        self.last = Last::Open;
    }

    /// Indentation at the start of a line, else the space the token wants; past the width, a
    /// line break (continuation indented once more) where one may go: after a comma, before
    /// `|`, `||`, `&&` and `+`.
    fn begin_token(&mut self, space: bool) {
        let break_ok = std::mem::take(&mut self.break_ok);
        if self.at_line_start() {
            indent(self.out, self.depth);
        } else if space && break_ok && self.out.len() - self.line_start > WIDTH {
            self.out.push('\n');
            self.line_start = self.out.len();
            indent(self.out, self.depth + 1);
        } else if space {
            self.out.push(' ');
        }
    }

    fn finish(&mut self) {
        self.newline();
    }

    fn stream(&mut self, tokens: TokenStream, ctx: Ctx) {
        let mut iter = tokens.into_iter().peekable();
        while let Some(tt) = iter.next() {
            if self.after_block {
                self.after_block = false;
                // `}` followed by `,`, `;`, `.`, `)`, `?` or `else` stays on its line.
                let attach = match &tt {
                    TokenTree::Punct(p) => matches!(p.as_char(), ',' | ';' | '.' | '?'),
                    TokenTree::Ident(i) => i == "else",
                    _ => false,
                };
                if !attach {
                    self.newline();
                }
            }
            match tt {
                TokenTree::Punct(p) if p.as_char() == '#' => {
                    // `#[doc = ".."]` / `#![doc = ".."]` as comments.
                    let inner =
                        matches!(iter.peek(), Some(TokenTree::Punct(b)) if b.as_char() == '!');
                    if inner {
                        iter.next();
                    }
                    let group = match iter.peek() {
                        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket => {
                            Some(g.clone())
                        }
                        _ => None,
                    };
                    if ctx == Ctx::Braces
                        && let Some(g) = &group
                        && let Some(text) = doc_value(g.stream())
                    {
                        iter.next();
                        self.newline();
                        let marker = if inner { "//!" } else { "///" };
                        doc_comment(self.out, self.depth, marker, "", &text);
                        self.line_start = self.out.len();
                        self.last = Last::Open;
                        continue;
                    }
                    let space = !matches!(self.last, Last::Open | Last::Tight);
                    self.begin_token(space);
                    self.out.push('#');
                    if inner {
                        self.out.push('!');
                    }
                    self.last = Last::Tight;
                    if let Some(g) = group {
                        iter.next();
                        self.inline('[', ']', g.stream());
                        if ctx == Ctx::Braces {
                            self.newline();
                        }
                    }
                }
                TokenTree::Punct(p) => {
                    // Gather a joint operator (`::`, `=>`, `->`, `&&`, `'a`'s quote), in a
                    // buffer kept across tokens (punctuation is a third of the tokens).
                    let mut op = std::mem::take(&mut self.op);
                    op.clear();
                    op.push(p.as_char());
                    let mut spacing = p.spacing();
                    while spacing == Spacing::Joint {
                        match iter.peek() {
                            Some(TokenTree::Punct(q)) => {
                                op.push(q.as_char());
                                spacing = q.spacing();
                                iter.next();
                            }
                            _ => break,
                        }
                    }
                    self.punct(&op, ctx);
                    self.op = op;
                }
                TokenTree::Ident(i) => {
                    let space = !matches!(self.last, Last::Open | Last::Tight);
                    self.begin_token(space);
                    let start = self.out.len();
                    let _ = write!(self.out, "{i}");
                    let word = &self.out[start..];
                    self.last = if word == "fn" {
                        Last::Fn
                    } else if self.last == Last::Fn {
                        Last::FnName
                    } else if keyword(word) {
                        Last::Keyword
                    } else {
                        Last::Word
                    };
                }
                TokenTree::Literal(l) => {
                    let space = !matches!(self.last, Last::Open | Last::Tight);
                    self.begin_token(space);
                    let _ = write!(self.out, "{l}");
                    self.last = Last::Value;
                }
                TokenTree::Group(g) => self.group(g, ctx),
            }
        }
    }

    fn group(&mut self, g: proc_macro2::Group, ctx: Ctx) {
        // The group's stream alone holds its tokens once the group is gone: iterating it then
        // moves them instead of copying.
        let (delimiter, stream) = (g.delimiter(), g.stream());
        drop(g);
        match delimiter {
            Delimiter::Brace => {
                let space = !matches!(self.last, Last::Open);
                self.begin_token(space);
                if stream.is_empty() {
                    self.out.push_str("{}");
                    self.last = Last::Value;
                } else {
                    self.block('{', '}', stream);
                }
                if ctx == Ctx::Braces {
                    self.after_block = true;
                }
            }
            Delimiter::Parenthesis | Delimiter::Bracket => {
                let (open, close) = if delimiter == Delimiter::Parenthesis {
                    ('(', ')')
                } else {
                    ('[', ']')
                };
                // A call, index or tuple struct sticks to what it follows.
                let space = matches!(self.last, Last::Keyword | Last::Spaced | Last::Fn);
                self.begin_token(space);
                let mut stream = stream;
                // An array literal of many elements (a table): one element per line.
                if delimiter == Delimiter::Bracket {
                    let tts: Vec<TokenTree> = stream.into_iter().collect();
                    let commas = tts
                        .iter()
                        .filter(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                        .count();
                    stream = tts.into_iter().collect();
                    if commas >= 4 {
                        self.block('[', ']', stream);
                        return;
                    }
                }
                self.inline(open, close, stream);
            }
            Delimiter::None => self.stream(stream, ctx),
        }
    }

    /// `open`, the contents on this line (broken only past the width), `close`.
    fn inline(&mut self, open: char, close: char, stream: TokenStream) {
        self.out.push(open);
        self.last = Last::Open;
        self.angles.push(0);
        self.stream(stream, Ctx::Inline);
        self.angles.pop();
        self.out.push(close);
        self.last = Last::Value;
    }

    /// `open`, the contents one level deeper, one statement, field or element per line, then
    /// `close` on a line of its own.
    fn block(&mut self, open: char, close: char, stream: TokenStream) {
        self.out.push(open);
        self.newline();
        self.depth += 1;
        self.angles.push(0);
        self.stream(stream, Ctx::Braces);
        self.after_block = false;
        self.angles.pop();
        self.depth -= 1;
        self.newline();
        indent(self.out, self.depth);
        self.out.push(close);
        self.last = Last::Value;
    }

    fn punct(&mut self, op: &str, ctx: Ctx) {
        let last = self.last;
        let value_before = matches!(last, Last::Word | Last::Value | Last::GenericClose);
        let angles = self.angles.last().copied().unwrap_or(0);
        match op {
            "," => {
                self.out.push(',');
                if ctx == Ctx::Braces && angles == 0 {
                    self.newline();
                } else {
                    self.last = Last::Spaced;
                    self.break_ok = true;
                }
                return;
            }
            ";" => {
                self.begin_token(false);
                self.out.push(';');
                if ctx == Ctx::Braces {
                    self.newline();
                } else {
                    self.last = Last::Spaced;
                }
                return;
            }
            "." | ".." | "?" => {
                self.begin_token(false);
                self.out.push_str(op);
                self.last = if op == "?" { Last::Value } else { Last::Tight };
                return;
            }
            ":" => {
                self.begin_token(false);
                self.out.push(':');
                self.last = Last::Spaced;
                return;
            }
            "::" => {
                let space = matches!(last, Last::Keyword | Last::Spaced | Last::Fn);
                self.begin_token(space);
                self.out.push_str("::");
                self.last = Last::Tight;
                return;
            }
            "'" => {
                let space = !matches!(last, Last::Open | Last::Tight);
                self.begin_token(space);
                self.out.push('\'');
                self.last = Last::Tight;
                return;
            }
            _ => {}
        }
        // `<` of generics: after a type name, `fn name`, `impl`, `::`, or where an operand is
        // expected (`<T as Trait>::X`).
        if op == "<" {
            let generic = match last {
                Last::Word => {
                    let word = self.last_word();
                    word.starts_with(|c: char| c.is_ascii_uppercase())
                }
                Last::FnName | Last::Tight | Last::Open | Last::Spaced => true,
                Last::Keyword => self.last_word() == "impl",
                _ => false,
            };
            if generic {
                // `impl<T>`, `Vec<T>`, `::<T>` are tight; `= <T as Tr>::X` is spaced.
                self.begin_token(last == Last::Spaced);
                self.out.push('<');
                if let Some(a) = self.angles.last_mut() {
                    *a += 1;
                }
                self.last = Last::Tight;
                return;
            }
        }
        if angles > 0 && op.chars().all(|c| c == '>') && op.len() as u32 <= angles {
            self.begin_token(false);
            self.out.push_str(op);
            if let Some(a) = self.angles.last_mut() {
                *a -= op.len() as u32;
            }
            self.last = Last::GenericClose;
            return;
        }
        // Closure parameters: `|r| ..`, `|| ..`.
        if (op == "|" || op == "||") && (!value_before || self.closure) {
            let opening = op == "|" && !self.closure;
            let space = !matches!(last, Last::Open | Last::Tight) && (opening || op == "||");
            self.begin_token(space);
            self.out.push_str(op);
            self.closure = opening;
            self.last = if opening { Last::Tight } else { Last::Spaced };
            return;
        }
        // Prefix operators: `&x`, `*x`, `!x`, `-1`, `&'a`.
        if matches!(op, "&" | "*" | "!" | "-" | "&&") && !value_before {
            let space = matches!(last, Last::Keyword | Last::Spaced | Last::Fn);
            self.begin_token(space);
            self.out.push_str(op);
            self.last = Last::Tight;
            return;
        }
        // A macro's `!`: `vec![..]`.
        if op == "!" && last == Last::Word {
            self.begin_token(false);
            self.out.push('!');
            self.last = Last::Tight;
            return;
        }
        // Binary operators and `=`, `=>`, `->`: spaced, breakable before `|`, `||`, `&&`.
        self.break_ok = matches!(op, "|" | "||" | "&&" | "+");
        self.begin_token(!matches!(last, Last::Open));
        self.out.push_str(op);
        self.last = Last::Spaced;
    }

    /// The identifier printed last (for `<` decisions).
    fn last_word(&self) -> &str {
        let line = &self.out[self.line_start..];
        let end = line.trim_end_matches(' ');
        let start = end
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        &end[start..]
    }
}

/// The text of `doc = "..."` when it prints as one `///` line exactly: a plain string literal
/// without a line break, not starting with `/` (prettyplease's rule).
fn doc_value(tokens: TokenStream) -> Option<String> {
    let mut it = tokens.into_iter();
    let (
        Some(TokenTree::Ident(name)),
        Some(TokenTree::Punct(eq)),
        Some(TokenTree::Literal(lit)),
        None,
    ) = (it.next(), it.next(), it.next(), it.next())
    else {
        return None;
    };
    if name != "doc" || eq.as_char() != '=' {
        return None;
    }
    let text = unescape(&lit.to_string())?;
    (!text.contains(['\n', '\r']) && !text.starts_with('/')).then_some(text)
}

/// The value of a `"..."` string literal as proc_macro2 prints it; `None` for anything else.
fn unescape(lit: &str) -> Option<String> {
    // Raw strings (`///` comments inside `quote!` become `r" .."`).
    if let Some(raw) = lit.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw[hashes..].strip_prefix('"')?;
        let body = body.strip_suffix(&raw[..hashes])?.strip_suffix('"')?;
        return Some(body.to_owned());
    }
    let body = lit.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let mut hex = String::new();
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    hex.push(c);
                }
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The `@generated` header: generator version, layer, input names and their hash. No paths or
/// timestamps, so the output is byte-for-byte deterministic.
pub(crate) fn header(layer: Option<u32>, names: &[&str], hash: u64) -> String {
    format!(
        "// @generated by tlgen-build {VERSION}. Do not edit.\n\
         // Layer: {}\n\
         // Inputs: {} (FNV-1a 64 of their names and texts: {hash:016x})\n\n",
        layer.map_or_else(|| "none".to_owned(), |l| l.to_string()),
        names.join(", "),
    )
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::{Ctx, Printer};

    fn print(tokens: TokenStream) -> String {
        let mut out = String::new();
        let mut p = Printer::new(&mut out, 0);
        p.stream(tokens, Ctx::Braces);
        p.finish();
        out
    }

    /// Every token's text, groups opened and closed (a joint `>>` and two `>` are the same
    /// tokens to the parser).
    fn flat(tokens: TokenStream, out: &mut Vec<String>) {
        for tt in tokens {
            match tt {
                proc_macro2::TokenTree::Group(g) => {
                    out.push(format!("{:?}(", g.delimiter()));
                    flat(g.stream(), out);
                    out.push(")".to_owned());
                }
                other => out.push(other.to_string()),
            }
        }
    }

    /// The printed text lexes back to the same tokens, and reads as written.
    fn check(tokens: TokenStream, expected: &str) {
        let text = print(tokens.clone());
        assert_eq!(text, expected);
        let back: TokenStream = text.parse().expect("printed text lexes");
        let (mut a, mut b) = (Vec::new(), Vec::new());
        flat(back, &mut a);
        flat(tokens, &mut b);
        assert_eq!(a, b, "{text}");
    }

    #[test]
    fn spacing() {
        check(
            quote!(
                fn f<'a, T: X<Vec<u8>>>(x: &'a mut T, y: &[u8; 4]) -> Option<&'a T> {
                    None
                }
            ),
            "fn f<'a, T: X<Vec<u8>>>(x: &'a mut T, y: &[u8; 4]) -> Option<&'a T> {\n    None\n}\n",
        );
        check(
            quote!(let a = b < c && d > -1 || !e; let n = <T as Tr>::N; x.y()?.z[0] = *w;),
            "let a = b < c && d > -1 || !e;\nlet n = <T as Tr>::N;\nx.y()?.z[0] = *w;\n",
        );
        check(
            quote!(r.nested(|r| match id { 1 => Ok(()), _ => Err(e), }); let f = || 0;),
            "r.nested(|r| match id {\n    1 => Ok(()),\n    _ => Err(e),\n});\nlet f = || 0;\n",
        );
        check(
            quote!(if x { a } else { b } impl ::core::fmt::Debug for X {} vec![1, 2];),
            "if x {\n    a\n} else {\n    b\n}\nimpl ::core::fmt::Debug for X {}\nvec![1, 2];\n",
        );
    }

    #[test]
    fn docs_become_comments() {
        let text = print(quote! {
            #[doc = " A \"quoted\" line \u{e9}"]
            #[doc = ""]
            #[doc = "/ starts with a slash"]
            #[derive(Debug)]
            pub struct S;
        });
        assert_eq!(
            text,
            "/// A \"quoted\" line \u{e9}\n///\n#[doc = \"/ starts with a slash\"]\n#[derive(Debug)]\npub struct S;\n"
        );
    }

    #[test]
    fn long_lines_break_after_commas() {
        let args = (0..40).map(|i| quote::format_ident!("argument_{i}"));
        let text = print(quote!(call(#(#args),*);));
        assert!(text.lines().all(|l| l.len() <= 112), "{text}");
        assert!(text.lines().count() >= 4, "{text}");
        assert!(
            text.lines().skip(1).all(|l| l.starts_with("    ")),
            "{text}"
        );
    }
}
