//! Build-time half of the differential check against grammers-tl-types 0.11.0 (issue #12):
//! which grammers type decodes the same bytes as each generated item. Included by
//! `tests/compile-test/build.rs` (the `differential` test) and `fuzz/build.rs` (the
//! `differential` fuzz target) with `#[path]`; `compare.rs` beside it is the run-time half.
//!
//! The grammers names come from grammers itself: the schemas are parsed with
//! grammers-tl-parser and fed to grammers-tl-gen's `generate_rust_code` (what
//! grammers-tl-types' build script does), and the generated text is scanned for the module,
//! type and constructor-ID lines it writes. No naming rule is re-implemented here, and every
//! pairing is checked when the table compiles: a wrong path is a compile error, and each
//! table carries `const` assertions that the grammers type's `CONSTRUCTOR_ID` is ours.
//!
//! grammers-tl-types 0.11.0 bundles its own copy of the schemas. Its api.tl is the layer-230
//! file of `TL_SCHEMA_DIR`; its mtproto.tl differs from ours in a few lines, listed in
//! [`NOT_IN_GRAMMERS`] and [`ONLY_IN_GRAMMERS`]. Items that contain one of those, however
//! deeply, are left out of the pairing (they could not agree); the tables list them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use grammers_tl_parser::tl::{Category, Definition, ParameterType, Type};
use tlgen_build::{ItemInfo, ItemKind};

/// Our constructors that grammers-tl-types 0.11.0 does not have with our ID: its mtproto.tl
/// declares `tlsBlockString data:bytes` (ours: `data:string`, so the implicit CRC32 ID
/// differs) and has no `tlsBlockPermutation`.
pub const NOT_IN_GRAMMERS: &[&str] = &["tlsBlockString", "tlsBlockPermutation"];

/// Constructors only grammers-tl-types 0.11.0 has: `msg_resend_ans_req#8610baeb` (a second
/// constructor of `MsgResendReq`). Our `MsgResendReq` stays paired: every value of ours is one
/// of grammers'.
pub const ONLY_IN_GRAMMERS: &[&str] = &["msg_resend_ans_req"];

/// What grammers-tl-gen generates for a set of definitions, by constructor/function ID.
pub struct Grammers {
    /// Constructor ID → `types::ns::Name`.
    types: HashMap<u32, String>,
    /// Function ID → `functions::ns::Name` and its number of generic parameters.
    functions: HashMap<u32, (String, usize)>,
    /// `enums::ns::Name` → the IDs of its constructors.
    enums: BTreeMap<String, BTreeSet<u32>>,
    /// Constructor ID → its enum.
    enum_of: HashMap<u32, String>,
    /// ID → the parsed definition (for the flags offsets and the containment check).
    defs: HashMap<u32, Definition>,
}

