//! Semantic checks over a parsed schema: ID proof, duplicates, flags, generics, unknown types.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

use crate::ast::{Definition, ParamType, Schema, Span, TypeRef};
use crate::diagnostic::DiagnosticKind;
use crate::syntax::PRIMITIVE_NAMES;
use crate::{Level, ParseOptions};

pub(crate) use crate::diagnostic::Sink;

/// Run every semantic check.
///
/// One pass over the definitions runs the ID, duplicate and parameter checks together (the
/// definitions are too many to stay in cache across separate passes); the duplicate and
/// parameter diagnostics are buffered so that they come out in the order of separate passes:
/// ID mismatches (definitions, then built-ins), duplicates, parameter checks.
pub(crate) fn check(schema: &Schema, options: &ParseOptions, sink: &mut Sink<'_>) {
    let known = KnownTypes::new(schema);
    let mut duplicates = Duplicates::new(schema.definitions.len());
    let mut duplicate_sink = sink.child();
    let mut param_sink = sink.child();
    for def in &schema.definitions {
        if let Some(written) = def.explicit_id.filter(|&id| id != def.computed_id) {
            id_mismatch(
                &def.full_name(),
                written,
                def.computed_id,
                def.id_span.unwrap_or(def.span),
                &def.normalized_text(),
                options,
                sink,
            );
        }
        duplicates.check(def, options, &mut duplicate_sink);
        check_params(def, options, &known, &mut param_sink);
    }
    for b in &schema.builtins {
        if let Some(written) = b.explicit_id.filter(|&id| id != b.computed_id) {
            id_mismatch(
                &b.full_name(),
                written,
                b.computed_id,
                b.span,
                &b.text,
                options,
                sink,
            );
        }
    }
    sink.append(duplicate_sink);
    sink.append(param_sink);
}

fn id_mismatch(
    name: &str,
    written: u32,
    computed: u32,
    span: Span,
    text: &str,
    options: &ParseOptions,
    sink: &mut Sink<'_>,
) {
    if options.allowed_id_mismatches.contains(name) {
        return;
    }
    sink.push(
        options.id_mismatch,
        DiagnosticKind::IdMismatch,
        span,
        format!("constructor ID mismatch: written #{written:08x}, CRC32 of \"{text}\" is #{computed:08x}"),
        Some(format!(
            "fix the ID, or accept it with `--allow-id-mismatch {name}` / `--id-mismatch warn`"
        )),
    );
}

/// A fast, non-cryptographic hasher (the Fx hash of rustc): the keys here are short names
/// and IDs from the schema being checked, so SipHash's protection buys nothing.
#[derive(Default, Clone, Copy)]
struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    /// Names are short: mix the first, middle and last eight bytes (overlapping), not all.
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        let word = |at: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&bytes[at..at + 8]);
            u64::from_le_bytes(w)
        };
        if n >= 8 {
            self.add(word(0));
            if n > 16 {
                self.add(word(n / 2 - 4));
            }
            self.add(word(n - 8));
        } else if n >= 4 {
            let mut lo = [0u8; 4];
            let mut hi = [0u8; 4];
            lo.copy_from_slice(&bytes[..4]);
            hi.copy_from_slice(&bytes[n - 4..]);
            self.add(u64::from(u32::from_le_bytes(lo)) | (u64::from(u32::from_le_bytes(hi)) << 32));
        } else if n > 0 {
            self.add(
                u64::from(bytes[0])
                    | (u64::from(bytes[n / 2]) << 8)
                    | (u64::from(bytes[n - 1]) << 16),
            );
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

type FxBuild = BuildHasherDefault<FxHasher>;
type FxHashMap<K, V> = HashMap<K, V, FxBuild>;
type FxHashSet<K> = HashSet<K, FxBuild>;

/// A dotted name (`ns.Name`) compared and hashed as its joined text, without joining it.
#[derive(Clone, Copy)]
enum NameKey<'a> {
    /// Namespace parts and the last part.
    Split(&'a [String], &'a str),
    /// The joined text.
    Joined(&'a str),
}

impl<'a> NameKey<'a> {
    fn joined_len(self) -> usize {
        match self {
            NameKey::Split(ns, name) => ns.iter().map(|n| n.len() + 1).sum::<usize>() + name.len(),
            NameKey::Joined(s) => s.len(),
        }
    }

    /// The text after the last `.`. Split keys come from the parser, whose parts never hold a
    /// `.`, so there it is the last part.
    fn last_part(self) -> &'a str {
        match self {
            NameKey::Split(_, name) => {
                debug_assert!(!name.contains('.'));
                name
            }
            NameKey::Joined(s) => s.rfind('.').map_or(s, |dot| &s[dot + 1..]),
        }
    }

    /// The joined text, one piece at a time.
    fn pieces(self) -> impl Iterator<Item = &'a str> {
        let (ns, last): (&'a [String], &'a str) = match self {
            NameKey::Split(ns, name) => (ns, name),
            NameKey::Joined(s) => (&[], s),
        };
        ns.iter()
            .flat_map(|n| [n.as_str(), "."])
            .chain(std::iter::once(last))
    }
}

