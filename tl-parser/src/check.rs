//! Semantic checks over parsed schemas: ID proof, duplicates, flags, generics, unknown types.
//!
//! The checks run over all files of a schema at once: the ID, flag, generic and parameter
//! checks look at one definition, while unknown types, duplicate names and duplicate IDs are
//! judged against every file. Each diagnostic goes to the sink of the file it points into.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use crate::ast::{Definition, ParamType, Schema, Span, TypeRef};
use crate::diagnostic::DiagnosticKind;
use crate::name::Name;
use crate::syntax::{PRIMITIVE_NAMES, is_primitive};
use crate::{Level, ParseOptions};

pub(crate) use crate::diagnostic::Sink;

/// Run every semantic check over the files of one schema; `sinks[i]` receives the
/// diagnostics of `schemas[i]`.
///
/// One pass over the definitions runs the ID, duplicate and parameter checks together (the
/// definitions are too many to stay in cache across separate passes); the duplicate and
/// parameter diagnostics are buffered so that they come out in the order of separate passes:
/// ID mismatches (definitions, then built-ins), duplicates, parameter checks.
pub(crate) fn check<'a>(schemas: &[Schema], options: &ParseOptions, sinks: &mut [Sink<'a>]) {
    let known = KnownTypes::new(schemas);
    let shared = SharedIds::new(schemas, options);
    let files: Vec<&'a str> = sinks.iter().map(|s| s.file()).collect();
    let total = schemas.iter().map(|s| s.definitions.len()).sum();
    let mut duplicates = Duplicates::new(total, &files);
    for (file, (schema, sink)) in schemas.iter().zip(sinks.iter_mut()).enumerate() {
        let mut duplicate_sink = sink.child();
        let mut param_sink = sink.child();
        for def in &schema.definitions {
            if let Some(written) = def.explicit_id.filter(|&id| id != def.computed_id) {
                if !shared.proves(written) {
                    id_mismatch(
                        &def.full_name(),
                        written,
                        def.computed_id,
                        def.id_span.unwrap_or(def.span),
                        &options.id_rule.normalized_text(def),
                        options,
                        sink,
                    );
                }
            }
            duplicates.check(file, def, options, &shared, &mut duplicate_sink);
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

type Map<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;
type Set<K> = HashSet<K, rustc_hash::FxBuildHasher>;

/// A dotted name (`ns.Name`) compared and hashed as its joined text, without joining it.
#[derive(Clone, Copy)]
enum NameKey<'a> {
    /// Namespace parts and the last part.
    Split(&'a [Name], &'a [u8]),
    /// The joined text.
    Joined(&'a [u8]),
}

impl<'a> NameKey<'a> {
    fn split(namespace: &'a [Name], name: &'a Name) -> Self {
        NameKey::Split(namespace, name.as_bytes())
    }

    fn joined(s: &'a str) -> Self {
        NameKey::Joined(s.as_bytes())
    }

    fn joined_len(self) -> usize {
        match self {
            NameKey::Split(ns, name) => ns.iter().map(|n| n.len() + 1).sum::<usize>() + name.len(),
            NameKey::Joined(s) => s.len(),
        }
    }

    /// The text after the last `.`. Split keys come from the parser, whose parts never hold a
    /// `.`, so there it is the last part.
    fn last_part(self) -> &'a [u8] {
        match self {
            NameKey::Split(_, name) => {
                debug_assert!(!name.contains(&b'.'));
                name
            }
            NameKey::Joined(s) => memchr::memrchr(b'.', s).map_or(s, |dot| &s[dot + 1..]),
        }
    }

    /// The joined text, one piece at a time.
    fn pieces(self) -> impl Iterator<Item = &'a [u8]> {
        let (ns, last): (&'a [Name], &'a [u8]) = match self {
            NameKey::Split(ns, name) => (ns, name),
            NameKey::Joined(s) => (&[], s),
        };
        ns.iter()
            .flat_map(|n| [n.as_bytes(), b"."])
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
                        .flat_map(|p| p.iter().copied())
                        .eq(b.pieces().flat_map(|p| p.iter().copied()))
            }
        }
    }
}

