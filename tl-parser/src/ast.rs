//! The typed schema AST produced by the parser.
//!
//! Every node that came from source text carries a [`Span`]. Two schemas can be compared
//! without their positions through [`Schema::without_spans`].

use std::fmt;

use crate::name::Name;

/// A region of the source: byte range plus the 1-based line and column of its start.
///
/// Offsets are 32-bit (16 bytes a span: the AST of a schema holds tens of thousands); in a
/// text of 4 GiB or more, offsets past that saturate at `u32::MAX`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column of `start`, counted in characters.
    pub column: u32,
}

impl Span {
    /// The byte range, to index the source with (`&src[span.range()]`).
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// A byte offset as a span stores it (saturating at `u32::MAX`).
    pub fn offset(offset: usize) -> u32 {
        u32::try_from(offset).unwrap_or(u32::MAX)
    }
}

/// Whether a definition is a constructor of a type or a function (RPC method).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Declared in a `---types---` section (the default before any marker).
    Type,
    /// Declared in a `---functions---` section.
    Function,
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Category::Type => "type",
            Category::Function => "function",
        })
    }
}

/// A whole parsed schema file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schema {
    /// The layer from a `// LAYER N` (or gotd's `// Layer: N`) comment.
    pub layer: Option<u32>,
    /// Normal constructors and functions, in source order.
    pub definitions: Vec<Definition>,
    /// Built-in declarations (`int ? = Int;`, `vector {t:Type} # [ t ] = Vector t;`, ...).
    pub builtins: Vec<Builtin>,
    /// Documentation of boxed types from TDLib's `//@class Name @description ...` comments.
    pub type_docs: Vec<TypeDoc>,
}

/// A constructor or function declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct Definition {
    /// Namespace parts (`auth` in `auth.sentCode`); empty for the global namespace.
    pub namespace: Vec<Name>,
    /// The name without namespace (`sentCode`).
    pub name: Name,
    /// The ID written after `#`, if any.
    pub explicit_id: Option<u32>,
    /// The CRC32 of the normalised declaration text.
    pub computed_id: u32,
    /// Type constructor or function.
    pub category: Category,
    /// Generic parameters `{X:Type}`.
    pub generics: Vec<GenericParam>,
    /// Parameters in declaration order (flag fields included).
    pub params: Vec<Parameter>,
    /// The declared result type (`= Type`).
    pub result: TypeRef,
    /// Documentation text (TDLib `//@description`, or plain `//` lines directly above).
    pub doc: Option<String>,
    /// The whole declaration, from its first character to the `;`.
    pub span: Span,
    /// The `#id` token, when present.
    pub id_span: Option<Span>,
}

impl Definition {
    /// The ID the wire uses: the explicit ID when written, else the computed one.
    pub fn id(&self) -> u32 {
        self.explicit_id.unwrap_or(self.computed_id)
    }

    /// `ns.name`, or just `name` in the global namespace.
    pub fn full_name(&self) -> String {
        join_name(&self.namespace, &self.name)
    }

    /// The text whose CRC32 is the definition's ID under Telegram's rule (see
    /// [`crate::normalized_text`]; [`IdRule::normalized_text`](crate::IdRule::normalized_text)
    /// for the others).
    pub fn normalized_text(&self) -> String {
        crate::id::normalized_text(self)
    }
}

/// A built-in declaration, kept out of the normal definitions.
#[derive(Clone, Debug, PartialEq)]
pub struct Builtin {
    /// Namespace parts (normally empty).
    pub namespace: Vec<Name>,
    /// The declared name (`int`, `vector`, `int128`).
    pub name: Name,
    /// The ID written after `#`, if any.
    pub explicit_id: Option<u32>,
    /// CRC32 of the normalised text.
    pub computed_id: u32,
    /// The normalised declaration text (`vector t:Type # [ t ] = Vector t`).
    pub text: String,
    /// The result type name (`Int`, `Vector`).
    pub result: String,
    /// The whole declaration.
    pub span: Span,
}

impl Builtin {
    /// `ns.name`, or just `name`.
    pub fn full_name(&self) -> String {
        join_name(&self.namespace, &self.name)
    }
}

/// Documentation of a boxed type (TDLib `//@class`).
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDoc {
    /// The boxed type name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Where the `//@class` comment is.
    pub span: Span,
}

/// A generic parameter `{X:Type}`.
#[derive(Clone, Debug, PartialEq)]
pub struct GenericParam {
    /// The variable name (`X`).
    pub name: Name,
    /// Its kind (`Type`, or `#` in TON-style schemas).
    pub kind: Name,
    /// Position of the `{...}` group.
    pub span: Span,
}

/// A parameter `name:Type`, `name:#` or `name:flags.N?Type`.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// The parameter name.
    pub name: Name,
    /// Its type.
    pub ty: ParamType,
    /// Documentation (TDLib `@name description`).
    pub doc: Option<String>,
    /// The whole `name:Type` token.
    pub span: Span,
}

/// The type part of a parameter.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamType {
    /// `name:#`: a 32-bit flags word that conditional parameters refer to.
    Flags,
    /// A value, optionally conditional on a flag bit.
    Normal {
        /// The value's type.
        ty: TypeRef,
        /// The controlling flag bit for `name:flags.N?Type`.
        flag: Option<Flag>,
    },
}

