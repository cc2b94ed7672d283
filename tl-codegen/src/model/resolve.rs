//! Type resolution: TL type references become [`Ty`]s, parameters become [`Field`]s.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tlgen_parser::{Definition, ParamType, TypeRef};

use super::MTPROTO_BYTES_FIELDS;
use super::names::Scope;
use super::{Enum, Field, FlagsWord, Item, Return, Ty, Wire};
use crate::Error;
use crate::naming;

pub(super) struct Resolver<'a> {
    pub(super) enum_by_name: &'a HashMap<String, usize>,
    pub(super) ctor_by_name: &'a HashMap<String, usize>,
    pub(super) enums: &'a [Enum],
    /// TDLib: types represented by their only constructor (type name → constructor).
    pub(super) flat: &'a HashMap<String, usize>,
    /// TDLib's dialect: objects documented as nullable become [`Ty::Nullable`].
    pub(super) tdlib: bool,
    /// `constructor.field` names whose `string` must become bytes.
    pub(super) bytes_fields: &'a BTreeSet<String>,
    /// Apply [`MTPROTO_BYTES_FIELDS`] where they are `string`s.
    pub(super) mtproto_bytes_fields: bool,
}

impl Resolver<'_> {
    fn resolve(&self, t: &TypeRef, generics: &[String]) -> Result<Ty, String> {
        let full = t.full_name();
        if t.generic_ref || (t.namespace.is_empty() && generics.iter().any(|g| t.name == *g)) {
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
                "int" | "int32" => Some(Ty::Int),
                "long" | "int64" => Some(Ty::Long),
                "int53" => Some(Ty::Int53),
                "double" => Some(Ty::Double),
                "int128" => Some(Ty::Int128),
                "int256" => Some(Ty::Int256),
                "string" => Some(Ty::String),
                "bytes" => Some(Ty::Bytes),
                "true" => Some(Ty::True),
                "Bool" if !t.bare => Some(Ty::Bool),
                "secureString" | "SecureString" => Some(Ty::SecureString),
                "secureBytes" | "SecureBytes" => Some(Ty::SecureBytes),
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
        if let Some(&c) = self.flat.get(&full) {
            return Ok(Ty::Bare(c));
        }
        let Some(&e) = self.enum_by_name.get(&full) else {
            if t.namespace.is_empty() && matches!(t.name.as_str(), "Object" | "Function") {
                // TON: `object ? = Object;`, an object of any type.
                return Ok(Ty::Object);
            }
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

pub(super) fn resolve_fields(item: &mut Item, r: &Resolver<'_>) -> Result<(), Error> {
    let generic_names: Vec<String> = item
        .def
        .generics
        .iter()
        .map(|g| g.name.to_string())
        .collect();
    let mut flags_index: HashMap<String, usize> = HashMap::new();
    let mut scope = Scope::default();
    let scope_name = format!("fields of `{}`", item.tl_name);
    for p in &item.def.params {
        match &p.ty {
            ParamType::Flags => {
                let local = format!("_{}", naming::snake_case(&p.name));
                scope.add(&scope_name, &local[1..], format!("flags `{}`", p.name))?;
                flags_index.insert(p.name.to_string(), item.flags.len());
                item.wire.push(Wire::Flags(item.flags.len()));
                item.flags.push(FlagsWord {
                    local,
                    bits: BTreeMap::new(),
                });
            }
            ParamType::Normal { ty, flag } => {
                let mut resolved =
                    r.resolve(ty, &generic_names)
                        .map_err(|message| Error::Unsupported {
                            item: item.tl_name.clone(),
                            message: format!("parameter `{}`: {message}", p.name),
                        })?;
                if contains_object(&resolved) {
                    return Err(Error::Unsupported {
                        item: item.tl_name.clone(),
                        message: format!(
                            "parameter `{}`: an `Object` of any type has no length on the wire, so \
                             it can only be a function's result",
                            p.name
                        ),
                    });
                }
                if r.tdlib && p.doc.as_deref().is_some_and(mentions_null) {
                    resolved = nullable(resolved);
                }
                let full = format!("{}.{}", item.tl_name, p.name);
                let mut binary = false;
                if r.bytes_fields.contains(&full) {
                    resolved = string_as_bytes(resolved).ok_or_else(|| Error::Config {
                        message: format!("bytes field `{full}`: its type `{ty}` holds no `string`"),
                    })?;
                    binary = true;
                } else if r.mtproto_bytes_fields && MTPROTO_BYTES_FIELDS.contains(&full.as_str()) {
                    if let Some(b) = string_as_bytes(resolved.clone()) {
                        resolved = b;
                        binary = true;
                    }
                }
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
                        let Some(&w) = flags_index.get(fl.name.as_str()) else {
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
                    tl_name: p.name.to_string(),
                    local: format!("_{}", naming::snake_case(&p.name)),
                    ident,
                    ty: resolved,
                    binary,
                    flag,
                    boxed: false,
                    doc: p.doc.clone(),
                });
            }
        }
    }
    Ok(())
}

pub(super) fn resolve_return(def: &Definition, r: &Resolver<'_>) -> Return {
    let generic_names: Vec<String> = def.generics.iter().map(|g| g.name.to_string()).collect();
    let t = &def.result;
    if t.namespace.is_empty()
        && generic_names.iter().any(|g| t.name == *g)
        && t.generic_arg.is_none()
    {
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

/// Does a TDLib parameter doc say the object may be absent ("may be null", "pass null if
/// none", "If null, ...")?
fn mentions_null(doc: &str) -> bool {
    doc.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("null"))
}

/// An object, or the objects of a vector ("List of messages; messages may be null"), as
/// [`Ty::Nullable`]. Numbers, strings and vectors themselves are never `null` in TDLib's JSON.
fn nullable(ty: Ty) -> Ty {
    match ty {
        Ty::Enum(_) | Ty::Bare(_) => Ty::Nullable(Box::new(ty)),
        Ty::Vector { boxed, elem } => Ty::Vector {
            boxed,
            elem: Box::new(nullable(*elem)),
        },
        other => other,
    }
}

/// `string` (also inside vectors) as `bytes`: the same wire encoding, no UTF-8 check.
fn string_as_bytes(ty: Ty) -> Option<Ty> {
    match ty {
        Ty::String => Some(Ty::Bytes),
        Ty::Vector { boxed, elem } => string_as_bytes(*elem).map(|e| Ty::Vector {
            boxed,
            elem: Box::new(e),
        }),
        _ => None,
    }
}

fn contains_object(ty: &Ty) -> bool {
    match ty {
        Ty::Object => true,
        Ty::Vector { elem, .. } => contains_object(elem),
        _ => false,
    }
}
