//! Compare two TL schemas by definition name and classify every change.
//!
//! ```
//! use tlgen_parser::{parse, ParseOptions};
//!
//! let old = parse("old.tl", "user id:long = User;\n", &ParseOptions::default()).schema;
//! let new = parse("new.tl", "user id:long name:string = User;\n", &ParseOptions::default()).schema;
//! let diff = tlgen_diff::diff(&old, &new);
//! let kinds: Vec<_> = diff.changes.iter().map(|c| c.kind.code()).collect();
//! assert_eq!(kinds, ["id-changed", "param-added"]);
//! assert!(diff.changes.iter().all(|c| c.is_breaking()));
//! ```
//!
//! # What is compared
//!
//! Definitions (constructors and functions) are matched by full name (`auth.sentCode`), so a
//! constructor that changed its ID keeps its identity and is reported as [`ChangeKind::IdChanged`]
//! rather than as a removal plus an addition. Types are compared structurally (namespace, name,
//! bare or boxed, `!X`, generic argument), never as text, so the spelling of a file (leading zeros
//! in IDs, blank lines, comments, `Vector<T>` against `Vector T`, declaration order, gotd's legacy
//! block position) produces no changes. IDs are compared as integers ([`Definition::id`]: the
//! written ID, or the CRC32 when none is written). Built-in declarations (`int ? = Int;`,
//! `vector ...`) are primitives of the language rather than generated definitions and are not
//! compared. Documentation comments are not compared.
//!
//! # Classification
//!
//! Each [`Change`] carries two independent verdicts:
//!
//! * `breaking_wire`: a peer built from the old schema and a peer built from the new one can no
//!   longer exchange the definition, or one of them reads a different meaning from the same bytes.
//!   Rule of consistency: when a definition's ID changed, every change reported for it is
//!   wire-breaking (old peers reject the new ID no matter what else changed).
//! * `breaking_source`: Rust code written against the code generated from the old schema may stop
//!   compiling. The assumption is the generator's default output: one struct per constructor and
//!   per function with public named fields (so a new field breaks struct literals), one enum per
//!   boxed type with a variant per constructor, and **no `#[non_exhaustive]`** on generated enums or
//!   structs (so a new variant breaks exhaustive `match`es). Field order and constructor IDs are
//!   not visible to source code.
//!
//! | change | wire | source |
//! |---|---|---|
//! | function added | compatible | compatible |
//! | constructor added to a type that did not exist | compatible | compatible |
//! | constructor added to an existing type | compatible (old peers never send it; a new variant is how TL evolves) | **breaking** (new enum variant) |
//! | constructor or function removed | **breaking** | **breaking** |
//! | ID changed | **breaking** | compatible (the ID is a constant, not API) |
//! | moved between type and function | **breaking** | **breaking** |
//! | result type changed | **breaking** | **breaking** |
//! | generic parameters changed | **breaking** | **breaking** |
//! | parameter added or removed (incl. `flags:#` words and optional ones) | **breaking** | **breaking** |
//! | `flags.N?true` added or removed, ID unchanged | compatible (decoders ignore unknown bits: the old peer drops the information silently) unless the bit was used by another parameter on the other side | **breaking** (field) |
//! | parameter renamed (same position and type) | breaking only if the ID changed | **breaking** |
//! | parameter retyped | **breaking**, except `bytes` ↔ `string` (same encoding and ID) | **breaking** |
//! | parameter made optional / required | **breaking** | **breaking** (`T` ↔ `Option<T>`) |
//! | flag bit or flags word changed | **breaking** | compatible |
//! | parameters reordered | **breaking** | compatible (named fields) |
//!
//! The layer number is not a change of any definition: it is reported in [`Diff::old_layer`],
//! [`Diff::new_layer`] and the [`Summary`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod render;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

pub use tlgen_parser::Category;
use tlgen_parser::{Definition, Flag, ParamType, Parameter, Schema, TypeRef};

