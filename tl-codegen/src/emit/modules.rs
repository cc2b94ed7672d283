//! The file's layout: `LAYER`, `name_for_id`, the `types`/`functions`/`enums` modules with a
//! module per TL namespace, and the extensions' root items.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Emitter, Kind, hex};
use crate::Error;
use crate::naming::ident;

impl Emitter<'_> {
    pub(crate) fn emit(&self) -> Result<TokenStream, Error> {
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

        // No layer, no `LAYER`: a made-up 0 would be sent in `invokeWithLayer`. The driver
        // warns when the schema has `invokeWithLayer` but no layer.
        let layer = match self.layer {
            Some(l) => {
                let l = Literal::i32_unsuffixed(l as i32);
                let d = format!(" The schema layer ({l}).");
                quote!(#[doc = #d] pub const LAYER: i32 = #l;)
            }
            None => quote!(),
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
            // Doc links name their target in full, so they mean the same in any module.
            #[allow(rustdoc::redundant_explicit_links)]
            pub mod types {
                #types_mod
            }

            /// One struct per TL function (RPC method), serialized with its ID. Each
            /// implements `RemoteCall`, whose `Return` is the decoded answer.
            #[allow(rustdoc::redundant_explicit_links)]
            pub mod functions {
                #functions_mod
            }

            /// One enum per boxed TL type; the variants wrap the constructor structs (unit
            /// variants for constructors without fields).
            // Variant names mirror the schema, and boxing large variants would add an
            // allocation to every value (Box is only used to break recursion).
            #[allow(
                clippy::large_enum_variant,
                clippy::enum_variant_names,
                rustdoc::redundant_explicit_links
            )]
            pub mod enums {
                #enums_mod
            }

            #root_items
        })
    }
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
