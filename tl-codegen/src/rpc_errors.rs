//! Typed RPC errors and method-page documentation, from an error table and a method table.
//!
//! Enabled by [`Config::errors`](crate::Config::errors) (the error table, `name,codes,description`)
//! and optionally [`Config::methods`](crate::Config::methods) (the method table,
//! `method,usability,errors`); both are read with [`tl_errors`]. Malformed tables fail
//! generation with [`Error::Table`](crate::Error::Table) (`file:line:col: error: ...` for every
//! problem). Rows of the method table naming a function the schema does not have are skipped
//! with a warning ([`Output::warnings`](crate::Output::warnings)).
//!
//! # What is generated
//!
//! A root module `errors` next to `types`, `functions` and `enums`:
//!
//! * `errors::RpcError`: one variant per row of the error table, named by
//!   [`tl_errors::ErrorDef::rust_variant_name`] (`FLOOD_WAIT_X` → `FloodWait`,
//!   `2FA_CONFIRM_WAIT_X` → `TwoFaConfirmWait`). A parameterised error carries its number in
//!   a `u32` field named after the description's placeholder (`FloodWait { seconds }`,
//!   `FilePartMissing { which }`, `value` when the description names none). An error listed
//!   with several codes (`400 403`) also has a `code: i32` field (`error_code` if the
//!   parameter is itself called `code`), so the code received is never lost. Unknown errors
//!   are `Other { code: i32, message: String }`.
//! * `RpcError::from_code_message(code, message)`: the error table decides which row a
//!   message names, exactly like [`tl_errors::ErrorTable::lookup`]: first a row whose name
//!   equals the message, then the parameterised rows in [`tl_errors::ErrorTable::patterns`]
//!   order, each tried with `tl_runtime::match_param`, the one definition of the rule
//!   (`FLOOD_WAIT_42` → `FloodWait { seconds: 42 }`, `FILE_PART_7_MISSING` →
//!   `FilePartMissing { which: 7 }`). That row gives the variant only
//!   if the received code is one the table lists for it; otherwise the error is `Other`.
//!   Hence, for every input, `code()` and `message()` give back exactly what was received.
//! * Methods on `RpcError` (and on every per-method enum): `code()`, `name()` (the table
//!   name, `FLOOD_WAIT_X`, or the message itself for `Other`), `message()` (the wire message,
//!   `FLOOD_WAIT_42`), `value()` (the number of a parameterised error), `description()`,
//!   `class()` (a `tl_runtime::ErrorClass`: `SeeOther`, `BadRequest`, ..., `Other(i32)`)
//!   and `wait_duration()`: `Some` for every error whose parameter is named `seconds` or
//!   `minutes` (`FLOOD_WAIT_X`, `SLOWMODE_WAIT_X`, `2FA_CONFIRM_WAIT_X`,
//!   `..._WAIT_XMIN`, ...), `None` otherwise. `Display` gives
//!   `420 FLOOD_WAIT_42: A wait of 42 seconds is required` (the description with the
//!   placeholder filled in), or `code message` for `Other`; `std::error::Error` and
//!   `tl_runtime::RpcErrorInfo` are implemented.
//! * `From<types::RpcError>` and `From<&types::RpcError>` (when the schema has
//!   `rpc_error#2144ca19 error_code:int error_message:string = RpcError`), and back.
//! * Per method of the method table that the schema defines, `errors::methods::<ns>::<Fn>Error`
//!   (`errors::methods::auth::ResetAuthorizationsError` for `auth.resetAuthorizations`): the
//!   listed errors as variants of the same shape, plus `Other(RpcError)`. `From<RpcError>`
//!   classifies into it and `From<..Error> for RpcError` goes back. The suffix keeps the names
//!   distinct from everything else.
//! * For every function struct, `tl_runtime::MethodErrors` with `type Error`: the method's
//!   enum when the method table lists it, `RpcError` when not, and `<X as MethodErrors>::Error`
//!   for wrappers whose result is their generic query (`invokeWithLayer`; their own listed
//!   errors arrive as `Other(RpcError::..)` there, and still have their enum).
//!
//! # Documentation
//!
//! Every function struct gets `# Parameters` (a table of TL name, Rust field, TL type, Rust type
//! and flag bit; the `flags` words are computed and not listed), `# Result`, `# Possible
//! errors` (code, name linked to the `RpcError` variant, description), `# Can bots use this
//! method?` (Yes / No / Unknown) and `# Related pages` (the types it takes and returns).
//! Constructors get `# Fields` and `# Returned by`, enums `# Returned by`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use tl_errors::{ErrorTable, MethodTable, NamePattern, Usability};
use tl_parser::{Diagnostic, Diagnostics, ParamType};

use crate::emit::{doc_attrs, inner_doc_attrs};
use crate::extension::{Extension, FunctionInfo, TypeInfo};
use crate::model::{Field, Item, Model, Return, Ty};
use crate::naming::ident;

/// One row of the error table, as the generated code needs it.
#[derive(Clone, Debug)]
struct ErrRow {
    name: String,
    variant: String,
    /// The parameter's field name (parameterised errors).
    field: Option<String>,
    prefix: String,
    suffix: String,
    codes: Vec<i32>,
    description: String,
}

