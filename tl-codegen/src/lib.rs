//! Rust code generator for Telegram TL schemas.
//!
//! Turns one or more TL schema files into a single Rust source file with one struct per
//! constructor, one struct per function and one enum per boxed type, all serializing through
//! the [`tl_runtime`](https://docs.rs/tl-runtime) traits. Used from `build.rs` (like
//! `prost-build`) or through `tlgen generate`; both produce the same bytes.
//!
//! # From `build.rs`
//!
//! ```no_run
//! // build.rs, in `fn main()`:
//! if let Err(e) = tl_codegen::Config::new()
//!     .schema("tl/api.tl")
//!     .schema("tl/mtproto.tl")
//!     .allow_id_mismatch("ipPortSecret")
//!     .allow_id_mismatch("accessPointRule")
//!     .allow_id_mismatch("help.configSimple")
//!     .generate()
//! {
//!     panic!("{e}");
//! }
//! ```
//!
//! [`Config::generate`] writes `$OUT_DIR/tl.rs` (see [`Config::file_name`] and
//! [`Config::out_dir`]) and prints `cargo:rerun-if-changed=` for every schema it read. Include
//! the result in a module of your crate:
//!
//! ```ignore
//! // src/lib.rs
//! pub mod tl {
//!     include!(concat!(env!("OUT_DIR"), "/tl.rs"));
//! }
//!
//! use tl::{enums, functions, types};
//! ```
//!
//! The crate needs `tl-runtime` as a dependency (its path is configurable with
//! [`Config::runtime_crate`]). The generated code refers to its own items through `super::`
//! paths only, so it works in any module, and to everything else through fully qualified paths
//! (`::core::option::Option`, `::std::vec::Vec`, ...), so types of yours named `Option`,
//! `Result`, `String` or `Vec` next to it cannot break it.
//!
//! # What is generated
//!
//! * `LAYER: i32` and `name_for_id(u32) -> Option<&'static str>`.
//! * `types::` — a struct per constructor (a module per TL namespace), serialized bare and
//!   implementing `Identifiable`. A constructor without fields is a unit struct.
//! * `functions::` — a struct per function, serialized with its ID, implementing `RemoteCall`
//!   (`Return` is the decoded answer type) and, with [`Config::function_deserialize`],
//!   `Deserializable` (checking the ID). Generic functions such as
//!   `invokeWithLayer {X:Type} layer:int query:!X = X` become generic structs
//!   (`InvokeWithLayer<X>`) whose `Return` is `X::Return`.
//! * `enums::` — an enum per boxed type whose variants wrap the constructor structs (unit
//!   variants for constructors without fields), with `From<types::..>` for every variant.
//!   Decoding reads the ID and dispatches; an unknown ID is
//!   `DecodeError::UnknownConstructor` naming the TL type.
//!
//! Type mapping: `int` `i32`, `long` `i64`, `double` `f64`, `int128` `[u8; 16]`, `int256`
//! `[u8; 32]`, `string` `String`, `bytes` `Vec<u8>`, `Bool` `bool`, `flags.N?true` `bool`, other
//! `flags.N?T` `Option<T>`, `Vector<T>`/`vector<T>` `Vec<T>`, a boxed type its enum, a bare
//! constructor (`%T`, `future_salt`) its struct. The built-in constructors of `Bool`, `True`
//! and `Vector` are not generated (they map to Rust types) but appear in `name_for_id`.
//!
//! **Flags** words are not fields: serialization computes them from which optional fields are
//! set. When several fields share one bit, deserialization reads all of them when the bit is
//! set, and serialization sets the bit if any of them is set — so set all of them or none (the
//! field docs say which fields share a bit). Unknown bits are ignored when decoding.
//!
//! **Recursion**: a field is `Box`ed only when it closes a cycle of by-value containment
//! (strongly connected components of the type graph; `Vec` and the enum's own variants do not
//! count), e.g. `textBold text:RichText` gets `text: Box<enums::RichText>`. Enums in such a
//! cycle count nesting depth while decoding, so hostile input gets `DecodeError::TooDeep`
//! instead of a stack overflow.
//!
//! **Names**: see [`naming`]. Two TL names mapping to one Rust name in one scope (a module, an
//! enum's variants, a struct's fields) is an error naming both ([`Error::NameCollision`]), never
//! a silent rename; enum variants drop the type's name as a prefix only when no two variants
//! of that enum would then collide.
//!
//! The output starts with an `@generated` header giving the generator version, the layer, the
//! input file names and an FNV-1a 64-bit hash of the input texts; it contains no timestamps or
//! paths and is byte-for-byte deterministic.
//!
//! # Split output
//!
//! For code checked into a repository, [`Config::generate_to_dir`] writes the same code as a
//! module folder instead of one file: `mod.rs` (the root items such as `LAYER` and
//! `name_for_id`, and `pub mod types;`, `pub mod enums;`, ...) and one file per top-level module
//! (`types.rs`, `functions.rs`, `enums.rs`, and `errors.rs` with an error table), each starting
//! with the same `@generated` header. Only the place of the code changes: the module bodies are
//! moved unchanged and the attributes of each module stay on its `mod` declaration. Declare the
//! folder as a module (`mod tl;` for `src/tl/`); `include!` does not work with it.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod emit;
mod extension;
mod model;
pub mod naming;
pub mod rpc_errors;
mod tl_text;

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

