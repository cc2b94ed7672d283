//! Documentation pages: what rustdoc shows for every generated item, built as lines of
//! Markdown (the emitter turns them into `#[doc]` attributes).
//!
//! * Constructors: the TL line and the schema's doc comment; fields carry their `//@param`
//!   text and a note when several share a flag bit.
//! * Functions, the method page: the TL line and doc comment, then `# Parameters` (TL name,
//!   Rust field, TL type, Rust type, flag bit; the `flags` words are computed, not listed),
//!   `# Result`, and with an error table [`rpc_errors`](crate::rpc_errors) adds `# Possible
//!   errors` and `# Can bots use this method?`; `# Related pages` lists the types it takes and
//!   returns (and, with tables, its error enum).
//! * Enums: the TL type and its constructors' lines.

pub(crate) mod data;
pub(crate) mod example;
pub(crate) mod markdown;

use std::collections::HashMap;
use std::fmt::Write as _;

use proc_macro2::TokenStream;
use tlgen_parser::{Category, ParamType};

use crate::model::{Enum, Field, Item, Model, Return, Ty};
use crate::rpc_errors::RpcErrors;
use data::{DocsData, ItemDoc, ParamDoc};
use markdown::{cell, definition_line, doc_text, escape_markdown, tl_line_doc};

/// Builds the pages; one per generation run.
pub(crate) struct Pages<'a> {
    model: &'a Model,
    errors: Option<&'a RpcErrors>,
    docs: Option<&'a DocsData>,
    examples: &'a example::Examples,
    /// The runtime crate path as doc-link text (`tlgen_runtime::`).
    rt: String,
    /// Rust paths (from the generated root) of the kept items by TL name, for links.
    functions: HashMap<&'a str, String>,
    ctors: HashMap<&'a str, String>,
    enums: HashMap<&'a str, String>,
}

/// A Rust type, rendered for docs.
#[derive(Clone, Debug)]
struct RType {
    /// `Option<Vec<enums::InputUser>>`, paths relative to the generated root.
    text: String,
    /// Link target: `Root(path)` relative to the generated root, or an absolute one.
    target: Option<Target>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Root(String),
    Abs(String),
}

#[derive(Clone, Debug)]
struct Row {
    tl_name: String,
    field: String,
    tl_ty: String,
    rust: RType,
    flag: Option<String>,
    doc: Option<String>,
}

impl<'a> Pages<'a> {
    pub(crate) fn new(
        model: &'a Model,
        errors: Option<&'a RpcErrors>,
        docs: Option<&'a DocsData>,
        examples: &'a example::Examples,
        rt: &TokenStream,
    ) -> Self {
        let functions = model
            .functions
            .iter()
            .filter(|f| f.keep)
            .map(|f| (f.tl_name.as_str(), path("functions", &f.module, &f.ident)))
            .collect();
        let ctors = model
            .ctors
            .iter()
            .filter(|c| c.keep)
            .map(|c| (c.tl_name.as_str(), path("types", &c.module, &c.ident)))
            .collect();
        let enums = model
            .enums
            .iter()
            .filter(|e| e.keep)
            .map(|e| (e.tl_name.as_str(), path("enums", &e.module, &e.ident)))
            .collect();
        Pages {
            model,
            errors,
            docs,
            examples,
            rt: root_text(rt),
            functions,
            ctors,
            enums,
        }
    }

    /// How many kept items the documentation data describes, and the TL names of those it
    /// does not (none without data).
    pub(crate) fn coverage(&self) -> (usize, Vec<&'a str>) {
        let Some(d) = self.docs else {
            return (0, Vec::new());
        };
        let mut covered = 0;
        let mut missing = Vec::new();
        let m = self.model;
        let items = m
            .ctors
            .iter()
            .filter(|c| c.keep)
            .map(|c| (c.tl_name.as_str(), &d.constructors))
            .chain(
                m.functions
                    .iter()
                    .filter(|f| f.keep)
                    .map(|f| (f.tl_name.as_str(), &d.methods)),
            )
            .chain(
                m.enums
                    .iter()
                    .filter(|e| e.keep)
                    .map(|e| (e.tl_name.as_str(), &d.types)),
            );
        for (name, section) in items {
            if section.contains_key(name) {
                covered += 1;
            } else {
                missing.push(name);
            }
        }
        (covered, missing)
    }

