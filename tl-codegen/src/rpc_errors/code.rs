//! The generated code of the typed RPC errors: `errors::RpcError` (variants, parsing a code
//! and message, accessors, `Display`) and the per-method enums.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{ErrRow, Method, RpcErrors};
use crate::docs::markdown::{doc_text, first_line};
use crate::emit::doc_attrs;
use crate::naming::ident;

impl RpcErrors {
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
                        e.codes
                            .first()
                            .copied()
                            .unwrap_or(tlgen_errors::DEFAULT_CODE),
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
                    .unwrap_or(tlgen_errors::DEFAULT_CODE)
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

    pub(super) fn rpc_error_items(&self, rt: &TokenStream) -> TokenStream {
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

    pub(super) fn method_enum(&self, m: &Method, fn_tl: &str, rt: &TokenStream) -> TokenStream {
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

/// The description as a format string: `{field}` becomes `{value}`, other braces are escaped.
fn fill_placeholder(desc: &str, field: Option<&str>) -> String {
    let escaped = desc.replace('{', "{{").replace('}', "}}");
    match field {
        Some(f) => escaped.replace(&format!("{{{{{f}}}}}"), "{value}"),
        None => escaped,
    }
}

fn class_name(code: i32) -> String {
    match tlgen_errors::ErrorClass::from_code(code).tl_name() {
        Some(n) => n.to_owned(),
        None => "no named class".to_owned(),
    }
}
