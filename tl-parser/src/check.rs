//! Semantic checks over a parsed schema: ID proof, duplicates, flags, generics, unknown types.

use std::collections::{HashMap, HashSet};

use crate::ast::{Definition, ParamType, Schema, Span, TypeRef};
use crate::diagnostic::{Diagnostic, DiagnosticKind, LineIndex, Severity};
use crate::syntax::PRIMITIVE_NAMES;
use crate::{Level, ParseOptions};

/// Collects diagnostics for one file.
pub(crate) struct Sink<'a> {
    file: &'a str,
    index: &'a LineIndex<'a>,
    out: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(file: &'a str, index: &'a LineIndex<'a>) -> Self {
        Sink {
            file,
            index,
            out: Vec::new(),
        }
    }

    pub(crate) fn push(
        &mut self,
        level: Level,
        kind: DiagnosticKind,
        span: Span,
        message: String,
        help: Option<String>,
    ) {
        let severity = match level {
            Level::Error => Severity::Error,
            Level::Warn => Severity::Warning,
            Level::Ignore => return,
        };
        self.out.push(Diagnostic {
            severity,
            kind,
            message,
            file: self.file.to_string(),
            span,
            source_line: self.index.line_text(span.line).to_string(),
            help,
        });
    }

    pub(crate) fn syntax(&mut self, span: Span, message: String) {
        let message = if message.starts_with("expected") || message.starts_with("unknown") {
            message
        } else {
            format!("expected {message}")
        };
        self.push(Level::Error, DiagnosticKind::Syntax, span, message, None);
    }

    pub(crate) fn finish(self) -> Vec<Diagnostic> {
        self.out
    }
}

/// Run every semantic check.
pub(crate) fn check(schema: &Schema, options: &ParseOptions, sink: &mut Sink<'_>) {
    check_ids(schema, options, sink);
    check_duplicates(schema, options, sink);
    let known = KnownTypes::new(schema);
    for def in &schema.definitions {
        check_params(def, options, &known, sink);
    }
}

fn check_ids(schema: &Schema, options: &ParseOptions, sink: &mut Sink<'_>) {
    let items = schema
        .definitions
        .iter()
        .map(|d| (d.full_name(), d.explicit_id, d.computed_id, d.id_span.unwrap_or(d.span), None))
        .chain(
            schema
                .builtins
                .iter()
                .map(|b| (b.full_name(), b.explicit_id, b.computed_id, b.span, Some(&b.text))),
        );
    for (name, explicit, computed, span, builtin_text) in items {
        let Some(written) = explicit else { continue };
        if written == computed || options.allowed_id_mismatches.contains(&name) {
            continue;
        }
        let text = match builtin_text {
            Some(t) => t.clone(),
            None => schema
                .definitions
                .iter()
                .find(|d| d.id_span == Some(span))
                .map(Definition::normalized_text)
                .unwrap_or_default(),
        };
        sink.push(
            options.id_mismatch,
            DiagnosticKind::IdMismatch,
            span,
            format!(
                "constructor ID mismatch: written #{written:08x}, CRC32 of \"{text}\" is #{computed:08x}"
            ),
            Some(format!(
                "fix the ID, or accept it with `--allow-id-mismatch {name}` / `--id-mismatch warn`"
            )),
        );
    }
}

fn check_duplicates(schema: &Schema, options: &ParseOptions, sink: &mut Sink<'_>) {
    let mut by_name: HashMap<String, &Definition> = HashMap::with_capacity(schema.definitions.len());
    let mut by_id: HashMap<u32, &Definition> = HashMap::with_capacity(schema.definitions.len());
    for def in &schema.definitions {
        let name = def.full_name();
        if let Some(first) = by_name.get(&name) {
            sink.push(
                Level::Error,
                DiagnosticKind::DuplicateName,
                def.span,
                format!(
                    "duplicate definition `{name}`: first defined at line {}",
                    first.span.line
                ),
                Some("rename or remove one of the two declarations".into()),
            );
        } else {
            by_name.insert(name, def);
        }
        match by_id.get(&def.id()) {
            Some(first) if first.full_name() != def.full_name() => sink.push(
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
            ),
            Some(_) => {}
            None => {
                by_id.insert(def.id(), def);
            }
        }
    }
}

/// Names a type reference may resolve to.
struct KnownTypes {
    names: HashSet<String>,
}

impl KnownTypes {
    fn new(schema: &Schema) -> Self {
        let mut names: HashSet<String> = HashSet::with_capacity(schema.definitions.len() * 2);
        for p in PRIMITIVE_NAMES {
            names.insert((*p).to_string());
        }
        for extra in ["Vector", "true", "Type", "Object"] {
            names.insert(extra.to_string());
        }
        for d in schema.types() {
            names.insert(d.full_name());
            names.insert(d.result.full_name());
        }
        for b in &schema.builtins {
            names.insert(b.full_name());
            names.insert(b.result.clone());
        }
        KnownTypes { names }
    }

    fn contains(&self, ty: &TypeRef) -> bool {
        if ty.namespace.is_empty() {
            self.names.contains(ty.name.as_str())
        } else {
            self.names.contains(&ty.full_name())
        }
    }
}

fn check_params(def: &Definition, options: &ParseOptions, known: &KnownTypes, sink: &mut Sink<'_>) {
    let generics: HashSet<&str> = def.generics.iter().map(|g| g.name.as_str()).collect();
    let mut seen: HashMap<&str, &ParamType> = HashMap::new();
    for p in &def.params {
        if seen.contains_key(p.name.as_str()) {
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
                match seen.get(flag.name.as_str()) {
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
            check_type(def, ty, &generics, options, known, sink);
        }
        seen.insert(p.name.as_str(), &p.ty);
    }
    check_type(def, &def.result, &generics, options, known, sink);
}

fn check_type(
    def: &Definition,
    ty: &TypeRef,
    generics: &HashSet<&str>,
    options: &ParseOptions,
    known: &KnownTypes,
    sink: &mut Sink<'_>,
) {
    let is_generic = ty.namespace.is_empty() && generics.contains(ty.name.as_str());
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
            Some(format!("add `{{{}:Type}}` before the parameters", ty.full_name())),
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
        check_type(def, arg, generics, options, known, sink);
    }
}
