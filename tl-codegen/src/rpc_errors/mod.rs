//! Typed RPC errors and method-page documentation, from an error table and a method table.
//!
//! Enabled by [`Config::errors`](crate::Config::errors) (the error table, `name,codes,description`)
//! and optionally [`Config::methods`](crate::Config::methods) (the method table,
//! `method,usability,errors`); both are read with [`tlgen_errors`]. Malformed tables fail
//! generation with [`Error::Table`](crate::Error::Table) (`file:line:col: error: ...` for every
//! problem). Rows of the method table naming a function the schema does not have are skipped
//! with a warning ([`Output::warnings`](crate::Output::warnings)).
//!
//! # What is generated
//!
//! A root module `errors` next to `types`, `functions` and `enums`:
//!
//! * `errors::RpcError`: one variant per row of the error table, named by
//!   [`tlgen_errors::ErrorDef::rust_variant_name`] (`FLOOD_WAIT_X` → `FloodWait`,
//!   `2FA_CONFIRM_WAIT_X` → `TwoFaConfirmWait`). A parameterised error carries its number in
//!   a `u32` field named after the description's placeholder (`FloodWait { seconds }`,
//!   `FilePartMissing { which }`, `value` when the description names none). An error listed
//!   with several codes (`400 403`) also has a `code: i32` field (`error_code` if the
//!   parameter is itself called `code`), so the code received is never lost. Unknown errors
//!   are `Other { code: i32, message: String }`.
//! * `RpcError::from_code_message(code, message)`: the error table decides which row a
//!   message names, exactly like [`tlgen_errors::ErrorTable::lookup`]: first a row whose name
//!   equals the message, then the parameterised rows in [`tlgen_errors::ErrorTable::patterns`]
//!   order, each tried with `tlgen_runtime::match_param`, the one definition of the rule
//!   (`FLOOD_WAIT_42` → `FloodWait { seconds: 42 }`, `FILE_PART_7_MISSING` →
//!   `FilePartMissing { which: 7 }`). That row gives the variant only
//!   if the received code is one the table lists for it; otherwise the error is `Other`.
//!   Hence, for every input, `code()` and `message()` give back exactly what was received.
//! * Methods on `RpcError` (and on every per-method enum): `code()`, `name()` (the table
//!   name, `FLOOD_WAIT_X`, or the message itself for `Other`), `message()` (the wire message,
//!   `FLOOD_WAIT_42`), `value()` (the number of a parameterised error), `description()`,
//!   `class()` (a `tlgen_runtime::ErrorClass`: `SeeOther`, `BadRequest`, ..., `Other(i32)`)
//!   and `wait_duration()`: `Some` for every error whose parameter is named `seconds` or
//!   `minutes` (`FLOOD_WAIT_X`, `SLOWMODE_WAIT_X`, `2FA_CONFIRM_WAIT_X`,
//!   `..._WAIT_XMIN`, ...), `None` otherwise. `Display` gives
//!   `420 FLOOD_WAIT_42: A wait of 42 seconds is required` (the description with the
//!   placeholder filled in), or `code message` for `Other`; `std::error::Error` and
//!   `tlgen_runtime::RpcErrorInfo` are implemented.
//! * `From<types::RpcError>` and `From<&types::RpcError>` (when the schema has
//!   `rpc_error#2144ca19 error_code:int error_message:string = RpcError`), and back.
//! * Per method of the method table that the schema defines, `errors::methods::<ns>::<Fn>Error`
//!   (`errors::methods::auth::ResetAuthorizationsError` for `auth.resetAuthorizations`): the
//!   listed errors as variants of the same shape, plus `Other(RpcError)`. `From<RpcError>`
//!   classifies into it and `From<..Error> for RpcError` goes back. The suffix keeps the names
//!   distinct from everything else.
//! * For every function struct, `tlgen_runtime::MethodErrors` with `type Error`: the method's
//!   enum when the method table lists it, `RpcError` when not, and `<X as MethodErrors>::Error`
//!   for wrappers whose result is their generic query (`invokeWithLayer`; their own listed
//!   errors arrive as `Other(RpcError::..)` there, and still have their enum).
//!
//! # Documentation//!
//! # Documentation
//!
//! On the method page of every function (the `docs` step) the tables add `# Possible errors`
//! (code, name linked to the `RpcError` variant, description), `# Can bots use this method?`
//! (Yes / No / Unknown) and, under `# Related pages`, the method's error enum.
//!
//! The generated code is built in its `code` module.

