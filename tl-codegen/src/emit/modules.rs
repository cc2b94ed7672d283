//! The file's layout: `LAYER`, `name_for_id`, the `types`/`functions`/`enums` modules with a
//! module per TL namespace, and the extensions' root items.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{EmitSettings, Emitter, Kind, hex};
use crate::Error;
use crate::extension::Extension;
use crate::render::{Entry, Item, Module};
use crate::rpc_errors::RpcErrors;

/// One item group to emit.
#[derive(Clone, Copy)]
enum Job {
    Ctor(usize),
    Function(usize),
    Enum(usize),
}

/// The whole file as a module tree: `LAYER`, `name_for_id`, `types`, `functions`, `enums`
/// (a module per TL namespace inside each), then the extensions' root items. The item groups
/// are emitted and printed on `threads` threads (each with its own [`Emitter`]: tokens stay in
/// their thread, text comes back); `rpc` is then the only extension.
pub(crate) fn emit(
    settings: &EmitSettings<'_>,
    rpc: Option<&RpcErrors>,
    extensions: &[&dyn Extension],
    threads: usize,
) -> Result<Module, Error> {
    let m = settings.model;
    let mut jobs = Vec::new();
    jobs.extend(
        (0..m.ctors.len())
            .filter(|&i| m.ctors[i].keep)
            .map(Job::Ctor),
    );
    jobs.extend(
        (0..m.functions.len())
            .filter(|&i| m.functions[i].keep)
            .map(Job::Function),
    );
    jobs.extend(
        (0..m.enums.len())
            .filter(|&i| m.enums[i].keep)
            .map(Job::Enum),
    );
    let main = settings.emitter(extensions)?;
    // A small schema is not worth the threads.
    let entries: Vec<Entry> = if threads <= 1 || jobs.len() < 64 {
        jobs.iter()
            .map(|&j| {
                let (item, depth) = main.job(j);
                main.render.entry(item, depth)
            })
            .collect::<Result<_, _>>()?
    } else {
        // Work is handed out in chunks; results are put back in job order, so the output does
        // not depend on the threads.
        let next = std::sync::atomic::AtomicUsize::new(0);
        const CHUNK: usize = 32;
        let parts: Vec<Result<Vec<(usize, String)>, Error>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let exts: Vec<&dyn Extension> =
                            rpc.iter().map(|r| *r as &dyn Extension).collect();
                        let em = settings.emitter(&exts)?;
                        let mut done = Vec::new();
                        loop {
                            let start = next.fetch_add(CHUNK, std::sync::atomic::Ordering::Relaxed);
                            if start >= jobs.len() {
                                break;
                            }
                            let end = (start + CHUNK).min(jobs.len());
                            for (i, &job) in jobs.iter().enumerate().take(end).skip(start) {
                                let (item, depth) = em.job(job);
                                done.push((i, em.render.text(item, depth)));
                            }
                        }
                        Ok(done)
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        let mut done = Vec::with_capacity(jobs.len());
        for part in parts {
            done.extend(part?);
        }
        done.sort_unstable_by_key(|&(i, _)| i);
        done.into_iter().map(|(_, t)| Entry::Text(t)).collect()
    };
    Ok(main.assemble(&jobs, entries))
}

