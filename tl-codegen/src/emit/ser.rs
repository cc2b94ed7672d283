//! `Serializable`: struct bodies in wire order (flags words computed from the fields), enum
//! arms writing the constructor ID.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Emitter, Kind, bounded, hex};
use crate::model::{Enum, Item, Ty, Wire};
use crate::naming::ident;

impl Emitter<'_> {
    /// Statement writing `place` (an expression of the field's Rust type, or a reference to it
    /// when `is_ref`).
    pub(super) fn ser(
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
    pub(super) fn ser_item_fn(&self, ty: &Ty, depth: usize) -> TokenStream {
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

    pub(super) fn serialize_body(&self, item: &Item) -> TokenStream {
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
                    if f.flag.is_some() && (f.boxed || f.ty.has_trait_impl()) {
                        body.extend(quote!(#rt::write::optional(&self.#id, buf);));
                    } else if f.flag.is_some() {
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

    /// `impl Serializable for Name`: functions write their ID first.
    pub(super) fn ser_impl(
        &self,
        item: &Item,
        kind: Kind,
        generics: &[proc_macro2::Ident],
    ) -> TokenStream {
        let rt = &self.rt;
        let name = ident(&item.ident);
        let id = hex(item.id);
        let gen_decl = super::generic_decl(generics);
        let ser_bounds = bounded(generics, quote!(#rt::Serializable));
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
        // `#[inline]`: compiled where it is used. A program sends a few dozen kinds of
        // request, so the crate of the generated code need not compile thousands of encoders
        // nobody calls (a tenth of its build), and calls to it can be inlined.
        quote! {
            impl #ser_bounds #rt::Serializable for #name #gen_decl {
                #[inline]
                fn serialize(&self, #buf_name: &mut ::std::vec::Vec<u8>) {
                    #ser_body
                }
            }
        }
    }

    /// `impl Serializable for Enum`: the constructor ID, then the variant's fields.
    pub(super) fn enum_ser_impl(&self, e: &Enum) -> TokenStream {
        let rt = &self.rt;
        let name = ident(&e.ident);
        let arms = e.variants.iter().map(|v| {
            let c = &self.model.ctors[v.ctor];
            let vid = ident(&v.ident);
            let id = hex(c.id);
            if c.fields.is_empty() && c.flags.is_empty() {
                quote!(Self::#vid => #rt::write::u32(#id, buf),)
            } else {
                quote!(Self::#vid(x) => #rt::write::boxed(#id, x, buf),)
            }
        });
        quote! {
            impl #rt::Serializable for #name {
                #[inline]
                fn serialize(&self, buf: &mut ::std::vec::Vec<u8>) {
                    match self {
                        #(#arms)*
                    }
                }
            }
        }
    }
}