    /// A constructor struct: description, example, related pages.
    pub(crate) fn constructor(&self, item: &Item) -> Vec<String> {
        let depth = 1 + item.module.len();
        let root = "super::".repeat(depth);
        let doc = self.docs.and_then(|d| d.constructors.get(&item.tl_name));
        let mut out = self.intro(item, doc, &root);
        out.push(String::new());
        out.push("# Example".to_owned());
        out.push(String::new());
        out.extend(example::fenced(
            self.examples.constructor(&item.tl_name).unwrap_or_default(),
        ));
        if let Some(d) = doc {
            self.related(&mut out, d, &root, &[]);
        }
        out
    }

    /// An enum variant: the constructor's TL line and the first paragraph of its description.
    pub(crate) fn variant(&self, ctor: &Item, enum_depth: usize) -> Vec<String> {
        let mut out = vec![tl_line_doc(&ctor.def)];
        if let Some(d) = self.docs.and_then(|d| d.constructors.get(&ctor.tl_name)) {
            if let Some(first) = d.description.first() {
                out.push(String::new());
                out.push(self.prose(first, &d.links, &"super::".repeat(enum_depth)));
            }
        }
        out
    }

    /// A struct field: its doc comment (or the documentation's text), binary and
    /// shared-flag notes.
    pub(crate) fn field(&self, item: &Item, f: &Field) -> Vec<String> {
        let mut docs = Vec::new();
        if let Some(d) = &f.doc {
            docs.extend(d.lines().map(|l| doc_text(l.trim())));
        } else if let Some(p) = self.param_doc(item, &f.tl_name) {
            let root = "super::".repeat(1 + item.module.len());
            docs.push(self.prose(&p.description, &p.links, &root));
        }
        if f.binary {
            if !docs.is_empty() {
                docs.push(String::new());
            }
            docs.push(
                "Declared `string`, but it carries binary data, so it is bytes: the same wire \
                 encoding, any byte sequence accepted."
                    .to_owned(),
            );
        }
        if let Some((w, bit)) = f.flag {
            let word = &item.flags[w];
            let members = &word.bits[&bit];
            let flag_name = word.local.trim_start_matches('_');
            if members.len() > 1 {
                let others: Vec<String> = members
                    .iter()
                    .filter(|&&m| item.fields[m].tl_name != f.tl_name)
                    .map(|&m| format!("`{}`", item.fields[m].ident))
                    .collect();
                if !docs.is_empty() {
                    docs.push(String::new());
                }
                docs.push(format!(
                    "Shares flag bit `{flag_name}.{bit}` with {}: set all of them or none. On \
                     serialization the bit is set if any of them is set; on deserialization all \
                     of them are read when it is set.",
                    others.join(", ")
                ));
            }
        }
        docs
    }

    /// A boxed type's enum: its description, then the TL schema of its constructors.
    pub(crate) fn enumeration(&self, e: &Enum) -> Vec<String> {
        let tl_name = &e.tl_name;
        let root = "super::".repeat(1 + e.module.len());
        let doc = self
            .docs
            .and_then(|d| d.types.get(tl_name))
            .filter(|d| !d.description.is_empty());
        let mut docs = match doc {
            Some(d) => {
                let mut out = vec![format!("The TL type `{tl_name}`.")];
                for p in &d.description {
                    out.push(String::new());
                    out.push(self.prose(p, &d.links, &root));
                }
                out.push(String::new());
                out.push("Its constructors:".to_owned());
                out
            }
            None => vec![format!("The TL type `{tl_name}`. Its constructors:")],
        };
        docs.push(String::new());
        for v in &e.variants {
            docs.push(format!("- {}", tl_line_doc(&self.model.ctors[v.ctor].def)));
        }
        if e.recursive {
            docs.push(String::new());
            docs.push(
                "Recursive: decoding counts nesting depth (`Reader::enter`) so hostile input \
                 cannot exhaust the stack."
                    .to_owned(),
            );
        }
        docs
    }