impl Emitter<'_> {
    /// One item group and its depth in the file: the top module, then a module per
    /// namespace part.
    fn job(&self, job: Job) -> (Item, usize) {
        let m = self.model;
        match job {
            Job::Ctor(i) => {
                let c = &m.ctors[i];
                (self.emit_item(c, Kind::Ctor, None), 1 + c.module.len())
            }
            Job::Function(i) => {
                let f = &m.functions[i];
                let item = self.emit_item(f, Kind::Function, Some(&m.returns[i]));
                (item, 1 + f.module.len())
            }
            Job::Enum(i) => {
                let e = &m.enums[i];
                (self.emit_enum(e), 1 + e.module.len())
            }
        }
    }

    /// The file around the item groups (`entries[i]` is `jobs[i]`'s).
    fn assemble(&self, jobs: &[Job], entries: Vec<Entry>) -> Module {
        let m = self.model;
        let mut types: BTreeMap<Vec<String>, Vec<Entry>> = BTreeMap::new();
        let mut functions: BTreeMap<Vec<String>, Vec<Entry>> = BTreeMap::new();
        let mut enums: BTreeMap<Vec<String>, Vec<Entry>> = BTreeMap::new();
        for (job, entry) in jobs.iter().zip(entries) {
            let (map, module) = match *job {
                Job::Ctor(i) => (&mut types, &m.ctors[i].module),
                Job::Function(i) => (&mut functions, &m.functions[i].module),
                Job::Enum(i) => (&mut enums, &m.enums[i].module),
            };
            map.entry(module.clone()).or_default().push(entry);
        }

        let docs = |lines: &[&str]| lines.iter().map(|l| (*l).to_owned()).collect::<Vec<_>>();
        let mut root = Module::default();
        // No layer, no `LAYER`: a made-up 0 would be sent in `invokeWithLayer`. The driver
        // warns when the schema has `invokeWithLayer` but no layer.
        if let Some(l) = self.layer {
            let l = Literal::i32_unsuffixed(l as i32);
            root.item(Item {
                docs: vec![format!("The schema layer ({l}).")],
                tokens: quote!(pub const LAYER: i32 = #l;),
            });
        }
        // A sorted table searched at run time: far less for rustc than a match of thousands
        // of arms.
        let rows = m.names.iter().map(|(id, name)| {
            let id = hex(*id);
            quote!((#id, #name),)
        });
        root.item(Item {
            docs: docs(&[
                "The TL name (`namespace.name`) of a constructor or function ID, for logs and",
                "error messages. Covers every generated item and the built-ins (`boolTrue`,",
                "`vector`, ...).",
            ]),
            tokens: quote! {
                pub fn name_for_id(id: u32) -> ::core::option::Option<&'static str> {
                    // Sorted by ID.
                    static NAMES: &[(u32, &str)] = &[#(#rows)*];
                    match NAMES.binary_search_by_key(&id, |&(i, _)| i) {
                        ::core::result::Result::Ok(i) => ::core::option::Option::Some(NAMES[i].1),
                        ::core::result::Result::Err(_) => ::core::option::Option::None,
                    }
                }
            },
        });
        root.module(nest(
            Module::named(
                "types",
                docs(&[
                    "One struct per TL constructor, serialized bare (without its ID; the enum of its",
                    "type writes the ID). Each implements `Identifiable`.",
                ]),
                // Doc links name their target in full, so they mean the same in any module.
                quote!(#[allow(rustdoc::redundant_explicit_links)]),
            ),
            types,
            &namespace_doc,
        ));
        root.module(nest(
            Module::named(
                "functions",
                docs(&[
                    "One struct per TL function (RPC method), serialized with its ID. Each",
                    "implements `RemoteCall`, whose `Return` is the decoded answer.",
                ]),
                quote!(#[allow(rustdoc::redundant_explicit_links)]),
            ),
            functions,
            &namespace_doc,
        ));
        root.module(nest(
            Module::named(
                "enums",
                docs(&[
                    "One enum per boxed TL type; the variants wrap the constructor structs (unit",
                    "variants for constructors without fields).",
                ]),
                // Variant names mirror the schema, and boxing large variants would add an
                // allocation to every value (Box is only used to break recursion).
                quote!(#[allow(
                    clippy::large_enum_variant,
                    clippy::enum_variant_names,
                    rustdoc::redundant_explicit_links
                )]),
            ),
            enums,
            &namespace_doc,
        ));
        for ext in self.extensions {
            let items = ext.root_items(&self.rt);
            if !items.is_empty() {
                root.item(items);
            }
        }
        root
    }
}

/// The doc line of a namespace module (`a.b` for `mod a { mod b {..} }`).
fn namespace_doc(namespace: &str) -> String {
    format!("Namespace `{namespace}`.")
}

/// Put items keyed by namespace path into `module` as nested `pub mod`s (each documented by
/// `doc(path)`): the items of the module itself first, then its child modules, sorted by name.
pub(crate) fn nest(
    module: Module,
    map: BTreeMap<Vec<String>, Vec<Entry>>,
    doc: &dyn Fn(&str) -> String,
) -> Module {
    // `map` is sorted, so a namespace's children follow it; keep a stack of open modules.
    let mut stack: Vec<(Vec<String>, Module)> = vec![(Vec::new(), module)];
    for (path, items) in map {
        // Close the modules that are not ancestors of `path`.
        while stack.len() > 1 && !path.starts_with(&stack[stack.len() - 1].0) {
            close(&mut stack);
        }
        // Open the missing ancestors and the module itself.
        let depth = stack[stack.len() - 1].0.len();
        for i in depth..path.len() {
            let p = path[..=i].to_vec();
            let m = Module::named(&path[i], vec![doc(&p.join("."))], TokenStream::new());
            stack.push((p, m));
        }
        let top = &mut stack.last_mut().expect("the root").1;
        top.entries.extend(items);
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    let (_, root) = stack.pop().expect("the root");
    root
}

fn close(stack: &mut Vec<(Vec<String>, Module)>) {
    if let Some((_, m)) = stack.pop()
        && let Some((_, parent)) = stack.last_mut()
    {
        parent.module(m);
    }
}