/// Parses `schemas` as grammers-tl-types does (grammers-tl-parser, dropping the definitions it
/// cannot parse) and runs grammers-tl-gen over them in memory.
pub fn grammers(schemas: &[&Path]) -> Grammers {
    let mut defs = Vec::new();
    for path in schemas {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        defs.extend(grammers_tl_parser::parse_tl_file(&text).filter_map(Result::ok));
    }
    let mut out = grammers_tl_gen::Outputs {
        common: Vec::new(),
        types: Vec::new(),
        functions: Vec::new(),
        enums: Vec::new(),
    };
    let config = grammers_tl_gen::Config {
        gen_name_for_id: false,
        deserializable_functions: true,
        impl_debug: false,
        impl_from_type: false,
        impl_from_enum: false,
        impl_serde: false,
    };
    grammers_tl_gen::generate_rust_code(&mut out, &defs, 0, &config)
        .expect("grammers-tl-gen writes to memory");
    let text = |v: Vec<u8>| String::from_utf8(v).expect("grammers-tl-gen writes UTF-8");

    let types = identifiables(&text(out.types), "types");
    let functions = identifiables(&text(out.functions), "functions");
    let by_path: HashMap<&str, u32> = types.iter().map(|(id, (p, _))| (p.as_str(), *id)).collect();
    let mut enums = BTreeMap::<String, BTreeSet<u32>>::new();
    let mut enum_of = HashMap::new();
    // `impl crate::Deserializable for Name {` opens an enum's decoder; each of its arms is
    // `crate::types::ns::Ctor::CONSTRUCTOR_ID => Self::Variant...`.
    let mut module: Option<String> = None;
    let mut current: Option<String> = None;
    for line in text(out.enums).lines() {
        if let Some(ns) = line
            .strip_prefix("pub mod ")
            .and_then(|l| l.strip_suffix(" {"))
        {
            module = Some(ns.to_owned());
        } else if line == "}" && module.is_some() {
            module = None;
        } else if let Some(name) = line
            .trim_start()
            .strip_prefix("impl crate::Deserializable for ")
            .and_then(|l| l.strip_suffix(" {"))
        {
            current = Some(join("enums", module.as_deref(), name));
        } else if let Some((ctor, _)) = line.trim_start().split_once("::CONSTRUCTOR_ID => Self::") {
            let e = current.clone().expect("an arm inside an enum decoder");
            let path = ctor.strip_prefix("crate::").expect("crate:: path");
            let id = *by_path
                .get(path)
                .unwrap_or_else(|| panic!("grammers enum {e}: unknown constructor {path}"));
            enums.entry(e.clone()).or_default().insert(id);
            enum_of.insert(id, e);
        }
    }
    Grammers {
        types: types.into_iter().map(|(id, (p, _))| (id, p)).collect(),
        functions,
        enums,
        enum_of,
        defs: defs.into_iter().map(|d| (d.id, d)).collect(),
    }
}

/// `impl crate::Identifiable for Name<X> {` followed by `const CONSTRUCTOR_ID: u32 = N;`, in
/// modules `pub mod ns {`: ID → (`root::ns::Name`, generic parameter count).
fn identifiables(text: &str, root: &str) -> HashMap<u32, (String, usize)> {
    let mut out = HashMap::new();
    let mut module: Option<String> = None;
    let mut pending: Option<(String, usize)> = None;
    for line in text.lines() {
        let t = line.trim_start();
        if let Some(ns) = line
            .strip_prefix("pub mod ")
            .and_then(|l| l.strip_suffix(" {"))
        {
            module = Some(ns.to_owned());
        } else if line == "}" && module.is_some() {
            module = None;
        } else if let Some((_, rest)) = t.split_once(" crate::Identifiable for ") {
            let rest = rest.strip_suffix(" {").expect("impl line ends with {");
            let (name, generics) = match rest.split_once('<') {
                Some((n, g)) => (n, g.split(',').count()),
                None => (rest, 0),
            };
            pending = Some((join(root, module.as_deref(), name), generics));
        } else if let Some(v) = t
            .strip_prefix("const CONSTRUCTOR_ID: u32 = ")
            .and_then(|v| v.strip_suffix(';'))
        {
            let id: u32 = v.parse().expect("decimal CONSTRUCTOR_ID");
            let p = pending
                .take()
                .expect("CONSTRUCTOR_ID inside an Identifiable impl");
            out.insert(id, p);
        }
    }
    out
}

fn join(root: &str, module: Option<&str>, name: &str) -> String {
    match module {
        Some(m) => format!("{root}::{m}::{name}"),
        None => format!("{root}::{name}"),
    }
}

/// One generated item and the grammers type that decodes the same bytes.
pub struct Pair {
    pub kind: ItemKind,
    pub tl_name: String,
    pub id: u32,
    /// Our type, relative to the generated root: the constructor's struct, or the function
    /// (with its generic parameters instantiated).
    pub ours: String,
    /// Our enum (constructors) or the same as `ours` (functions): the type decoded.
    pub ours_decoded: String,
    /// grammers' decoded type, relative to `grammers_tl_types`: the enum, or the function
    /// (generic parameters instantiated; wrapped in `WithId` by the table writers).
    pub theirs_decoded: String,
    /// `types::…` or `functions::…` in grammers, for the ID assertion.
    pub theirs_item: String,
    /// Offsets of `#` flags words at a fixed position of the item's encoding (ID included).
    pub flags_at: Vec<usize>,
}