    /// The method page of a function struct; `depth` is its module depth below the root.
    pub(crate) fn function(&self, f: &Item, ret: &Return, depth: usize) -> Vec<String> {
        let m = self.model;
        let root = "super::".repeat(depth);
        let rt = &self.rt;
        let doc = self.docs.and_then(|d| d.methods.get(&f.tl_name));
        let mut out = self.intro(f, doc, &root);
        if let Return::Unsupported(why) = ret {
            out.push(String::new());
            out.push(format!(
                "This function does not implement `RemoteCall`: {}.",
                escape_markdown(why)
            ));
        }

        out.push(String::new());
        out.push("# Example".to_owned());
        out.push(String::new());
        out.extend(example::fenced(
            self.examples.function(&f.tl_name).unwrap_or_default(),
        ));

        out.push(String::new());
        out.push("# TL schema".to_owned());
        out.push(String::new());
        out.push("```text".to_owned());
        if let Return::Ty(t) = ret {
            out.extend(result_constructors(m, t));
        }
        out.push("---functions---".to_owned());
        out.push(format!("{};", definition_line(&f.def)));
        out.push("```".to_owned());

        let (mut params, flags_words) = rows(m, f);
        if let Some(d) = doc {
            for r in &mut params {
                if r.doc.is_none() {
                    r.doc = d
                        .params
                        .get(&r.tl_name)
                        .filter(|p| !p.description.is_empty())
                        .map(|p| self.prose(&p.description, &p.links, &root));
                }
            }
        }
        out.push(String::new());
        out.push("# Parameters".to_owned());
        out.push(String::new());
        table(&mut out, &params, &root);
        flags_note(&mut out, &flags_words);

        let mut related: Vec<(String, String)> = Vec::new();
        let mut add = |p: String, tl: String| {
            if !related.iter().any(|(q, _)| *q == p) {
                related.push((p, tl));
            }
        };
        for fl in &f.fields {
            named_types(m, &fl.ty, &mut add);
        }
        out.push(String::new());
        out.push("# Result".to_owned());
        out.push(String::new());
        let mut wrapper = None;
        match ret {
            Return::Ty(t) => {
                named_types(m, t, &mut add);
                out.push(format!(
                    "{} (TL type `{}`).",
                    link(&rust_type(m, t), &root),
                    f.def.result.to_string().replace('`', "'")
                ));
                if *t == Ty::Object {
                    out.push(String::new());
                    out.push(format!(
                        "An object of any type: the answer of whatever the request carries. \
                         Decode it as that request's `RemoteCall::Return` with \
                         [`Object::decode`]({rt}Object::decode)."
                    ));
                }
            }
            Return::Generic(param) => {
                wrapper = Some(param.as_str());
                out.push(format!(
                    "`<{param} as RemoteCall>::Return`: the result of the wrapped query \
                     (see [`RemoteCall::Return`]({rt}RemoteCall::Return))."
                ));
            }
            Return::Unsupported(_) => out.push(format!(
                "TL type `{}`, which no Rust type decodes through the runtime traits (no \
                 `RemoteCall`).",
                f.def.result.to_string().replace('`', "'")
            )),
        }

        let documented_errors = doc.map(|d| d.errors.as_slice());
        match self.errors {
            Some(errors) => {
                errors.method_sections(&mut out, &f.tl_name, wrapper, &root, rt, documented_errors)
            }
            None => {
                if let Some(list) = documented_errors.filter(|l| !l.is_empty()) {
                    out.push(String::new());
                    out.push("# Possible errors".to_owned());
                    out.push(String::new());
                    out.push("| Code | Error | Description |".to_owned());
                    out.push("| --- | --- | --- |".to_owned());
                    for e in list {
                        let name = if e.name.is_empty() {
                            String::new()
                        } else {
                            format!("`{}`", e.name)
                        };
                        out.push(format!(
                            "| {} | {name} | {} |",
                            e.code,
                            cell(&doc_text(&e.description))
                        ));
                    }
                }
            }
        }

        // Related pages: the documentation's links, the types it takes and returns, and
        // (with tables) its error enum.
        let mut lines = match doc {
            Some(d) => self.related_links(d, &root, &related),
            None => Vec::new(),
        };
        for (p, tl) in &related {
            lines.push(format!("- [`{p}`]({root}{p}): TL `{tl}`"));
        }
        if let Some(e) = self.errors {
            lines.extend(e.related_pages(&f.tl_name, &root));
        }
        if !lines.is_empty() {
            out.push(String::new());
            out.push("# Related pages".to_owned());
            out.push(String::new());
            out.extend(lines);
        }
        out
    }

