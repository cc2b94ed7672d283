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

pub(crate) mod markdown;

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use tl_parser::ParamType;

use crate::model::{Enum, Field, Item, Model, Return, Ty};
use crate::rpc_errors::RpcErrors;
use markdown::{cell, doc_text, escape_markdown, tl_line_doc};

/// Builds the pages; one per generation run.
pub(crate) struct Pages<'a> {
    model: &'a Model,
    errors: Option<&'a RpcErrors>,
    /// The runtime crate path as doc-link text (`tl_runtime::`).
    rt: String,
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
    pub(crate) fn new(model: &'a Model, errors: Option<&'a RpcErrors>, rt: &TokenStream) -> Self {
        Pages {
            model,
            errors,
            rt: root_text(rt),
        }
    }

    /// A constructor struct: its TL line and doc comment.
    pub(crate) fn constructor(&self, item: &Item) -> Vec<String> {
        item_intro(item)
    }

    /// An enum variant: the constructor's TL line.
    pub(crate) fn variant(&self, ctor: &Item) -> Vec<String> {
        vec![tl_line_doc(&ctor.def)]
    }

    /// A struct field: its doc comment and shared-flag note.
    pub(crate) fn field(&self, item: &Item, f: &Field) -> Vec<String> {
        let mut docs = Vec::new();
        if let Some(d) = &f.doc {
            docs.extend(d.lines().map(|l| escape_markdown(l.trim())));
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

    /// A boxed type's enum: the type and its constructors.
    pub(crate) fn enumeration(&self, e: &Enum) -> Vec<String> {
        let tl_name = &e.tl_name;
        let mut docs = vec![format!("The TL type `{tl_name}`. Its constructors:")];
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
        let mut out = item_intro(f);
        if let Return::Unsupported(why) = ret {
            out.push(String::new());
            out.push(format!(
                "This function does not implement `RemoteCall`: {}.",
                escape_markdown(why)
            ));
        }

        let (params, flags_words) = rows(m, f);
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

        if let Some(errors) = self.errors {
            errors.method_sections(&mut out, &f.tl_name, wrapper, &root, rt);
        }

        let extra = self
            .errors
            .map(|e| e.related_pages(&f.tl_name, &root))
            .unwrap_or_default();
        if !related.is_empty() || !extra.is_empty() {
            out.push(String::new());
            out.push("# Related pages".to_owned());
            out.push(String::new());
            for (p, tl) in &related {
                out.push(format!("- [`{p}`]({root}{p}): TL `{tl}`"));
            }
            out.extend(extra);
        }
        out
    }
}

/// The TL line, then the schema's doc comment.
fn item_intro(item: &Item) -> Vec<String> {
    let mut docs = vec![tl_line_doc(&item.def)];
    if let Some(d) = &item.def.doc {
        docs.push(String::new());
        docs.extend(d.lines().map(|l| escape_markdown(l.trim())));
    }
    docs
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
        Ty::Long => abs("i64", "i64"),
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
    if f.boxed {
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
        Ty::Vector { elem, .. } => named_types(m, elem, add),
        _ => {}
    }
}

/// The rows of an item's parameters and the names of its flags words.
fn rows(m: &Model, item: &Item) -> (Vec<Row>, Vec<String>) {
    let mut rows = Vec::new();
    let mut flags = Vec::new();
    for p in &item.def.params {
        match &p.ty {
            ParamType::Flags => flags.push(p.name.clone()),
            ParamType::Normal { ty, flag } => {
                let Some(f) = item.fields.iter().find(|f| f.tl_name == p.name) else {
                    continue;
                };
                rows.push(Row {
                    tl_name: p.name.clone(),
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