/// The pairing of every constructor and function in `items`, and what was left out and why.
pub struct Pairing {
    pub pairs: Vec<Pair>,
    pub unpaired: Vec<(String, String)>,
    /// Our enum → grammers enum, for the enums paired (the fuzz target's table).
    #[allow(dead_code)]
    pub enums: Vec<(String, String)>,
}

pub fn pair(items: &[ItemInfo], g: &Grammers) -> Pairing {
    let tainted = tainted(g);
    // A generic function is instantiated with the first concrete function (as `*_items.rs`).
    let concrete = items
        .iter()
        .find(|i| i.kind == ItemKind::Function && i.generics.is_empty() && i.remote_call)
        .expect("a non-generic function");
    let concrete_theirs = g
        .functions
        .get(&concrete.id.expect("function ID"))
        .map(|(p, _)| format!("@W<@G::{p}>"))
        .expect("grammers has the concrete function");

    let mut ours_enums = BTreeMap::<&str, BTreeSet<u32>>::new();
    for i in items.iter().filter(|i| i.kind == ItemKind::Constructor) {
        if let (Some(e), Some(id)) = (&i.enum_path, i.id) {
            ours_enums.entry(e).or_default().insert(id);
        }
    }
    let only_theirs: BTreeSet<u32> = ONLY_IN_GRAMMERS
        .iter()
        .filter_map(|n| g.defs.values().find(|d| d.full_name() == *n).map(|d| d.id))
        .collect();
    // Our enum → grammers enum, when they have the same constructors (less `ONLY_IN_GRAMMERS`).
    let mut enums = Vec::new();
    let mut enum_pair = HashMap::new();
    let mut unpaired = Vec::new();
    for (ours, set) in &ours_enums {
        let first = set.iter().next().expect("an enum has constructors");
        let Some(theirs) = g.enum_of.get(first) else {
            unpaired.push((ours.to_string(), "no grammers enum".into()));
            continue;
        };
        let theirs_set: BTreeSet<u32> = g.enums[theirs].difference(&only_theirs).copied().collect();
        if theirs_set != *set {
            unpaired.push((
                ours.to_string(),
                format!("constructors differ from grammers' {theirs}"),
            ));
            continue;
        }
        enums.push((ours.to_string(), theirs.clone()));
        enum_pair.insert(*ours, theirs.clone());
    }

    let mut pairs = Vec::new();
    for i in items {
        let Some(id) = i.id else { continue };
        if NOT_IN_GRAMMERS.contains(&i.tl_name.as_str()) {
            unpaired.push((i.tl_name.clone(), "not in grammers-tl-types 0.11.0".into()));
            continue;
        }
        if tainted.contains(&id) {
            unpaired.push((
                i.tl_name.clone(),
                "contains a type grammers-tl-types 0.11.0 declares differently".into(),
            ));
            continue;
        }
        let flags_at = g.defs.get(&id).map(flags_offsets).unwrap_or_default();
        match i.kind {
            ItemKind::Constructor => {
                let e = i.enum_path.as_deref().expect("constructor enum path");
                let (Some(theirs), Some(item)) = (enum_pair.get(e), g.types.get(&id)) else {
                    unpaired.push((i.tl_name.clone(), format!("enum {e} is not paired")));
                    continue;
                };
                pairs.push(Pair {
                    kind: i.kind,
                    tl_name: i.tl_name.clone(),
                    id,
                    ours: i.rust_path.clone(),
                    ours_decoded: e.to_owned(),
                    theirs_decoded: theirs.clone(),
                    theirs_item: item.clone(),
                    flags_at,
                });
            }
            ItemKind::Function => {
                let Some((theirs, generics)) = g.functions.get(&id) else {
                    unpaired.push((i.tl_name.clone(), "no grammers function".into()));
                    continue;
                };
                assert_eq!(
                    *generics,
                    i.generics.len(),
                    "{}: generic parameters",
                    i.tl_name
                );
                let (ours, theirs_decoded, theirs_item) = if i.generics.is_empty() {
                    (i.rust_path.clone(), theirs.clone(), theirs.clone())
                } else {
                    let n = i.generics.len();
                    let ours_args = vec![format!("@O::{}", concrete.rust_path); n].join(", ");
                    let theirs_args = vec![concrete_theirs.as_str(); n].join(", ");
                    let unit = vec!["()"; n].join(", ");
                    (
                        format!("{}<{ours_args}>", i.rust_path),
                        format!("{theirs}<{theirs_args}>"),
                        format!("{theirs}<{unit}>"),
                    )
                };
                pairs.push(Pair {
                    kind: i.kind,
                    tl_name: i.tl_name.clone(),
                    id,
                    ours_decoded: ours.clone(),
                    ours,
                    theirs_decoded,
                    theirs_item,
                    flags_at,
                });
            }
            _ => {}
        }
    }
    Pairing {
        pairs,
        unpaired,
        enums,
    }
}