mod code;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use proc_macro2::TokenStream;
use quote::quote;
use tlgen_errors::{ErrorTable, MethodTable, NamePattern, Usability};
use tlgen_parser::{Diagnostic, Diagnostics};

use crate::docs::data::ErrorDoc;
use crate::docs::markdown::{cell, doc_text};
use crate::docs::path;
use crate::emit::inner_doc_attrs;
use crate::extension::{Extension, FunctionInfo};
use crate::model::{Model, Return, Ty};
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

/// The extension; built by [`Config`](crate::Config) when an error table is given.
pub(crate) struct RpcErrors {
    errors_file: String,
    methods_file: Option<String>,
    errors: Vec<ErrRow>,
    /// Indices of parameterised errors in matching order.
    patterns: Vec<usize>,
    methods: HashMap<String, Method>,
    /// Generic wrappers (`invokeWithLayer`): the TL name and the parameter whose errors they
    /// have.
    wrappers: HashMap<String, String>,
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
            wrappers: HashMap::new(),
            rpc_ctor: None,
            fn_paths: HashMap::new(),
        };
        ext.describe_model(model);
        Ok((ext, warnings))
    }

    fn describe_model(&mut self, m: &Model) {
        for c in m
            .ctors
            .iter()
            .filter(|c| c.keep && c.tl_name == "rpc_error")
        {
            let code = c
                .fields
                .iter()
                .find(|f| f.tl_name == "error_code" && f.ty == Ty::Int && f.flag.is_none());
            let msg = c
                .fields
                .iter()
                .find(|f| f.tl_name == "error_message" && f.ty == Ty::String && f.flag.is_none());
            if let (Some(code), Some(msg), 2) = (code, msg, c.fields.len()) {
                self.rpc_ctor = Some((
                    path("types", &c.module, &c.ident),
                    code.ident.clone(),
                    msg.ident.clone(),
                ));
            }
        }
        for (f, ret) in m.functions.iter().zip(&m.returns).filter(|(f, _)| f.keep) {
            self.fn_paths
                .insert(f.tl_name.clone(), path("functions", &f.module, &f.ident));
            if let Return::Generic(g) = ret {
                self.wrappers.insert(f.tl_name.clone(), g.clone());
            }
        }
    }

    // ---- docs -----------------------------------------------------------------------------

    fn error_link(&self, root: &str, e: &ErrRow) -> String {
        format!("[`{}`]({root}errors::RpcError::{})", e.name, e.variant)
    }

    /// A row of a `# Possible errors` table: codes, linked name, description.
    fn error_row(&self, root: &str, e: &ErrRow) -> String {
        let codes: Vec<String> = e.codes.iter().map(i32::to_string).collect();
        format!(
            "| {} | {} | {} |",
            codes.join(", "),
            self.error_link(root, e),
            cell(&doc_text(&e.description))
        )
    }

    /// The link to the method's own error enum, when the method table lists it.
    fn enum_link(&self, tl_name: &str, root: &str) -> Option<String> {
        self.methods.get(tl_name).map(|m| {
            format!(
                "[`{}`]({root}errors::methods::{}{})",
                m.enum_ident,
                m.module
                    .iter()
                    .map(|p| format!("{p}::"))
                    .collect::<String>(),
                m.enum_ident
            )
        })
    }

    /// `# Possible errors` and `# Can bots use this method?` of a function's page.
    /// `wrapper`: the generic parameter whose errors a wrapper function has.
    pub(crate) fn method_sections(
        &self,
        out: &mut Vec<String>,
        tl_name: &str,
        wrapper: Option<&str>,
        root: &str,
        rt: &str,
        docs_errors: Option<&[ErrorDoc]>,
    ) {
        out.push(String::new());
        out.push("# Possible errors".to_owned());
        out.push(String::new());
        let method = self.methods.get(tl_name);
        match (method, docs_errors.filter(|d| !d.is_empty())) {
            (_, Some(documented)) => {
                // The documentation's list first (its codes and descriptions: Telegram's own
                // page), linked to our variants where the error table has the error; then the
                // method table's errors the documentation does not mention.
                out.push("| Code | Error | Description |".to_owned());
                out.push("| --- | --- | --- |".to_owned());
                let mut shown = Vec::new();
                for d in documented {
                    let name = d.name.replace("%d", "X");
                    let error = match self.errors.iter().find(|e| e.name == name) {
                        Some(e) if !name.is_empty() => self.error_link(root, e),
                        _ if name.is_empty() => String::new(),
                        _ => format!("`{name}`"),
                    };
                    out.push(format!(
                        "| {} | {error} | {} |",
                        d.code,
                        cell(&doc_text(&d.description))
                    ));
                    shown.push(name);
                }
                for &i in method.map_or(&[][..], |m| &m.errors[..]) {
                    let e = &self.errors[i];
                    if !shown.contains(&e.name) {
                        out.push(self.error_row(root, e));
                    }
                }
                out.push(String::new());
            }
            (Some(m), None) if !m.errors.is_empty() => {
                out.push("| Code | Error | Description |".to_owned());
                out.push("| --- | --- | --- |".to_owned());
                for &i in &m.errors {
                    out.push(self.error_row(root, &self.errors[i]));
                }
                out.push(String::new());
            }
            (Some(_), None) => {
                out.push(format!(
                    "The method table (`{}`) lists no errors for this method.",
                    self.methods_file.as_deref().unwrap_or("")
                ));
                out.push(String::new());
            }
            (None, None) => {
                out.push(match &self.methods_file {
                    Some(file) => format!("The method table (`{file}`) does not list this method."),
                    None => "No method table was given.".to_owned(),
                });
                out.push(String::new());
            }
        }
        let enum_link = self.enum_link(tl_name, root);
        let trait_link = format!("[`MethodErrors`]({rt}MethodErrors)");
        match (wrapper, &enum_link) {
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
    }

    /// The lines the tables add to a function's `# Related pages`.
    pub(crate) fn related_pages(&self, tl_name: &str, root: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(l) = self.enum_link(tl_name, root) {
            out.push(format!("- {l}: the errors of this method"));
        }
        out.push(format!(
            "- [`errors::RpcError`]({root}errors::RpcError): every known RPC error"
        ));
        out
    }

    fn fn_path(&self, tl: &str) -> String {
        self.fn_paths.get(tl).cloned().unwrap_or_default()
    }
}

impl Extension for RpcErrors {
    fn function_items(&self, f: &FunctionInfo<'_>) -> TokenStream {
        let rt = &f.runtime;
        let root = &f.root;
        let name = ident(f.ident);
        let generics: Vec<_> = f.generics.iter().map(|g| ident(g)).collect();
        let wrapper = self.wrappers.get(f.tl_name);
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
                if wrapper.is_some_and(|w| g == w) {
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
        let mut by_module: BTreeMap<Vec<String>, Vec<crate::render::Entry>> = BTreeMap::new();
        let mut names: Vec<(&String, &Method)> = self.methods.iter().collect();
        names.sort_by(|a, b| (&a.1.module, &a.1.enum_ident).cmp(&(&b.1.module, &b.1.enum_ident)));
        for (tl, m) in names {
            by_module
                .entry(m.module.clone())
                .or_default()
                .push(crate::render::Entry::Item(
                    self.method_enum(m, tl, runtime).into(),
                ));
        }
        let methods = crate::emit::nest(Default::default(), by_module, &|ns| {
            format!("Errors of the functions in namespace `{ns}`.")
        })
        .into_tokens();
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
}