pub use extension::{Extension, FunctionInfo, TypeInfo};
pub use tl_parser::{Diagnostic, DiagnosticKind, Diagnostics, Level, ParseOptions, Severity};

/// The generator's version, as written in the `@generated` header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// When an optional derive is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    /// Always: `#[derive(..)]`.
    Always,
    /// Only with a cargo feature of the crate that includes the code:
    /// `#[cfg_attr(feature = "..", derive(..))]`.
    Feature(String),
}

/// An error or method table: a file or text in memory.
#[derive(Clone, Debug)]
enum TableInput {
    Path(PathBuf),
    Source { name: String, text: String },
}

impl TableInput {
    /// (name for messages and the header, text).
    fn read(&self) -> Result<(String, String), Error> {
        match self {
            TableInput::Path(p) => std::fs::read_to_string(p)
                .map(|t| (p.display().to_string(), t))
                .map_err(|source| Error::Io {
                    path: p.clone(),
                    source,
                }),
            TableInput::Source { name, text } => Ok((name.clone(), text.clone())),
        }
    }
}

#[derive(Clone, Debug)]
enum SchemaInput {
    Path(PathBuf),
    Source { name: String, text: String },
}

/// Code generation settings, in the style of `prost_build::Config`.
pub struct Config {
    schemas: Vec<SchemaInput>,
    out_dir: Option<PathBuf>,
    file_name: String,
    derives: Vec<String>,
    serde: Option<Condition>,
    arbitrary: Option<Condition>,
    type_attributes: Vec<String>,
    runtime: String,
    namespaces: Option<BTreeSet<String>>,
    parse_options: ParseOptions,
    layer: Option<u32>,
    function_deserialize: bool,
    from_impls: bool,
    emit_cargo: bool,
    print_warnings: bool,
    extensions: Vec<std::rc::Rc<dyn Extension>>,
    errors_table: Option<TableInput>,
    methods_table: Option<TableInput>,
    split_files: bool,
    format: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("schemas", &self.schemas)
            .field("out_dir", &self.out_dir)
            .field("file_name", &self.file_name)
            .field("derives", &self.derives)
            .field("serde", &self.serde)
            .field("arbitrary", &self.arbitrary)
            .field("type_attributes", &self.type_attributes)
            .field("runtime", &self.runtime)
            .field("namespaces", &self.namespaces)
            .field("parse_options", &self.parse_options)
            .field("layer", &self.layer)
            .field("function_deserialize", &self.function_deserialize)
            .field("from_impls", &self.from_impls)
            .field("emit_cargo", &self.emit_cargo)
            .field("print_warnings", &self.print_warnings)
            .field("extensions", &self.extensions.len())
            .field("errors_table", &self.errors_table)
            .field("methods_table", &self.methods_table)
            .field("split_files", &self.split_files)
            .field("format", &self.format)
            .finish()
    }
}

impl Config {
    /// Defaults: derives `Debug, Clone, PartialEq`; no serde, no arbitrary; `From` impls for
    /// enums; no `Deserializable` for functions; runtime `::tl_runtime`; all namespaces;
    /// default parse options; output `tl.rs` in `$OUT_DIR`.
    pub fn new() -> Self {
        Config {
            schemas: Vec::new(),
            out_dir: None,
            file_name: "tl.rs".to_owned(),
            derives: vec![
                "::core::fmt::Debug".to_owned(),
                "::core::clone::Clone".to_owned(),
                "::core::cmp::PartialEq".to_owned(),
            ],
            serde: None,
            arbitrary: None,
            type_attributes: Vec::new(),
            runtime: "::tl_runtime".to_owned(),
            namespaces: None,
            parse_options: ParseOptions::default(),
            layer: None,
            function_deserialize: false,
            from_impls: true,
            emit_cargo: true,
            print_warnings: true,
            extensions: Vec::new(),
            errors_table: None,
            methods_table: None,
            split_files: false,
            format: true,
        }
    }