/// What kind of change a [`Change`] is. The order of the variants is the order in reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// A constructor or function that only the new schema has.
    Added,
    /// A constructor or function that only the old schema has.
    Removed,
    /// The name moved between the type section and the function section.
    CategoryChanged,
    /// The constructor ID changed.
    IdChanged,
    /// The result type (`= Type`) changed.
    ResultChanged,
    /// The generic parameters (`{X:Type}`) changed.
    GenericsChanged,
    /// A parameter only the new definition has.
    ParamAdded,
    /// A parameter only the old definition has.
    ParamRemoved,
    /// A parameter at the same position with the same type got another name.
    ParamRenamed,
    /// A parameter's type changed.
    ParamRetyped,
    /// A required parameter became conditional (`flags.N?T`).
    ParamMadeOptional,
    /// A conditional parameter became required.
    ParamMadeRequired,
    /// A conditional parameter moved to another bit or flags word.
    FlagBitChanged,
    /// Parameters present on both sides are in another order.
    ParamsReordered,
}

impl ChangeKind {
    /// Every kind, in report order.
    pub const ALL: [ChangeKind; 14] = [
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::CategoryChanged,
        ChangeKind::IdChanged,
        ChangeKind::ResultChanged,
        ChangeKind::GenericsChanged,
        ChangeKind::ParamAdded,
        ChangeKind::ParamRemoved,
        ChangeKind::ParamRenamed,
        ChangeKind::ParamRetyped,
        ChangeKind::ParamMadeOptional,
        ChangeKind::ParamMadeRequired,
        ChangeKind::FlagBitChanged,
        ChangeKind::ParamsReordered,
    ];

    /// The stable kebab-case code used in machine-readable output.
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::CategoryChanged => "category-changed",
            ChangeKind::IdChanged => "id-changed",
            ChangeKind::ResultChanged => "result-changed",
            ChangeKind::GenericsChanged => "generics-changed",
            ChangeKind::ParamAdded => "param-added",
            ChangeKind::ParamRemoved => "param-removed",
            ChangeKind::ParamRenamed => "param-renamed",
            ChangeKind::ParamRetyped => "param-retyped",
            ChangeKind::ParamMadeOptional => "param-made-optional",
            ChangeKind::ParamMadeRequired => "param-made-required",
            ChangeKind::FlagBitChanged => "flag-bit-changed",
            ChangeKind::ParamsReordered => "params-reordered",
        }
    }

    /// The kind with this code.
    pub fn from_code(code: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// A short heading for people ("ID changed").
    pub fn title(self) -> &'static str {
        match self {
            ChangeKind::Added => "Added",
            ChangeKind::Removed => "Removed",
            ChangeKind::CategoryChanged => "Moved between type and function",
            ChangeKind::IdChanged => "ID changed",
            ChangeKind::ResultChanged => "Result type changed",
            ChangeKind::GenericsChanged => "Generic parameters changed",
            ChangeKind::ParamAdded => "Parameter added",
            ChangeKind::ParamRemoved => "Parameter removed",
            ChangeKind::ParamRenamed => "Parameter renamed",
            ChangeKind::ParamRetyped => "Parameter type changed",
            ChangeKind::ParamMadeOptional => "Parameter made optional",
            ChangeKind::ParamMadeRequired => "Parameter made required",
            ChangeKind::FlagBitChanged => "Flag bit changed",
            ChangeKind::ParamsReordered => "Parameters reordered",
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One change of one definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Full name of the definition (`auth.sentCode`).
    pub name: String,
    /// What changed.
    pub kind: ChangeKind,
    /// Constructor or function (the new side's, except for [`ChangeKind::Removed`]).
    pub category: Category,
    /// The parameter concerned, for parameter-level kinds (the new name for a rename).
    pub param: Option<String>,
    /// Old and new peers can no longer exchange the definition correctly.
    pub breaking_wire: bool,
    /// Code written against the old generated Rust may no longer compile.
    pub breaking_source: bool,
    /// What changed, for people: ``param `peer`: InputPeer → InputUser``.
    pub detail: String,
}

impl Change {
    /// Breaking on the wire or in source.
    pub fn is_breaking(&self) -> bool {
        self.breaking_wire || self.breaking_source
    }

    /// `"wire, source"`, `"wire"`, `"source"` or `""`.
    pub fn breaks(&self) -> &'static str {
        match (self.breaking_wire, self.breaking_source) {
            (true, true) => "wire, source",
            (true, false) => "wire",
            (false, true) => "source",
            (false, false) => "",
        }
    }
}

