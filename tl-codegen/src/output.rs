//! What a run produces ([`Output`], [`ItemInfo`]) and how it is written to disk.

use std::path::{Path, PathBuf};

use crate::docs::example::Examples;
use crate::docs::path;
use crate::model;
use crate::{Diagnostic, Error};

/// One file of the split form of the output ([`Config::generate_to_dir`](crate::Config::generate_to_dir)).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutputFile {
    /// The file name in the output folder: `mod.rs`, `types.rs`, ...
    pub name: String,
    /// The file's Rust source, `@generated` header included.
    pub code: String,
}

/// The result of a generation run.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Output {
    /// The formatted Rust source, header included.
    pub code: String,
    /// The same code split into a module folder, `mod.rs` first (see
    /// [Split output](crate#split-output)); empty unless [`Config::split_files`](crate::Config::split_files) is set or
    /// the output came from [`Config::generate_to_dir`](crate::Config::generate_to_dir).
    pub files: Vec<OutputFile>,
    /// Every generated item, in output order.
    pub items: Vec<ItemInfo>,
    /// Parser and table warnings and generator notes (e.g. a function without a `RemoteCall`
    /// impl, [`DiagnosticKind::NoRemoteCall`](crate::DiagnosticKind::NoRemoteCall)), as
    /// [`Diagnostic`]s; `Display` gives the text [`Config::generate`](crate::Config::generate)
    /// prints as `cargo:warning=` lines.
    pub warnings: Vec<Diagnostic>,
    /// The layer written to `LAYER`.
    pub layer: Option<u32>,
    /// The FNV-1a 64 hash of the inputs written in the header.
    pub input_hash: u64,
    /// The schema files read.
    pub inputs: Vec<PathBuf>,
    /// The file written, for [`Config::generate`](crate::Config::generate) and [`Config::generate_to_file`](crate::Config::generate_to_file); the folder
    /// for [`Config::generate_to_dir`](crate::Config::generate_to_dir).
    pub path: Option<PathBuf>,
}

/// What kind of item an [`ItemInfo`] describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ItemKind {
    /// A constructor struct in `types::`.
    Constructor,
    /// A function struct in `functions::`.
    Function,
    /// A boxed type enum in `enums::`.
    Enum,
}

/// One generated item, for tools and tests that enumerate them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ItemInfo {
    /// Constructor, function or enum.
    pub kind: ItemKind,
    /// TL name (`auth.sentCode`, `auth.SentCode`).
    pub tl_name: String,
    /// Constructor or function ID (`None` for enums).
    pub id: Option<u32>,
    /// Rust path relative to the generated root (`types::auth::SentCode`).
    pub rust_path: String,
    /// For constructors, the path of their enum (`enums::auth::SentCode`).
    pub enum_path: Option<String>,
    /// Generic parameters (`["X"]` for `invokeWithLayer`).
    pub generics: Vec<String>,
    /// For functions: whether `RemoteCall` is implemented.
    pub remote_call: bool,
    /// For enums: whether decoding counts depth (the type is recursive).
    pub recursive: bool,
    /// For constructors and functions: the `# Example` of its page, Rust that builds the
    /// value (and, for functions, reads the answer). It names the generated code `tl::` and
    /// compiles as the body of `fn(reply: &[u8]) -> Result<(), tlgen_runtime::DecodeError>`.
    pub example: Option<String>,
}

pub(crate) fn items_info(m: &model::Model, examples: &Examples) -> Vec<ItemInfo> {
    let mut out = Vec::new();
    for c in m.ctors.iter().filter(|c| c.keep) {
        let e = c.enum_index.map(|e| &m.enums[e]);
        out.push(ItemInfo {
            kind: ItemKind::Constructor,
            tl_name: c.tl_name.clone(),
            id: Some(c.id),
            rust_path: path("types", &c.module, &c.ident),
            enum_path: e.map(|e| path("enums", &e.module, &e.ident)),
            generics: Vec::new(),
            remote_call: false,
            recursive: false,
            example: examples.constructor(&c.tl_name).map(str::to_owned),
        });
    }
    for (f, r) in m.functions.iter().zip(&m.returns).filter(|(f, _)| f.keep) {
        out.push(ItemInfo {
            kind: ItemKind::Function,
            tl_name: f.tl_name.clone(),
            id: Some(f.id),
            rust_path: path("functions", &f.module, &f.ident),
            enum_path: None,
            generics: f.generics.clone(),
            remote_call: !matches!(r, model::Return::Unsupported(_)),
            recursive: false,
            example: examples.function(&f.tl_name).map(str::to_owned),
        });
    }
    for e in m.enums.iter().filter(|e| e.keep) {
        out.push(ItemInfo {
            kind: ItemKind::Enum,
            tl_name: e.tl_name.clone(),
            id: None,
            rust_path: path("enums", &e.module, &e.ident),
            enum_path: None,
            generics: Vec::new(),
            remote_call: false,
            recursive: e.recursive,
            example: None,
        });
    }
    out
}

/// Write `code` to `path` unless the file already holds exactly that (file times stay put).
pub(crate) fn write_if_changed(path: &Path, code: &str) -> Result<(), Error> {
    if std::fs::read(path).is_ok_and(|old| old == code.as_bytes()) {
        return Ok(());
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.to_owned(),
            source,
        })?;
    }
    std::fs::write(path, code).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}
