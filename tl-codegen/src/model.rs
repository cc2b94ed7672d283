//! The resolved model the emitter works from: schemas merged, types resolved, Rust names
//! chosen and checked for collisions, recursion found, minimum encoded sizes computed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tl_parser::diagnostic::Label;
use tl_parser::{Category, Definition, Diagnostic, DiagnosticKind, ParamType, Severity, TypeRef};

use crate::Error;
use crate::naming;

/// A definition with the file it came from.
#[derive(Clone, Debug)]
pub(crate) struct SourcedDef {
    pub file: String,
    pub def: Definition,
}

/// A resolved TL type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    Int,
    Long,
    Double,
    Int128,
    Int256,
    String,
    Bytes,
    Bool,
    True,
    /// `Vector<T>` (boxed: the vector constructor ID is on the wire) or `vector<T>`.
    Vector {
        boxed: bool,
        elem: Box<Ty>,
    },
    /// A boxed type: index into [`Model::enums`].
    Enum(usize),
    /// A bare constructor: index into [`Model::ctors`].
    Bare(usize),
    /// A generic parameter of a function (`!X`).
    Generic(String),
}

impl Ty {
    /// Does the runtime (or generated code) implement `Serializable`/`Deserializable` for the
    /// Rust type of this TL type, with this TL type's encoding?
    pub fn has_trait_impl(&self) -> bool {
        match self {
            Ty::Bytes | Ty::True => false,
            Ty::Vector { boxed, elem } => *boxed && elem.has_trait_impl(),
            _ => true,
        }
    }
}

/// One field of a constructor or function.
#[derive(Clone, Debug)]
pub(crate) struct Field {
    pub tl_name: String,
    /// Escaped Rust identifier text.
    pub ident: String,
    /// Local variable name used while decoding (`_` + snake name; never a keyword).
    pub local: String,
    pub ty: Ty,
    /// `flags.N?`: index of the flags word in [`Item::flags`] and the bit.
    pub flag: Option<(usize, u32)>,
    /// `Box` this field (it closes a cycle of by-value containment).
    pub boxed: bool,
    pub doc: Option<String>,
}

impl Field {
    pub fn is_true_flag(&self) -> bool {
        self.flag.is_some() && self.ty == Ty::True
    }
}

/// A flags word (`flags:#`).
#[derive(Clone, Debug)]
pub(crate) struct FlagsWord {
    pub local: String,
    /// Bits in use, each with the indices (into [`Item::fields`]) of the fields sharing it.
    pub bits: BTreeMap<u32, Vec<usize>>,
}

/// What appears on the wire, in order.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Wire {
    Flags(usize),
    Field(usize),
}

/// A constructor or a function.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub def: Definition,
    pub tl_name: String,
    pub id: u32,
    /// Rust module path below `types`/`functions` (escaped snake namespace parts).
    pub module: Vec<String>,
    /// Escaped CamelCase identifier.
    pub ident: String,
    pub fields: Vec<Field>,
    pub flags: Vec<FlagsWord>,
    pub wire: Vec<Wire>,
    /// Generic parameters (Rust identifiers).
    pub generics: Vec<String>,
    /// For constructors: the enum it belongs to.
    pub enum_index: Option<usize>,
    /// Minimum encoded size without the constructor ID (generic parts excluded).
    pub min_size: usize,
    pub keep: bool,
}

impl Item {
    pub fn generic_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields
            .iter()
            .filter(|f| matches!(f.ty, Ty::Generic(_)))
    }
}

/// An enum variant: a constructor of the boxed type.
#[derive(Clone, Debug)]
pub(crate) struct Variant {
    pub ctor: usize,
    pub ident: String,
}

/// A boxed type.
#[derive(Clone, Debug)]
pub(crate) struct Enum {
    pub tl_name: String,
    pub module: Vec<String>,
    pub ident: String,
    pub variants: Vec<Variant>,
    /// Part of a containment cycle (by value or through vectors): decoding counts depth.
    pub recursive: bool,
    /// For recursive enums: a variant whose constructor needs no value of this enum's cycle
    /// (its recursive fields are optional or vectors), so a value can always end there.
    pub leaf: Option<usize>,
    /// Minimum encoded size including the constructor ID.
    pub min_size: usize,
    pub keep: bool,
}