/// The differences between two schemas.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// Layer of the old schema, if it says.
    pub old_layer: Option<u32>,
    /// Layer of the new schema, if it says.
    pub new_layer: Option<u32>,
    /// Every change, sorted by name, then kind (then parameter order).
    pub changes: Vec<Change>,
}

/// Counts for a diff.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Names (constructors and functions) only the new schema has.
    pub added: usize,
    /// Names only the old schema has.
    pub removed: usize,
    /// Names present on both sides whose ID differs.
    pub id_changed: usize,
    /// Changes that break the wire or the source.
    pub breaking: usize,
    /// Changes that break neither.
    pub compatible: usize,
    /// Layer of the old schema.
    pub old_layer: Option<u32>,
    /// Layer of the new schema.
    pub new_layer: Option<u32>,
}

impl Summary {
    /// The layers differ.
    pub fn layer_changed(&self) -> bool {
        self.old_layer != self.new_layer
    }
}

impl Diff {
    /// The counts.
    pub fn summary(&self) -> Summary {
        let count = |k: ChangeKind| self.changes.iter().filter(|c| c.kind == k).count();
        let breaking = self.changes.iter().filter(|c| c.is_breaking()).count();
        Summary {
            added: count(ChangeKind::Added),
            removed: count(ChangeKind::Removed),
            id_changed: count(ChangeKind::IdChanged),
            breaking,
            compatible: self.changes.len() - breaking,
            old_layer: self.old_layer,
            new_layer: self.new_layer,
        }
    }

    /// Any breaking change?
    pub fn has_breaking(&self) -> bool {
        self.changes.iter().any(Change::is_breaking)
    }

    /// No change at all, layer included.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.old_layer == self.new_layer
    }

    /// The changes of one definition.
    pub fn changes_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Change> + 'a {
        self.changes.iter().filter(move |c| c.name == name)
    }
}

/// Compare two schemas.
pub fn diff(old: &Schema, new: &Schema) -> Diff {
    let old_defs = by_name(old);
    let new_defs = by_name(new);
    let old_types = boxed_types(old);
    let new_types = boxed_types(new);
    let mut changes = Vec::new();

    for (name, o) in &old_defs {
        match new_defs.get(name) {
            Some(n) => compare(name, o, n, &mut changes),
            None => {
                let detail = match o.category {
                    Category::Function => {
                        format!("function #{:08x} returning {}", o.id(), o.result)
                    }
                    Category::Type => {
                        let ty = type_key(&o.result);
                        let tail = if new_types.contains(&ty) {
                            ""
                        } else {
                            " (the type is gone)"
                        };
                        format!("constructor #{:08x} of {}{tail}", o.id(), o.result)
                    }
                };
                changes.push(Change {
                    name: name.clone(),
                    kind: ChangeKind::Removed,
                    category: o.category,
                    param: None,
                    breaking_wire: true,
                    breaking_source: true,
                    detail,
                });
            }
        }
    }
    for (name, n) in &new_defs {
        if old_defs.contains_key(name) {
            continue;
        }
        let (breaking_source, detail) = match n.category {
            Category::Function => (
                false,
                format!("function #{:08x} returning {}", n.id(), n.result),
            ),
            Category::Type => {
                if old_types.contains(&type_key(&n.result)) {
                    (
                        true,
                        format!(
                            "constructor #{:08x} of existing type {} (new enum variant)",
                            n.id(),
                            n.result
                        ),
                    )
                } else {
                    (
                        false,
                        format!("constructor #{:08x} of new type {}", n.id(), n.result),
                    )
                }
            }
        };
        changes.push(Change {
            name: name.clone(),
            kind: ChangeKind::Added,
            category: n.category,
            param: None,
            breaking_wire: false,
            breaking_source,
            detail,
        });
    }
    // Stable: changes of one name and kind keep their parameter order.
    changes.sort_by(|a, b| a.name.cmp(&b.name).then(a.kind.cmp(&b.kind)));
    Diff {
        old_layer: old.layer,
        new_layer: new.layer,
        changes,
    }
}