impl PartialEq for NameKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (*self, *other) {
            (NameKey::Split([], a), NameKey::Split([], b))
            | (NameKey::Joined(a), NameKey::Joined(b))
            | (NameKey::Split([], a), NameKey::Joined(b))
            | (NameKey::Joined(a), NameKey::Split([], b)) => a == b,
            // Parts hold no `.`, so the joined texts are equal exactly when the parts are.
            (NameKey::Split(ns_a, a), NameKey::Split(ns_b, b)) => a == b && ns_a == ns_b,
            (a, b) => {
                a.joined_len() == b.joined_len()
                    && a.pieces()
                        .flat_map(str::bytes)
                        .eq(b.pieces().flat_map(str::bytes))
            }
        }
    }
}

impl Eq for NameKey<'_> {}

impl Hash for NameKey<'_> {
    /// Equal joined texts have equal lengths and equal text after their last `.`.
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.joined_len());
        state.write(self.last_part().as_bytes());
    }
}

/// The first definition of each name and of each ID seen so far.
struct Duplicates<'a> {
    by_name: FxHashMap<NameKey<'a>, &'a Definition>,
    by_id: FxHashMap<u32, &'a Definition>,
}

impl<'a> Duplicates<'a> {
    fn new(n: usize) -> Self {
        Duplicates {
            by_name: FxHashMap::with_capacity_and_hasher(n, FxBuild::default()),
            by_id: FxHashMap::with_capacity_and_hasher(n, FxBuild::default()),
        }
    }

    fn check(&mut self, def: &'a Definition, options: &ParseOptions, sink: &mut Sink<'_>) {
        let name = NameKey::Split(&def.namespace, &def.name);
        match self.by_name.entry(name) {
            Entry::Occupied(first) => sink.push(
                Level::Error,
                DiagnosticKind::DuplicateName,
                def.span,
                format!(
                    "duplicate definition `{}`: first defined at line {}",
                    def.full_name(),
                    first.get().span.line
                ),
                Some("rename or remove one of the two declarations".into()),
            ),
            Entry::Vacant(slot) => {
                slot.insert(def);
            }
        }
        match self.by_id.entry(def.id()) {
            Entry::Occupied(first) => {
                let first = *first.get();
                if NameKey::Split(&first.namespace, &first.name) != name {
                    sink.push(
                        options.duplicate_ids,
                        DiagnosticKind::DuplicateId,
                        def.id_span.unwrap_or(def.span),
                        format!(
                            "duplicate ID #{:08x}: `{}` has the same ID as `{}` at line {}",
                            def.id(),
                            def.full_name(),
                            first.full_name(),
                            first.span.line
                        ),
                        None,
                    );
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(def);
            }
        }
    }
}

/// Names a type reference may resolve to.
struct KnownTypes<'a> {
    names: FxHashSet<NameKey<'a>>,
}

impl<'a> KnownTypes<'a> {
    fn new(schema: &'a Schema) -> Self {
        let mut names =
            FxHashSet::with_capacity_and_hasher(schema.definitions.len() * 2, FxBuild::default());
        for p in PRIMITIVE_NAMES {
            names.insert(NameKey::Joined(p));
        }
        for extra in ["Vector", "true", "Type", "Object"] {
            names.insert(NameKey::Joined(extra));
        }
        for d in schema.types() {
            names.insert(NameKey::Split(&d.namespace, &d.name));
            names.insert(NameKey::Split(&d.result.namespace, &d.result.name));
        }
        for b in &schema.builtins {
            names.insert(NameKey::Split(&b.namespace, &b.name));
            names.insert(NameKey::Joined(&b.result));
        }
        KnownTypes { names }
    }