impl ErrRow {
    /// `Self::Variant => "TABLE_NAME",`, its fields (if any) ignored.
    fn name_arm(&self) -> TokenStream {
        let v = ident(&self.variant);
        let name = &self.name;
        if self.field.is_none() && self.code_field().is_none() {
            quote!(Self::#v => #name,)
        } else {
            quote!(Self::#v { .. } => #name,)
        }
    }

    fn code_field(&self) -> Option<&'static str> {
        if self.codes.len() < 2 {
            None
        } else if self.field.as_deref() == Some("code") {
            Some("error_code")
        } else {
            Some("code")
        }
    }

    fn wait_unit(&self) -> Option<u64> {
        match self.field.as_deref() {
            Some("seconds") => Some(1),
            Some("minutes") => Some(60),
            _ => None,
        }
    }
}

/// A method-table row for a function the schema has.
#[derive(Clone, Debug)]
struct Method {
    usability: Usability,
    errors: Vec<usize>,
    /// Module below `errors::methods` and the enum's identifier.
    module: Vec<String>,
    enum_ident: String,
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

#[derive(Clone, Debug)]
struct FnDoc {
    params: Vec<Row>,
    flags_words: Vec<String>,
    result: ResultDoc,
    related: Vec<(String, String)>,
    /// `= X` for a generic parameter `X`: the error type is `X`'s.
    wrapper: Option<String>,
}

#[derive(Clone, Debug)]
enum ResultDoc {
    Ty { rust: RType, tl: String },
    Generic { param: String },
    Unsupported { tl: String },
}

#[derive(Clone, Debug)]
struct CtorDoc {
    fields: Vec<Row>,
    flags_words: Vec<String>,
    enum_path: Option<(String, String)>,
}

/// The extension; built by [`Config`](crate::Config) when an error table is given.
pub(crate) struct RpcErrors {
    errors_file: String,
    methods_file: Option<String>,
    errors: Vec<ErrRow>,
    /// Indices of parameterised errors in matching order.
    patterns: Vec<usize>,
    methods: HashMap<String, Method>,
    functions: HashMap<String, FnDoc>,
    ctors: HashMap<String, CtorDoc>,
    /// TL names of functions (with their paths) returning a boxed type (by TL type name) or
    /// a bare constructor (by constructor name).
    returned_by: HashMap<String, Vec<(String, String)>>,
    /// `types::RpcError` path and its code and message field identifiers.
    rpc_ctor: Option<(String, String, String)>,
    /// Function paths (`functions::auth::SendCode`) by TL name.
    fn_paths: HashMap<String, String>,
}

impl RpcErrors {
    /// Builds the extension; returns it and the warnings (method rows the schema lacks and
    /// table warnings).
    /// `names`: the table names for docs (file names without directories, so the output does
    /// not depend on where the files are).
    pub(crate) fn new(
        errors: &ErrorTable,
        methods: Option<&MethodTable>,
        names: (&str, Option<&str>),
        model: &Model,
    ) -> Result<(RpcErrors, Vec<Diagnostic>), Diagnostics> {
        let mut warnings: Vec<Diagnostic> = errors.warnings().to_vec();
        let mut errs = Vec::new();
        let mut by_name = HashMap::new();
        for d in errors.defs() {
            let (prefix, suffix, field) = match &d.pattern {
                NamePattern::Exact => (String::new(), String::new(), None),
                NamePattern::Param {
                    prefix,
                    suffix,
                    field,
                } => (prefix.clone(), suffix.clone(), Some(field.clone())),
            };
            by_name.insert(d.name.clone(), errs.len());
            errs.push(ErrRow {
                name: d.name.clone(),
                variant: d.rust_variant_name().to_owned(),
                field,
                prefix,
                suffix,
                codes: d.codes.clone(),
                description: d.description.clone(),
            });
        }
        let patterns = errors.patterns().map(|d| by_name[&d.name]).collect();

        // Function paths by TL name (all of them, for validation; kept ones for output).
        let all_fns: BTreeSet<&str> = model.functions.iter().map(|f| f.tl_name.as_str()).collect();
        let mut method_rows = HashMap::new();
        if let Some(mt) = methods {
            let known = |m: &str| all_fns.contains(m);
            let diags = mt.validate(errors, Some(&known));
            let (errs_found, warns): (Vec<_>, Vec<_>) =
                diags.into_iter().partition(|d| d.is_error());
            if !errs_found.is_empty() {
                return Err(Diagnostics(errs_found));
            }
            warnings.extend(mt.warnings().iter().cloned());
            warnings.extend(warns);
            for f in model.functions.iter().filter(|f| f.keep) {
                if let Some(row) = mt.get(&f.tl_name) {
                    method_rows.insert(
                        f.tl_name.clone(),
                        Method {
                            usability: row.usability,
                            errors: row
                                .error_names()
                                .filter_map(|n| by_name.get(n).copied())
                                .collect(),
                            module: f.module.clone(),
                            enum_ident: format!("{}Error", f.ident.trim_start_matches("r#")),
                        },
                    );
                }
            }
        }

        let mut ext = RpcErrors {
            errors_file: names.0.to_owned(),
            methods_file: methods.and(names.1).map(str::to_owned),
            errors: errs,
            patterns,
            methods: method_rows,
            functions: HashMap::new(),
            ctors: HashMap::new(),
            returned_by: HashMap::new(),
            rpc_ctor: None,
            fn_paths: HashMap::new(),
        };
        ext.describe_model(model);
        Ok((ext, warnings))
    }