    /// The first lines of a page: the documentation's description (or the schema's doc
    /// comment) when there is one, then the TL line; else the TL line, then the doc comment.
    fn intro(&self, item: &Item, doc: Option<&ItemDoc>, root: &str) -> Vec<String> {
        let mut out = Vec::new();
        match doc.filter(|d| !d.description.is_empty()) {
            Some(d) => {
                for (i, p) in d.description.iter().enumerate() {
                    if i > 0 {
                        out.push(String::new());
                    }
                    out.push(self.prose(p, &d.links, root));
                }
                out.push(String::new());
                out.push(tl_line_doc(&item.def));
            }
            None => {
                out.push(tl_line_doc(&item.def));
                if let Some(d) = &item.def.doc {
                    out.push(String::new());
                    out.extend(d.lines().map(|l| doc_text(l.trim())));
                }
            }
        }
        out
    }

    /// `# Related pages` of a constructor: the documentation's links.
    fn related(&self, out: &mut Vec<String>, d: &ItemDoc, root: &str, types: &[(String, String)]) {
        let lines = self.related_links(d, root, types);
        if lines.is_empty() {
            return;
        }
        out.push(String::new());
        out.push("# Related pages".to_owned());
        out.push(String::new());
        out.extend(lines);
    }

    /// The documentation's links as list items: the schema's own items as intra-doc links
    /// with the first sentence of their description, other pages as URLs. `types` (listed
    /// by the caller) are skipped.
    fn related_links(&self, d: &ItemDoc, root: &str, types: &[(String, String)]) -> Vec<String> {
        let mut lines = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for url in &d.links {
            if seen.contains(&url.as_str()) {
                continue;
            }
            seen.push(url);
            match self.schema_page(url) {
                Some((tl, rust, summary)) => {
                    if types.iter().any(|(p, _)| *p == rust) {
                        continue;
                    }
                    let summary = summary
                        .map(|s| format!(": {}", doc_text(&strip_citations(s))))
                        .unwrap_or_default();
                    lines.push(format!("- [`{tl}`]({root}{rust}){summary}"));
                }
                None => lines.push(format!("- <{url}>")),
            }
        }
        lines
    }

    /// A documentation page URL of one of the schema's items: (TL name, Rust path, the first
    /// paragraph of its description).
    fn schema_page(&self, url: &str) -> Option<(&'a str, String, Option<&'a str>)> {
        let rest = url.strip_prefix("https://core.telegram.org/")?;
        let (kind, name) = rest.split_once('/')?;
        let name = name.split(['#', '?']).next().unwrap_or(name);
        let docs = self.docs;
        let (paths, section) = match kind {
            "method" => (&self.functions, docs.map(|d| &d.methods)),
            "constructor" => (&self.ctors, docs.map(|d| &d.constructors)),
            "type" => (&self.enums, docs.map(|d| &d.types)),
            _ => return None,
        };
        let (tl, rust) = paths.get_key_value(name)?;
        let summary = section
            .and_then(|s| s.get(name))
            .and_then(|d| d.description.first())
            .map(String::as_str);
        Some((*tl, rust.clone(), summary))
    }

    /// A paragraph of the documentation as Markdown: escaped, bare URLs as autolinks, and
    /// each citation (`word¹`) a link to the cited URL, to our item when it is one of the
    /// schema's pages (the cited word itself becomes the link when it is the item's TL name).
    fn prose(&self, text: &str, links: &[String], root: &str) -> String {
        let mut out = String::new();
        let mut plain = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let Some(mut n) = superscript(c) else {
                plain.push(c);
                continue;
            };
            let mut marks = String::from(c);
            while let Some(d) = chars.peek().copied().and_then(superscript) {
                n = n * 10 + d;
                if let Some(m) = chars.next() {
                    marks.push(m);
                }
            }
            let Some(url) = n.checked_sub(1).and_then(|i| links.get(i)) else {
                plain.push_str(&marks);
                continue;
            };
            let word_start = plain
                .char_indices()
                .rev()
                .find(|&(_, ch)| ch.is_whitespace() || ch == '(')
                .map_or(0, |(i, ch)| i + ch.len_utf8());
            match self.schema_page(url) {
                Some((tl, rust, _)) if plain[word_start..] == *tl => {
                    plain.truncate(word_start);
                    out.push_str(&doc_text(&plain));
                    plain.clear();
                    let _ = write!(out, "[`{tl}`]({root}{rust})");
                }
                Some((_, rust, _)) => {
                    out.push_str(&doc_text(&plain));
                    plain.clear();
                    let _ = write!(out, "[{marks}]({root}{rust})");
                }
                None => {
                    out.push_str(&doc_text(&plain));
                    plain.clear();
                    let _ = write!(out, "[{marks}]({url})");
                }
            }
        }
        out.push_str(&doc_text(&plain));
        out
    }

    fn param_doc(&self, item: &Item, name: &str) -> Option<&'a ParamDoc> {
        let d = self.docs?;
        let section = match item.def.category {
            Category::Function => &d.methods,
            Category::Type => &d.constructors,
        };
        section
            .get(&item.tl_name)
            .and_then(|doc| doc.params.get(name))
            .filter(|p| !p.description.is_empty())
    }
}

