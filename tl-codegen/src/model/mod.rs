//! The resolved model the emitter works from: schemas merged ([`merge`]), types resolved
//! ([`resolve`]), Rust names chosen and checked for collisions ([`names`]), the selection
//! applied ([`filter`]), recursion found ([`graph`]) and minimum encoded sizes computed
//! ([`sizes`]). [`build`] runs those steps in that order.

mod filter;
mod graph;
mod merge;
mod names;
mod resolve;
mod sizes;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tlgen_parser::{Category, Definition, Diagnostic, DiagnosticKind, Severity};

use crate::Error;
use crate::naming;
pub(crate) use filter::Selection;
use filter::apply_filter;
use graph::mark_recursion;
use names::{Scope, add_module_names, check_item_names, module_path, name_variants};
use resolve::{Resolver, resolve_fields, resolve_return};
use sizes::compute_min_sizes;

pub(crate) use merge::merge;
pub(crate) use sizes::ty_min_size;

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
    /// TDLib's and tonlib's `int53`: an `i64` that JSON writes as a number (the binary form
    /// is `long`'s).
    Int53,
    Double,
    Int128,
    Int256,
    String,
    Bytes,
    Bool,
    True,
    /// TON's `Object` / `Function`: a serialized object of any type (`tlgen_runtime::Object`);
    /// only a function's result.
    Object,
    /// tonlib's `secureString` (`tlgen_runtime::SecureString`).
    SecureString,
    /// tonlib's `secureBytes` (`tlgen_runtime::SecureBytes`).
    SecureBytes,
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
    /// TDLib: an object that may be `null` (`Option<T>`); its doc says "may be null" or
    /// "pass null". JSON only: it has no binary form.
    Nullable(Box<Ty>),
}

