//! Token generation: the model becomes a `proc_macro2::TokenStream`, one step per file:
//! [`types`] (structs, enums and their plain trait impls), [`ser`] (`Serializable`), [`de`]
//! (`Deserializable`), [`arbitrary`] (`Arbitrary`), and [`modules`] (the namespace modules and
//! the root items). Docs come from [`crate::docs`] as lines and become attributes here.

mod arbitrary;
mod de;
mod json;
mod modules;
mod ser;
mod types;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::Condition;
use crate::docs::Pages;
use crate::extension::Extension;
use crate::model::Model;
use crate::naming::ident;

pub(crate) use modules::{emit, nest};

/// What every [`Emitter`] is made from: plain data, shared by the threads that emit items (each
/// builds its own tokens from it; tokens cannot cross threads).
pub(crate) struct EmitSettings<'a> {
    pub model: &'a Model,
    pub pages: &'a Pages<'a>,
    pub render: crate::render::Render,
    /// The runtime crate path (`::tlgen_runtime`; checked by [`Self::emitter`]).
    pub runtime: &'a str,
    /// Derive paths (checked by [`Self::emitter`]).
    pub derives: &'a [String],
    pub serde: Option<Condition>,
    pub arbitrary: Option<Condition>,
    pub json: Option<Condition>,
    pub binary: bool,
    pub tdlib: bool,
    /// Attribute contents, checked as attributes by the driver.
    pub type_attributes: &'a [String],
    pub function_deserialize: bool,
    pub from_impls: bool,
    pub layer: Option<u32>,
}

impl<'a> EmitSettings<'a> {
    pub(crate) fn emitter<'b>(
        &'b self,
        extensions: &'b [&'b dyn Extension],
    ) -> Result<Emitter<'b>, crate::Error> {
        let path = |what: &str, s: &str| crate::generate::parse_path(what, s);
        let mut emitter = Emitter {
            model: self.model,
            render: self.render,
            pages: self.pages,
            rt: path("runtime crate path", self.runtime)?,
            derives: self
                .derives
                .iter()
                .map(|d| path("derive path", d))
                .collect::<Result<_, _>>()?,
            serde: self.serde.clone(),
            arbitrary: self.arbitrary.clone(),
            json: self.json.clone(),
            binary: self.binary,
            tdlib: self.tdlib,
            type_attributes: self
                .type_attributes
                .iter()
                .map(|a| {
                    a.parse::<TokenStream>().map_err(|e| crate::Error::Config {
                        message: format!("invalid type attribute `{a}`: {e}"),
                    })
                })
                .collect::<Result<_, _>>()?,
            function_deserialize: self.function_deserialize,
            from_impls: self.from_impls,
            extensions,
            layer: self.layer,
            type_attrs: TokenStream::new(),
        };
        emitter.type_attrs = emitter.build_type_attrs();
        Ok(emitter)
    }
}

pub(crate) struct Emitter<'a> {
    pub model: &'a Model,
    /// How item groups become text (each is printed as soon as it is built).
    pub render: crate::render::Render,
    pub pages: &'a Pages<'a>,
    pub rt: TokenStream,
    pub derives: Vec<TokenStream>,
    pub serde: Option<Condition>,
    pub arbitrary: Option<Condition>,
    /// `Config::json`: hand-written serde impls in TDLib's JSON conventions.
    pub json: Option<Condition>,
    /// The binary `Serializable`/`Deserializable` impls (off for TDLib's dialect).
    pub binary: bool,
    /// TDLib's dialect: `//@class` and constructor descriptions on enums and variants.
    pub tdlib: bool,
    pub type_attributes: Vec<TokenStream>,
    pub function_deserialize: bool,
    pub from_impls: bool,
    pub extensions: &'a [&'a dyn Extension],
    pub layer: Option<u32>,
    /// `#[derive(...)]` and friends for a generated type, built once
    /// ([`Self::build_type_attrs`]).
    pub type_attrs: TokenStream,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Ctor,
    Function,
}