/// IDs of the definitions that contain (through any chain of fields) a constructor in
/// [`NOT_IN_GRAMMERS`] or its boxed type. Their values can hold bytes grammers cannot decode.
fn tainted(g: &Grammers) -> BTreeSet<u32> {
    let full = |t: &Type| {
        let mut s = t.namespace.join(".");
        if !s.is_empty() {
            s.push('.');
        }
        s.push_str(&t.name);
        s
    };
    // Names of the tainted types: boxed type names and bare constructor names.
    let mut names: BTreeSet<String> = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for d in g.defs.values() {
        if NOT_IN_GRAMMERS.contains(&d.full_name().as_str()) {
            names.insert(full(&d.ty));
            names.insert(d.full_name());
            ids.insert(d.id);
        }
    }
    fn mentions(t: &Type, names: &BTreeSet<String>, full: &dyn Fn(&Type) -> String) -> bool {
        names.contains(&full(t))
            || t.generic_arg
                .as_deref()
                .is_some_and(|a| mentions(a, names, full))
    }
    loop {
        let before = ids.len();
        for d in g.defs.values() {
            let hit = d.params.iter().any(|p| match &p.ty {
                ParameterType::Normal { ty, .. } => mentions(ty, &names, &full),
                ParameterType::Flags => false,
            });
            if hit && ids.insert(d.id) && d.category == Category::Types {
                names.insert(full(&d.ty));
                names.insert(d.full_name());
            }
        }
        if ids.len() == before {
            break;
        }
    }
    // Every constructor of a tainted boxed type is tainted too (its enum cannot be paired).
    for d in g.defs.values() {
        if d.category == Category::Types && names.contains(&full(&d.ty)) {
            ids.insert(d.id);
        }
    }
    ids
}

/// Offsets of the `#` parameters that sit at a fixed position: after the 4-byte ID, and only
/// fixed-size parameters before them.
fn flags_offsets(d: &Definition) -> Vec<usize> {
    let mut at = 4;
    let mut out = Vec::new();
    for p in &d.params {
        let size = match &p.ty {
            ParameterType::Flags => {
                out.push(at);
                4
            }
            ParameterType::Normal { flag: Some(_), .. } => break,
            ParameterType::Normal { ty, .. } if ty.generic_ref || ty.generic_arg.is_some() => {
                break;
            }
            ParameterType::Normal { ty, .. } => match ty.name.as_str() {
                "int" | "#" => 4,
                "long" | "double" => 8,
                "int128" => 16,
                "int256" => 32,
                _ => break,
            },
        };
        at += size;
    }
    out
}

