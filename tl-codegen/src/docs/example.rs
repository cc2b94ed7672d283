//! The `# Example` of a page: Rust that builds the value with every field and, for a
//! function, reads the answer as its `RemoteCall::Return`. The code names the generated items
//! through `tl::` (the module the README includes the code in) and the runtime as
//! `tlgen_runtime`, and compiles as the body of `fn(reply: &[u8]) -> Result<(), DecodeError>`
//! (tests compile every example that way).
//!
//! Field values are the simplest of their type: zeros, empty strings and vectors, `None` for
//! optional fields, and for a boxed type its constructor with the smallest encoding (so the
//! value is finite: the smallest constructor never nests the type itself).

use std::collections::HashMap;

use crate::model::{Item, Model, Return, Ty};

/// Nesting at which value construction stops (never reached: see the module docs).
const MAX_DEPTH: usize = 64;

/// The Rust path of a generated item as the examples spell it.
fn tl_path(root: &str, module: &[String], ident: &str) -> String {
    format!("tl::{}", super::path(root, module, ident))
}

/// The example code of every kept constructor and function (no fences), by TL name; built
/// once per run for the pages and for [`ItemInfo::example`](crate::ItemInfo::example).
pub(crate) struct Examples {
    ctors: HashMap<String, String>,
    functions: HashMap<String, String>,
}

impl Examples {
    pub(crate) fn new(m: &Model) -> Examples {
        let concrete = concrete(m);
        let ctors = m
            .ctors
            .iter()
            .filter(|c| c.keep)
            .map(|c| (c.tl_name.clone(), constructor_code(m, c)))
            .collect();
        let functions = m
            .functions
            .iter()
            .zip(&m.returns)
            .filter(|(f, _)| f.keep)
            .map(|(f, r)| (f.tl_name.clone(), function_code(m, f, r, concrete.as_ref())))
            .collect();
        Examples { ctors, functions }
    }

    /// A constructor's example.
    pub(crate) fn constructor(&self, tl_name: &str) -> Option<&str> {
        self.ctors.get(tl_name).map(String::as_str)
    }

    /// A function's example.
    pub(crate) fn function(&self, tl_name: &str) -> Option<&str> {
        self.functions.get(tl_name).map(String::as_str)
    }
}

/// The example code of a function page (no fences); `concrete` stands for generic parameters.
fn function_code(m: &Model, f: &Item, ret: &Return, concrete: Option<&(String, String)>) -> String {
    if !m.binary {
        return json_function_code(m, f, ret);
    }
    let mut code =
        String::from("use tlgen_runtime::{Deserializable, RemoteCall, Serializable};\n\n");
    let path = tl_path("functions", &f.module, &f.ident);
    code.push_str("let request = ");
    code.push_str(&struct_expr(m, f, &path, 0, concrete));
    code.push_str(";\n");
    code.push_str("let bytes = request.to_bytes(); // the request on the wire\n");
    match ret {
        Return::Unsupported(_) => {
            code.push_str(
                "// No `RemoteCall`: read the answer by hand.\nlet _ = (bytes, reply);\n",
            );
        }
        _ => {
            let ty = if f.generics.is_empty() {
                path.clone()
            } else {
                let args = concrete.map_or("()", |(p, _)| p.as_str());
                format!("{path}<{}>", vec![args; f.generics.len()].join(", "))
            };
            code.push_str("// The answer decodes to the function's `RemoteCall::Return`:\n");
            code.push_str(&format!(
                "let answer: <{ty} as RemoteCall>::Return = Deserializable::from_bytes(reply)?;\n"
            ));
        }
    }
    code
}

/// A function's example without the binary encoding (TDLib's JSON, `Config::json`).
fn json_function_code(m: &Model, f: &Item, ret: &Return) -> String {
    let path = tl_path("functions", &f.module, &f.ident);
    let mut code = String::from("use tlgen_runtime::RemoteCall;\n\n");
    code.push_str("let request = ");
    code.push_str(&struct_expr(m, f, &path, 0, None));
    code.push_str(";\n");
    code.push_str("let json = serde_json::to_string(&request)?; // the request as TDLib's JSON\n");
    if !matches!(ret, Return::Unsupported(_)) {
        code.push_str("// The answer decodes to the function's `RemoteCall::Return`:\n");
        code.push_str(&format!(
            "let answer: <{path} as RemoteCall>::Return = serde_json::from_str(reply)?;\n"
        ));
    }
    code
}

