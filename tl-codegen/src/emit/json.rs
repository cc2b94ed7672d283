//! JSON (`Config::json`): hand-written `serde::Serialize` / `Deserialize` impls in the
//! conventions of TDLib's `libtdjson` and tonlib's JSON interface, through the helpers of
//! `tlgen_runtime::json` (feature `serde` of the runtime).
//!
//! * A constructor or function struct writes `{"@type":"<TL name>", <field>: ..}` with its
//!   fields under their TL names (flags words are not written; they follow from the fields).
//!   It reads an object with any key order, ignores unknown keys, checks `"@type"` when
//!   present (an object decoded through its abstract type has had it read already), and
//!   reports a missing non-optional field by name.
//! * An enum (abstract type) writes its variant's object and reads `"@type"` first, then
//!   decodes that constructor from the rest of the object (`tlgen_runtime::json::Tagged`); an
//!   unknown `"@type"` is an error naming it and the type.
//! * Each field's Rust type gets a `tlgen_runtime::json::Mode`: `int64`/`long` as strings,
//!   `int53` as numbers, `bytes`/`int128`/`int256` as base64, vectors as arrays, `Option`s as
//!   `null`. Fields whose mode is the type's own serde impl are written directly.
//!
//! Written out instead of derived: `#[derive(Serialize, Deserialize)]` cannot express the
//! `"@type"` tag together with the per-field encodings, and its expansion (a field enum and
//! visitor per type, `visit_seq` paths) is several times this code for ~3 000 types.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Emitter, Kind, generic_decl, module_tokens, root};
use crate::Condition;
use crate::docs::markdown::doc_text;
use crate::model::{Enum, Field, Item, Ty};
use crate::naming::ident;