/// Definitions by full name. A duplicated name (an invalid schema) keeps its first definition.
fn by_name(schema: &Schema) -> BTreeMap<String, &Definition> {
    let mut map = BTreeMap::new();
    for d in &schema.definitions {
        map.entry(d.full_name()).or_insert(d);
    }
    map
}

/// The boxed types that constructors of `schema` build.
fn boxed_types(schema: &Schema) -> BTreeSet<(Vec<String>, String)> {
    schema.types().map(|d| type_key(&d.result)).collect()
}

fn type_key(t: &TypeRef) -> (Vec<String>, String) {
    (
        t.namespace.iter().map(ToString::to_string).collect(),
        t.name.to_string(),
    )
}

/// Structural equality of type references (spans ignored).
pub fn same_type(a: &TypeRef, b: &TypeRef) -> bool {
    a.namespace == b.namespace
        && a.name == b.name
        && a.bare == b.bare
        && a.generic_ref == b.generic_ref
        && match (&a.generic_arg, &b.generic_arg) {
            (None, None) => true,
            (Some(x), Some(y)) => same_type(x, y),
            _ => false,
        }
}

/// Same bytes on the wire: structurally equal, with `bytes` and `string` interchangeable.
fn same_encoding(a: &TypeRef, b: &TypeRef) -> bool {
    let is_str = |t: &TypeRef| {
        t.namespace.is_empty()
            && !t.generic_ref
            && t.generic_arg.is_none()
            && (t.name == "bytes" || t.name == "string")
    };
    if is_str(a) && is_str(b) {
        return true;
    }
    a.namespace == b.namespace
        && a.name == b.name
        && a.bare == b.bare
        && a.generic_ref == b.generic_ref
        && match (&a.generic_arg, &b.generic_arg) {
            (None, None) => true,
            (Some(x), Some(y)) => same_encoding(x, y),
            _ => false,
        }
}

fn same_param_type(a: &ParamType, b: &ParamType) -> bool {
    match (a, b) {
        (ParamType::Flags, ParamType::Flags) => true,
        (ParamType::Normal { ty: t1, flag: f1 }, ParamType::Normal { ty: t2, flag: f2 }) => {
            f1 == f2 && same_type(t1, t2)
        }
        _ => false,
    }
}

fn show_param_type(t: &ParamType) -> String {
    match t {
        ParamType::Flags => "#".to_string(),
        ParamType::Normal { ty, flag: None } => ty.to_string(),
        ParamType::Normal { ty, flag: Some(f) } => format!("{}.{}?{ty}", f.name, f.bit),
    }
}

fn show_flag(f: &Flag) -> String {
    format!("{}.{}", f.name, f.bit)
}

/// Collects the changes of one definition present on both sides.
struct Ctx<'a> {
    name: &'a str,
    category: Category,
    id_changed: bool,
    out: &'a mut Vec<Change>,
}

impl Ctx<'_> {
    /// Push a change; `intrinsic_wire` says whether it breaks the wire on its own. An ID change
    /// of the definition makes every change of it wire-breaking.
    fn push(
        &mut self,
        kind: ChangeKind,
        param: Option<&str>,
        intrinsic_wire: bool,
        breaking_source: bool,
        detail: String,
    ) {
        self.out.push(Change {
            name: self.name.to_string(),
            kind,
            category: self.category,
            param: param.map(str::to_string),
            breaking_wire: intrinsic_wire || self.id_changed,
            breaking_source,
            detail,
        });
    }
}