    fn contains(&self, ty: &TypeRef) -> bool {
        self.names
            .contains(&NameKey::Split(&ty.namespace, &ty.name))
    }
}

/// Parameter lists longer than this use a hash map to find earlier parameters by name.
const LINEAR_PARAMS: usize = 32;

fn check_params(
    def: &Definition,
    options: &ParseOptions,
    known: &KnownTypes<'_>,
    sink: &mut Sink<'_>,
) {
    // The latest earlier parameter of each name. Short lists (all real ones) are searched
    // backwards instead of hashed.
    let mut seen: HashMap<&str, &ParamType> = HashMap::new();
    let long = def.params.len() > LINEAR_PARAMS;
    for (idx, p) in def.params.iter().enumerate() {
        let earlier = |name: &str| -> Option<&ParamType> {
            if long {
                seen.get(name).copied()
            } else {
                def.params[..idx]
                    .iter()
                    .rev()
                    .find(|q| q.name == name)
                    .map(|q| &q.ty)
            }
        };
        if earlier(&p.name).is_some() {
            sink.push(
                Level::Error,
                DiagnosticKind::DuplicateParameter,
                p.span,
                format!("duplicate parameter `{}` in `{}`", p.name, def.full_name()),
                None,
            );
        }
        if let ParamType::Normal { ty, flag } = &p.ty {
            if let Some(flag) = flag {
                match earlier(&flag.name) {
                    None => sink.push(
                        Level::Error,
                        DiagnosticKind::MissingFlagField,
                        p.span,
                        format!(
                            "parameter `{}` depends on `{}.{}`, but no flags field `{}:#` is declared before it",
                            p.name, flag.name, flag.bit, flag.name
                        ),
                        Some(format!("declare `{}:#` earlier in the parameter list", flag.name)),
                    ),
                    Some(ParamType::Normal { .. }) => sink.push(
                        Level::Error,
                        DiagnosticKind::FlagFieldNotHash,
                        p.span,
                        format!(
                            "parameter `{}` depends on `{}.{}`, but `{}` is not a flags field: expected type `#`",
                            p.name, flag.name, flag.bit, flag.name
                        ),
                        None,
                    ),
                    Some(ParamType::Flags) => {}
                }
                if flag.bit >= 32 {
                    sink.push(
                        Level::Error,
                        DiagnosticKind::FlagBitOutOfRange,
                        p.span,
                        format!(
                            "flag bit {} of parameter `{}` is out of range: expected a bit from 0 to 31",
                            if flag.bit == u32::MAX { "(too large)".to_string() } else { flag.bit.to_string() },
                            p.name
                        ),
                        None,
                    );
                }
            }
            check_type(def, ty, options, known, sink);
        }
        if long {
            seen.insert(p.name.as_str(), &p.ty);
        }
    }
    check_type(def, &def.result, options, known, sink);
}

/// Is `name` one of the definition's generic parameters?
fn is_generic(def: &Definition, name: &str) -> bool {
    def.generics.iter().any(|g| g.name == name)
}

fn check_type(
    def: &Definition,
    ty: &TypeRef,
    options: &ParseOptions,
    known: &KnownTypes<'_>,
    sink: &mut Sink<'_>,
) {
    let is_generic = ty.namespace.is_empty() && is_generic(def, &ty.name);
    if ty.generic_ref && !is_generic {
        sink.push(
            Level::Error,
            DiagnosticKind::UndeclaredGeneric,
            ty.span,
            format!(
                "`!{}` refers to a generic parameter, but `{}` declares no `{{{}:Type}}`",
                ty.full_name(),
                def.full_name(),
                ty.full_name()
            ),
            Some(format!(
                "add `{{{}:Type}}` before the parameters",
                ty.full_name()
            )),
        );
    } else if !is_generic && !known.contains(ty) {
        sink.push(
            options.unknown_types,
            DiagnosticKind::UnknownType,
            ty.span,
            format!(
                "unknown type `{}`: expected a type declared by a constructor or built-in",
                ty.full_name()
            ),
            None,
        );
    }
    if let Some(arg) = &ty.generic_arg {
        check_type(def, arg, options, known, sink);
    }
}