/// A function's result type as Rust sees it.
#[derive(Clone, Debug)]
pub(crate) enum Return {
    Ty(Ty),
    /// `= X` for a generic parameter: `X::Return`.
    Generic(String),
    /// Cannot be expressed; the reason.
    Unsupported(String),
}

#[derive(Debug)]
pub(crate) struct Model {
    pub layer: Option<u32>,
    pub ctors: Vec<Item>,
    pub functions: Vec<Item>,
    pub returns: Vec<Return>,
    pub enums: Vec<Enum>,
    /// Every (id, TL name) of the kept definitions plus the skipped built-ins, for
    /// `name_for_id`.
    pub names: BTreeMap<u32, String>,
    pub warnings: Vec<Diagnostic>,
}

/// Boxed types that map to Rust built-ins: their constructors are not generated.
const BUILTIN_TYPES: &[&str] = &["Bool", "True", "Vector"];

fn is_builtin_def(def: &Definition) -> bool {
    def.category == Category::Type
        && def.result.namespace.is_empty()
        && (BUILTIN_TYPES.contains(&def.result.name.as_str())
            || def.result.name == "vector"
            || (def.namespace.is_empty() && def.name == "vector"))
}

pub(crate) struct BuildOptions<'a> {
    pub namespaces: Option<&'a BTreeSet<String>>,
}

/// Merge definitions from several files: the same category and name with the same ID is one
/// definition; with a different ID it is an error.
pub(crate) fn merge(defs: Vec<SourcedDef>) -> Result<Vec<SourcedDef>, Error> {
    let mut out: Vec<SourcedDef> = Vec::with_capacity(defs.len());
    let mut by_name: HashMap<(Category, String), usize> = HashMap::new();
    let mut by_id: HashMap<u32, usize> = HashMap::new();
    for sd in defs {
        let key = (sd.def.category, sd.def.full_name());
        if let Some(&i) = by_name.get(&key) {
            let first = &out[i];
            if first.def.id() == sd.def.id() {
                continue;
            }
            let message = format!(
                "{} `{}` is defined twice with different IDs: #{:08x} in {} (line {}) and #{:08x} in {} (line {})",
                sd.def.category,
                key.1,
                first.def.id(),
                first.file,
                first.def.span.line,
                sd.def.id(),
                sd.file,
                sd.def.span.line
            );
            return Err(conflict(first, &sd, message));
        }
        if let Some(&i) = by_id.get(&sd.def.id()) {
            let first = &out[i];
            if first.file != sd.file {
                let message = format!(
                    "ID #{:08x} is used by `{}` in {} (line {}) and by `{}` in {} (line {})",
                    sd.def.id(),
                    first.def.full_name(),
                    first.file,
                    first.def.span.line,
                    sd.def.full_name(),
                    sd.file,
                    sd.def.span.line
                );
                return Err(conflict(first, &sd, message));
            }
        } else {
            by_id.insert(sd.def.id(), out.len());
        }
        by_name.insert(key, out.len());
        out.push(sd);
    }
    Ok(out)
}

/// [`Error::Conflict`]: a [`DiagnosticKind::DefinitionConflict`] at the second definition,
/// labelled with the first.
fn conflict(first: &SourcedDef, second: &SourcedDef, message: String) -> Error {
    let label = Label::new(first.file.clone(), first.def.span, "first defined here");
    let diagnostic = Diagnostic::error(
        DiagnosticKind::DefinitionConflict,
        second.file.clone(),
        second.def.span,
        message,
    )
    .with_label(label);
    Error::Conflict {
        diagnostic: Box::new(diagnostic),
    }
}

/// A scope in which Rust names must be unique.
#[derive(Default)]
struct Scope {
    names: HashMap<String, String>,
}