impl Eq for NameKey<'_> {}

impl Hash for NameKey<'_> {
    /// Equal joined texts have equal lengths and equal text after their last `.`.
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.joined_len());
        state.write(self.last_part());
    }
}

/// The IDs that [`ParseOptions::allowed_duplicate_ids`] lets two definitions share.
struct SharedIds {
    /// IDs shared on purpose whose CRC32 some definition proves: a definition that writes one
    /// of them borrows it from its partner and has no mismatch reported.
    proven: Set<u32>,
    /// Whether any name is allowed at all (the common case is none: nothing to look up).
    any: bool,
}

impl SharedIds {
    fn new(schemas: &[Schema], options: &ParseOptions) -> Self {
        let allowed = &options.allowed_duplicate_ids;
        if allowed.is_empty() {
            return SharedIds {
                proven: Set::default(),
                any: false,
            };
        }
        let defs = || schemas.iter().flat_map(|s| &s.definitions);
        let ids: Set<u32> = defs()
            .filter(|d| allowed.contains(&d.full_name()))
            .map(Definition::id)
            .collect();
        let proven = defs()
            .filter(|d| d.id() == d.computed_id && ids.contains(&d.computed_id))
            .map(|d| d.computed_id)
            .collect();
        SharedIds { proven, any: true }
    }

    /// Is `written`, a definition's mismatching ID, the proven ID of its allowed partner?
    fn proves(&self, written: u32) -> bool {
        self.any && self.proven.contains(&written)
    }

    /// May `a` and `b` share their ID?
    fn allows(&self, options: &ParseOptions, a: &Definition, b: &Definition) -> bool {
        self.any && {
            let allowed = &options.allowed_duplicate_ids;
            allowed.contains(&a.full_name()) || allowed.contains(&b.full_name())
        }
    }
}

/// The first definition of each name and of each ID seen so far, with the index of its file.
struct Duplicates<'a, 'f> {
    by_name: Map<NameKey<'a>, (usize, &'a Definition)>,
    by_id: Map<u32, (usize, &'a Definition)>,
    files: &'f [&'f str],
}

impl<'a, 'f> Duplicates<'a, 'f> {
    fn new(n: usize, files: &'f [&'f str]) -> Self {
        Duplicates {
            by_name: Map::with_capacity_and_hasher(n, Default::default()),
            by_id: Map::with_capacity_and_hasher(n, Default::default()),
            files,
        }
    }

    /// Where the first definition is, said from `file`: `line 3` in the same file, else
    /// `other.tl:3:1`.
    fn place(&self, file: usize, (first_file, first): (usize, &Definition)) -> String {
        if first_file == file {
            format!("line {}", first.span.line)
        } else {
            format!(
                "{}:{}:{}",
                self.files.get(first_file).copied().unwrap_or("?"),
                first.span.line,
                first.span.column
            )
        }
    }

    fn check(
        &mut self,
        file: usize,
        def: &'a Definition,
        options: &ParseOptions,
        shared: &SharedIds,
        sink: &mut Sink<'_>,
    ) {
        let name = NameKey::split(&def.namespace, &def.name);
        match self.by_name.entry(name) {
            Entry::Occupied(first) => {
                let first = *first.get();
                // The same declaration in two files is one definition (the generator merges them).
                let merged =
                    first.0 != file && first.1.category == def.category && first.1.id() == def.id();
                if !merged {
                    let place = self.place(file, first);
                    sink.push(
                        Level::Error,
                        DiagnosticKind::DuplicateName,
                        def.span,
                        format!(
                            "duplicate definition `{}`: first defined at {place}",
                            def.full_name(),
                        ),
                        Some("rename or remove one of the two declarations".into()),
                    );
                }
            }
            Entry::Vacant(slot) => {
                slot.insert((file, def));
            }
        }
        match self.by_id.entry(def.id()) {
            Entry::Occupied(first) => {
                let first = *first.get();
                if NameKey::split(&first.1.namespace, &first.1.name) != name
                    && !shared.allows(options, first.1, def)
                {
                    let place = self.place(file, first);
                    sink.push(
                        options.duplicate_ids,
                        DiagnosticKind::DuplicateId,
                        def.id_span.unwrap_or(def.span),
                        format!(
                            "duplicate ID #{:08x}: `{}` has the same ID as `{}` at {place}",
                            def.id(),
                            def.full_name(),
                            first.1.full_name(),
                        ),
                        Some(format!(
                            "if the two share the ID on purpose (a serialisation prefix), accept it with `--allow-duplicate-id {}`",
                            def.full_name()
                        )),
                    );
                }
            }
            Entry::Vacant(slot) => {
                slot.insert((file, def));
            }
        }
    }
}