    /// Add a schema file. Several files are merged (e.g. `api.tl` and `mtproto.tl`): a
    /// definition present in more than one with the same ID is kept once; the same name with
    /// different IDs is an error.
    pub fn schema(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.schemas
            .push(SchemaInput::Path(path.as_ref().to_owned()));
        self
    }

    /// Add schema text held in memory; `name` is used in diagnostics and the header.
    pub fn schema_source(&mut self, name: impl Into<String>, text: impl Into<String>) -> &mut Self {
        self.schemas.push(SchemaInput::Source {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Directory [`generate`](Self::generate) writes to (default: `$OUT_DIR`).
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_owned());
        self
    }

    /// Output file name (default `tl.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = name.into();
        self
    }

    /// Replace the derive list of every generated struct and enum (paths, e.g.
    /// `"::core::fmt::Debug"` or `"Eq"`). Default: `Debug, Clone, PartialEq`.
    pub fn derives<I, S>(&mut self, derives: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.derives = derives.into_iter().map(Into::into).collect();
        self
    }

    /// Add one derive to the list (see [`derives`](Self::derives)).
    pub fn derive(&mut self, path: impl Into<String>) -> &mut Self {
        self.derives.push(path.into());
        self
    }

    /// Derive `serde::Serialize` and `serde::Deserialize` (the including crate needs `serde`).
    pub fn serde(&mut self, when: Condition) -> &mut Self {
        self.serde = Some(when);
        self
    }

    /// Implement `arbitrary::Arbitrary` for every generated type (the including crate needs
    /// `arbitrary`; no `derive` feature), so random values can be made for fuzzing and
    /// property tests. The impls are written out (one `arbitrary` method each, far less code
    /// than `#[derive(Arbitrary)]`); values sharing a flag bit stay consistent and recursive
    /// types stop nesting at `tl_runtime::arbitrary_support::MAX_DEPTH`, so every random value
    /// encodes and decodes.
    pub fn arbitrary(&mut self, when: Condition) -> &mut Self {
        self.arbitrary = Some(when);
        self
    }

    /// Add an attribute (without `#[..]`, e.g. `"non_exhaustive"`) to every generated struct
    /// and enum.
    pub fn type_attribute(&mut self, attr: impl Into<String>) -> &mut Self {
        self.type_attributes.push(attr.into());
        self
    }

    /// Path of the runtime crate (default `::tl_runtime`), e.g. `::my_client::tl_runtime` when
    /// it is re-exported.
    pub fn runtime_crate(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime = path.into();
        self
    }

    /// Generate only the functions and constructors of these namespaces (`""` is the global
    /// namespace, `"auth"`, `"messages"`, ...) plus every type they use, transitively.
    pub fn namespaces<I, S>(&mut self, namespaces: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.namespaces = Some(namespaces.into_iter().map(Into::into).collect());
        self
    }

    /// Parser options (ID mismatch handling, unknown types, ...).
    pub fn parse_options(&mut self, options: ParseOptions) -> &mut Self {
        self.parse_options = options;
        self
    }

    /// Accept the ID mismatch of one definition (full TL name). `mtproto.tl` needs
    /// `ipPortSecret`, `accessPointRule` and `help.configSimple`.
    pub fn allow_id_mismatch(&mut self, name: impl Into<String>) -> &mut Self {
        self.parse_options.allowed_id_mismatches.insert(name.into());
        self
    }

    /// Set `LAYER` instead of taking it from the schemas' `// LAYER N` comments.
    pub fn layer(&mut self, layer: u32) -> &mut Self {
        self.layer = Some(layer);
        self
    }

    /// Implement `Deserializable` for function structs too (default `false`). Clients only
    /// send functions; servers, proxies and round-trip tests decode them. Off by default
    /// because it is about a fifth of the type-checking time of the generated api.tl code.
    pub fn function_deserialize(&mut self, enabled: bool) -> &mut Self {
        self.function_deserialize = enabled;
        self
    }