impl Scope {
    fn add(&mut self, scope: &str, rust: &str, tl: String) -> Result<(), Error> {
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

fn module_path(ns: &[String]) -> Vec<String> {
    ns.iter().map(|p| naming::field_ident(p)).collect()
}

pub(crate) fn build(defs: Vec<SourcedDef>, opts: &BuildOptions<'_>) -> Result<Model, Error> {
    let mut names = BTreeMap::new();
    let mut ctor_defs = Vec::new();
    let mut fn_defs = Vec::new();
    for sd in defs {
        names
            .entry(sd.def.id())
            .or_insert_with(|| sd.def.full_name());
        if is_builtin_def(&sd.def) {
            continue;
        }
        match sd.def.category {
            Category::Type => ctor_defs.push(sd),
            Category::Function => fn_defs.push(sd),
        }
    }

    // Boxed types, in order of first appearance.
    let mut enums: Vec<Enum> = Vec::new();
    let mut enum_by_name: HashMap<String, usize> = HashMap::new();
    let mut ctor_by_name: HashMap<String, usize> = HashMap::new();
    let mut ctors: Vec<Item> = Vec::new();
    for sd in ctor_defs {
        let def = &sd.def;
        if def.result.generic_arg.is_some() || def.result.generic_ref || def.result.bare {
            return Err(Error::Unsupported {
                item: def.full_name(),
                message: format!(
                    "constructor result type `{}` cannot be expressed (expected a boxed type name)",
                    def.result
                ),
            });
        }
        if !def.generics.is_empty() {
            return Err(Error::Unsupported {
                item: def.full_name(),
                message: "generic constructors are not supported (only functions may be generic)"
                    .to_owned(),
            });
        }
        let tname = def.result.full_name();
        let e = *enum_by_name.entry(tname.clone()).or_insert_with(|| {
            enums.push(Enum {
                tl_name: tname.clone(),
                module: module_path(&def.result.namespace),
                ident: naming::type_ident(&def.result.name),
                variants: Vec::new(),
                recursive: false,
                leaf: None,
                min_size: 0,
                keep: true,
            });
            enums.len() - 1
        });
        ctor_by_name.insert(def.full_name(), ctors.len());
        enums[e].variants.push(Variant {
            ctor: ctors.len(),
            ident: String::new(),
        });
        ctors.push(new_item(sd, Some(e)));
    }
    let mut functions: Vec<Item> = fn_defs.into_iter().map(|sd| new_item(sd, None)).collect();

    // Resolve fields.
    let resolver = Resolver {
        enum_by_name: &enum_by_name,
        ctor_by_name: &ctor_by_name,
        enums: &enums,
    };
    for item in ctors.iter_mut().chain(functions.iter_mut()) {
        resolve_fields(item, &resolver)?;
        for g in &item.generics {
            if !item.fields.iter().any(|f| f.ty == Ty::Generic(g.clone())) {
                return Err(Error::Unsupported {
                    item: item.tl_name.clone(),
                    message: format!(
                        "generic parameter `{g}` is not used by any parameter (`!{g}`)"
                    ),
                });
            }
        }
    }
    let mut returns = Vec::with_capacity(functions.len());
    for f in &functions {
        returns.push(resolve_return(&f.def, &resolver));
    }

    // Rust names: types and modules in each module, variants in each enum, fields in each item.
    check_item_names(&ctors, "types")?;
    check_item_names(&functions, "functions")?;
    {
        let mut scopes: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
        for e in &enums {
            let scope = scopes.entry(e.module.clone()).or_default();
            scope.add(
                &format!("enums::{}", e.module.join("::")),
                &e.ident,
                format!("type `{}`", e.tl_name),
            )?;
        }
        add_module_names(&mut scopes, "enums")?;
    }
    for e in &mut enums {
        name_variants(e, &ctors)?;
    }

    // Recursion: strongly connected components of the by-value containment graph.
    mark_recursion(&mut ctors, &mut enums);
    compute_min_sizes(&mut ctors, &mut functions, &mut enums);

    // Namespace filter.
    if let Some(ns) = opts.namespaces {
        apply_filter(ns, &mut ctors, &mut functions, &mut enums);
        let kept: std::collections::HashSet<u32> = ctors
            .iter()
            .chain(functions.iter())
            .filter(|i| i.keep)
            .map(|i| i.id)
            .collect();
        names.retain(|id, _| kept.contains(id));
    }

    let mut warnings = Vec::new();
    for (f, r) in functions.iter().zip(&returns) {
        if let (true, Return::Unsupported(why)) = (f.keep, r) {
            warnings.push(Diagnostic::unlocated(
                Severity::Warning,
                DiagnosticKind::NoRemoteCall,
                format!("function `{}`: no RemoteCall impl: {why}", f.tl_name),
            ));
        }
    }

    Ok(Model {
        layer: None,
        ctors,
        functions,
        returns,
        enums,
        names,
        warnings,
    })
}

fn new_item(sd: SourcedDef, enum_index: Option<usize>) -> Item {
    let def = sd.def;
    Item {
        tl_name: def.full_name(),
        id: def.id(),
        module: module_path(&def.namespace),
        ident: naming::type_ident(&def.name),
        fields: Vec::new(),
        flags: Vec::new(),
        wire: Vec::new(),
        generics: def
            .generics
            .iter()
            .map(|g| naming::type_ident(&g.name))
            .collect(),
        enum_index,
        min_size: 0,
        keep: true,
        def,
    }
}

struct Resolver<'a> {
    enum_by_name: &'a HashMap<String, usize>,
    ctor_by_name: &'a HashMap<String, usize>,
    enums: &'a [Enum],
}

impl Resolver<'_> {
    fn resolve(&self, t: &TypeRef, generics: &[String]) -> Result<Ty, String> {
        let full = t.full_name();
        if t.generic_ref || (t.namespace.is_empty() && generics.contains(&t.name)) {
            if t.generic_arg.is_some() {
                return Err(format!("generic parameter `{t}` cannot take an argument"));
            }
            return Ok(Ty::Generic(naming::type_ident(&t.name)));
        }
        if t.namespace.is_empty() && (t.name == "Vector" || t.name == "vector") {
            let Some(arg) = &t.generic_arg else {
                return Err(format!("`{t}` without an element type"));
            };
            let elem = self.resolve(arg, generics)?;
            if elem == Ty::True {
                return Err(format!("`{t}`: a vector of `true` has no encoding"));
            }
            return Ok(Ty::Vector {
                boxed: t.name == "Vector" && !t.bare,
                elem: Box::new(elem),
            });
        }
        if t.generic_arg.is_some() {
            return Err(format!("`{t}`: only Vector takes a type argument"));
        }
        if t.namespace.is_empty() {
            let prim = match t.name.as_str() {
                "int" => Some(Ty::Int),
                "long" => Some(Ty::Long),
                "double" => Some(Ty::Double),
                "int128" => Some(Ty::Int128),
                "int256" => Some(Ty::Int256),
                "string" => Some(Ty::String),
                "bytes" => Some(Ty::Bytes),
                "true" => Some(Ty::True),
                "Bool" if !t.bare => Some(Ty::Bool),
                _ => None,
            };
            if let Some(p) = prim {
                return Ok(p);
            }
        }
        let lowercase = t.name.starts_with(|c: char| c.is_lowercase());
        if lowercase {
            // A bare constructor named directly (`future_salt`).
            return match self.ctor_by_name.get(&full) {
                Some(&c) => Ok(Ty::Bare(c)),
                None => Err(format!(
                    "unknown constructor `{full}` (used as a bare type)"
                )),
            };
        }
        let Some(&e) = self.enum_by_name.get(&full) else {
            return Err(format!("unknown type `{full}`"));
        };
        if t.bare {
            // `%Type`: the bare form of a type with exactly one constructor.
            let en = &self.enums[e];
            if en.variants.len() != 1 {
                return Err(format!(
                    "`{t}`: a bare type needs exactly one constructor, `{full}` has {}",
                    en.variants.len()
                ));
            }
            return Ok(Ty::Bare(en.variants[0].ctor));
        }
        Ok(Ty::Enum(e))
    }
}