    fn describe_model(&mut self, m: &Model) {
        for c in m.ctors.iter().filter(|c| c.keep) {
            let (fields, flags_words) = rows(m, c);
            let enum_path = c.enum_index.map(|e| {
                let en = &m.enums[e];
                (path("enums", &en.module, &en.ident), en.tl_name.clone())
            });
            self.ctors.insert(
                c.tl_name.clone(),
                CtorDoc {
                    fields,
                    flags_words,
                    enum_path,
                },
            );
            if c.tl_name == "rpc_error" {
                let code = c
                    .fields
                    .iter()
                    .find(|f| f.tl_name == "error_code" && f.ty == Ty::Int && f.flag.is_none());
                let msg = c.fields.iter().find(|f| {
                    f.tl_name == "error_message" && f.ty == Ty::String && f.flag.is_none()
                });
                if let (Some(code), Some(msg), 2) = (code, msg, c.fields.len()) {
                    self.rpc_ctor = Some((
                        path("types", &c.module, &c.ident),
                        code.ident.clone(),
                        msg.ident.clone(),
                    ));
                }
            }
        }
        for (f, ret) in m.functions.iter().zip(&m.returns).filter(|(f, _)| f.keep) {
            let (params, flags_words) = rows(m, f);
            let fpath = path("functions", &f.module, &f.ident);
            self.fn_paths.insert(f.tl_name.clone(), fpath.clone());
            let mut related: Vec<(String, String)> = Vec::new();
            let mut add = |p: String, tl: String| {
                if !related.iter().any(|(q, _)| *q == p) {
                    related.push((p, tl));
                }
            };
            for fl in &f.fields {
                named_types(m, &fl.ty, &mut add);
            }
            let mut wrapper = None;
            let result = match ret {
                Return::Ty(t) => {
                    named_types(m, t, &mut add);
                    let mut ret_types = Vec::new();
                    named_types(m, t, &mut |p, tl| ret_types.push((p, tl)));
                    for (_, tl) in ret_types {
                        let list = self.returned_by.entry(tl).or_default();
                        if !list.iter().any(|(n, _)| *n == f.tl_name) {
                            list.push((f.tl_name.clone(), fpath.clone()));
                        }
                    }
                    ResultDoc::Ty {
                        rust: rust_type(m, t),
                        tl: f.def.result.to_string(),
                    }
                }
                Return::Generic(g) => {
                    wrapper = Some(g.clone());
                    ResultDoc::Generic { param: g.clone() }
                }
                Return::Unsupported(_) => ResultDoc::Unsupported {
                    tl: f.def.result.to_string(),
                },
            };
            self.functions.insert(
                f.tl_name.clone(),
                FnDoc {
                    params,
                    flags_words,
                    result,
                    related,
                    wrapper,
                },
            );
        }
    }

    // ---- docs -----------------------------------------------------------------------------

    fn error_link(&self, root: &str, e: &ErrRow) -> String {
        format!("[`{}`]({root}errors::RpcError::{})", e.name, e.variant)
    }

    fn function_doc_lines(&self, f: &FunctionInfo<'_>) -> Vec<String> {
        let root = root_text(&f.root);
        let Some(doc) = self.functions.get(f.tl_name) else {
            return Vec::new();
        };
        let mut out = Vec::new();

        out.push(String::new());
        out.push("# Parameters".to_owned());
        out.push(String::new());
        table(&mut out, &doc.params, &root);
        flags_note(&mut out, &doc.flags_words);

        out.push(String::new());
        out.push("# Result".to_owned());
        out.push(String::new());
        match &doc.result {
            ResultDoc::Ty { rust, tl } => out.push(format!(
                "{} (TL type `{}`).",
                link(rust, &root),
                tl.replace('`', "'")
            )),
            ResultDoc::Generic { param } => {
                let rt = root_text(&f.runtime);
                out.push(format!(
                    "`<{param} as RemoteCall>::Return`: the result of the wrapped query \
                     (see [`RemoteCall::Return`]({rt}RemoteCall::Return))."
                ));
            }
            ResultDoc::Unsupported { tl } => out.push(format!(
                "TL type `{}`, which no Rust type decodes through the runtime traits (no \
                 `RemoteCall`).",
                tl.replace('`', "'")
            )),
        }

        out.push(String::new());
        out.push("# Possible errors".to_owned());
        out.push(String::new());
        let rt = root_text(&f.runtime);
        let method = self.methods.get(f.tl_name);
        match method {
            Some(m) if !m.errors.is_empty() => {
                out.push("| Code | Error | Description |".to_owned());
                out.push("| --- | --- | --- |".to_owned());
                for &i in &m.errors {
                    let e = &self.errors[i];
                    let codes: Vec<String> = e.codes.iter().map(i32::to_string).collect();
                    out.push(format!(
                        "| {} | {} | {} |",
                        codes.join(", "),
                        self.error_link(&root, e),
                        cell(&doc_text(&e.description))
                    ));
                }
                out.push(String::new());
            }
            Some(_) => {
                out.push(format!(
                    "The method table (`{}`) lists no errors for this method.",
                    self.methods_file.as_deref().unwrap_or("")
                ));
                out.push(String::new());
            }
            None => {
                out.push(match &self.methods_file {
                    Some(file) => format!("The method table (`{file}`) does not list this method."),
                    None => "No method table was given.".to_owned(),
                });
                out.push(String::new());
            }
        }
        let enum_link = method.map(|m| {
            format!(
                "[`{}`]({root}errors::methods::{}{})",
                m.enum_ident,
                m.module
                    .iter()
                    .map(|p| format!("{p}::"))
                    .collect::<String>(),
                m.enum_ident
            )
        });
        let trait_link = format!("[`MethodErrors`]({rt}MethodErrors)");
        match (&doc.wrapper, &enum_link) {
            (Some(g), Some(l)) => out.push(format!(
                "Its {trait_link}`::Error` is the wrapped query's, `<{g} as MethodErrors>::Error`; \
                 the errors above arrive there as `Other(RpcError::..)` (they are also in {l})."
            )),
            (Some(g), None) => out.push(format!(
                "Its {trait_link}`::Error` is the wrapped query's, `<{g} as MethodErrors>::Error`."
            )),
            (None, Some(l)) => out.push(format!(
                "Its {trait_link}`::Error` is {l}: the errors above, and `Other` \
                 ([`RpcError`]({root}errors::RpcError)) for anything else."
            )),
            (None, None) => out.push(format!(
                "Its {trait_link}`::Error` is the general [`RpcError`]({root}errors::RpcError)."
            )),
        }

        out.push(String::new());
        out.push("# Can bots use this method?".to_owned());
        out.push(String::new());
        out.push(match method {
            Some(m) => format!("{}.", m.usability.bots_can_use_text()),
            None => "Unknown.".to_owned(),
        });

        out.push(String::new());
        out.push("# Related pages".to_owned());
        out.push(String::new());
        for (p, tl) in &doc.related {
            out.push(format!("- [`{p}`]({root}{p}): TL `{tl}`"));
        }
        if let Some(l) = &enum_link {
            out.push(format!("- {l}: the errors of this method"));
        }
        out.push(format!(
            "- [`errors::RpcError`]({root}errors::RpcError): every known RPC error"
        ));
        out
    }