    /// Implement `From<types::X>` for the enum of every constructor `X` (default `true`).
    pub fn from_impls(&mut self, enabled: bool) -> &mut Self {
        self.from_impls = enabled;
        self
    }

    /// Print `cargo:rerun-if-changed` lines in [`generate`](Self::generate) (default `true`).
    pub fn emit_cargo_directives(&mut self, enabled: bool) -> &mut Self {
        self.emit_cargo = enabled;
        self
    }

    /// Print every warning ([`Output::warnings`]) as a `cargo:warning` line in
    /// [`generate`](Self::generate) (default `true`).
    pub fn print_warnings(&mut self, enabled: bool) -> &mut Self {
        self.print_warnings = enabled;
        self
    }

    /// Register an [`Extension`].
    pub fn extension(&mut self, ext: impl Extension + 'static) -> &mut Self {
        self.extensions.push(std::rc::Rc::new(ext));
        self
    }

    /// Generate typed RPC errors from this error table (CSV `name,codes,description`, see
    /// [`tl_errors::ErrorTable::parse`]): an `errors` module with `RpcError`, a
    /// `MethodErrors` impl for every function and method-page docs (see [`rpc_errors`]).
    /// Table problems fail generation with [`Error::Table`].
    pub fn errors(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.errors_table = Some(TableInput::Path(path.as_ref().to_owned()));
        self
    }