fn resolve_fields(item: &mut Item, r: &Resolver<'_>) -> Result<(), Error> {
    let generic_names: Vec<String> = item.def.generics.iter().map(|g| g.name.clone()).collect();
    let mut flags_index: HashMap<String, usize> = HashMap::new();
    let mut scope = Scope::default();
    let scope_name = format!("fields of `{}`", item.tl_name);
    for p in &item.def.params {
        match &p.ty {
            ParamType::Flags => {
                let local = format!("_{}", naming::snake_case(&p.name));
                scope.add(&scope_name, &local[1..], format!("flags `{}`", p.name))?;
                flags_index.insert(p.name.clone(), item.flags.len());
                item.wire.push(Wire::Flags(item.flags.len()));
                item.flags.push(FlagsWord {
                    local,
                    bits: BTreeMap::new(),
                });
            }
            ParamType::Normal { ty, flag } => {
                let resolved =
                    r.resolve(ty, &generic_names)
                        .map_err(|message| Error::Unsupported {
                            item: item.tl_name.clone(),
                            message: format!("parameter `{}`: {message}", p.name),
                        })?;
                let flag = match flag {
                    None => {
                        if resolved == Ty::True {
                            return Err(Error::Unsupported {
                                item: item.tl_name.clone(),
                                message: format!(
                                    "parameter `{}` has type `true` without a flag; it carries no information",
                                    p.name
                                ),
                            });
                        }
                        None
                    }
                    Some(fl) => {
                        let Some(&w) = flags_index.get(&fl.name) else {
                            return Err(Error::Unsupported {
                                item: item.tl_name.clone(),
                                message: format!(
                                    "parameter `{}` refers to flags field `{}`, which is not declared before it",
                                    p.name, fl.name
                                ),
                            });
                        };
                        if fl.bit > 31 {
                            return Err(Error::Unsupported {
                                item: item.tl_name.clone(),
                                message: format!(
                                    "parameter `{}`: flag bit {} is out of range",
                                    p.name, fl.bit
                                ),
                            });
                        }
                        item.flags[w]
                            .bits
                            .entry(fl.bit)
                            .or_default()
                            .push(item.fields.len());
                        Some((w, fl.bit))
                    }
                };
                let ident = naming::field_ident(&p.name);
                scope.add(&scope_name, &ident, format!("parameter `{}`", p.name))?;
                item.wire.push(Wire::Field(item.fields.len()));
                item.fields.push(Field {
                    tl_name: p.name.clone(),
                    local: format!("_{}", naming::snake_case(&p.name)),
                    ident,
                    ty: resolved,
                    flag,
                    boxed: false,
                    doc: p.doc.clone(),
                });
            }
        }
    }
    Ok(())
}