/// The value of a citation mark (`¹` is 1), or `None`.
fn superscript(c: char) -> Option<usize> {
    Some(match c {
        '\u{2070}' => 0,
        '\u{b9}' => 1,
        '\u{b2}' => 2,
        '\u{b3}' => 3,
        '\u{2074}'..='\u{2079}' => c as usize - 0x2070,
        _ => return None,
    })
}

/// A summary without its citation marks (the links they cite are not on this page).
fn strip_citations(s: &str) -> String {
    s.chars().filter(|&c| superscript(c).is_none()).collect()
}

/// The TL lines of the constructors a result type can be: an enum's constructors (also
/// inside vectors), a bare constructor, `Bool`'s two.
fn result_constructors(m: &Model, t: &Ty) -> Vec<String> {
    match t {
        Ty::Enum(e) => m.enums[*e]
            .variants
            .iter()
            .map(|v| format!("{};", definition_line(&m.ctors[v.ctor].def)))
            .collect(),
        Ty::Bare(c) => vec![format!("{};", definition_line(&m.ctors[*c].def))],
        Ty::Vector { elem, .. } => result_constructors(m, elem),
        Ty::Bool => vec![
            "boolFalse#bc799737 = Bool;".to_owned(),
            "boolTrue#997275b5 = Bool;".to_owned(),
        ],
        _ => Vec::new(),
    }
}

pub(crate) fn path(root: &str, module: &[String], ident: &str) -> String {
    let mut s = root.to_owned();
    for m in module {
        s.push_str("::");
        s.push_str(m);
    }
    s.push_str("::");
    s.push_str(ident);
    s
}

fn rust_type(m: &Model, ty: &Ty) -> RType {
    let abs = |text: &str, target: &str| RType {
        text: text.to_owned(),
        target: Some(Target::Abs(target.to_owned())),
    };
    match ty {
        Ty::Int => abs("i32", "i32"),
        Ty::Long | Ty::Int53 => abs("i64", "i64"),
        Ty::Double => abs("f64", "f64"),
        Ty::Int128 => RType {
            text: "[u8; 16]".to_owned(),
            target: None,
        },
        Ty::Int256 => RType {
            text: "[u8; 32]".to_owned(),
            target: None,
        },
        Ty::String => abs("String", "std::string::String"),
        Ty::Bytes => abs("Vec<u8>", "std::vec::Vec"),
        Ty::Bool | Ty::True => abs("bool", "bool"),
        Ty::Object => RType {
            text: "Object".to_owned(),
            target: None,
        },
        Ty::SecureString => RType {
            text: "SecureString".to_owned(),
            target: None,
        },
        Ty::SecureBytes => RType {
            text: "SecureBytes".to_owned(),
            target: None,
        },
        Ty::Vector { elem, .. } => {
            let inner = rust_type(m, elem);
            RType {
                text: format!("Vec<{}>", inner.text),
                target: match inner.target {
                    Some(Target::Root(p)) => Some(Target::Root(p)),
                    _ => Some(Target::Abs("std::vec::Vec".to_owned())),
                },
            }
        }
        Ty::Enum(e) => {
            let en = &m.enums[*e];
            let p = path("enums", &en.module, &en.ident);
            RType {
                text: p.clone(),
                target: Some(Target::Root(p)),
            }
        }
        Ty::Bare(c) => {
            let it = &m.ctors[*c];
            let p = path("types", &it.module, &it.ident);
            RType {
                text: p.clone(),
                target: Some(Target::Root(p)),
            }
        }
        Ty::Generic(g) => RType {
            text: g.clone(),
            target: None,
        },
        Ty::Nullable(t) => {
            let inner = rust_type(m, t);
            RType {
                text: format!("Option<{}>", inner.text),
                target: inner.target,
            }
        }
    }
}