impl Ty {
    /// Does the runtime (or generated code) implement `Serializable`/`Deserializable` for the
    /// Rust type of this TL type, with this TL type's encoding?
    pub fn has_trait_impl(&self) -> bool {
        match self {
            Ty::Bytes | Ty::True | Ty::Nullable(_) => false,
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
    /// Declared `string` but carried as bytes (`Config::bytes_field`).
    pub binary: bool,
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
    /// TDLib's `//@class` description.
    pub doc: Option<String>,
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
    pub ctors: Vec<Item>,
    pub functions: Vec<Item>,
    pub returns: Vec<Return>,
    pub enums: Vec<Enum>,
    /// Every (id, TL name) of the kept definitions plus the skipped built-ins, for
    /// `name_for_id`.
    pub names: BTreeMap<u32, String>,
    pub warnings: Vec<Diagnostic>,
    /// The binary encoding is generated (`Config::binary`; off for TDLib): the docs'
    /// examples use it, else JSON.
    pub binary: bool,
}

/// Boxed types that map to Rust built-ins: their constructors are not generated. Beyond
/// Telegram's `Bool`, `True` and `Vector`, TON declares `bytes data:string = Bytes;` and the
/// other dialects spell their primitives as boxed types too.
const BUILTIN_TYPES: &[&str] = &[
    "Bool",
    "True",
    "Vector",
    "Bytes",
    "Object",
    "Function",
    "SecureString",
    "SecureBytes",
    "Int",
    "Long",
    "Double",
    "String",
    "Int32",
    "Int53",
    "Int64",
    "Int128",
    "Int256",
];

fn is_builtin_def(def: &Definition) -> bool {
    def.category == Category::Type
        && def.result.namespace.is_empty()
        && (BUILTIN_TYPES.contains(&def.result.name.as_str())
            || def.result.name == "vector"
            || (def.namespace.is_empty() && def.name == "vector"))
}

pub(crate) struct BuildOptions<'a> {
    /// TDLib's dialect: `//@class` docs, a type with one constructor and no `//@class` is
    /// that constructor's struct, objects documented as "may be null" are `Option`s.
    pub tdlib: bool,
    /// `//@class` descriptions by type name.
    pub type_docs: &'a HashMap<String, String>,
    /// What to generate (everything by default).
    pub selection: Selection<'a>,
    /// `constructor.field` names whose `string` is carried as bytes.
    pub bytes_fields: &'a BTreeSet<String>,
    /// Also apply [`MTPROTO_BYTES_FIELDS`] where the schema has them.
    pub mtproto_bytes_fields: bool,
}

/// The fields of `mtproto.tl` that are declared `string` but carry binary data: the
/// big-endian integers and ciphertext of the key exchange, the per-message status bytes of
/// `msgs_state_info`/`msgs_all_info`, and the raw bytes of the fake-TLS templates. They are
/// `Vec<u8>` by default (see `Config::mtproto_bytes_fields`).
pub const MTPROTO_BYTES_FIELDS: &[&str] = &[
    "resPQ.pq",
    "p_q_inner_data.pq",
    "p_q_inner_data.p",
    "p_q_inner_data.q",
    "p_q_inner_data_dc.pq",
    "p_q_inner_data_dc.p",
    "p_q_inner_data_dc.q",
    "p_q_inner_data_temp.pq",
    "p_q_inner_data_temp.p",
    "p_q_inner_data_temp.q",
    "p_q_inner_data_temp_dc.pq",
    "p_q_inner_data_temp_dc.p",
    "p_q_inner_data_temp_dc.q",
    "server_DH_params_ok.encrypted_answer",
    "server_DH_inner_data.dh_prime",
    "server_DH_inner_data.g_a",
    "client_DH_inner_data.g_b",
    "req_DH_params.p",
    "req_DH_params.q",
    "req_DH_params.encrypted_data",
    "set_client_DH_params.encrypted_data",
    "msgs_state_info.info",
    "msgs_all_info.info",
    "tlsBlockString.data",
    // Text in practice, but `bytes` in the schema Telegram computed the ID from (no text
    // form of the line gives `#4679b65f`), and so in other clients: any bytes are valid.
    "accessPointRule.phone_prefix_rules",
];

pub(crate) fn build(defs: Vec<SourcedDef>, opts: &BuildOptions<'_>) -> Result<Model, Error> {
    check_bytes_fields(&defs, opts.bytes_fields)?;
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

    // TDLib: a type with exactly one constructor and no `//@class` is not an abstract type;
    // TDLib's JSON tags it with the constructor's name, so it is the constructor's struct.
    let mut flat: HashMap<String, usize> = HashMap::new();
    if opts.tdlib {
        let mut count: HashMap<String, usize> = HashMap::new();
        for sd in &ctor_defs {
            *count.entry(sd.def.result.full_name()).or_default() += 1;
        }
        flat = count
            .into_iter()
            .filter(|(name, n)| *n == 1 && !opts.type_docs.contains_key(name))
            .map(|(name, _)| (name, usize::MAX))
            .collect();
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
        if let Some(c) = flat.get_mut(&tname) {
            *c = ctors.len();
            ctor_by_name.insert(def.full_name(), ctors.len());
            ctors.push(new_item(sd, None));
            continue;
        }
        let e = *enum_by_name.entry(tname.clone()).or_insert_with(|| {
            enums.push(Enum {
                doc: opts.type_docs.get(&tname).cloned(),
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
        flat: &flat,
        tdlib: opts.tdlib,
        bytes_fields: opts.bytes_fields,
        mtproto_bytes_fields: opts.mtproto_bytes_fields,
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

    // The selection (namespaces, functions, types) and what it reaches.
    if !opts.selection.is_all() {
        apply_filter(&opts.selection, &mut ctors, &mut functions, &mut enums)?;
        // Names of items left out go; the built-ins (`vector`, ...) stay.
        let dropped: std::collections::HashSet<u32> = ctors
            .iter()
            .chain(functions.iter())
            .filter(|i| !i.keep)
            .map(|i| i.id)
            .collect();
        names.retain(|id, _| !dropped.contains(id));
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
        ctors,
        functions,
        returns,
        enums,
        names,
        warnings,
        binary: true,
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

/// Every `Config::bytes_field` must name a parameter of a definition (a typo would otherwise
/// leave a binary field as text without a word).
fn check_bytes_fields(defs: &[SourcedDef], names: &BTreeSet<String>) -> Result<(), Error> {
    for name in names {
        let found = name.rsplit_once('.').is_some_and(|(item, field)| {
            defs.iter().any(|sd| {
                sd.def.full_name() == item && sd.def.params.iter().any(|p| p.name == field)
            })
        });
        if !found {
            return Err(Error::Config {
                message: format!(
                    "bytes field `{name}`: no definition has that parameter (expected \
                     `constructor.field`, e.g. `resPQ.pq`)"
                ),
            });
        }
    }
    Ok(())
}
