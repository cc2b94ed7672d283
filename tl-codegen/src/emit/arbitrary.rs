//! `arbitrary::Arbitrary`, written out (one method per type) when enabled.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::Emitter;
use crate::Condition;
use crate::model::{Enum, Item, Ty, Variant};
use crate::naming::ident;

impl Emitter<'_> {
    /// `#[cfg(feature = ..)]` for the `Arbitrary` impls, or nothing.
    pub(super) fn arbitrary_cfg(cond: &Condition) -> TokenStream {
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
    pub(super) fn arbitrary_impl(
        &self,
        item: &Item,
        generics: &[proc_macro2::Ident],
    ) -> TokenStream {
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
                // JSON has no NaN or infinities: random doubles are finite when it is on.
                None if self.json.is_some() && f.ty == Ty::Double && f.flag.is_none() => {
                    quote!(#fid: {
                        let v: f64 = u.arbitrary()?;
                        if v.is_finite() { v } else { 0.0 }
                    })
                }
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
    pub(super) fn enum_arbitrary_impl(&self, e: &Enum) -> TokenStream {
        let Some(cond) = &self.arbitrary else {
            return quote!();
        };
        let rt = &self.rt;
        let name = ident(&e.ident);
        let unit = |v: &Variant| {
            let c = &self.model.ctors[v.ctor];
            c.fields.is_empty() && c.flags.is_empty()
        };
        let variant_expr = |v: &Variant, u: TokenStream| -> TokenStream {
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
}