fn resolve_return(def: &Definition, r: &Resolver<'_>) -> Return {
    let generic_names: Vec<String> = def.generics.iter().map(|g| g.name.clone()).collect();
    let t = &def.result;
    if t.namespace.is_empty() && generic_names.contains(&t.name) && t.generic_arg.is_none() {
        return Return::Generic(naming::type_ident(&t.name));
    }
    match r.resolve(t, &generic_names) {
        Ok(Ty::Generic(g)) => Return::Generic(g),
        Ok(ty) if ty.has_trait_impl() => Return::Ty(ty),
        Ok(_) => Return::Unsupported(format!(
            "the result type `{t}` has no Rust type implementing Deserializable with its encoding"
        )),
        Err(e) => Return::Unsupported(e),
    }
}

fn check_item_names(items: &[Item], root: &str) -> Result<(), Error> {
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
fn add_module_names(scopes: &mut BTreeMap<Vec<String>, Scope>, root: &str) -> Result<(), Error> {
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
fn name_variants(e: &mut Enum, ctors: &[Item]) -> Result<(), Error> {
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

/// Nodes: constructors `0..n_c`, then enums. Edges: a constructor contains its field types
/// (by value, or through vectors); an enum contains each constructor.
///
/// * Fields whose by-value edge stays inside a strongly connected component of the by-value
///   graph are boxed (a vector already puts its items on the heap).
/// * Enums in a non-trivial component of the whole graph (vectors included) are recursive:
///   decoding counts their depth, since `jsonArray value:Vector<JSONValue>` nests as deep as
///   the input allows just like `textBold text:RichText` does.
fn mark_recursion(ctors: &mut [Item], enums: &mut [Enum]) {
    let nc = ctors.len();
    let n = nc + enums.len();
    let mut by_value: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut all: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, c) in ctors.iter().enumerate() {
        for f in &c.fields {
            if let Some(t) = by_value_target(&f.ty, nc) {
                by_value[i].push(t);
            }
            if let Some(t) = contained_target(&f.ty, nc) {
                all[i].push(t);
            }
        }
    }
    for (j, e) in enums.iter().enumerate() {
        for v in &e.variants {
            by_value[nc + j].push(v.ctor);
            all[nc + j].push(v.ctor);
        }
    }
    let box_comp = tarjan(&by_value);
    let comp = tarjan(&all);
    let mut comp_size = vec![0usize; n];
    for &c in &comp {
        comp_size[c] += 1;
    }
    for (i, c) in ctors.iter_mut().enumerate() {
        for f in &mut c.fields {
            if let Some(t) = by_value_target(&f.ty, nc) {
                f.boxed = box_comp[t] == box_comp[i];
            }
        }
    }
    for (j, e) in enums.iter_mut().enumerate() {
        let node = nc + j;
        let recursive = comp_size[comp[node]] > 1 || all[node].contains(&node);
        e.recursive = recursive;
        if recursive {
            // A leaf: no required field leads back into the cycle.
            e.leaf = e.variants.iter().position(|v| {
                ctors[v.ctor].fields.iter().all(|f| {
                    f.flag.is_some()
                        || by_value_target(&f.ty, nc).is_none_or(|t| comp[t] != comp[node])
                })
            });
        }
    }
}

fn by_value_target(ty: &Ty, nc: usize) -> Option<usize> {
    match ty {
        Ty::Enum(e) => Some(nc + e),
        Ty::Bare(c) => Some(*c),
        _ => None,
    }
}

/// The node a field's value contains, by value or as vector items (at any vector depth).
fn contained_target(ty: &Ty, nc: usize) -> Option<usize> {
    match ty {
        Ty::Vector { elem, .. } => contained_target(elem, nc),
        _ => by_value_target(ty, nc),
    }
}

/// Tarjan's algorithm, iterative. Returns the component index of every node.
fn tarjan(adj: &[Vec<usize>]) -> Vec<usize> {
    let n = adj.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_comp = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut ei)) = call.last_mut() {
            if *ei < adj[v].len() {
                let w = adj[v][*ei];
                *ei += 1;
                if index[w] == usize::MAX {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    loop {
                        let w = stack.pop().expect("tarjan stack");
                        on_stack[w] = false;
                        comp[w] = next_comp;
                        if w == v {
                            break;
                        }
                    }
                    next_comp += 1;
                }
            }
        }
    }
    comp
}