fn hex(id: u32) -> Literal {
    // `0x1cb5c415`: readable and matches the TL text.
    format!("0x{id:08x}").parse().expect("hex literal")
}

fn usize_lit(n: usize) -> Literal {
    Literal::usize_unsuffixed(n)
}

fn hex_mask(bit: u32) -> Literal {
    format!("0x{:x}", 1u32 << bit)
        .parse()
        .expect("mask literal")
}

/// The text of one `#[doc]` attribute: a leading space, as `///` comments have; no trailing
/// spaces (prettyplease would drop them).
fn doc_text(line: &str) -> String {
    let line = line.trim_end();
    if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    }
}

/// Outer doc attributes (`#[doc = ..]`), one per line.
pub(crate) fn doc_attrs(lines: &[String]) -> TokenStream {
    lines
        .iter()
        .map(|l| {
            let text = doc_text(l);
            quote!(#[doc = #text])
        })
        .collect()
}

/// Inner doc attributes (`#![doc = ..]`), one per line: module docs whose links resolve inside
/// the module.
pub(crate) fn inner_doc_attrs(lines: &[String]) -> TokenStream {
    lines
        .iter()
        .map(|l| {
            let text = doc_text(l);
            quote!(#![doc = #text])
        })
        .collect()
}

fn root(depth: usize) -> TokenStream {
    let mut ts = TokenStream::new();
    for _ in 0..depth {
        ts.extend(quote!(super::));
    }
    ts
}

fn module_tokens(module: &[String]) -> TokenStream {
    let mut ts = TokenStream::new();
    for m in module {
        let m = ident(m);
        ts.extend(quote!(#m::));
    }
    ts
}

/// A token stream for `quote!`'s `#x` that is moved in rather than cloned: interpolating a
/// `TokenStream` copies every token of its top level (it is shared while `x` lives), which
/// is most of the generator's time for the large pieces of an item. Each `Moved` is used
/// once; a second use gives nothing.
pub(crate) struct Moved(std::cell::Cell<Option<TokenStream>>);

impl quote::ToTokens for Moved {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        if let Some(t) = self.0.take() {
            tokens.extend(t);
        }
    }
}

pub(crate) fn moved(tokens: TokenStream) -> Moved {
    Moved(std::cell::Cell::new(Some(tokens)))
}

/// `<X, Y>`, or nothing.
fn generic_decl(generics: &[proc_macro2::Ident]) -> TokenStream {
    if generics.is_empty() {
        quote!()
    } else {
        quote!(<#(#generics),*>)
    }
}

/// `<X: Bound, Y: Bound>`, or nothing.
fn bounded(generics: &[proc_macro2::Ident], bound: TokenStream) -> TokenStream {
    if generics.is_empty() {
        quote!()
    } else {
        quote!(<#(#generics: #bound),*>)
    }
}

impl Emitter<'_> {
    fn condition_attr(&self, cond: &Condition, derive: TokenStream) -> TokenStream {
        match cond {
            Condition::Always => quote!(#[derive(#derive)]),
            Condition::Feature(f) => quote!(#[cfg_attr(feature = #f, derive(#derive))]),
        }
    }

    /// `#[derive(...)]` and friends for a generated type. (`Arbitrary` is implemented
    /// separately, see [`Self::arbitrary_impl`].)
    fn build_type_attrs(&self) -> TokenStream {
        let mut ts = TokenStream::new();
        if !self.derives.is_empty() {
            let d = &self.derives;
            ts.extend(quote!(#[derive(#(#d),*)]));
        }
        if let Some(c) = &self.serde {
            ts.extend(self.condition_attr(c, quote!(::serde::Serialize, ::serde::Deserialize)));
        }
        for a in &self.type_attributes {
            ts.extend(quote!(#[#a]));
        }
        ts
    }
}