impl ParamType {
    /// The flag of a conditional parameter.
    pub fn flag(&self) -> Option<&Flag> {
        match self {
            ParamType::Normal { flag, .. } => flag.as_ref(),
            ParamType::Flags => None,
        }
    }

    /// The value type, unless this is a flags word.
    pub fn type_ref(&self) -> Option<&TypeRef> {
        match self {
            ParamType::Normal { ty, .. } => Some(ty),
            ParamType::Flags => None,
        }
    }

    /// `true` for `flags.N?true` (a presence bit carrying no bytes).
    pub fn is_true_flag(&self) -> bool {
        matches!(self, ParamType::Normal { ty, flag: Some(_) } if ty.is_true())
    }
}

/// The `flags.N` of a conditional parameter.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Flag {
    /// The flags field name (`flags`, `flags2`, `mode`).
    pub name: Name,
    /// The bit index `N`.
    pub bit: u32,
}

/// A reference to a type: `int`, `InputPeer`, `%Message`, `Vector<long>`, `!X`, `auth.SentCode`.
///
/// A type application is one name with one argument, written `Vector<long>`, `vector<long>`,
/// or in TON's parenthesised form `(vector long)`; all spellings give the same `TypeRef`.
/// The parser builds at most [`MAX_TYPE_DEPTH`](crate::MAX_TYPE_DEPTH) levels of arguments
/// (deeper input is a diagnostic); printing and ID normalisation walk the chain in a loop, so
/// they cope with any depth.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeRef {
    /// Namespace parts.
    pub namespace: Vec<Name>,
    /// The name (`Vector`, `InputPeer`, `int`, `X`).
    pub name: Name,
    /// Bare (no constructor ID on the wire): written with `%` or starting with a lowercase letter.
    pub bare: bool,
    /// `!X`: the parameter is any serialised value of the generic type `X`.
    pub generic_ref: bool,
    /// The argument of a generic type: `long` in `Vector<long>` or in `Vector long`.
    pub generic_arg: Option<Box<TypeRef>>,
    /// Where the reference is written.
    pub span: Span,
}

impl TypeRef {
    /// `ns.Name`, or just `Name`.
    pub fn full_name(&self) -> String {
        join_name(&self.namespace, &self.name)
    }

    /// `true`: the type of presence-only flag parameters.
    pub fn is_true(&self) -> bool {
        self.namespace.is_empty() && self.name == "true" && self.generic_arg.is_none()
    }

    /// Starts with a lowercase letter without being written with `%`.
    pub(crate) fn lowercase_name(&self) -> bool {
        self.name
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_lowercase)
    }
}

impl fmt::Display for TypeRef {
    /// The TL spelling: `Vector<long>`, `%Message`, `!X`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A loop, not recursion: the chain of arguments is as deep as the AST makes it.
        let mut next = Some(self);
        let mut open = 0usize;
        while let Some(ty) = next {
            if open > 0 {
                f.write_str("<")?;
            }
            if ty.generic_ref {
                f.write_str("!")?;
            }
            if ty.bare && !ty.lowercase_name() {
                f.write_str("%")?;
            }
            for ns in &ty.namespace {
                write!(f, "{ns}.")?;
            }
            f.write_str(&ty.name)?;
            next = ty.generic_arg.as_deref();
            if next.is_some() {
                open += 1;
            }
        }
        for _ in 0..open {
            f.write_str(">")?;
        }
        Ok(())
    }
}

pub(crate) fn join_name(namespace: &[Name], name: &str) -> String {
    let mut s =
        String::with_capacity(name.len() + namespace.iter().map(|n| n.len() + 1).sum::<usize>());
    for ns in namespace {
        s.push_str(ns);
        s.push('.');
    }
    s.push_str(name);
    s
}

impl Schema {
    /// Constructors (type definitions) in source order.
    pub fn types(&self) -> impl Iterator<Item = &Definition> {
        self.definitions
            .iter()
            .filter(|d| d.category == Category::Type)
    }

    /// Functions in source order.
    pub fn functions(&self) -> impl Iterator<Item = &Definition> {
        self.definitions
            .iter()
            .filter(|d| d.category == Category::Function)
    }

    /// A copy with every span reset, for comparing schemas by content.
    pub fn without_spans(&self) -> Schema {
        let mut s = self.clone();
        let z = Span::default();
        for d in &mut s.definitions {
            d.span = z;
            d.id_span = d.id_span.map(|_| z);
            for g in &mut d.generics {
                g.span = z;
            }
            for p in &mut d.params {
                p.span = z;
                if let ParamType::Normal { ty, .. } = &mut p.ty {
                    clear_type_spans(ty);
                }
            }
            clear_type_spans(&mut d.result);
        }
        for b in &mut s.builtins {
            b.span = z;
        }
        for t in &mut s.type_docs {
            t.span = z;
        }
        s
    }
}

fn clear_type_spans(t: &mut TypeRef) {
    let mut next = Some(t);
    while let Some(t) = next {
        t.span = Span::default();
        next = t.generic_arg.as_deref_mut();
    }
}
