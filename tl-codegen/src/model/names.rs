//! Rust names: one scope per module, enum and struct, collisions are errors naming both.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Enum, Item};
use crate::Error;
use crate::naming;

/// A scope in which Rust names must be unique.
#[derive(Default)]
pub(super) struct Scope {
    names: HashMap<String, String>,
}

impl Scope {
    pub(super) fn add(&mut self, scope: &str, rust: &str, tl: String) -> Result<(), Error> {
        // Raw and plain spellings are the same identifier.
        let key = rust.strip_prefix("r#").unwrap_or(rust).to_owned();
        if let Some(first) = self.names.get(&key) {
            return Err(Error::NameCollision {
                scope: scope.to_owned(),
                rust_name: rust.to_owned(),
                first: first.clone(),
                second: tl,
            });
        }
        self.names.insert(key, tl);
        Ok(())
    }
}

pub(super) fn module_path(ns: &[impl AsRef<str>]) -> Vec<String> {
    ns.iter().map(|p| naming::field_ident(p.as_ref())).collect()
}

pub(super) fn check_item_names(items: &[Item], root: &str) -> Result<(), Error> {
    let mut scopes: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
    for it in items {
        let scope = scopes.entry(it.module.clone()).or_default();
        let mut path = vec![root.to_owned()];
        path.extend(it.module.iter().cloned());
        scope.add(
            &path.join("::"),
            &it.ident,
            format!("{} `{}`", it.def.category, it.tl_name),
        )?;
    }
    add_module_names(&mut scopes, root)
}

/// Namespace modules live in the type namespace of their parent module too.
pub(super) fn add_module_names(
    scopes: &mut BTreeMap<Vec<String>, Scope>,
    root: &str,
) -> Result<(), Error> {
    let modules: BTreeSet<Vec<String>> = scopes.keys().cloned().collect();
    let mut all: BTreeSet<Vec<String>> = BTreeSet::new();
    for m in modules {
        for i in 1..=m.len() {
            all.insert(m[..i].to_vec());
        }
    }
    for m in all {
        let (name, parent) = m.split_last().expect("non-empty");
        let scope = scopes.entry(parent.to_vec()).or_default();
        let mut path = vec![root.to_owned()];
        path.extend(parent.iter().cloned());
        scope.add(
            &path.join("::"),
            name,
            format!("namespace `{}`", m.join(".")),
        )?;
    }
    Ok(())
}

/// Variant names: the constructor's CamelCase name (with its namespace when that differs from
/// the type's), without the type's name as a prefix when every variant of the enum can drop it
/// without colliding (`inputPeerUser` of `InputPeer` → `User`). Otherwise the full names.
pub(super) fn name_variants(e: &mut Enum, ctors: &[Item]) -> Result<(), Error> {
    let type_camel = naming::camel_case(e.tl_name.rsplit('.').next().unwrap_or(&e.tl_name));
    let full: Vec<String> = e
        .variants
        .iter()
        .map(|v| {
            let c = &ctors[v.ctor];
            let mut s = String::new();
            if module_path(&c.def.namespace) != e.module {
                for ns in &c.def.namespace {
                    s.push_str(&naming::camel_case(ns));
                }
            }
            s.push_str(&naming::camel_case(&c.def.name));
            s
        })
        .collect();
    let stripped: Vec<String> = full
        .iter()
        .map(|n| match n.strip_prefix(&type_camel) {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => rest.to_owned(),
            _ => n.clone(),
        })
        .collect();
    let unique = stripped.iter().collect::<BTreeSet<_>>().len() == stripped.len();
    let chosen = if unique { stripped } else { full };
    let mut scope = Scope::default();
    for (v, name) in e.variants.iter_mut().zip(chosen) {
        let ident = naming::escape(&name);
        scope.add(
            &format!("variants of `{}`", e.tl_name),
            &ident,
            format!("constructor `{}`", ctors[v.ctor].tl_name),
        )?;
        v.ident = ident;
    }
    Ok(())
}