fn field_rust_type(m: &Model, f: &Field) -> RType {
    if f.is_true_flag() {
        return RType {
            text: "bool".to_owned(),
            target: Some(Target::Abs("bool".to_owned())),
        };
    }
    let mut t = rust_type(m, &f.ty);
    if let (true, Ty::Nullable(inner)) = (f.boxed, &f.ty) {
        t.text = format!("Option<Box<{}>>", rust_type(m, inner).text);
    } else if f.boxed {
        t.text = format!("Box<{}>", t.text);
    }
    if f.flag.is_some() {
        t.text = format!("Option<{}>", t.text);
        if t.target.is_none() {
            t.target = Some(Target::Abs("std::option::Option".to_owned()));
        }
    }
    t
}

/// Generated types (path, TL name) named by a type, in order.
fn named_types(m: &Model, ty: &Ty, add: &mut dyn FnMut(String, String)) {
    match ty {
        Ty::Enum(e) => {
            let en = &m.enums[*e];
            add(path("enums", &en.module, &en.ident), en.tl_name.clone());
        }
        Ty::Bare(c) => {
            let it = &m.ctors[*c];
            add(path("types", &it.module, &it.ident), it.tl_name.clone());
        }
        Ty::Vector { elem, .. } | Ty::Nullable(elem) => named_types(m, elem, add),
        _ => {}
    }
}

/// The rows of an item's parameters and the names of its flags words.
fn rows(m: &Model, item: &Item) -> (Vec<Row>, Vec<String>) {
    let mut rows = Vec::new();
    let mut flags = Vec::new();
    for p in &item.def.params {
        match &p.ty {
            ParamType::Flags => flags.push(p.name.to_string()),
            ParamType::Normal { ty, flag } => {
                let Some(f) = item.fields.iter().find(|f| f.tl_name == p.name) else {
                    continue;
                };
                rows.push(Row {
                    tl_name: p.name.to_string(),
                    field: f.ident.clone(),
                    tl_ty: ty.to_string(),
                    rust: field_rust_type(m, f),
                    flag: flag.as_ref().map(|fl| format!("{}.{}", fl.name, fl.bit)),
                    doc: p.doc.clone(),
                });
            }
        }
    }
    (rows, flags)
}

// ---- doc helpers ------------------------------------------------------------------------------

/// `super :: super ::` → `super::super::`.
pub(crate) fn root_text(ts: &TokenStream) -> String {
    let mut s: String = ts
        .to_string()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if !s.is_empty() && !s.ends_with("::") {
        s.push_str("::");
    }
    s.trim_start_matches("::").to_owned()
}

fn link(t: &RType, root: &str) -> String {
    match &t.target {
        Some(Target::Root(p)) => format!("[`{}`]({root}{p})", t.text),
        // std and primitive types: plain code (an explicit link to them is redundant for
        // rustdoc, and they need no pointer).
        Some(Target::Abs(_)) | None => format!("`{}`", t.text),
    }
}

fn table(out: &mut Vec<String>, rows: &[Row], root: &str) {
    if rows.is_empty() {
        out.push("None.".to_owned());
        return;
    }
    let with_doc = rows.iter().any(|r| r.doc.is_some());
    let mut head = "| TL name | Rust field | TL type | Rust type | Flag |".to_owned();
    let mut rule = "| --- | --- | --- | --- | --- |".to_owned();
    if with_doc {
        head.push_str(" Description |");
        rule.push_str(" --- |");
    }
    out.push(head);
    out.push(rule);
    for r in rows {
        let mut line = format!(
            "| `{}` | `{}` | `{}` | {} | {} |",
            r.tl_name,
            r.field,
            r.tl_ty.replace('`', "'"),
            link(&r.rust, root),
            r.flag
                .as_deref()
                .map_or_else(String::new, |f| format!("`{f}`"))
        );
        if with_doc {
            let d = r
                .doc
                .as_deref()
                .map(|d| cell(&doc_text(d)))
                .unwrap_or_default();
            let _ = write!(line, " {d} |");
        }
        out.push(line);
    }
}

fn flags_note(out: &mut Vec<String>, words: &[String]) {
    if words.is_empty() {
        return;
    }
    let list: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    out.push(String::new());
    out.push(format!(
        "The flags word{} {} (`#`) {} computed from which optional fields are set.",
        if words.len() > 1 { "s" } else { "" },
        list.join(", "),
        if words.len() > 1 { "are" } else { "is" }
    ));
}