/// Smallest encoded size of a value of `ty` (constructor ID included for boxed types).
/// `None` means "not known yet" during the fixpoint; generic parameters count 0 here (the
/// emitter adds `X::MIN_SIZE`).
fn ty_min(ty: &Ty, ctor_min: &[Option<usize>], enum_min: &[Option<usize>]) -> Option<usize> {
    Some(match ty {
        Ty::Int | Ty::String | Ty::Bytes | Ty::Bool => 4,
        Ty::Long | Ty::Double => 8,
        Ty::Int128 => 16,
        Ty::Int256 => 32,
        Ty::True | Ty::Generic(_) => 0,
        Ty::Vector { boxed, .. } => {
            if *boxed {
                8
            } else {
                4
            }
        }
        Ty::Enum(e) => enum_min[*e]?,
        Ty::Bare(c) => ctor_min[*c]?,
    })
}

fn item_min(item: &Item, ctor_min: &[Option<usize>], enum_min: &[Option<usize>]) -> Option<usize> {
    let mut total = 4 * item.flags.len();
    for f in &item.fields {
        if f.flag.is_none() {
            total += ty_min(&f.ty, ctor_min, enum_min)?;
        }
    }
    Some(total)
}

pub(crate) fn ty_min_size(ty: &Ty, ctors: &[Item], enums: &[Enum]) -> usize {
    match ty {
        Ty::Enum(e) => enums[*e].min_size,
        Ty::Bare(c) => ctors[*c].min_size,
        _ => ty_min(ty, &[], &[]).unwrap_or(0),
    }
}