/// `pub const PAIRS: &[super::Pair] = &[..]` for the `differential` test (with `arbitrary`
/// generators), the unpaired items, and the `CONSTRUCTOR_ID` assertions. `ours` and `theirs`
/// are the paths of the generated module and of grammers-tl-types; the including module has
/// `compare` (`compare.rs`) in scope.
#[allow(dead_code)] // tests/compile-test/build.rs only
pub fn test_table(p: &Pairing, ours: &str, theirs: &str) -> String {
    let mut s = String::from("// @generated by build.rs (differential/pairing.rs)\n");
    s.push_str("pub const PAIRS: &[super::Pair] = &[\n");
    // The index of the pair's decoded type in the fuzz target's table (see `fuzz_table`), for
    // writing seeds: enums first, then functions.
    let enum_index: HashMap<&str, usize> = p
        .enums
        .iter()
        .enumerate()
        .map(|(k, (o, _))| (o.as_str(), k))
        .collect();
    let mut functions = p.enums.len();
    for x in &p.pairs {
        let fuzz_index = match x.kind {
            ItemKind::Constructor => enum_index[x.ours_decoded.as_str()],
            _ => {
                functions += 1;
                functions - 1
            }
        };
        let (kind, generate) = match x.kind {
            ItemKind::Constructor => (
                "Constructor",
                format!("super::gen_ctor::<@O::{}, @O::{}>", x.ours, x.ours_decoded),
            ),
            _ => ("Function", format!("super::gen_fn::<@O::{}>", x.ours)),
        };
        let line = format!(
            "    super::Pair {{ name: {:?}, id: {:#010x}, kind: super::Kind::{kind}, group: {:?}, \
             flags_at: &{:?}, fuzz_index: {fuzz_index}, generate: {generate}, ours: {}, \
             theirs: {} }},",
            x.tl_name,
            x.id,
            x.ours_decoded,
            x.flags_at,
            ours_fn(x),
            theirs_fn(x),
        );
        s.push_str(&fill(&line, ours, theirs));
        s.push('\n');
    }
    s.push_str("];\n");
    unpaired_and_asserts(&mut s, p, ours, theirs);
    s
}

/// `pub const PAIRS: &[(&str, compare::OursFn, compare::TheirsFn)]` for the fuzz target: one
/// entry per paired enum and per paired function (the type the input is decoded as).
#[allow(dead_code)] // fuzz/build.rs only
pub fn fuzz_table(p: &Pairing, ours: &str, theirs: &str) -> String {
    let mut s = String::from("// @generated by build.rs (differential/pairing.rs)\n");
    s.push_str("pub const PAIRS: &[(&str, compare::OursFn, compare::TheirsFn)] = &[\n");
    for (o, t) in &p.enums {
        let line = format!("    ({o:?}, compare::ours::<@O::{o}>, compare::theirs::<@G::{t}>),");
        s.push_str(&fill(&line, ours, theirs));
        s.push('\n');
    }
    for x in p.pairs.iter().filter(|x| x.kind == ItemKind::Function) {
        let line = format!("    ({:?}, {}, {}),", x.tl_name, ours_fn(x), theirs_fn(x));
        s.push_str(&fill(&line, ours, theirs));
        s.push('\n');
    }
    s.push_str("];\n");
    unpaired_and_asserts(&mut s, p, ours, theirs);
    s
}

/// Paths in [`Pair`] are relative to `@O` (our generated module) and `@G` (grammers-tl-types);
/// `@W` is `compare::WithId`.
fn fill(s: &str, ours: &str, theirs: &str) -> String {
    s.replace("@O", ours)
        .replace("@G", theirs)
        .replace("@W", "compare::WithId")
}

fn ours_fn(x: &Pair) -> String {
    format!("compare::ours::<@O::{}>", x.ours_decoded)
}

fn theirs_fn(x: &Pair) -> String {
    match x.kind {
        ItemKind::Constructor => format!("compare::theirs::<@G::{}>", x.theirs_decoded),
        // grammers decodes a function without its ID: `WithId` reads and checks it first.
        _ => format!("compare::theirs::<@W<@G::{}>>", x.theirs_decoded),
    }
}

fn unpaired_and_asserts(s: &mut String, p: &Pairing, ours: &str, theirs: &str) {
    s.push_str("/// Items left out of the pairing, and why.\n");
    s.push_str("#[allow(dead_code)]\npub const UNPAIRED: &[(&str, &str)] = &[\n");
    for (name, why) in &p.unpaired {
        writeln!(s, "    ({name:?}, {why:?}),").expect("write to String");
    }
    s.push_str("];\n");
    // The pairing is by ID: grammers' own constant must say so.
    for x in &p.pairs {
        let line = format!(
            "const _: () = assert!(<@G::{} as @G::Identifiable>::CONSTRUCTOR_ID == {:#010x});",
            x.theirs_item, x.id
        );
        s.push_str(&fill(&line, ours, theirs));
        s.push('\n');
    }
}