fn compare(name: &str, o: &Definition, n: &Definition, out: &mut Vec<Change>) {
    let mut cx = Ctx {
        name,
        category: n.category,
        id_changed: o.id() != n.id(),
        out,
    };
    if o.category != n.category {
        cx.push(
            ChangeKind::CategoryChanged,
            None,
            true,
            true,
            format!("{} → {}", o.category, n.category),
        );
    }
    if cx.id_changed {
        cx.push(
            ChangeKind::IdChanged,
            None,
            true,
            false,
            format!("#{:08x} → #{:08x}", o.id(), n.id()),
        );
    }
    if !same_type(&o.result, &n.result) {
        cx.push(
            ChangeKind::ResultChanged,
            None,
            true,
            true,
            format!("{} → {}", o.result, n.result),
        );
    }
    let generics_equal = o.generics.len() == n.generics.len()
        && o.generics
            .iter()
            .zip(&n.generics)
            .all(|(a, b)| a.name == b.name && a.kind == b.kind);
    if !generics_equal {
        let show = |d: &Definition| {
            let g: Vec<_> = d
                .generics
                .iter()
                .map(|g| format!("{{{}:{}}}", g.name, g.kind))
                .collect();
            if g.is_empty() {
                "(none)".to_string()
            } else {
                g.join(" ")
            }
        };
        cx.push(
            ChangeKind::GenericsChanged,
            None,
            true,
            true,
            format!("{} → {}", show(o), show(n)),
        );
    }
    compare_params(&mut cx, &o.params, &n.params);
}