    /// [`errors`](Self::errors) from text in memory; `name` is used in messages.
    pub fn errors_source(&mut self, name: impl Into<String>, text: impl Into<String>) -> &mut Self {
        self.errors_table = Some(TableInput::Source {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// The method table (CSV `method,usability,errors`, see
    /// [`tl_errors::MethodTable::parse`]): per-method error enums and the "Possible errors" and
    /// "Can bots use this method?" docs. Needs [`errors`](Self::errors). Rows for functions
    /// the schema lacks are skipped with a warning; unknown error names are errors.
    pub fn methods(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.methods_table = Some(TableInput::Path(path.as_ref().to_owned()));
        self
    }

    /// [`methods`](Self::methods) from text in memory; `name` is used in messages.
    pub fn methods_source(
        &mut self,
        name: impl Into<String>,
        text: impl Into<String>,
    ) -> &mut Self {
        self.methods_table = Some(TableInput::Source {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Also split the code into a module folder in [`Output::files`] (default `false`; see
    /// [Split output](crate#split-output)). [`Output::code`] stays the single-file form.
    /// [`generate_to_dir`](Self::generate_to_dir) splits whatever this says.
    pub fn split_files(&mut self, enabled: bool) -> &mut Self {
        self.split_files = enabled;
        self
    }

    /// Format the output with `prettyplease` (default `true`). With `false` the code is
    /// written as the token stream prints it (one line per statement, field or brace, no
    /// indentation): the same items, several times faster to produce (no `syn` parse, no
    /// pretty-printing), which a `build.rs` whose output nobody reads may prefer. Still
    /// deterministic.
    pub fn format(&mut self, enabled: bool) -> &mut Self {
        self.format = enabled;
        self
    }

    /// Read, parse and generate; nothing is written or printed.
    pub fn generate_output(&self) -> Result<Output, Error> {
        self.generate_output_with(self.split_files)
    }

    fn generate_output_with(&self, split: bool) -> Result<Output, Error> {
        if self.schemas.is_empty() {
            return Err(Error::NoSchema);
        }
        let mut inputs = Vec::new();
        for s in &self.schemas {
            match s {
                SchemaInput::Path(p) => {
                    let text = std::fs::read_to_string(p).map_err(|source| Error::Io {
                        path: p.clone(),
                        source,
                    })?;
                    inputs.push((p.display().to_string(), base_name(p), text, Some(p.clone())));
                }
                SchemaInput::Source { name, text } => {
                    inputs.push((name.clone(), name.clone(), text.clone(), None));
                }
            }
        }

        let mut hash = Fnv64::new();
        let mut defs = Vec::new();
        let mut layers: Vec<(String, u32)> = Vec::new();
        let mut warnings = Vec::new();
        for (display, base, text, _) in &inputs {
            hash.write(base.as_bytes());
            hash.write(&[0]);
            hash.write(&(text.len() as u64).to_le_bytes());
            hash.write(text.as_bytes());
            let parsed = tl_parser::parse(display, text, &self.parse_options);
            warnings.extend(parsed.warnings().cloned());
            let schema = parsed.into_result().map_err(|diagnostics| Error::Schema {
                file: display.clone(),
                diagnostics,
            })?;
            if let Some(l) = schema.layer {
                layers.push((display.clone(), l));
            }
            defs.extend(schema.definitions.into_iter().map(|def| model::SourcedDef {
                file: display.clone(),
                def,
            }));
        }
        let layer = match self.layer {
            Some(l) => Some(l),
            None => {
                let distinct: BTreeSet<u32> = layers.iter().map(|(_, l)| *l).collect();
                if distinct.len() > 1 {
                    let list: Vec<String> =
                        layers.iter().map(|(f, l)| format!("{f}: {l}")).collect();
                    return Err(Error::Layer {
                        message: format!(
                            "the schemas declare different layers ({}); set one with Config::layer",
                            list.join(", ")
                        ),
                    });
                }
                distinct.into_iter().next()
            }
        };

        let defs = model::merge(defs)?;
        let mut model = model::build(
            defs,
            &model::BuildOptions {
                namespaces: self.namespaces.as_ref(),
            },
        )?;
        model.layer = layer;
        warnings.extend(model.warnings.iter().cloned());

        // Error and method tables (typed RPC errors).
        let mut table_names = Vec::new();
        let mut extensions: Vec<Box<dyn Extension>> = Vec::new();
        if self.methods_table.is_some() && self.errors_table.is_none() {
            return Err(Error::Config {
                message: "a method table needs an error table: call Config::errors(..)".to_owned(),
            });
        }
        if let Some(errors) = &self.errors_table {
            let mut tables = Vec::new();
            for t in std::iter::once(errors).chain(&self.methods_table) {
                let (name, text) = t.read()?;
                let base = match t {
                    TableInput::Path(p) => base_name(p),
                    TableInput::Source { name, .. } => name.clone(),
                };
                hash.write(base.as_bytes());
                hash.write(&[0]);
                hash.write(&(text.len() as u64).to_le_bytes());
                hash.write(text.as_bytes());
                table_names.push(base);
                tables.push((name, text));
            }
            let table_err = |errors| Error::Table { errors };
            let errors =
                tl_errors::ErrorTable::parse(&tables[0].0, &tables[0].1).map_err(table_err)?;
            let methods = match tables.get(1) {
                Some((name, text)) => {
                    Some(tl_errors::MethodTable::parse(name, text).map_err(table_err)?)
                }
                None => None,
            };
            let names = (
                table_names[0].as_str(),
                table_names.get(1).map(String::as_str),
            );
            let (ext, table_warnings) =
                rpc_errors::RpcErrors::new(&errors, methods.as_ref(), names, &model)
                    .map_err(table_err)?;
            warnings.extend(table_warnings);
            extensions.push(Box::new(ext));
        }
        extensions.extend(
            self.extensions
                .iter()
                .map(|e| Box::new(extension::Shared(e.clone())) as Box<dyn Extension>),
        );

        let parse_path = |what: &str, s: &str| -> Result<proc_macro2::TokenStream, Error> {
            syn::parse_str::<syn::Path>(s)
                .map(|p| quote::quote!(#p))
                .map_err(|e| Error::Config {
                    message: format!("invalid {what} `{s}`: {e}"),
                })
        };
        let derives = self
            .derives
            .iter()
            .map(|d| parse_path("derive path", d))
            .collect::<Result<Vec<_>, _>>()?;
        let type_attributes = self
            .type_attributes
            .iter()
            .map(|a| {
                syn::parse_str::<syn::Meta>(a)
                    .map(|m| quote::quote!(#m))
                    .map_err(|e| Error::Config {
                        message: format!("invalid type attribute `{a}`: {e}"),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let emitter = emit::Emitter {
            model: &model,
            rt: parse_path("runtime crate path", &self.runtime)?,
            derives,
            serde: self.serde.clone(),
            arbitrary: self.arbitrary.clone(),
            type_attributes,
            function_deserialize: self.function_deserialize,
            from_impls: self.from_impls,
            extensions: &extensions,
            layer,
        };
        let tokens = emitter.emit()?;
        let render = Render {
            format: self.format,
        };
        let (body, file) = if split || self.format {
            let file = syn::parse2::<syn::File>(tokens).map_err(|e| Error::Format {
                message: e.to_string(),
            })?;
            (render.file(&file), Some(file))
        } else {
            (render.tokens(tokens), None)
        };

        let names: Vec<&str> = inputs
            .iter()
            .map(|(_, b, _, _)| b.as_str())
            .chain(table_names.iter().map(String::as_str))
            .collect();
        let hash = hash.finish();
        let header = format!(
            "// @generated by tl-codegen {VERSION}. Do not edit.\n\
             // Layer: {}\n\
             // Inputs: {} (FNV-1a 64 of their names and texts: {hash:016x})\n\n",
            layer.map_or_else(|| "none".to_owned(), |l| l.to_string()),
            names.join(", "),
        );

        let files = match file {
            Some(file) if split => split_modules(file, &header, render)?,
            _ => Vec::new(),
        };
        let items = items_info(&model);
        Ok(Output {
            code: header + &body,
            files,
            items,
            warnings,
            layer,
            input_hash: hash,
            inputs: inputs.into_iter().filter_map(|(_, _, _, p)| p).collect(),
            path: None,
        })
    }

    /// The generated code as a string; nothing is written or printed.
    pub fn generate_to_string(&self) -> Result<String, Error> {
        self.generate_output().map(|o| o.code)
    }

    /// Generate and write to `path` (only when the content changed, so file times stay put).
    pub fn generate_to_file(&self, path: impl AsRef<Path>) -> Result<Output, Error> {
        let mut out = self.generate_output()?;
        write_if_changed(path.as_ref(), &out.code)?;
        out.path = Some(path.as_ref().to_owned());
        Ok(out)
    }

    /// Generate the split form ([Split output](crate#split-output)) into the folder `dir`
    /// (created if needed): `mod.rs` plus one file per top-level module, each written only
    /// when its content changed. Other files in `dir` are left alone. [`Output::files`] is
    /// the set of files and [`Output::path`] is `dir`.
    pub fn generate_to_dir(&self, dir: impl AsRef<Path>) -> Result<Output, Error> {
        let dir = dir.as_ref();
        let mut out = self.generate_output_with(true)?;
        for f in &out.files {
            write_if_changed(&dir.join(&f.name), &f.code)?;
        }
        out.path = Some(dir.to_owned());
        Ok(out)
    }

    /// For `build.rs`: generate into [`out_dir`](Self::out_dir) (default `$OUT_DIR`) /
    /// [`file_name`](Self::file_name), print `cargo:rerun-if-changed=` for every schema file
    /// read and `cargo:warning=` for every warning. The file is only rewritten when its
    /// content changes. [`Output::path`] is the file written.
    pub fn generate(&self) -> Result<Output, Error> {
        let dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        if self.emit_cargo {
            for s in &self.schemas {
                if let SchemaInput::Path(p) = s {
                    println!("cargo:rerun-if-changed={}", p.display());
                }
            }
            for t in self.errors_table.iter().chain(&self.methods_table) {
                if let TableInput::Path(p) = t {
                    println!("cargo:rerun-if-changed={}", p.display());
                }
            }
        }
        let path = dir.join(&self.file_name);
        let out = self.generate_to_file(&path)?;
        if self.print_warnings {
            for w in &out.warnings {
                for line in w.to_string().lines() {
                    println!("cargo:warning={line}");
                }
            }
        }
        Ok(out)
    }
}

fn base_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

fn write_if_changed(path: &Path, code: &str) -> Result<(), Error> {
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

/// Split the generated file: every top-level inline `mod` goes to a file of its own (`types.rs`
/// for `mod types { .. }`, its inner attributes at the top of the file), leaving `mod types;`
/// with the module's outer attributes (its docs and `#[allow]`s) in `mod.rs`, which also keeps
/// every other item. Every file starts with `header`.
fn split_modules(file: syn::File, header: &str, render: Render) -> Result<Vec<OutputFile>, Error> {
    use syn::ext::IdentExt;
    let mut root = syn::File {
        shebang: None,
        attrs: file.attrs,
        items: Vec::with_capacity(file.items.len()),
    };
    let mut modules = Vec::new();
    for item in file.items {
        let mut m = match item {
            syn::Item::Mod(m) if m.content.is_some() => m,
            other => {
                root.items.push(other);
                continue;
            }
        };
        let name = format!("{}.rs", m.ident.unraw());
        if name == "mod.rs" || modules.iter().any(|f: &OutputFile| f.name == name) {
            return Err(Error::Config {
                message: format!(
                    "cannot split the output: two files would be named `{name}` (module `{}`)",
                    m.ident
                ),
            });
        }
        let (outer, inner) = std::mem::take(&mut m.attrs)
            .into_iter()
            .partition(|a| matches!(a.style, syn::AttrStyle::Outer));
        let items = m.content.take().map(|(_, items)| items).unwrap_or_default();
        let body = render.file(&syn::File {
            shebang: None,
            attrs: inner,
            items,
        });
        modules.push(OutputFile {
            name,
            code: format!("{header}{body}"),
        });
        m.attrs = outer;
        m.semi = Some(Default::default());
        root.items.push(syn::Item::Mod(m));
    }
    let mut files = vec![OutputFile {
        name: "mod.rs".to_owned(),
        code: format!("{header}{}", render.file(&root)),
    }];
    files.extend(modules);
    Ok(files)
}

/// How generated code becomes text: pretty-printed, or as the token stream prints it.
#[derive(Clone, Copy)]
struct Render {
    format: bool,
}

impl Render {
    fn file(self, file: &syn::File) -> String {
        if self.format {
            prettyplease::unparse(file)
        } else {
            self.tokens(quote::ToTokens::to_token_stream(file))
        }
    }

    fn tokens(self, tokens: proc_macro2::TokenStream) -> String {
        let mut text = String::new();
        write_tokens(&mut text, tokens, true);
        text.push('\n');
        text
    }
}

/// Print tokens as `TokenStream`'s `Display` would, but with line breaks around the contents of
/// `{ }` groups and after `;` and brace-level `,`: rustc is slow on source files made of one
/// multi-megabyte line (every panic location computes a column by scanning its line).
fn write_tokens(out: &mut String, tokens: proc_macro2::TokenStream, in_braces: bool) {
    use proc_macro2::{Delimiter, Spacing, TokenTree};
    for tt in tokens {
        match tt {
            TokenTree::Group(g) => {
                let (open, close, braces) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")", false),
                    Delimiter::Bracket => ("[", "]", false),
                    Delimiter::Brace => ("{\n", "\n}", true),
                    Delimiter::None => ("", "", false),
                };
                out.push_str(open);
                write_tokens(out, g.stream(), braces);
                out.push_str(close);
                out.push(if braces { '\n' } else { ' ' });
            }
            TokenTree::Punct(p) => {
                let c = p.as_char();
                out.push(c);
                if p.spacing() == Spacing::Alone {
                    out.push(if c == ';' || (c == ',' && in_braces) {
                        '\n'
                    } else {
                        ' '
                    });
                }
            }
            TokenTree::Ident(i) => {
                out.push_str(&i.to_string());
                out.push(' ');
            }
            TokenTree::Literal(l) => {
                out.push_str(&l.to_string());
                out.push(' ');
            }
        }
    }
}

/// One file of the split form of the output ([`Config::generate_to_dir`]).
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
    /// [Split output](crate#split-output)); empty unless [`Config::split_files`] is set or
    /// the output came from [`Config::generate_to_dir`].
    pub files: Vec<OutputFile>,
    /// Every generated item, in output order.
    pub items: Vec<ItemInfo>,
    /// Parser and table warnings and generator notes (e.g. a function without a `RemoteCall`
    /// impl, [`DiagnosticKind::NoRemoteCall`]), as [`Diagnostic`]s; `Display` gives the text
    /// [`Config::generate`] prints as `cargo:warning=` lines.
    pub warnings: Vec<Diagnostic>,
    /// The layer written to `LAYER`.
    pub layer: Option<u32>,
    /// The FNV-1a 64 hash of the inputs written in the header.
    pub input_hash: u64,
    /// The schema files read.
    pub inputs: Vec<PathBuf>,
    /// The file written, for [`Config::generate`] and [`Config::generate_to_file`]; the folder
    /// for [`Config::generate_to_dir`].
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
}

fn rust_path(root: &str, module: &[String], ident: &str) -> String {
    let mut parts = vec![root.to_owned()];
    parts.extend(module.iter().cloned());
    parts.push(ident.to_owned());
    parts.join("::")
}

fn items_info(m: &model::Model) -> Vec<ItemInfo> {
    let mut out = Vec::new();
    for c in m.ctors.iter().filter(|c| c.keep) {
        let e = c.enum_index.map(|e| &m.enums[e]);
        out.push(ItemInfo {
            kind: ItemKind::Constructor,
            tl_name: c.tl_name.clone(),
            id: Some(c.id),
            rust_path: rust_path("types", &c.module, &c.ident),
            enum_path: e.map(|e| rust_path("enums", &e.module, &e.ident)),
            generics: Vec::new(),
            remote_call: false,
            recursive: false,
        });
    }
    for (f, r) in m.functions.iter().zip(&m.returns).filter(|(f, _)| f.keep) {
        out.push(ItemInfo {
            kind: ItemKind::Function,
            tl_name: f.tl_name.clone(),
            id: Some(f.id),
            rust_path: rust_path("functions", &f.module, &f.ident),
            enum_path: None,
            generics: f.generics.clone(),
            remote_call: !matches!(r, model::Return::Unsupported(_)),
            recursive: false,
        });
    }
    for e in m.enums.iter().filter(|e| e.keep) {
        out.push(ItemInfo {
            kind: ItemKind::Enum,
            tl_name: e.tl_name.clone(),
            id: None,
            rust_path: rust_path("enums", &e.module, &e.ident),
            enum_path: None,
            generics: Vec::new(),
            remote_call: false,
            recursive: e.recursive,
        });
    }
    out
}

/// Why generation failed. `Display` gives the full explanation, schema diagnostics included.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// No schema was given.
    NoSchema,
    /// A schema file could not be read, or the output could not be written.
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The parser rejected a schema.
    Schema {
        /// The file.
        file: String,
        /// Every diagnostic (errors and warnings).
        diagnostics: Diagnostics,
    },
    /// Two schemas disagree (same name with different IDs, or one ID for two names).
    Conflict {
        /// A [`DiagnosticKind::DefinitionConflict`] at the second definition, labelled with the
        /// first; its message names both, with file and line.
        diagnostic: Box<Diagnostic>,
    },
    /// Two TL names map to one Rust name in one scope.
    NameCollision {
        /// The scope (module, enum variants, struct fields).
        scope: String,
        /// The Rust name.
        rust_name: String,
        /// The first TL item.
        first: String,
        /// The second TL item.
        second: String,
    },
    /// A schema construct the generator cannot express in Rust.
    Unsupported {
        /// The TL definition.
        item: String,
        /// What and why.
        message: String,
    },
    /// The schemas declare different layers.
    Layer {
        /// Which files say what.
        message: String,
    },
    /// An invalid option value (derive path, attribute, runtime path).
    Config {
        /// What is wrong.
        message: String,
    },
    /// `generate()` needs `OUT_DIR` (set by cargo for build scripts) or `out_dir(..)`.
    NoOutDir,
    /// The error or method table is malformed (every problem, with file, line and column).
    Table {
        /// The problems (errors only).
        errors: Diagnostics,
    },
    /// The generated tokens did not parse as a Rust file (a generator bug).
    Format {
        /// The syn error.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoSchema => f.write_str("no schema given: call Config::schema(..)"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Schema { file, diagnostics } => {
                write!(
                    f,
                    "schema {file} has {} error(s):\n{diagnostics}",
                    diagnostics.error_count()
                )
            }
            Error::Conflict { diagnostic } => {
                write!(f, "conflicting schemas: {}", diagnostic.message)
            }
            Error::NameCollision {
                scope,
                rust_name,
                first,
                second,
            } => write!(
                f,
                "name collision in {scope}: {first} and {second} both become `{rust_name}`"
            ),
            Error::Unsupported { item, message } => {
                write!(f, "cannot generate `{item}`: {message}")
            }
            Error::Layer { message } => f.write_str(message),
            Error::Config { message } => write!(f, "invalid configuration: {message}"),
            Error::NoOutDir => f.write_str(
                "OUT_DIR is not set (generate() is meant for build.rs); use Config::out_dir",
            ),
            Error::Table { errors } => {
                write!(
                    f,
                    "invalid RPC error table ({} error(s)):\n{errors}",
                    errors.error_count()
                )
            }
            Error::Format { message } => {
                write!(
                    f,
                    "internal error: generated code does not parse: {message}"
                )
            }
        }
    }
}

impl Error {
    /// The diagnostics behind this error, for tools that want positions and kinds: every
    /// diagnostic of [`Error::Schema`] and [`Error::Table`], the one of [`Error::Conflict`];
    /// empty for the other variants.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Schema { diagnostics, .. } => diagnostics,
            Error::Table { errors } => errors,
            Error::Conflict { diagnostic } => std::slice::from_ref(diagnostic),
            _ => &[],
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// FNV-1a, 64 bit: tiny, dependency-free and stable across platforms and releases.
struct Fnv64(u64);

impl Fnv64 {
    fn new() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