    fn constructor_doc_lines(&self, c: &TypeInfo<'_>) -> Vec<String> {
        let root = root_text(&c.root);
        let Some(doc) = self.ctors.get(c.tl_name) else {
            return Vec::new();
        };
        let mut out = vec![String::new(), "# Fields".to_owned(), String::new()];
        table(&mut out, &doc.fields, &root);
        flags_note(&mut out, &doc.flags_words);
        if let Some((p, tl)) = &doc.enum_path {
            out.push(String::new());
            out.push(format!(
                "A constructor of [`{p}`]({root}{p}) (TL type `{tl}`)."
            ));
        }
        out.push(String::new());
        out.push("# Returned by".to_owned());
        out.push(String::new());
        let mut fns: Vec<&(String, String)> = Vec::new();
        if let Some((_, tl)) = &doc.enum_path {
            fns.extend(self.returned_by.get(tl).into_iter().flatten());
        }
        fns.extend(self.returned_by.get(c.tl_name).into_iter().flatten());
        returned_by_list(&mut out, &fns, &root);
        out
    }

    fn enum_doc_lines(&self, e: &TypeInfo<'_>) -> Vec<String> {
        let root = root_text(&e.root);
        let mut out = vec![String::new(), "# Returned by".to_owned(), String::new()];
        let fns: Vec<&(String, String)> = self
            .returned_by
            .get(e.tl_name)
            .into_iter()
            .flatten()
            .collect();
        returned_by_list(&mut out, &fns, &root);
        out
    }

    // ---- code -----------------------------------------------------------------------------