fn compare_params(cx: &mut Ctx<'_>, old: &[Parameter], new: &[Parameter]) {
    let old_idx: HashMap<&str, usize> = old
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.as_str(), i))
        .collect();
    let new_idx: HashMap<&str, usize> = new
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.as_str(), i))
        .collect();

    // Parameters only one side has, keyed by their "gap": the number of common parameters
    // before them. A removed and an added parameter in the same gap with the same type are a
    // rename (when that pairing is unambiguous).
    let gaps = |params: &[Parameter], other: &HashMap<&str, usize>| {
        let mut common = 0usize;
        let mut only = Vec::new();
        for (i, p) in params.iter().enumerate() {
            if other.contains_key(p.name.as_str()) {
                common += 1;
            } else {
                only.push((common, i));
            }
        }
        only
    };
    let removed = gaps(old, &new_idx);
    let added = gaps(new, &old_idx);
    let mut renamed: Vec<(usize, usize)> = Vec::new();
    for &(gap, oi) in &removed {
        let same = |list: &[(usize, usize)], params: &[Parameter], ty: &ParamType| {
            list.iter()
                .filter(|&&(g, i)| g == gap && same_param_type(&params[i].ty, ty))
                .map(|&(_, i)| i)
                .collect::<Vec<_>>()
        };
        let ty = &old[oi].ty;
        let olds = same(&removed, old, ty);
        let news = same(&added, new, ty);
        if olds.len() == 1 && news.len() == 1 {
            renamed.push((oi, news[0]));
        }
    }
    let renamed_old: HashMap<usize, usize> = renamed.iter().copied().collect();
    let renamed_new: HashMap<usize, usize> = renamed.iter().map(|&(o, n)| (n, o)).collect();

    // Bits in use on each side, per flags word, for judging `flags.N?true` changes.
    let bits = |params: &[Parameter]| -> BTreeSet<(String, u32)> {
        params
            .iter()
            .filter_map(|p| p.ty.flag().map(|f| (f.name.to_string(), f.bit)))
            .collect()
    };
    let old_bits = bits(old);
    let new_bits = bits(new);
    // A presence bit whose addition or removal leaves the ID alone: old and new peers still
    // decode each other (unknown bits are ignored), unless the other side gives the bit a meaning.
    let true_flag_wire =
        |p: &Parameter, other_bits: &BTreeSet<(String, u32)>, own: &[Parameter]| {
            let f = p.ty.flag().expect("true flags have a flag");
            let key = (f.name.to_string(), f.bit);
            let shared_here = own
                .iter()
                .any(|q| q.name != p.name && q.ty.flag() == Some(f));
            other_bits.contains(&key) && !shared_here
        };

    // Removed parameters (not renames), in old order.
    for &(_, oi) in &removed {
        if renamed_old.contains_key(&oi) {
            continue;
        }
        let p = &old[oi];
        let intrinsic = if p.ty.is_true_flag() {
            true_flag_wire(p, &new_bits, old)
        } else {
            true
        };
        cx.push(
            ChangeKind::ParamRemoved,
            Some(&p.name),
            intrinsic,
            true,
            format!("param `{}`: {}", p.name, show_param_type(&p.ty)),
        );
    }
    // Added parameters and renames, in new order.
    for &(_, ni) in &added {
        let p = &new[ni];
        if let Some(&oi) = renamed_new.get(&ni) {
            let q = &old[oi];
            cx.push(
                ChangeKind::ParamRenamed,
                Some(&p.name),
                false,
                true,
                format!(
                    "param `{}` → `{}` ({})",
                    q.name,
                    p.name,
                    show_param_type(&p.ty)
                ),
            );
            continue;
        }
        let intrinsic = if p.ty.is_true_flag() {
            true_flag_wire(p, &old_bits, new)
        } else {
            true
        };
        cx.push(
            ChangeKind::ParamAdded,
            Some(&p.name),
            intrinsic,
            true,
            format!("param `{}`: {}", p.name, show_param_type(&p.ty)),
        );
    }
    // Parameters on both sides, in new order.
    for p in new {
        let Some(&oi) = old_idx.get(p.name.as_str()) else {
            continue;
        };
        let q = &old[oi];
        match (&q.ty, &p.ty) {
            (ParamType::Flags, ParamType::Flags) => {}
            (ParamType::Normal { ty: t1, flag: f1 }, ParamType::Normal { ty: t2, flag: f2 }) => {
                match (f1, f2) {
                    (None, Some(f)) => cx.push(
                        ChangeKind::ParamMadeOptional,
                        Some(&p.name),
                        true,
                        true,
                        format!("param `{}`: {t1} → {}?{t2}", p.name, show_flag(f)),
                    ),
                    (Some(f), None) => cx.push(
                        ChangeKind::ParamMadeRequired,
                        Some(&p.name),
                        true,
                        true,
                        format!("param `{}`: {}?{t1} → {t2}", p.name, show_flag(f)),
                    ),
                    (Some(a), Some(b)) if a != b => cx.push(
                        ChangeKind::FlagBitChanged,
                        Some(&p.name),
                        true,
                        false,
                        format!("param `{}`: {} → {}", p.name, show_flag(a), show_flag(b)),
                    ),
                    _ => {}
                }
                if !same_type(t1, t2) {
                    cx.push(
                        ChangeKind::ParamRetyped,
                        Some(&p.name),
                        !same_encoding(t1, t2),
                        true,
                        format!("param `{}`: {t1} → {t2}", p.name),
                    );
                }
            }
            (a, b) => cx.push(
                ChangeKind::ParamRetyped,
                Some(&p.name),
                true,
                true,
                format!(
                    "param `{}`: {} → {}",
                    p.name,
                    show_param_type(a),
                    show_param_type(b)
                ),
            ),
        }
    }
    // Order of the parameters on both sides (renames count as the same parameter).
    let old_order: Vec<&str> = old
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            if new_idx.contains_key(p.name.as_str()) {
                Some(p.name.as_str())
            } else {
                renamed_old.get(&i).map(|&ni| new[ni].name.as_str())
            }
        })
        .collect();
    let new_order: Vec<&str> = new
        .iter()
        .enumerate()
        .filter(|(i, p)| old_idx.contains_key(p.name.as_str()) || renamed_new.contains_key(i))
        .map(|(_, p)| p.name.as_str())
        .collect();
    if old_order != new_order {
        cx.push(
            ChangeKind::ParamsReordered,
            None,
            true,
            false,
            format!("{} → {}", old_order.join(", "), new_order.join(", ")),
        );
    }
}
