//! The Rust items themselves: a struct per constructor and function (with `Identifiable` and
//! `RemoteCall`), an enum per boxed type (with `From` for its variants), and the Rust spelling
//! of every TL type.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Emitter, Kind, bounded, doc_attrs, generic_decl, hex, module_tokens, moved, root};
use crate::extension::FunctionInfo;
use crate::model::{Enum, Field, Item, Return, Ty};
use crate::naming::ident;
use crate::render;

impl Emitter<'_> {
    /// The Rust type of a TL type, from a module `depth` levels below the generated root.
    pub(super) fn rust_ty(&self, ty: &Ty, depth: usize) -> TokenStream {
        match ty {
            Ty::Int => quote!(i32),
            Ty::Long | Ty::Int53 => quote!(i64),
            Ty::Double => quote!(f64),
            Ty::Int128 => quote!([u8; 16]),
            Ty::Int256 => quote!([u8; 32]),
            Ty::String => quote!(::std::string::String),
            Ty::Bytes => quote!(::std::vec::Vec<u8>),
            Ty::Bool | Ty::True => quote!(bool),
            Ty::Object => {
                let rt = &self.rt;
                quote!(#rt::Object)
            }
            Ty::SecureString => {
                let rt = &self.rt;
                quote!(#rt::SecureString)
            }
            Ty::SecureBytes => {
                let rt = &self.rt;
                quote!(#rt::SecureBytes)
            }
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
            Ty::Nullable(t) => {
                let t = self.rust_ty(t, depth);
                quote!(::core::option::Option<#t>)
            }
        }
    }

    pub(super) fn field_ty(&self, f: &Field, depth: usize) -> TokenStream {
        if f.is_true_flag() {
            return quote!(bool);
        }
        if let (true, Ty::Nullable(inner)) = (f.boxed, &f.ty) {
            let t = self.rust_ty(inner, depth);
            return quote!(::core::option::Option<::std::boxed::Box<#t>>);
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

    /// A constructor or function struct and all its impls.
    pub(super) fn emit_item(&self, item: &Item, kind: Kind, ret: Option<&Return>) -> render::Item {
        let rt = &self.rt;
        let depth = 1 + item.module.len();
        let name = ident(&item.ident);
        let id = hex(item.id);
        let generics: Vec<_> = item.generics.iter().map(|g| ident(g)).collect();
        let gen_decl = generic_decl(&generics);
        let info = FunctionInfo {
            tl_name: &item.tl_name,
            def: &item.def,
            ident: &item.ident,
            generics: &item.generics,
            root: root(depth),
            runtime: rt.clone(),
        };

        let mut docs = match (kind, ret) {
            (Kind::Function, Some(ret)) => self.pages.function(item, ret, depth),
            _ => self.pages.constructor(item),
        };
        if kind == Kind::Function {
            for ext in self.extensions {
                docs.extend(ext.function_docs(&info));
            }
        }
        let attrs = &self.type_attrs;

        let struct_def = if item.fields.is_empty() {
            quote!(#attrs pub struct #name;)
        } else {
            let fields: Vec<_> = item
                .fields
                .iter()
                .map(|f| {
                    let fid = ident(&f.ident);
                    let fty = moved(self.field_ty(f, depth));
                    let fdoc = moved(doc_attrs(&self.pages.field(item, f)));
                    moved(quote!(#fdoc pub #fid: #fty))
                })
                .collect();
            quote!(#attrs pub struct #name #gen_decl { #(#fields),* })
        };

        let ident_impl = quote! {
            impl #gen_decl #rt::Identifiable for #name #gen_decl {
                const CONSTRUCTOR_ID: u32 = #id;
            }
        };
        let (ser_impl, de_impl) = if self.binary {
            (
                self.ser_impl(item, kind, &generics),
                self.de_impl(item, kind, &generics),
            )
        } else {
            (quote!(), quote!())
        };
        let json_impls = self.json_item_impls(item, kind, &generics);
        let rc_impl = match ret {
            Some(Return::Ty(t)) => {
                let rty = self.rust_ty(t, depth);
                let b = if self.binary {
                    bounded(&generics, quote!(#rt::Serializable))
                } else {
                    generic_decl(&generics)
                };
                quote! {
                    impl #b #rt::RemoteCall for #name #gen_decl {
                        type Return = #rty;
                    }
                }
            }
            Some(Return::Generic(g)) => {
                let g = ident(g);
                let b = bounded(&generics, quote!(#rt::RemoteCall));
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

        let mut tokens = struct_def;
        for part in [
            ident_impl, ser_impl, de_impl, json_impls, rc_impl, arb_impl, ext_items,
        ] {
            tokens.extend(part);
        }
        render::Item { docs, tokens }
    }

    /// A boxed type's enum and all its impls.
    pub(super) fn emit_enum(&self, e: &Enum) -> render::Item {
        let r = root(1 + e.module.len());
        let name = ident(&e.ident);
        let mut page = self.pages.enumeration(e);
        if self.tdlib {
            page = super::json::class_doc(e, page);
        }
        let attrs = &self.type_attrs;
        let mut variants = Vec::new();
        let mut froms = Vec::new();
        for v in &e.variants {
            let c = &self.model.ctors[v.ctor];
            let vid = ident(&v.ident);
            let mut vpage = self.pages.variant(c, 1 + e.module.len());
            if self.tdlib {
                vpage = super::json::variant_doc(c, vpage);
            }
            let cdoc = moved(doc_attrs(&vpage));
            let m = module_tokens(&c.module);
            let cname = ident(&c.ident);
            let cpath = quote!(#r types::#m #cname);
            if c.fields.is_empty() && c.flags.is_empty() {
                variants.push(quote!(#cdoc #vid));
                froms.push(quote! {
                    impl ::core::convert::From<#cpath> for #name {
                        fn from(_x: #cpath) -> Self {
                            Self::#vid
                        }
                    }
                });
            } else {
                variants.push(quote!(#cdoc #vid(#cpath)));
                froms.push(quote! {
                    impl ::core::convert::From<#cpath> for #name {
                        fn from(x: #cpath) -> Self {
                            Self::#vid(x)
                        }
                    }
                });
            }
        }
        if !self.from_impls {
            froms.clear();
        }
        let (ser_impl, de_impl) = if self.binary {
            (self.enum_ser_impl(e), self.enum_de_impl(e))
        } else {
            (quote!(), quote!())
        };
        let json_impls = self.json_enum_impls(e);
        let arb_impl = self.enum_arbitrary_impl(e);
        let variants: Vec<_> = variants.into_iter().map(moved).collect();
        let mut tokens = quote! {
            #attrs
            pub enum #name {
                #(#variants),*
            }
        };
        for part in [ser_impl, de_impl, json_impls]
            .into_iter()
            .chain(froms)
            .chain([arb_impl])
        {
            tokens.extend(part);
        }
        render::Item { docs: page, tokens }
    }
}