/// Names a type reference may resolve to.
struct KnownTypes<'a> {
    names: Set<NameKey<'a>>,
}

impl<'a> KnownTypes<'a> {
    fn new(schemas: &'a [Schema]) -> Self {
        let n: usize = schemas.iter().map(|s| s.definitions.len()).sum();
        let mut names = Set::with_capacity_and_hasher(n * 2, Default::default());
        for p in PRIMITIVE_NAMES {
            names.insert(NameKey::joined(p));
        }
        for extra in EXTRA_KNOWN {
            names.insert(NameKey::joined(extra));
        }
        for schema in schemas {
            for d in schema.types() {
                names.insert(NameKey::split(&d.namespace, &d.name));
                names.insert(NameKey::split(&d.result.namespace, &d.result.name));
            }
            for b in &schema.builtins {
                names.insert(NameKey::split(&b.namespace, &b.name));
                names.insert(NameKey::joined(&b.result));
            }
        }
        KnownTypes { names }
    }

    fn contains(&self, ty: &TypeRef) -> bool {
        // Most references are to the names every schema knows: no hashing for those.
        (ty.namespace.is_empty() && always_known(ty.name.as_bytes()))
            || self
                .names
                .contains(&NameKey::split(&ty.namespace, &ty.name))
    }
}

/// The names [`KnownTypes`] always holds: [`PRIMITIVE_NAMES`] and [`EXTRA_KNOWN`].
fn always_known(name: &[u8]) -> bool {
    is_primitive(name) || matches!(name, b"Vector" | b"true" | b"Type" | b"Object")
}

/// Types that are known without a declaration, besides the primitives.
const EXTRA_KNOWN: [&str; 4] = ["Vector", "true", "Type", "Object"];

#[cfg(test)]
#[test]
fn always_known_names() {
    let all: Vec<&str> = PRIMITIVE_NAMES.iter().copied().chain(EXTRA_KNOWN).collect();
    for name in &all {
        assert!(always_known(name.as_bytes()), "{name}");
    }
    assert_eq!(all.len(), 17, "always_known lists 17 names");
    assert!(!always_known(b"Bool") && !always_known(b"Int") && !always_known(b""));
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
    let mut seen: Map<&[u8], &ParamType> = Map::default();
    let long = def.params.len() > LINEAR_PARAMS;
    for (idx, p) in def.params.iter().enumerate() {
        let earlier = |name: &[u8]| -> Option<&ParamType> {
            if long {
                seen.get(name).copied()
            } else {
                def.params[..idx]
                    .iter()
                    .rev()
                    .find(|q| q.name.as_bytes() == name)
                    .map(|q| &q.ty)
            }
        };
        if earlier(p.name.as_bytes()).is_some() {
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
                match earlier(flag.name.as_bytes()) {
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
            seen.insert(p.name.as_bytes(), &p.ty);
        }
    }
    check_type(def, &def.result, options, known, sink);
}

/// Is `name` one of the definition's generic parameters?
fn is_generic(def: &Definition, name: &Name) -> bool {
    def.generics.iter().any(|g| g.name == *name)
}

fn check_type(
    def: &Definition,
    ty: &TypeRef,
    options: &ParseOptions,
    known: &KnownTypes<'_>,
    sink: &mut Sink<'_>,
) {
    // A loop over the chain of type arguments, not recursion.
    let mut next = Some(ty);
    while let Some(ty) = next {
        check_one_type(def, ty, options, known, sink);
        next = ty.generic_arg.as_deref();
    }
}

fn check_one_type(
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
}