fn compute_min_sizes(ctors: &mut [Item], functions: &mut [Item], enums: &mut [Enum]) {
    let mut ctor_min: Vec<Option<usize>> = vec![None; ctors.len()];
    let mut enum_min: Vec<Option<usize>> = vec![None; enums.len()];
    loop {
        let mut changed = false;
        for (i, c) in ctors.iter().enumerate() {
            let m = item_min(c, &ctor_min, &enum_min);
            if m.is_some() && (ctor_min[i].is_none() || m < ctor_min[i]) {
                ctor_min[i] = m;
                changed = true;
            }
        }
        for (j, e) in enums.iter().enumerate() {
            let m = e
                .variants
                .iter()
                .filter_map(|v| ctor_min[v.ctor])
                .min()
                .map(|m| m + 4);
            if m.is_some() && (enum_min[j].is_none() || m < enum_min[j]) {
                enum_min[j] = m;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Types with no finite encoding (only possible in a broken schema) fall back to the
    // smallest sizes a constructor can have.
    for (c, m) in ctors.iter_mut().zip(&ctor_min) {
        c.min_size = m.unwrap_or(0);
    }
    for (e, m) in enums.iter_mut().zip(&enum_min) {
        e.min_size = m.unwrap_or(4);
    }
    let ctor_min: Vec<Option<usize>> = ctors.iter().map(|c| Some(c.min_size)).collect();
    let enum_min: Vec<Option<usize>> = enums.iter().map(|e| Some(e.min_size)).collect();
    for f in functions {
        f.min_size = item_min(f, &ctor_min, &enum_min).unwrap_or(0);
    }
}

/// Keep functions and constructors in the selected namespaces (`""` is the global one), and
/// everything they reference, transitively.
fn apply_filter(
    ns: &BTreeSet<String>,
    ctors: &mut [Item],
    functions: &mut [Item],
    enums: &mut [Enum],
) {
    let selected = |it: &Item| ns.contains(&it.def.namespace.join("."));
    for e in enums.iter_mut() {
        e.keep = false;
    }
    let mut ctor_keep = vec![false; ctors.len()];
    let mut enum_keep = vec![false; enums.len()];
    let mut work: Vec<usize> = Vec::new(); // constructor indices to visit
    let mut enum_work: Vec<usize> = Vec::new();
    fn visit_ty(ty: &Ty, work: &mut Vec<usize>, enum_work: &mut Vec<usize>) {
        match ty {
            Ty::Enum(e) => enum_work.push(*e),
            Ty::Bare(c) => work.push(*c),
            Ty::Vector { elem, .. } => visit_ty(elem, work, enum_work),
            _ => {}
        }
    }
    for f in functions.iter_mut() {
        f.keep = selected(f);
        if f.keep {
            for fl in &f.fields {
                visit_ty(&fl.ty, &mut work, &mut enum_work);
            }
            visit_ty_ref_result(&f.def.result, ctors, enums, &mut work, &mut enum_work);
        }
    }
    for (i, c) in ctors.iter().enumerate() {
        if selected(c) {
            work.push(i);
        }
    }
    loop {
        if let Some(e) = enum_work.pop() {
            if !enum_keep[e] {
                enum_keep[e] = true;
                work.extend(enums[e].variants.iter().map(|v| v.ctor));
            }
        } else if let Some(c) = work.pop() {
            if !ctor_keep[c] {
                ctor_keep[c] = true;
                if let Some(e) = ctors[c].enum_index {
                    enum_work.push(e);
                }
                for f in &ctors[c].fields {
                    visit_ty(&f.ty, &mut work, &mut enum_work);
                }
            }
        } else {
            break;
        }
    }
    for (c, k) in ctors.iter_mut().zip(ctor_keep) {
        c.keep = k;
    }
    for (e, k) in enums.iter_mut().zip(enum_keep) {
        e.keep = k;
    }
}

fn visit_ty_ref_result(
    t: &TypeRef,
    ctors: &[Item],
    enums: &[Enum],
    work: &mut Vec<usize>,
    enum_work: &mut Vec<usize>,
) {
    let name = t.full_name();
    if let Some(arg) = &t.generic_arg {
        visit_ty_ref_result(arg, ctors, enums, work, enum_work);
    }
    if let Some(e) = enums.iter().position(|e| e.tl_name == name) {
        enum_work.push(e);
    } else if let Some(c) = ctors.iter().position(|c| c.tl_name == name) {
        work.push(c);
    }
}