impl Emitter<'_> {
    fn json_cfg(cond: &Condition) -> TokenStream {
        match cond {
            Condition::Always => quote!(),
            Condition::Feature(f) => quote!(#[cfg(feature = #f)]),
        }
    }

    /// The `tlgen_runtime::json` mode of a TL type; `None` when it is the Rust type's own serde
    /// impl.
    fn json_mode(&self, ty: &Ty) -> Option<TokenStream> {
        let rt = &self.rt;
        let plain = quote!(#rt::json::Plain);
        let sub = |t: &Ty| self.json_mode(t).unwrap_or_else(|| plain.clone());
        match ty {
            Ty::Long => Some(quote!(#rt::json::Int64)),
            Ty::Int53 => Some(quote!(#rt::json::Int53)),
            Ty::Double => Some(quote!(#rt::json::Double)),
            Ty::Bytes | Ty::Int128 | Ty::Int256 => Some(quote!(#rt::json::Bytes)),
            Ty::SecureString | Ty::SecureBytes => Some(quote!(#rt::json::Secure)),
            Ty::Vector { elem, .. } => {
                let m = sub(elem);
                Some(quote!(#rt::json::Vector<#m>))
            }
            Ty::Nullable(t) => {
                let m = sub(t);
                Some(quote!(#rt::json::Nullable<#m>))
            }
            Ty::Int
            | Ty::Bool
            | Ty::True
            | Ty::String
            | Ty::Enum(_)
            | Ty::Bare(_)
            | Ty::Generic(_)
            | Ty::Object => None,
        }
    }

    /// The mode of a field, with its `Box` and flag `Option` around the type's mode.
    fn field_mode(&self, f: &Field) -> Option<TokenStream> {
        let rt = &self.rt;
        if f.is_true_flag() {
            return None;
        }
        let plain = || quote!(#rt::json::Plain);
        let mode = match (&f.ty, f.boxed) {
            (Ty::Nullable(inner), true) => {
                let m = self.json_mode(inner).unwrap_or_else(plain);
                Some(quote!(#rt::json::Nullable<#rt::json::Boxed<#m>>))
            }
            (t, true) => {
                let m = self.json_mode(t).unwrap_or_else(plain);
                Some(quote!(#rt::json::Boxed<#m>))
            }
            (t, false) => self.json_mode(t),
        };
        if f.flag.is_some() {
            let m = mode.unwrap_or_else(plain);
            Some(quote!(#rt::json::Nullable<#m>))
        } else {
            mode
        }
    }

    /// Is the field's value optional in JSON (an `Option`, or a `true` flag)?
    fn json_optional(f: &Field) -> bool {
        f.flag.is_some() || matches!(f.ty, Ty::Nullable(_))
    }

    /// `Serialize`, and `Deserialize` + `json::Struct` for constructors (and functions with
    /// `function_deserialize`).
    pub(super) fn json_item_impls(
        &self,
        item: &Item,
        kind: Kind,
        generics: &[proc_macro2::Ident],
    ) -> TokenStream {
        let Some(cond) = &self.json else {
            return quote!();
        };
        let rt = &self.rt;
        let serde = quote!(#rt::json::serde);
        let cfg = Self::json_cfg(cond);
        let name = ident(&item.ident);
        let tl_name = &item.tl_name;
        let depth = 1 + item.module.len();
        let gen_decl = generic_decl(generics);

        // Serialize.
        let n = item.fields.len() + 1;
        let ser_fields = item.fields.iter().map(|f| {
            let fid = ident(&f.ident);
            let key = &f.tl_name;
            match self.field_mode(f) {
                None => quote!(m.serialize_field(#key, &self.#fid)?;),
                Some(mode) => {
                    let fty = self.field_ty(f, depth);
                    quote!(m.serialize_field(#key, &#rt::json::Ser::<#mode, #fty>::new(&self.#fid))?;)
                }
            }
        });
        let ser_bounds = if generics.is_empty() {
            quote!()
        } else {
            quote!(<#(#generics: #serde::Serialize),*>)
        };
        let ser = quote! {
            #cfg
            impl #ser_bounds #serde::Serialize for #name #gen_decl {
                fn serialize<S: #serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                    use #serde::ser::SerializeStruct as _;
                    let mut m = s.serialize_struct(#tl_name, #n)?;
                    m.serialize_field("@type", #tl_name)?;
                    #(#ser_fields)*
                    m.end()
                }
            }
        };
        if kind == Kind::Function && !self.function_deserialize {
            return ser;
        }

        // Deserialize.
        let mut locals = TokenStream::new();
        let mut arms = TokenStream::new();
        let mut inits = Vec::new();
        for f in &item.fields {
            let fid = ident(&f.ident);
            let local = format_ident!("{}", f.local);
            let key = &f.tl_name;
            let fty = self.field_ty(f, depth);
            locals.extend(quote!(let mut #local: ::core::option::Option<#fty> = ::core::option::Option::None;));
            let read = match self.field_mode(f) {
                None => quote!(map.next_value::<#fty>()?),
                Some(mode) => {
                    quote!(map.next_value_seed(#rt::json::De::<#mode, #fty>::new())?)
                }
            };
            arms.extend(quote!(#key => #local = ::core::option::Option::Some(#read),));
            inits.push(if Self::json_optional(f) {
                quote!(#fid: #local.unwrap_or_default())
            } else {
                quote!(#fid: #rt::json::required(#local, #key)?)
            });
        }
        let body = if item.fields.is_empty() {
            quote! {
                while let ::core::option::Option::Some(key) = map.next_key::<#rt::json::Key<'de>>()? {
                    #rt::json::other_key(&mut map, key.as_str(), #tl_name)?;
                }
                ::core::result::Result::Ok(Self)
            }
        } else {
            quote! {
                #locals
                while let ::core::option::Option::Some(key) = map.next_key::<#rt::json::Key<'de>>()? {
                    match key.as_str() {
                        #arms
                        k => #rt::json::other_key(&mut map, k, #tl_name)?,
                    }
                }
                ::core::result::Result::Ok(Self { #(#inits),* })
            }
        };
        let (de_bounds, struct_bounds) = if generics.is_empty() {
            (quote!(<'de>), quote!())
        } else {
            (
                quote!(<'de, #(#generics: #serde::de::DeserializeOwned),*>),
                quote!(<#(#generics: #serde::de::DeserializeOwned),*>),
            )
        };
        quote! {
            #ser
            #cfg
            impl #de_bounds #serde::Deserialize<'de> for #name #gen_decl {
                fn deserialize<D: #serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                    #rt::json::deserialize_struct(d)
                }
            }
            #cfg
            impl #struct_bounds #rt::json::Struct for #name #gen_decl {
                const TL_NAME: &'static str = #tl_name;
                fn from_map<'de, A: #serde::de::MapAccess<'de>>(mut map: A) -> ::core::result::Result<Self, A::Error> {
                    #body
                }
            }
        }
    }

    /// `Serialize` (the variant's object), `Deserialize` and `json::Tagged` (dispatch on
    /// `"@type"`) for an enum.
    pub(super) fn json_enum_impls(&self, e: &Enum) -> TokenStream {
        let Some(cond) = &self.json else {
            return quote!();
        };
        let rt = &self.rt;
        let serde = quote!(#rt::json::serde);
        let cfg = Self::json_cfg(cond);
        let r = root(1 + e.module.len());
        let name = ident(&e.ident);
        let tl_name = &e.tl_name;
        let mut ser_arms = TokenStream::new();
        let mut de_arms = TokenStream::new();
        for v in &e.variants {
            let c = &self.model.ctors[v.ctor];
            let vid = ident(&v.ident);
            let m = module_tokens(&c.module);
            let cname = ident(&c.ident);
            let cpath = quote!(#r types::#m #cname);
            let ctag = &c.tl_name;
            if c.fields.is_empty() && c.flags.is_empty() {
                ser_arms.extend(quote!(Self::#vid => #serde::Serialize::serialize(&#cpath, s),));
                de_arms.extend(quote!(#ctag => {
                    <#cpath as #serde::Deserialize<'de>>::deserialize(d)?;
                    Self::#vid
                }));
            } else {
                ser_arms.extend(quote!(Self::#vid(x) => #serde::Serialize::serialize(x, s),));
                de_arms.extend(
                    quote!(#ctag => Self::#vid(<#cpath as #serde::Deserialize<'de>>::deserialize(d)?),),
                );
            }
        }
        quote! {
            #cfg
            impl #serde::Serialize for #name {
                fn serialize<S: #serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                    match self {
                        #ser_arms
                    }
                }
            }
            #cfg
            impl<'de> #serde::Deserialize<'de> for #name {
                fn deserialize<D: #serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                    #rt::json::deserialize_enum(d)
                }
            }
            #cfg
            impl #rt::json::Tagged for #name {
                const TL_NAME: &'static str = #tl_name;
                fn from_tagged<'de, D: #serde::Deserializer<'de>>(tag: &str, d: D) -> ::core::result::Result<Self, D::Error> {
                    ::core::result::Result::Ok(match tag {
                        #de_arms
                        _ => return ::core::result::Result::Err(#rt::json::unknown_type(tag, #tl_name)),
                    })
                }
            }
        }
    }
}

/// TDLib's `//@class` description above an enum's generated page.
pub(super) fn class_doc(e: &Enum, page: Vec<String>) -> Vec<String> {
    let Some(d) = &e.doc else {
        return page;
    };
    let mut docs: Vec<String> = d.lines().map(|l| doc_text(l.trim())).collect();
    docs.push(String::new());
    docs.extend(page);
    docs
}

/// A variant's page with its constructor's description (TDLib's `//@description`) first.
pub(super) fn variant_doc(ctor: &Item, page: Vec<String>) -> Vec<String> {
    let Some(d) = &ctor.def.doc else {
        return page;
    };
    let mut docs: Vec<String> = d.lines().map(|l| doc_text(l.trim())).collect();
    docs.push(String::new());
    docs.extend(page);
    docs
}