    /// Arms shared by `RpcError` and the per-method enums, for the errors `which`.
    fn arms(&self, which: &[usize]) -> Arms {
        let mut a = Arms::default();
        for &i in which {
            let e = &self.errors[i];
            let v = ident(&e.variant);
            let code_f = e.code_field().map(|c| format_ident!("{c}"));
            let val_f = e.field.as_deref().map(|f| format_ident!("{f}"));
            // Patterns binding `value` and `code`, or ignoring them.
            let mut bind = Vec::new();
            if let Some(f) = &val_f {
                bind.push(quote!(#f: value));
            }
            if let Some(c) = &code_f {
                bind.push(if c == "code" {
                    quote!(code)
                } else {
                    quote!(#c: code)
                });
            }
            let (pat_bind, pat_ignore, pat_code, pat_value) = if bind.is_empty() {
                (
                    quote!(Self::#v),
                    quote!(Self::#v),
                    quote!(Self::#v),
                    quote!(Self::#v),
                )
            } else {
                let cb = match &code_f {
                    Some(c) if c == "code" => quote!(code),
                    Some(c) => quote!(#c: code),
                    None => quote!(),
                };
                let pc = match (&code_f, &val_f) {
                    (Some(_), Some(_)) => quote!(Self::#v { #cb, .. }),
                    (Some(_), None) => quote!(Self::#v { #cb }),
                    _ => quote!(Self::#v { .. }),
                };
                let pv = match (&val_f, &code_f) {
                    (Some(f), Some(_)) => quote!(Self::#v { #f: value, .. }),
                    (Some(f), None) => quote!(Self::#v { #f: value }),
                    _ => quote!(Self::#v { .. }),
                };
                (
                    quote!(Self::#v { #(#bind),* }),
                    quote!(Self::#v { .. }),
                    pc,
                    pv,
                )
            };
            let code_expr = match &code_f {
                Some(_) => quote!(*code),
                None => {
                    let c = Literal::i32_unsuffixed(
                        e.codes.first().copied().unwrap_or(tl_errors::DEFAULT_CODE),
                    );
                    quote!(#c)
                }
            };
            let name = &e.name;
            let desc = &e.description;
            if code_f.is_some() {
                a.code.push(quote!(#pat_code => #code_expr,));
            } else {
                a.code.push(quote!(#pat_ignore => #code_expr,));
            }
            a.name.push(e.name_arm());
            a.description
                .push(quote!(#pat_ignore => ::core::option::Option::Some(#desc),));
            match &val_f {
                Some(_) => {
                    let fmt = format!("{}{{value}}{}", e.prefix, e.suffix);
                    a.message.push(
                        quote!(#pat_value => ::std::borrow::Cow::Owned(::std::format!(#fmt)),),
                    );
                    a.value
                        .push(quote!(#pat_value => ::core::option::Option::Some(*value),));
                    if let Some(unit) = e.wait_unit() {
                        let secs = if unit == 1 {
                            quote!(u64::from(*value))
                        } else {
                            let u = Literal::u64_unsuffixed(unit);
                            quote!(u64::from(*value) * #u)
                        };
                        a.wait.push(quote!(#pat_value => ::core::option::Option::Some(::core::time::Duration::from_secs(#secs)),));
                    }
                }
                None => {
                    a.message
                        .push(quote!(#pat_ignore => ::std::borrow::Cow::Borrowed(#name),));
                }
            }
            // Display: `code message: description`, placeholder filled in.
            let code_text = match &code_f {
                Some(_) => "{code}".to_owned(),
                None => e
                    .codes
                    .first()
                    .copied()
                    .unwrap_or(tl_errors::DEFAULT_CODE)
                    .to_string(),
            };
            let msg_text = match &e.field {
                Some(_) => format!("{}{{value}}{}", e.prefix, e.suffix),
                None => e.name.clone(),
            };
            let desc_text = fill_placeholder(&e.description, e.field.as_deref());
            let fmt = if desc_text.is_empty() {
                format!("{code_text} {msg_text}")
            } else {
                format!("{code_text} {msg_text}: {desc_text}")
            };
            a.display
                .push(quote!(#pat_bind => ::core::write!(f, #fmt),));
        }
        a
    }

    fn variant_defs(&self, which: &[usize], rt_root: &str) -> Vec<TokenStream> {
        which
            .iter()
            .map(|&i| {
                let e = &self.errors[i];
                let v = ident(&e.variant);
                let mut docs = vec![format!(
                    "`{}`: {}",
                    e.name,
                    first_line(&doc_text(&e.description))
                )];
                let rest: Vec<&str> = e.description.lines().skip(1).collect();
                for l in rest {
                    docs.push(doc_text(l.trim()));
                }
                docs.push(String::new());
                let codes: Vec<String> = e.codes.iter().map(i32::to_string).collect();
                docs.push(format!(
                    "Code{} {} ({}).",
                    if codes.len() > 1 { "s" } else { "" },
                    codes.join(", "),
                    e.codes
                        .iter()
                        .map(|&c| class_name(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                if e.wait_unit().is_some() {
                    docs.push(format!(
                        "[`wait_duration`]({rt_root}RpcError::wait_duration) is `Some`."
                    ));
                }
                let doc = doc_attrs(&docs);
                let mut fields = Vec::new();
                if let Some(f) = &e.field {
                    let fi = format_ident!("{f}");
                    let d = format!(
                        " The number in place of the `X` of `{}` (`{{{f}}}` in the description).",
                        e.name
                    );
                    fields.push(quote!(#[doc = #d] #fi: u32));
                }
                if let Some(c) = e.code_field() {
                    let ci = format_ident!("{c}");
                    let d = format!(
                        " The code received: one of {}.",
                        e.codes
                            .iter()
                            .map(i32::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    fields.push(quote!(#[doc = #d] #ci: i32));
                }
                if fields.is_empty() {
                    quote!(#doc #v)
                } else {
                    quote!(#doc #v { #(#fields),* })
                }
            })
            .collect()
    }

    /// The body of `RpcError::from_code_message` and, when there are parameterised errors,
    /// the `from_pattern` helper it calls.
    fn parse_fn_body(&self, rt: &TokenStream) -> (TokenStream, TokenStream) {
        let accept = |e: &ErrRow, value: TokenStream| -> TokenStream {
            let v = ident(&e.variant);
            let mut inits = Vec::new();
            if let Some(f) = &e.field {
                let fi = format_ident!("{f}");
                inits.push(quote!(#fi: #value));
            }
            match e.code_field() {
                Some("code") => inits.push(quote!(code)),
                Some(c) => {
                    let ci = format_ident!("{c}");
                    inits.push(quote!(#ci: code));
                }
                None => {}
            }
            let ctor = if inits.is_empty() {
                quote!(Self::#v)
            } else {
                quote!(Self::#v { #(#inits),* })
            };
            let cond = if let [c] = e.codes[..] {
                let c = Literal::i32_unsuffixed(c);
                quote!(code == #c)
            } else {
                let cs = e.codes.iter().map(|&c| Literal::i32_unsuffixed(c));
                quote!([#(#cs),*].contains(&code))
            };
            quote!((#cond).then_some(#ctor))
        };
        let exact: Vec<TokenStream> = self
            .errors
            .iter()
            .filter(|e| e.field.is_none())
            .map(|e| {
                let name = &e.name;
                let body = accept(e, quote!());
                quote!(#name => #body,)
            })
            .collect();
        let pats: Vec<TokenStream> = self
            .patterns
            .iter()
            .map(|&i| {
                let e = &self.errors[i];
                let (p, s) = (&e.prefix, &e.suffix);
                let body = accept(e, quote!(value));
                quote! {
                    if let ::core::option::Option::Some(value) = #rt::match_param(#p, #s, message) {
                        return #body;
                    }
                }
            })
            .collect();
        let (pattern_expr, helper) = if pats.is_empty() {
            (quote!(::core::option::Option::None), TokenStream::new())
        } else {
            (
                quote!(Self::from_pattern(code, message)),
                quote! {
                    /// The parameterised errors, longest prefix first (then longest suffix,
                    /// then name).
                    fn from_pattern(code: i32, message: &str) -> ::core::option::Option<Self> {
                        #(#pats)*
                        ::core::option::Option::None
                    }
                },
            )
        };
        let known = if exact.is_empty() {
            pattern_expr
        } else {
            quote!(match message {
                #(#exact)*
                _ => #pattern_expr,
            })
        };
        (
            quote! {
                let known: ::core::option::Option<Self> = #known;
                known.unwrap_or_else(|| Self::Other {
                    code,
                    message: ::std::borrow::ToOwned::to_owned(message),
                })
            },
            helper,
        )
    }

    fn rpc_error_items(&self, rt: &TokenStream) -> TokenStream {
        let all: Vec<usize> = (0..self.errors.len()).collect();
        let variants = self.variant_defs(&all, "");
        let a = self.arms(&all);
        let (body, helper) = self.parse_fn_body(rt);
        let Arms {
            code,
            name,
            description,
            message,
            value,
            wait,
            display,
        } = a;
        let value_body = match_or(&value, quote!(_ => ::core::option::Option::None,));
        let wait_body = match_or(&wait, quote!(_ => ::core::option::Option::None,));
        let mut doc = vec![
            format!(
                "Every RPC error of the error table `{}`, typed; unknown errors are [`RpcError::Other`].",
                self.errors_file
            ),
            String::new(),
            "Build one from an `rpc_error` with [`RpcError::from_code_message`] (or `From`). A \
             row of the table is chosen by name (exact names first, then the `_X` patterns, \
             longest prefix first) and used only if the received code is one the table lists \
             for it; otherwise the error is kept as `Other`. So [`code`](RpcError::code) and \
             [`message`](RpcError::message) always give back what was received."
                .to_owned(),
        ];
        if let Some((p, _, _)) = &self.rpc_ctor {
            doc.push(String::new());
            doc.push(format!(
                "Converts from and to [`{p}`](super::{p}), the decoded `rpc_error#2144ca19`."
            ));
        }
        let doc = doc_attrs(&doc);
        let conv = match &self.rpc_ctor {
            Some((p, code_f, msg_f)) => {
                let p: TokenStream = p.parse().expect("path");
                let path = quote!(super::#p);
                let cf = ident(code_f);
                let mf = ident(msg_f);
                quote! {
                    impl ::core::convert::From<&#path> for RpcError {
                        fn from(e: &#path) -> Self {
                            Self::from_code_message(e.#cf, &e.#mf)
                        }
                    }
                    impl ::core::convert::From<#path> for RpcError {
                        fn from(e: #path) -> Self {
                            Self::from_code_message(e.#cf, &e.#mf)
                        }
                    }
                    impl ::core::convert::From<RpcError> for #path {
                        fn from(e: RpcError) -> Self {
                            Self {
                                #cf: e.code(),
                                #mf: e.message().into_owned(),
                            }
                        }
                    }
                }
            }
            None => TokenStream::new(),
        };
        let info = info_impl(rt, quote!(RpcError));
        quote! {
            #doc
            #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
            pub enum RpcError {
                #(#variants,)*
                /// An error the table does not know, or a known name received with a code the
                /// table does not list for it.
                Other {
                    /// The code received.
                    code: i32,
                    /// The message received.
                    message: ::std::string::String,
                },
            }

            impl RpcError {
                /// Classify an `rpc_error`'s code and message (see the type's docs).
                pub fn from_code_message(code: i32, message: &str) -> Self {
                    #body
                }

                #helper

                /// The code, as received (`420`, `-503`, ...).
                pub fn code(&self) -> i32 {
                    match self {
                        #(#code)*
                        Self::Other { code, .. } => *code,
                    }
                }

                /// The table name (`FLOOD_WAIT_X`), or the message for [`RpcError::Other`].
                pub fn name(&self) -> &str {
                    match self {
                        #(#name)*
                        Self::Other { message, .. } => message,
                    }
                }

                /// The message as received (`FLOOD_WAIT_42`).
                pub fn message(&self) -> ::std::borrow::Cow<'_, str> {
                    match self {
                        #(#message)*
                        Self::Other { message, .. } => ::std::borrow::Cow::Borrowed(message),
                    }
                }

                /// The number of a parameterised error (`42` for `FLOOD_WAIT_42`).
                pub fn value(&self) -> ::core::option::Option<u32> {
                    #value_body
                }

                /// The table's description, `{placeholder}` included; `None` for
                /// [`RpcError::Other`].
                pub fn description(&self) -> ::core::option::Option<&'static str> {
                    match self {
                        #(#description)*
                        Self::Other { .. } => ::core::option::Option::None,
                    }
                }

                /// The class of [`code`](Self::code).
                pub fn class(&self) -> #rt::ErrorClass {
                    #rt::ErrorClass::from_code(self.code())
                }

                /// How long to wait before retrying: `Some` for the errors whose parameter is
                /// `seconds` or `minutes` (`FLOOD_WAIT_X`, `SLOWMODE_WAIT_X`, ...).
                pub fn wait_duration(&self) -> ::core::option::Option<::core::time::Duration> {
                    #wait_body
                }
            }

            /// `420 FLOOD_WAIT_42: A wait of 42 seconds is required`; `code message` for
            /// [`RpcError::Other`].
            impl ::core::fmt::Display for RpcError {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match self {
                        #(#display)*
                        Self::Other { code, message } => ::core::write!(f, "{code} {message}"),
                    }
                }
            }

            impl ::std::error::Error for RpcError {}

            #info
            #conv
        }
    }

    fn method_enum(&self, m: &Method, fn_tl: &str, rt: &TokenStream) -> TokenStream {
        let depth = 2 + m.module.len(); // errors::methods::<module>
        let to_errors = "super::".repeat(depth - 1);
        let to_root = "super::".repeat(depth);
        let errors_path: TokenStream = to_errors.parse().expect("path");
        let rpc = quote!(#errors_path RpcError);
        let name = ident(&m.enum_ident);
        let variants = self.variant_defs(&m.errors, &to_errors);
        // Only `name` needs its own match (it borrows); everything else goes through the
        // general `RpcError`, which keeps the per-method enums (hundreds of them) small.
        let names: Vec<TokenStream> = m
            .errors
            .iter()
            .map(|&i| self.errors[i].name_arm())
            .collect();
        let fn_path = self.fn_path(fn_tl);
        let doc = doc_attrs(&[
            format!(
                "The errors [`{fn_tl}`]({to_root}{fn_path}) can return, per the method table; \
                 anything else is `Other`."
            ),
            String::new(),
            format!(
                "Build one with `From<`[`RpcError`]({to_errors}RpcError)`>` or \
                 [`from_code_message`](Self::from_code_message)."
            ),
        ]);
        // Conversions.
        let mut to_method = Vec::new();
        let mut to_rpc = Vec::new();
        for &i in &m.errors {
            let e = &self.errors[i];
            let v = ident(&e.variant);
            let mut fields = Vec::new();
            if let Some(f) = &e.field {
                fields.push(format_ident!("{f}"));
            }
            if let Some(c) = e.code_field() {
                fields.push(format_ident!("{c}"));
            }
            if fields.is_empty() {
                to_method.push(quote!(#rpc::#v => Self::#v,));
                to_rpc.push(quote!(#name::#v => Self::#v,));
            } else {
                to_method.push(quote!(#rpc::#v { #(#fields),* } => Self::#v { #(#fields),* },));
                to_rpc.push(quote!(#name::#v { #(#fields),* } => Self::#v { #(#fields),* },));
            }
        }
        let from_rpc = if to_method.is_empty() {
            quote!(Self::Other(e))
        } else {
            quote!(match e {
                #(#to_method)*
                e => Self::Other(e),
            })
        };
        let info = info_impl(rt, quote!(#name));
        // Arms for the known variants (none when the table lists no errors for the method).
        let (known_to_rpc, known_message) = if m.errors.is_empty() {
            (quote!(), quote!())
        } else {
            (
                quote!(e => ::std::borrow::Cow::Owned(#rpc::from(e.clone())),),
                quote!(e => ::std::borrow::Cow::Owned(e.to_rpc_error().message().into_owned()),),
            )
        };
        quote! {
            #doc
            #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
            pub enum #name {
                #(#variants,)*
                /// Any other error, typed as far as the error table knows it.
                Other(#rpc),
            }

            impl #name {
                /// Classify an `rpc_error`'s code and message.
                pub fn from_code_message(code: i32, message: &str) -> Self {
                    Self::from(#rpc::from_code_message(code, message))
                }

                /// This error as the general `RpcError` (borrowed for `Other`).
                pub fn to_rpc_error(&self) -> ::std::borrow::Cow<'_, #rpc> {
                    match self {
                        Self::Other(e) => ::std::borrow::Cow::Borrowed(e),
                        #known_to_rpc
                    }
                }

                /// The code, as received.
                pub fn code(&self) -> i32 {
                    self.to_rpc_error().code()
                }

                /// The table name (`FLOOD_WAIT_X`), or the message of an unknown error.
                pub fn name(&self) -> &str {
                    match self {
                        #(#names)*
                        Self::Other(e) => e.name(),
                    }
                }

                /// The message as received (`FLOOD_WAIT_42`).
                pub fn message(&self) -> ::std::borrow::Cow<'_, str> {
                    match self {
                        Self::Other(e) => e.message(),
                        #known_message
                    }
                }

                /// The number of a parameterised error.
                pub fn value(&self) -> ::core::option::Option<u32> {
                    self.to_rpc_error().value()
                }

                /// The table's description.
                pub fn description(&self) -> ::core::option::Option<&'static str> {
                    self.to_rpc_error().description()
                }

                /// The class of [`code`](Self::code).
                pub fn class(&self) -> #rt::ErrorClass {
                    #rt::ErrorClass::from_code(self.code())
                }

                /// How long to wait before retrying, for flood-wait style errors.
                pub fn wait_duration(&self) -> ::core::option::Option<::core::time::Duration> {
                    self.to_rpc_error().wait_duration()
                }
            }

            impl ::core::convert::From<#rpc> for #name {
                fn from(e: #rpc) -> Self {
                    #from_rpc
                }
            }

            impl ::core::convert::From<#name> for #rpc {
                fn from(e: #name) -> Self {
                    match e {
                        #(#to_rpc)*
                        #name::Other(e) => e,
                    }
                }
            }

            impl ::core::fmt::Display for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::fmt::Display::fmt(&*self.to_rpc_error(), f)
                }
            }

            impl ::std::error::Error for #name {}

            #info
        }
    }

    fn fn_path(&self, tl: &str) -> String {
        self.fn_paths.get(tl).cloned().unwrap_or_default()
    }
}

#[derive(Default)]
struct Arms {
    code: Vec<TokenStream>,
    name: Vec<TokenStream>,
    description: Vec<TokenStream>,
    message: Vec<TokenStream>,
    value: Vec<TokenStream>,
    wait: Vec<TokenStream>,
    display: Vec<TokenStream>,
}

/// `match self { arms.. fallback }`, or just the fallback's value when there are no arms.
fn match_or(arms: &[TokenStream], fallback: TokenStream) -> TokenStream {
    if arms.is_empty() {
        quote!(::core::option::Option::None)
    } else {
        quote!(match self {
            #(#arms)*
            #fallback
        })
    }
}

fn info_impl(rt: &TokenStream, ty: TokenStream) -> TokenStream {
    quote! {
        impl #rt::RpcErrorInfo for #ty {
            fn from_code_message(code: i32, message: &str) -> Self {
                Self::from_code_message(code, message)
            }
            fn code(&self) -> i32 {
                Self::code(self)
            }
            fn name(&self) -> &str {
                Self::name(self)
            }
            fn message(&self) -> ::std::borrow::Cow<'_, str> {
                Self::message(self)
            }
            fn wait_duration(&self) -> ::core::option::Option<::core::time::Duration> {
                Self::wait_duration(self)
            }
        }
    }
}

impl Extension for RpcErrors {
    fn function_docs(&self, f: &FunctionInfo<'_>) -> Vec<String> {
        self.function_doc_lines(f)
    }

    fn function_items(&self, f: &FunctionInfo<'_>) -> TokenStream {
        let rt = &f.runtime;
        let root = &f.root;
        let name = ident(f.ident);
        let generics: Vec<_> = f.generics.iter().map(|g| ident(g)).collect();
        let wrapper = self
            .functions
            .get(f.tl_name)
            .and_then(|d| d.wrapper.clone());
        let error_ty = if let Some(g) = &wrapper {
            let g = ident(g);
            quote!(<#g as #rt::MethodErrors>::Error)
        } else if let Some(m) = self.methods.get(f.tl_name) {
            let mods = m.module.iter().map(|p| ident(p));
            let e = ident(&m.enum_ident);
            quote!(#root errors::methods::#(#mods::)* #e)
        } else {
            quote!(#root errors::RpcError)
        };
        let (impl_gen, ty_gen) = if generics.is_empty() {
            (quote!(), quote!())
        } else {
            let bounds = generics.iter().map(|g| {
                if wrapper.as_deref() == Some(&g.to_string()) {
                    quote!(#g: #rt::MethodErrors)
                } else {
                    quote!(#g)
                }
            });
            (quote!(<#(#bounds),*>), quote!(<#(#generics),*>))
        };
        quote! {
            impl #impl_gen #rt::MethodErrors for #name #ty_gen {
                type Error = #error_ty;
            }
        }
    }

    fn root_items(&self, runtime: &TokenStream) -> TokenStream {
        let rpc = self.rpc_error_items(runtime);
        // Per-method enums, grouped by module.
        let mut by_module: BTreeMap<Vec<String>, Vec<TokenStream>> = BTreeMap::new();
        by_module.entry(Vec::new()).or_default();
        let mut names: Vec<(&String, &Method)> = self.methods.iter().collect();
        names.sort_by(|a, b| (&a.1.module, &a.1.enum_ident).cmp(&(&b.1.module, &b.1.enum_ident)));
        for (tl, m) in names {
            by_module
                .entry(m.module.clone())
                .or_default()
                .push(self.method_enum(m, tl, runtime));
        }
        let methods = crate::emit::nest(by_module, &[], &|ns| {
            format!(" Errors of the functions in namespace `{ns}`.")
        });
        let doc = inner_doc_attrs(&[
            format!(
                "Typed RPC errors, from the error table `{}`{}.",
                self.errors_file,
                match &self.methods_file {
                    Some(f) => format!(" and the method table `{f}`"),
                    None => String::new(),
                }
            ),
            String::new(),
            "[`RpcError`] has every known error; [`methods`] has, per method, an enum of just \
             the errors it can return (a function's `MethodErrors::Error`)."
                .to_owned(),
        ]);
        quote! {
            #[allow(clippy::enum_variant_names)]
            pub mod errors {
                // Inner docs: their links resolve inside the module.
                #doc
                #rpc

                /// Per method (`errors::methods::auth::ResetAuthorizationsError` for
                /// `auth.resetAuthorizations`), the errors the method table lists for it,
                /// plus `Other`.
                pub mod methods {
                    #methods
                }
            }
        }
    }

    fn constructor_docs(&self, c: &TypeInfo<'_>) -> Vec<String> {
        self.constructor_doc_lines(c)
    }

    fn enum_docs(&self, e: &TypeInfo<'_>) -> Vec<String> {
        self.enum_doc_lines(e)
    }
}

// ---- model helpers ----------------------------------------------------------------------------

fn path(root: &str, module: &[String], ident: &str) -> String {
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
fn root_text(ts: &TokenStream) -> String {
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

fn returned_by_list(out: &mut Vec<String>, fns: &[&(String, String)], root: &str) {
    if fns.is_empty() {
        out.push("No function returns it directly.".to_owned());
        return;
    }
    for (tl, p) in fns {
        out.push(format!("- [`{tl}`]({root}{p})"));
    }
}

/// A table cell: one line, `|` escaped.
fn cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_owned()
}

/// Markdown for table text: brackets and angle brackets escaped, URLs made autolinks (so
/// rustdoc's `bare_urls` lint stays quiet).
fn doc_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let start = word.find("https://").or_else(|| word.find("http://"));
        match start {
            Some(at) => {
                let (before, url) = word.split_at(at);
                let end = url
                    .trim_end_matches([')', '.', ',', ';', ':', '!', '?', '\'', '"'])
                    .len();
                let (url, after) = url.split_at(end);
                out.push_str(&crate::tl_text::escape_markdown(before));
                out.push('<');
                out.push_str(url);
                out.push('>');
                out.push_str(&crate::tl_text::escape_markdown(after));
            }
            None => out.push_str(&crate::tl_text::escape_markdown(word)),
        }
    }
    out
}

/// The description as a format string: `{field}` becomes `{value}`, other braces are escaped.
fn fill_placeholder(desc: &str, field: Option<&str>) -> String {
    let escaped = desc.replace('{', "{{").replace('}', "}}");
    match field {
        Some(f) => escaped.replace(&format!("{{{{{f}}}}}"), "{value}"),
        None => escaped,
    }
}

fn class_name(code: i32) -> String {
    match tl_errors::ErrorClass::from_code(code).tl_name() {
        Some(n) => n.to_owned(),
        None => "no named class".to_owned(),
    }
}