/// The example code of a constructor page (no fences).
fn constructor_code(m: &Model, c: &Item) -> String {
    let path = tl_path("types", &c.module, &c.ident);
    let mut code = format!("let value = {};\n", struct_expr(m, c, &path, 0, None));
    let variant = c.enum_index.and_then(|e| {
        let en = &m.enums[e];
        let v = en
            .variants
            .iter()
            .find(|v| std::ptr::eq(&m.ctors[v.ctor], c))?;
        Some((tl_path("enums", &en.module, &en.ident), &v.ident))
    });
    if let Some((e, v)) = variant {
        code.push_str("// As its boxed type (serialized with the constructor ID first):\n");
        if c.fields.is_empty() && c.flags.is_empty() {
            code.push_str(&format!("let boxed = {e}::{v};\n"));
        } else {
            code.push_str(&format!("let boxed = {e}::{v}(value);\n"));
        }
    }
    code
}

/// The lines of a ```` ```rust,ignore ```` block around `code`.
pub(super) fn fenced(code: &str) -> Vec<String> {
    let mut out = vec!["```rust,ignore".to_owned()];
    out.extend(code.lines().map(str::to_owned));
    out.push("```".to_owned());
    out
}

/// A non-generic function to stand for a generic parameter (`invokeWithLayer`'s `query`):
/// `help.getConfig` when the schema has it, else the kept non-generic function with the
/// fewest fields. (path, expression).
fn concrete(m: &Model) -> Option<(String, String)> {
    let candidates = || {
        m.functions
            .iter()
            .zip(&m.returns)
            .filter(|(f, r)| {
                f.keep && f.generics.is_empty() && !matches!(r, Return::Unsupported(_))
            })
            .map(|(f, _)| f)
    };
    let f = candidates()
        .find(|f| f.tl_name == "help.getConfig")
        .or_else(|| candidates().min_by_key(|f| f.fields.len()))?;
    let path = tl_path("functions", &f.module, &f.ident);
    let expr = struct_expr(m, f, &path, 1, None);
    Some((path, expr))
}

/// `Path { field: value, .. }` (or `Path` without fields), indented for `depth`.
fn struct_expr(
    m: &Model,
    item: &Item,
    path: &str,
    depth: usize,
    generic: Option<&(String, String)>,
) -> String {
    if item.fields.is_empty() {
        return path.to_owned();
    }
    let indent = "    ".repeat(depth + 1);
    let mut s = format!("{path} {{\n");
    for f in &item.fields {
        let v = if f.is_true_flag() {
            "false".to_owned()
        } else if f.flag.is_some() {
            "None".to_owned()
        } else {
            let v = value(m, &f.ty, depth + 1, generic);
            if f.boxed { format!("Box::new({v})") } else { v }
        };
        s.push_str(&format!("{indent}{}: {v},\n", f.ident));
    }
    s.push_str(&"    ".repeat(depth));
    s.push('}');
    s
}

/// The simplest value of `ty`.
fn value(m: &Model, ty: &Ty, depth: usize, generic: Option<&(String, String)>) -> String {
    if depth > MAX_DEPTH {
        return "todo!()".to_owned();
    }
    match ty {
        Ty::Int | Ty::Long | Ty::Int53 => "0".to_owned(),
        Ty::Nullable(_) => "None".to_owned(),
        Ty::Double => "0.0".to_owned(),
        Ty::Int128 => "[0; 16]".to_owned(),
        Ty::Int256 => "[0; 32]".to_owned(),
        Ty::String => "String::new()".to_owned(),
        Ty::Bytes | Ty::Vector { .. } => "Vec::new()".to_owned(),
        Ty::Bool | Ty::True => "false".to_owned(),
        Ty::Object => "tlgen_runtime::Object::default()".to_owned(),
        Ty::SecureString => "tlgen_runtime::SecureString::default()".to_owned(),
        Ty::SecureBytes => "tlgen_runtime::SecureBytes::default()".to_owned(),
        Ty::Generic(_) => generic
            .map(|(_, e)| e.clone())
            .unwrap_or_else(|| "todo!()".to_owned()),
        Ty::Bare(c) => {
            let it = &m.ctors[*c];
            struct_expr(
                m,
                it,
                &tl_path("types", &it.module, &it.ident),
                depth,
                generic,
            )
        }
        Ty::Enum(e) => {
            let en = &m.enums[*e];
            let Some(v) = en.variants.iter().min_by_key(|v| m.ctors[v.ctor].min_size) else {
                return "todo!()".to_owned();
            };
            let c = &m.ctors[v.ctor];
            let enum_path = tl_path("enums", &en.module, &en.ident);
            if c.fields.is_empty() && c.flags.is_empty() {
                format!("{enum_path}::{}", v.ident)
            } else {
                let inner =
                    struct_expr(m, c, &tl_path("types", &c.module, &c.ident), depth, generic);
                format!("{enum_path}::{}({inner})", v.ident)
            }
        }
    }
}
