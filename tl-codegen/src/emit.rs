//! Token generation: the model becomes a `proc_macro2::TokenStream`.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::extension::{Extension, FunctionInfo};
use crate::model::{Enum, Field, Item, Model, Return, Ty, Wire, ty_min_size};
use crate::naming::ident;
use crate::tl_text::{definition_line, escape_markdown};
use crate::{Condition, Error};

pub(crate) struct Emitter<'a> {
    pub model: &'a Model,
    pub rt: TokenStream,
    pub derives: Vec<TokenStream>,
    pub serde: Option<Condition>,
    pub arbitrary: Option<Condition>,
    pub type_attributes: Vec<TokenStream>,
    pub function_deserialize: bool,
    pub from_impls: bool,
    pub extensions: &'a [Box<dyn Extension>],
    pub layer: Option<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
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

/// The text of one `#[doc]` attribute: a leading space, as `///` comments have.
fn doc_text(line: &str) -> String {
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

fn tl_line_doc(def: &tl_parser::Definition) -> String {
    format!("`{}`", definition_line(def).replace('`', "'"))
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
    fn type_attrs(&self) -> TokenStream {
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

    /// The Rust type of a TL type, from a module `depth` levels below the generated root.
    fn rust_ty(&self, ty: &Ty, depth: usize) -> TokenStream {
        match ty {
            Ty::Int => quote!(i32),
            Ty::Long => quote!(i64),
            Ty::Double => quote!(f64),
            Ty::Int128 => quote!([u8; 16]),
            Ty::Int256 => quote!([u8; 32]),
            Ty::String => quote!(::std::string::String),
            Ty::Bytes => quote!(::std::vec::Vec<u8>),
            Ty::Bool | Ty::True => quote!(bool),
            Ty::Vector { elem, .. } => {
                let e = self.rust_ty(elem, depth);
                quote!(::std::vec::Vec<#e>)
            }
            Ty::Enum(e) => {
                let en = &self.model.enums[*e];
                let r = root(depth);
                let m = module_tokens(&en.module);
                let i = ident(&en.ident);
                quote!(#r enums::#m #i)
            }
            Ty::Bare(c) => {
                let it = &self.model.ctors[*c];
                let r = root(depth);
                let m = module_tokens(&it.module);
                let i = ident(&it.ident);
                quote!(#r types::#m #i)
            }
            Ty::Generic(g) => {
                let g = ident(g);
                quote!(#g)
            }
        }
    }

    fn field_ty(&self, f: &Field, depth: usize) -> TokenStream {
        if f.is_true_flag() {
            return quote!(bool);
        }
        let mut t = self.rust_ty(&f.ty, depth);
        if f.boxed {
            t = quote!(::std::boxed::Box<#t>);
        }
        if f.flag.is_some() {
            t = quote!(::core::option::Option<#t>);
        }
        t
    }

    // ---- serialization -------------------------------------------------------------------

    /// Statement writing `place` (an expression of the field's Rust type, or a reference to it
    /// when `is_ref`).
    fn ser(
        &self,
        ty: &Ty,
        boxed: bool,
        place: TokenStream,
        is_ref: bool,
        depth: usize,
    ) -> TokenStream {
        let rt = &self.rt;
        let val = if is_ref {
            quote!(*#place)
        } else {
            place.clone()
        };
        let rf = if is_ref {
            place.clone()
        } else {
            quote!(&#place)
        };
        if boxed {
            return quote!(#rt::Serializable::serialize(#rf, buf););
        }
        match ty {
            Ty::Int => quote!(#rt::write::i32(#val, buf);),
            Ty::Long => quote!(#rt::write::i64(#val, buf);),
            Ty::Double => quote!(#rt::write::f64(#val, buf);),
            Ty::Bool => quote!(#rt::write::bool(#val, buf);),
            Ty::Int128 => quote!(#rt::write::int128(#rf, buf);),
            Ty::Int256 => quote!(#rt::write::int256(#rf, buf);),
            Ty::String => quote!(#rt::write::string(#rf, buf);),
            Ty::Bytes => quote!(#rt::write::bytes(#rf, buf);),
            Ty::True => quote!(),
            Ty::Vector { boxed, elem } if !ty.has_trait_impl() => {
                let f = self.ser_item_fn(elem, depth);
                if *boxed {
                    quote!(#rt::write::vector(#rf, buf, #f);)
                } else {
                    quote!(#rt::write::bare_vector(#rf, buf, #f);)
                }
            }
            _ => quote!(#rt::Serializable::serialize(#rf, buf);),
        }
    }

    /// A `FnMut(&T, &mut Vec<u8>)` writing one vector item.
    fn ser_item_fn(&self, ty: &Ty, depth: usize) -> TokenStream {
        let rt = &self.rt;
        match ty {
            Ty::Bytes => quote!(|v, buf| #rt::write::bytes(v, buf)),
            Ty::Vector { boxed, elem } if !ty.has_trait_impl() => {
                let f = self.ser_item_fn(elem, depth);
                if *boxed {
                    quote!(|v, buf| #rt::write::vector(v, buf, #f))
                } else {
                    quote!(|v, buf| #rt::write::bare_vector(v, buf, #f))
                }
            }
            _ => {
                let t = self.rust_ty(ty, depth);
                quote!(<#t as #rt::Serializable>::serialize)
            }
        }
    }

    fn serialize_body(&self, item: &Item) -> TokenStream {
        let rt = &self.rt;
        let mut body = TokenStream::new();
        for w in &item.wire {
            match *w {
                Wire::Flags(i) => {
                    let word = &item.flags[i];
                    let mut terms = Vec::new();
                    for (&bit, members) in &word.bits {
                        let conds: Vec<TokenStream> = members
                            .iter()
                            .map(|&m| {
                                let f = &item.fields[m];
                                let id = ident(&f.ident);
                                if f.is_true_flag() {
                                    quote!(self.#id)
                                } else {
                                    quote!(self.#id.is_some())
                                }
                            })
                            .collect();
                        let cond = if conds.len() == 1 {
                            conds[0].clone()
                        } else {
                            quote!((#(#conds)||*))
                        };
                        let cast = quote!(#cond as u32);
                        terms.push(if bit == 0 {
                            cast
                        } else {
                            let b = Literal::u32_unsuffixed(bit);
                            quote!((#cast) << #b)
                        });
                    }
                    let expr = match terms.len() {
                        0 => quote!(0),
                        1 => terms.pop().expect("one term"),
                        _ => {
                            let terms = terms.iter().map(|t| quote!((#t)));
                            quote!(#(#terms)|*)
                        }
                    };
                    body.extend(quote!(#rt::write::u32(#expr, buf);));
                }
                Wire::Field(i) => {
                    let f = &item.fields[i];
                    if f.is_true_flag() {
                        continue;
                    }
                    let id = ident(&f.ident);
                    let depth = 1 + item.module.len();
                    if f.flag.is_some() {
                        let s = self.ser(&f.ty, f.boxed, quote!(v), true, depth);
                        body.extend(
                            quote!(if let ::core::option::Option::Some(v) = &self.#id { #s }),
                        );
                    } else {
                        body.extend(self.ser(&f.ty, f.boxed, quote!(self.#id), false, depth));
                    }
                }
            }
        }
        body
    }

    // ---- deserialization -----------------------------------------------------------------

    /// Expression (ending in `?`) reading one value. Types are spelled out (no
    /// `<_ as Deserializable>`): an inferred `Self` leaves an ambiguous obligation over every
    /// impl of the trait at each call site, which makes type checking quadratic.
    fn de(&self, ty: &Ty, boxed: bool, depth: usize) -> TokenStream {
        let rt = &self.rt;
        if boxed {
            let t = self.rust_ty(ty, depth);
            return quote!(::std::boxed::Box::new(<#t as #rt::Deserializable>::deserialize(r)?));
        }
        match ty {
            Ty::Int => quote!(r.read_i32()?),
            Ty::Long => quote!(r.read_i64()?),
            Ty::Double => quote!(r.read_f64()?),
            Ty::Bool => quote!(r.read_bool()?),
            Ty::Int128 => quote!(r.read_int128()?),
            Ty::Int256 => quote!(r.read_int256()?),
            Ty::String => quote!(r.read_string()?),
            Ty::Bytes => quote!(r.read_bytes()?),
            Ty::True => quote!(true),
            Ty::Vector { boxed, elem } if !ty.has_trait_impl() => {
                let min = usize_lit(ty_min_size(elem, &self.model.ctors, &self.model.enums));
                let f = self.de_item_fn(elem, depth);
                if *boxed {
                    quote!(r.read_vector(#min, #f)?)
                } else {
                    quote!(r.read_bare_vector(#min, #f)?)
                }
            }
            _ => {
                let t = self.rust_ty(ty, depth);
                quote!(<#t as #rt::Deserializable>::deserialize(r)?)
            }
        }
    }

    /// A `FnMut(&mut Reader) -> Result<T, DecodeError>` reading one vector item.
    fn de_item_fn(&self, ty: &Ty, depth: usize) -> TokenStream {
        let rt = &self.rt;
        match ty {
            Ty::Int => quote!(#rt::Reader::read_i32),
            Ty::Long => quote!(#rt::Reader::read_i64),
            Ty::Double => quote!(#rt::Reader::read_f64),
            Ty::Bool => quote!(#rt::Reader::read_bool),
            Ty::Int128 => quote!(#rt::Reader::read_int128),
            Ty::Int256 => quote!(#rt::Reader::read_int256),
            Ty::String => quote!(#rt::Reader::read_string),
            Ty::Bytes => quote!(#rt::Reader::read_bytes),
            Ty::Vector { boxed, elem } if !ty.has_trait_impl() => {
                let min = usize_lit(ty_min_size(elem, &self.model.ctors, &self.model.enums));
                let f = self.de_item_fn(elem, depth);
                if *boxed {
                    quote!(|r| r.read_vector(#min, #f))
                } else {
                    quote!(|r| r.read_bare_vector(#min, #f))
                }
            }
            _ => {
                let t = self.rust_ty(ty, depth);
                quote!(<#t as #rt::Deserializable>::deserialize)
            }
        }
    }

    fn field_de(&self, item: &Item, f: &Field) -> TokenStream {
        let depth = 1 + item.module.len();
        match f.flag {
            None => self.de(&f.ty, f.boxed, depth),
            Some((w, bit)) => {
                let local = format_ident!("{}", item.flags[w].local);
                let mask = hex_mask(bit);
                if f.is_true_flag() {
                    quote!((#local & #mask) != 0)
                } else {
                    let d = self.de(&f.ty, f.boxed, depth);
                    quote!(if (#local & #mask) != 0 {
                        ::core::option::Option::Some(#d)
                    } else {
                        ::core::option::Option::None
                    })
                }
            }
        }
    }

    /// Statements and the final `Ok(Self { .. })`.
    fn deserialize_body(&self, item: &Item) -> TokenStream {
        let mut body = TokenStream::new();
        if item.fields.is_empty() && item.flags.is_empty() {
            return quote!(::core::result::Result::Ok(Self));
        }
        // Flags words all before the fields: read them, then build the struct in one
        // expression (struct literal fields are evaluated in the order written). Otherwise
        // read everything into locals in wire order.
        let first_field = item.wire.iter().position(|w| matches!(w, Wire::Field(_)));
        let last_flags = item.wire.iter().rposition(|w| matches!(w, Wire::Flags(_)));
        let inline = match (first_field, last_flags) {
            (Some(f), Some(l)) => l < f,
            _ => true,
        };
        let mut inits = Vec::new();
        for w in &item.wire {
            match *w {
                Wire::Flags(i) => {
                    let local = format_ident!("{}", item.flags[i].local);
                    body.extend(quote!(let #local = r.read_u32()?;));
                }
                Wire::Field(i) => {
                    let f = &item.fields[i];
                    let id = ident(&f.ident);
                    let d = self.field_de(item, f);
                    if inline {
                        inits.push(quote!(#id: #d));
                    } else {
                        let local = format_ident!("{}", f.local);
                        body.extend(quote!(let #local = #d;));
                        inits.push(quote!(#id: #local));
                    }
                }
            }
        }
        if item.fields.is_empty() {
            body.extend(quote!(::core::result::Result::Ok(Self)));
        } else {
            body.extend(quote!(::core::result::Result::Ok(Self { #(#inits),* })));
        }
        body
    }

    // ---- items -----------------------------------------------------------------------------

    fn emit_item(&self, item: &Item, kind: Kind, ret: Option<&Return>) -> TokenStream {
        let rt = &self.rt;
        let depth = 1 + item.module.len();
        let name = ident(&item.ident);
        let id = hex(item.id);
        let tl_name = &item.tl_name;

        // Docs.
        let mut docs = vec![tl_line_doc(&item.def)];
        if let Some(d) = &item.def.doc {
            docs.push(String::new());
            docs.extend(d.lines().map(|l| escape_markdown(l.trim())));
        }
        let generics: Vec<_> = item.generics.iter().map(|g| ident(g)).collect();
        let info = FunctionInfo {
            tl_name,
            def: &item.def,
            ident: &item.ident,
            generics: &item.generics,
            root: root(depth),
            runtime: rt.clone(),
        };
        if kind == Kind::Function {
            if let Some(Return::Unsupported(why)) = ret {
                docs.push(String::new());
                docs.push(format!(
                    "This function does not implement `RemoteCall`: {}.",
                    escape_markdown(why)
                ));
            }
            for ext in self.extensions {
                docs.extend(ext.function_docs(&info));
            }
        }
        let doc = doc_attrs(&docs);
        let attrs = self.type_attrs();

        // The struct.
        let gen_decl = if generics.is_empty() {
            quote!()
        } else {
            quote!(<#(#generics),*>)
        };
        let struct_def = if item.fields.is_empty() {
            quote!(#doc #attrs pub struct #name;)
        } else {
            let fields = item.fields.iter().map(|f| {
                let fid = ident(&f.ident);
                let fty = self.field_ty(f, depth);
                let fdoc = doc_attrs(&self.field_docs(item, f));
                quote!(#fdoc pub #fid: #fty)
            });
            quote!(#doc #attrs pub struct #name #gen_decl { #(#fields),* })
        };

        let bounded = |bound: TokenStream| -> TokenStream {
            if generics.is_empty() {
                quote!()
            } else {
                quote!(<#(#generics: #bound),*>)
            }
        };

        // Identifiable.
        let ident_impl = quote! {
            impl #gen_decl #rt::Identifiable for #name #gen_decl {
                const CONSTRUCTOR_ID: u32 = #id;
            }
        };

        // Serializable.
        let ser_bounds = bounded(quote!(#rt::Serializable));
        let mut ser_body = TokenStream::new();
        if kind == Kind::Function {
            ser_body.extend(quote!(#rt::write::u32(#id, buf);));
        }
        ser_body.extend(self.serialize_body(item));
        let buf_name = if ser_body.is_empty() {
            quote!(_buf)
        } else {
            quote!(buf)
        };
        let ser_impl = quote! {
            impl #ser_bounds #rt::Serializable for #name #gen_decl {
                fn serialize(&self, #buf_name: &mut ::std::vec::Vec<u8>) {
                    #ser_body
                }
            }
        };

        // Deserializable.
        let de_impl = if kind == Kind::Ctor || self.function_deserialize {
            let de_bounds = bounded(quote!(#rt::Deserializable));
            let own = item.min_size + if kind == Kind::Function { 4 } else { 0 };
            let own = usize_lit(own);
            let generic_mins = item.generic_fields().map(|f| {
                let Ty::Generic(g) = &f.ty else {
                    unreachable!()
                };
                let g = ident(g);
                quote!(+ <#g as #rt::Deserializable>::MIN_SIZE)
            });
            let mut de_body = TokenStream::new();
            if kind == Kind::Function {
                de_body.extend(quote! {
                    let offset = r.position();
                    let id = r.read_u32()?;
                    if id != #id {
                        return ::core::result::Result::Err(
                            #rt::DecodeError::unknown_constructor(id, #tl_name, offset),
                        );
                    }
                });
            }
            de_body.extend(self.deserialize_body(item));
            let r_name = if kind == Kind::Ctor && item.fields.is_empty() && item.flags.is_empty() {
                quote!(_r)
            } else {
                quote!(r)
            };
            quote! {
                impl #de_bounds #rt::Deserializable for #name #gen_decl {
                    const MIN_SIZE: usize = #own #(#generic_mins)*;
                    fn deserialize(#r_name: &mut #rt::Reader<'_>) -> ::core::result::Result<Self, #rt::DecodeError> {
                        #de_body
                    }
                }
            }
        } else {
            quote!()
        };

        // RemoteCall.
        let rc_impl = match ret {
            Some(Return::Ty(t)) => {
                let rty = self.rust_ty(t, depth);
                let b = bounded(quote!(#rt::Serializable));
                quote! {
                    impl #b #rt::RemoteCall for #name #gen_decl {
                        type Return = #rty;
                    }
                }
            }
            Some(Return::Generic(g)) => {
                let g = ident(g);
                let b = bounded(quote!(#rt::RemoteCall));
                quote! {
                    impl #b #rt::RemoteCall for #name #gen_decl {
                        type Return = <#g as #rt::RemoteCall>::Return;
                    }
                }
            }
            _ => quote!(),
        };

        let arb_impl = self.arbitrary_impl(item, &generics);

        let mut ext_items = TokenStream::new();
        if kind == Kind::Function {
            for ext in self.extensions {
                ext_items.extend(ext.function_items(&info));
            }
        }

        quote! {
            #struct_def
            #ident_impl
            #ser_impl
            #de_impl
            #rc_impl
            #arb_impl
            #ext_items
        }
    }

    fn field_docs(&self, item: &Item, f: &Field) -> Vec<String> {
        let mut docs = Vec::new();
        if let Some(d) = &f.doc {
            docs.extend(d.lines().map(|l| escape_markdown(l.trim())));
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

    /// `#[cfg(feature = ..)]` for the `Arbitrary` impls, or nothing.
    fn arbitrary_cfg(cond: &Condition) -> TokenStream {
        match cond {
            Condition::Always => quote!(),
            Condition::Feature(f) => quote!(#[cfg(feature = #f)]),
        }
    }

    /// `arbitrary::Arbitrary` for a constructor or function struct, when enabled.
    ///
    /// Written out rather than derived: `#[derive(Arbitrary)]` also expands `size_hint` and
    /// `arbitrary_take_rest` with recursion bookkeeping for every type, several times the code
    /// (and compile time) of this one method. Fields sharing a flag bit are all set or all
    /// unset, so random values stay encodable.
    fn arbitrary_impl(&self, item: &Item, generics: &[proc_macro2::Ident]) -> TokenStream {
        let Some(cond) = &self.arbitrary else {
            return quote!();
        };
        let name = ident(&item.ident);
        let mut lets = TokenStream::new();
        let mut group_of: BTreeMap<(usize, u32), proc_macro2::Ident> = BTreeMap::new();
        for (wi, w) in item.flags.iter().enumerate() {
            for (&bit, members) in &w.bits {
                if members.len() > 1 {
                    let g = format_ident!("present_{}_{}", wi, bit);
                    lets.extend(quote!(let #g: bool = u.arbitrary()?;));
                    group_of.insert((wi, bit), g);
                }
            }
        }
        let inits = item.fields.iter().map(|f| {
            let fid = ident(&f.ident);
            match f.flag.and_then(|k| group_of.get(&k)) {
                Some(g) if f.is_true_flag() => quote!(#fid: #g),
                Some(g) => quote!(#fid: if #g {
                    ::core::option::Option::Some(u.arbitrary()?)
                } else {
                    ::core::option::Option::None
                }),
                None => quote!(#fid: u.arbitrary()?),
            }
        });
        let cfg = Self::arbitrary_cfg(cond);
        let (impl_gen, ty_gen) = if generics.is_empty() {
            (quote!(<'a>), quote!())
        } else {
            (
                quote!(<'a, #(#generics: ::arbitrary::Arbitrary<'a>),*>),
                quote!(<#(#generics),*>),
            )
        };
        let (u, value) = if item.fields.is_empty() {
            (quote!(_u), quote!(Self))
        } else {
            (quote!(u), quote!(Self { #(#inits),* }))
        };
        quote! {
            #cfg
            impl #impl_gen ::arbitrary::Arbitrary<'a> for #name #ty_gen {
                fn arbitrary(#u: &mut ::arbitrary::Unstructured<'a>) -> ::arbitrary::Result<Self> {
                    #lets
                    ::core::result::Result::Ok(#value)
                }
            }
        }
    }

    /// `arbitrary::Arbitrary` for an enum, when enabled: a random variant. Recursive enums hold
    /// a depth guard and, past `arbitrary_support::MAX_DEPTH` open values, build their leaf
    /// variant from no input (empty vectors, absent optional fields), so random values never
    /// nest deeper than a default `Reader` decodes.
    fn enum_arbitrary_impl(&self, e: &Enum) -> TokenStream {
        let Some(cond) = &self.arbitrary else {
            return quote!();
        };
        let rt = &self.rt;
        let name = ident(&e.ident);
        let unit = |v: &crate::model::Variant| {
            let c = &self.model.ctors[v.ctor];
            c.fields.is_empty() && c.flags.is_empty()
        };
        let variant_expr = |v: &crate::model::Variant, u: TokenStream| -> TokenStream {
            let vid = ident(&v.ident);
            if unit(v) {
                quote!(Self::#vid)
            } else {
                quote!(Self::#vid(::arbitrary::Arbitrary::arbitrary(#u)?))
            }
        };
        let n = e.variants.len();
        let u_name = if n == 1 && unit(&e.variants[0]) {
            quote!(_u)
        } else {
            quote!(u)
        };
        let choice = if n == 1 {
            variant_expr(&e.variants[0], quote!(u))
        } else {
            let arms = e.variants.iter().enumerate().map(|(i, v)| {
                let expr = variant_expr(v, quote!(u));
                if i + 1 == n {
                    quote!(_ => #expr,)
                } else {
                    let i = Literal::usize_unsuffixed(i);
                    quote!(#i => #expr,)
                }
            });
            let n = Literal::usize_unsuffixed(n);
            quote!(match u.choose_index(#n)? { #(#arms)* })
        };
        let guard = if e.recursive {
            let stop = match e.leaf {
                Some(l) => {
                    let expr = variant_expr(
                        &e.variants[l],
                        quote!(&mut ::arbitrary::Unstructured::new(&[])),
                    );
                    quote!(::core::result::Result::Ok(#expr))
                }
                // No finite value avoids the cycle: nothing sensible to build.
                None => quote!(::core::result::Result::Err(
                    ::arbitrary::Error::IncorrectFormat
                )),
            };
            quote! {
                let depth = #rt::arbitrary_support::DepthGuard::enter();
                if depth.too_deep() {
                    return #stop;
                }
            }
        } else {
            quote!()
        };
        let cfg = Self::arbitrary_cfg(cond);
        quote! {
            #cfg
            impl<'a> ::arbitrary::Arbitrary<'a> for #name {
                fn arbitrary(#u_name: &mut ::arbitrary::Unstructured<'a>) -> ::arbitrary::Result<Self> {
                    #guard
                    ::core::result::Result::Ok(#choice)
                }
            }
        }
    }

    fn emit_enum(&self, e: &Enum) -> TokenStream {
        let rt = &self.rt;
        let depth = 1 + e.module.len();
        let r = root(depth);
        let name = ident(&e.ident);
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
        let doc = doc_attrs(&docs);
        let attrs = self.type_attrs();
        let mut variants = Vec::new();
        let mut ser_arms = Vec::new();
        let mut de_arms = Vec::new();
        let mut froms = Vec::new();
        for v in &e.variants {
            let c = &self.model.ctors[v.ctor];
            let vid = ident(&v.ident);
            let id = hex(c.id);
            let cdoc = doc_attrs(&[tl_line_doc(&c.def)]);
            let m = module_tokens(&c.module);
            let cname = ident(&c.ident);
            let cpath = quote!(#r types::#m #cname);
            if c.fields.is_empty() && c.flags.is_empty() {
                variants.push(quote!(#cdoc #vid));
                ser_arms.push(quote!(Self::#vid => #rt::write::u32(#id, buf),));
                de_arms.push(quote!(#id => ::core::result::Result::Ok(Self::#vid),));
                froms.push(quote! {
                    impl ::core::convert::From<#cpath> for #name {
                        fn from(_x: #cpath) -> Self {
                            Self::#vid
                        }
                    }
                });
            } else {
                variants.push(quote!(#cdoc #vid(#cpath)));
                ser_arms.push(quote!(Self::#vid(x) => {
                    #rt::write::u32(#id, buf);
                    #rt::Serializable::serialize(x, buf);
                }));
                de_arms.push(quote!(#id => r.read_variant::<#cpath, Self>(Self::#vid),));
                froms.push(quote! {
                    impl ::core::convert::From<#cpath> for #name {
                        fn from(x: #cpath) -> Self {
                            Self::#vid(x)
                        }
                    }
                });
            }
        }
        let min = usize_lit(e.min_size);
        let dispatch = quote! {
            match id {
                #(#de_arms)*
                _ => ::core::result::Result::Err(#rt::DecodeError::unknown_constructor(id, #tl_name, offset)),
            }
        };
        let de_tail = if e.recursive {
            quote!(r.nested(|r| #dispatch))
        } else {
            dispatch
        };
        if !self.from_impls {
            froms.clear();
        }
        let arb_impl = self.enum_arbitrary_impl(e);
        quote! {
            #doc
            #attrs
            pub enum #name {
                #(#variants),*
            }
            impl #rt::Serializable for #name {
                fn serialize(&self, buf: &mut ::std::vec::Vec<u8>) {
                    match self {
                        #(#ser_arms)*
                    }
                }
            }
            impl #rt::Deserializable for #name {
                const MIN_SIZE: usize = #min;
                fn deserialize(r: &mut #rt::Reader<'_>) -> ::core::result::Result<Self, #rt::DecodeError> {
                    let offset = r.position();
                    let id = r.read_u32()?;
                    #de_tail
                }
            }
            #(#froms)*
            #arb_impl
        }
    }

    pub fn emit(&self) -> Result<TokenStream, Error> {
        let m = self.model;
        let mut types: BTreeMap<Vec<String>, Vec<TokenStream>> = BTreeMap::new();
        let mut functions: BTreeMap<Vec<String>, Vec<TokenStream>> = BTreeMap::new();
        let mut enums: BTreeMap<Vec<String>, Vec<TokenStream>> = BTreeMap::new();
        types.entry(Vec::new()).or_default();
        functions.entry(Vec::new()).or_default();
        enums.entry(Vec::new()).or_default();
        for c in m.ctors.iter().filter(|c| c.keep) {
            types
                .entry(c.module.clone())
                .or_default()
                .push(self.emit_item(c, Kind::Ctor, None));
        }
        for (f, ret) in m.functions.iter().zip(&m.returns).filter(|(f, _)| f.keep) {
            functions
                .entry(f.module.clone())
                .or_default()
                .push(self.emit_item(f, Kind::Function, Some(ret)));
        }
        for e in m.enums.iter().filter(|e| e.keep) {
            enums
                .entry(e.module.clone())
                .or_default()
                .push(self.emit_enum(e));
        }

        let layer = match self.layer {
            Some(l) => {
                let l = Literal::i32_unsuffixed(l as i32);
                let d = format!(" The schema layer ({l}).");
                quote!(#[doc = #d] pub const LAYER: i32 = #l;)
            }
            None => quote! {
                /// The schema layer: 0, because no input declared one (`// LAYER N`).
                pub const LAYER: i32 = 0;
            },
        };
        let arms = m.names.iter().map(|(id, name)| {
            let id = hex(*id);
            quote!(#id => #name,)
        });
        let types_mod = nest(types, &[], &namespace_doc);
        let functions_mod = nest(functions, &[], &namespace_doc);
        let enums_mod = nest(enums, &[], &namespace_doc);
        let mut root_items = TokenStream::new();
        for ext in self.extensions {
            root_items.extend(ext.root_items(&self.rt));
        }
        Ok(quote! {
            #layer

            /// The TL name (`namespace.name`) of a constructor or function ID, for logs and
            /// error messages. Covers every generated item and the built-ins (`boolTrue`,
            /// `vector`, ...).
            pub fn name_for_id(id: u32) -> ::core::option::Option<&'static str> {
                ::core::option::Option::Some(match id {
                    #(#arms)*
                    _ => return ::core::option::Option::None,
                })
            }

            /// One struct per TL constructor, serialized bare (without its ID; the enum of its
            /// type writes the ID). Each implements `Identifiable`.
            pub mod types {
                #types_mod
            }

            /// One struct per TL function (RPC method), serialized with its ID. Each
            /// implements `RemoteCall`, whose `Return` is the decoded answer.
            pub mod functions {
                #functions_mod
            }

            /// One enum per boxed TL type; the variants wrap the constructor structs (unit
            /// variants for constructors without fields).
            // Variant names mirror the schema, and boxing large variants would add an
            // allocation to every value (Box is only used to break recursion).
            #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
            pub mod enums {
                #enums_mod
            }

            #root_items
        })
    }
}

fn hex_mask(bit: u32) -> Literal {
    format!("0x{:x}", 1u32 << bit)
        .parse()
        .expect("mask literal")
}

/// The doc line of a namespace module (`a.b` for `mod a { mod b {..} }`).
fn namespace_doc(namespace: &str) -> String {
    format!(" Namespace `{namespace}`.")
}

/// Items keyed by namespace path, as nested `pub mod`s (each documented by `doc(path)`): the
/// items of `path` itself first, then its child modules, sorted by name.
pub(crate) fn nest(
    mut map: BTreeMap<Vec<String>, Vec<TokenStream>>,
    path: &[String],
    doc: &dyn Fn(&str) -> String,
) -> TokenStream {
    let own = map.remove(path).unwrap_or_default();
    let children: Vec<String> = {
        let mut c: Vec<String> = map
            .keys()
            .filter(|k| k.len() > path.len() && k.starts_with(path))
            .map(|k| k[path.len()].clone())
            .collect();
        c.dedup();
        c
    };
    let mut ts = quote!(#(#own)*);
    for child in children {
        let mut p = path.to_vec();
        p.push(child.clone());
        let sub: BTreeMap<Vec<String>, Vec<TokenStream>> = map
            .iter()
            .filter(|(k, _)| k.starts_with(&p))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let inner = nest(sub, &p, doc);
        let id = ident(&child);
        let text = doc(&p.join("."));
        ts.extend(quote!(#[doc = #text] pub mod #id { #inner }));
    }
    ts
}
