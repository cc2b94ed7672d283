//! `Deserializable`: struct bodies reading flags words and conditional fields, enum dispatch
//! on the constructor ID (depth-counted for recursive types).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Emitter, Kind, bounded, hex, hex_mask, module_tokens, root, usize_lit};
use crate::model::{Enum, Field, Item, Ty, Wire, ty_min_size};
use crate::naming::ident;

impl Emitter<'_> {
    /// Expression (ending in `?`) reading one value. Types are spelled out (no
    /// `<_ as Deserializable>`): an inferred `Self` leaves an ambiguous obligation over every
    /// impl of the trait at each call site, which makes type checking quadratic.
    pub(super) fn de(&self, ty: &Ty, boxed: bool, depth: usize) -> TokenStream {
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
    pub(super) fn de_item_fn(&self, ty: &Ty, depth: usize) -> TokenStream {
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

    pub(super) fn field_de(&self, item: &Item, f: &Field) -> TokenStream {
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
    pub(super) fn deserialize_body(&self, item: &Item) -> TokenStream {
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

    /// `impl Deserializable for Name`, for constructors and (with `function_deserialize`)
    /// functions, which check their ID first.
    pub(super) fn de_impl(
        &self,
        item: &Item,
        kind: Kind,
        generics: &[proc_macro2::Ident],
    ) -> TokenStream {
        if kind == Kind::Function && !self.function_deserialize {
            return quote!();
        }
        let rt = &self.rt;
        let name = ident(&item.ident);
        let id = hex(item.id);
        let tl_name = &item.tl_name;
        let gen_decl = super::generic_decl(generics);
        let de_bounds = bounded(generics, quote!(#rt::Deserializable));
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
    }

    /// `impl Deserializable for Enum`: read the ID, dispatch to the variant's struct.
    pub(super) fn enum_de_impl(&self, e: &Enum) -> TokenStream {
        let rt = &self.rt;
        let r = root(1 + e.module.len());
        let name = ident(&e.ident);
        let tl_name = &e.tl_name;
        let arms = e.variants.iter().map(|v| {
            let c = &self.model.ctors[v.ctor];
            let vid = ident(&v.ident);
            let id = hex(c.id);
            if c.fields.is_empty() && c.flags.is_empty() {
                quote!(#id => ::core::result::Result::Ok(Self::#vid),)
            } else {
                let m = module_tokens(&c.module);
                let cname = ident(&c.ident);
                quote!(#id => r.read_variant::<#r types::#m #cname, Self>(Self::#vid),)
            }
        });
        let min = usize_lit(e.min_size);
        let dispatch = quote! {
            match id {
                #(#arms)*
                _ => ::core::result::Result::Err(#rt::DecodeError::unknown_constructor(id, #tl_name, offset)),
            }
        };
        let de_tail = if e.recursive {
            quote!(r.nested(|r| #dispatch))
        } else {
            dispatch
        };
        quote! {
            impl #rt::Deserializable for #name {
                const MIN_SIZE: usize = #min;
                fn deserialize(r: &mut #rt::Reader<'_>) -> ::core::result::Result<Self, #rt::DecodeError> {
                    let offset = r.position();
                    let id = r.read_u32()?;
                    #de_tail
                }
            }
        }
    }
}
