//! The build.rs-style builder: every option of a generation run, nothing run yet.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::ParseOptions;
use crate::extension::Extension;

/// The TL dialect of the schemas: which ID rule the parser proves IDs with and which
/// built-ins it knows. Set with [`Config::dialect`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Dialect {
    /// Telegram's api.tl and mtproto.tl (the default): Telegram's ID rule
    /// ([`ParseOptions::telegram`], with mtproto.tl's three known mismatches accepted).
    #[default]
    Telegram,
    /// TON's schemas (`lite_api.tl`, `ton_api.tl`, `tonlib_api.tl`): the TL compiler's ID rule
    /// ([`ParseOptions::ton`]: `bytes` stays `bytes`, `?true` parameters count), `(vector X)`,
    /// `Object`/`Function` results as [`tlgen_runtime::Object`](https://docs.rs/tl-runtime) and
    /// `secureString`/`secureBytes` as its wiped-on-drop types.
    Ton,
    /// TDLib's `td_api.tl`: TDLib's built-ins (`int32` `i32`, `int53` and `int64` `i64`,
    /// `double`, `string`, `bytes`, `Bool`, `vector<T>`) and TDLib's ID rule
    /// ([`ParseOptions::tdlib`]). A `//@class` type is an enum (its description on the enum,
    /// each constructor's on its variant); a type with one constructor and no `//@class` is
    /// that constructor's struct; an object parameter whose doc says it may be `null` is an
    /// `Option`. No binary encoding (TDLib only speaks JSON: see [`Config::json`]).
    Tdlib,
}

impl Dialect {
    /// The parser options the dialect starts from.
    pub fn parse_options(self) -> ParseOptions {
        match self {
            Dialect::Telegram => ParseOptions::telegram(),
            Dialect::Ton => ParseOptions::ton(),
            Dialect::Tdlib => ParseOptions::tdlib(),
        }
    }
}

/// When an optional derive is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    /// Always: `#[derive(..)]`.
    Always,
    /// Only with a cargo feature of the crate that includes the code:
    /// `#[cfg_attr(feature = "..", derive(..))]`.
    Feature(String),
}

/// An input (a schema, a table, the documentation): a file, or text in memory with the name
/// messages and the header use.
#[derive(Clone, Debug)]
pub(crate) enum InputFile {
    Path(PathBuf),
    Source { name: String, text: String },
}

/// Code generation settings, in the style of `prost_build::Config`.
pub struct Config {
    pub(crate) schemas: Vec<InputFile>,
    pub(crate) out_dir: Option<PathBuf>,
    pub(crate) file_name: String,
    pub(crate) derives: Vec<String>,
    pub(crate) serde: Option<Condition>,
    pub(crate) arbitrary: Option<Condition>,
    pub(crate) json: Option<Condition>,
    pub(crate) binary: Option<bool>,
    pub(crate) type_attributes: Vec<String>,
    pub(crate) runtime: String,
    pub(crate) namespaces: Option<BTreeSet<String>>,
    pub(crate) functions: Option<Vec<String>>,
    pub(crate) types: Option<Vec<String>>,
    pub(crate) bytes_fields: BTreeSet<String>,
    pub(crate) mtproto_bytes_fields: bool,
    pub(crate) parse_options: ParseOptions,
    pub(crate) dialect: Dialect,
    pub(crate) layer: Option<u32>,
    pub(crate) function_deserialize: bool,
    pub(crate) from_impls: bool,
    pub(crate) emit_cargo: bool,
    pub(crate) print_warnings: bool,
    pub(crate) extensions: Vec<std::rc::Rc<dyn Extension>>,
    pub(crate) errors_table: Option<InputFile>,
    pub(crate) methods_table: Option<InputFile>,
    pub(crate) docs: Option<InputFile>,
    pub(crate) split_files: bool,
    pub(crate) format: bool,
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
            .field("json", &self.json)
            .field("binary", &self.binary)
            .field("type_attributes", &self.type_attributes)
            .field("runtime", &self.runtime)
            .field("namespaces", &self.namespaces)
            .field("functions", &self.functions)
            .field("types", &self.types)
            .field("bytes_fields", &self.bytes_fields)
            .field("mtproto_bytes_fields", &self.mtproto_bytes_fields)
            .field("parse_options", &self.parse_options)
            .field("dialect", &self.dialect)
            .field("layer", &self.layer)
            .field("function_deserialize", &self.function_deserialize)
            .field("from_impls", &self.from_impls)
            .field("emit_cargo", &self.emit_cargo)
            .field("print_warnings", &self.print_warnings)
            .field("extensions", &self.extensions.len())
            .field("errors_table", &self.errors_table)
            .field("methods_table", &self.methods_table)
            .field("docs", &self.docs)
            .field("split_files", &self.split_files)
            .field("format", &self.format)
            .finish()
    }
}

impl Config {
    /// Defaults: derives `Debug, Clone, PartialEq`; no serde, no arbitrary; `From` impls for
    /// enums; no `Deserializable` for functions; runtime `::tlgen_runtime`; all namespaces;
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
            json: None,
            binary: None,
            type_attributes: Vec::new(),
            runtime: "::tlgen_runtime".to_owned(),
            namespaces: None,
            functions: None,
            types: None,
            bytes_fields: BTreeSet::new(),
            mtproto_bytes_fields: true,
            parse_options: ParseOptions::default(),
            dialect: Dialect::Telegram,
            layer: None,
            function_deserialize: false,
            from_impls: true,
            emit_cargo: true,
            print_warnings: true,
            extensions: Vec::new(),
            errors_table: None,
            methods_table: None,
            docs: None,
            split_files: false,
            format: false,
        }
    }

    /// Add a schema file. Several files are merged (e.g. `api.tl` and `mtproto.tl`): a
    /// definition present in more than one with the same ID is kept once; the same name with
    /// different IDs is an error.
    pub fn schema(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.schemas.push(InputFile::Path(path.as_ref().to_owned()));
        self
    }

    /// Add schema text held in memory; `name` is used in diagnostics and the header.
    pub fn schema_source(&mut self, name: impl Into<String>, text: impl Into<String>) -> &mut Self {
        self.schemas.push(InputFile::Source {
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
    /// types stop nesting at `tlgen_runtime::arbitrary_support::MAX_DEPTH`, so every random value
    /// encodes and decodes.
    pub fn arbitrary(&mut self, when: Condition) -> &mut Self {
        self.arbitrary = Some(when);
        self
    }

    /// Implement `serde::Serialize` and `serde::Deserialize` in the JSON conventions of
    /// TDLib's `libtdjson` (and tonlib's JSON interface): objects tagged with `"@type"` (the
    /// TL name), fields under their TL names, `int64`/`long` as strings, `int53` as numbers,
    /// `bytes` as base64, absent objects as `null`. Abstract types read `"@type"` and decode
    /// that constructor; unknown fields are ignored; an unknown `"@type"` is an error naming
    /// it. The impls are written out (not derived) and call helpers of `tlgen_runtime::json`,
    /// so the including crate needs `tlgen-runtime` with its `serde` feature (serde itself is
    /// reached through `tlgen_runtime::json::serde`). Not together with [`serde`](Self::serde).
    pub fn json(&mut self, when: Condition) -> &mut Self {
        self.json = Some(when);
        self
    }

    /// Implement the binary TL encoding (`Serializable`, `Deserializable`; default: on, except
    /// in TDLib's dialect, which only speaks JSON: there `true` is an error). Off, the types
    /// still implement `Identifiable` and functions `RemoteCall`.
    pub fn binary(&mut self, enabled: bool) -> &mut Self {
        self.binary = Some(enabled);
        self
    }

    /// Add an attribute (without `#[..]`, e.g. `"non_exhaustive"`) to every generated struct
    /// and enum.
    pub fn type_attribute(&mut self, attr: impl Into<String>) -> &mut Self {
        self.type_attributes.push(attr.into());
        self
    }

    /// Path of the runtime crate (default `::tlgen_runtime`), e.g. `::my_client::tlgen_runtime` when
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

    /// Generate only these functions (TL names, `*` a wildcard: `"auth.signIn"`,
    /// `"messages.*"`) and everything they can reach: their parameter and result types,
    /// transitively, every constructor of a boxed type included (the server may answer with
    /// any of them). Less code to compile: see the README's "Build only what you use". Calls
    /// add up; with [`namespaces`](Self::namespaces) or [`types`](Self::types) the selections
    /// add up too. A name or glob that matches no function is an error
    /// ([`Error::Config`](crate::Error::Config), with the closest name).
    pub fn functions<I, S>(&mut self, names: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.functions
            .get_or_insert_with(Vec::new)
            .extend(names.into_iter().map(Into::into));
        self
    }

    /// Also generate these constructors or boxed types (TL names or globs: `"user"`,
    /// `"User"`, `"storage.*"`) and what they reach, e.g. types a program decodes by itself;
    /// alone, only these. A name that matches nothing is an error.
    pub fn types<I, S>(&mut self, names: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.types
            .get_or_insert_with(Vec::new)
            .extend(names.into_iter().map(Into::into));
        self
    }

    /// Carry the `string` parameter `field` of `constructor` (`"resPQ.pq"`, full TL names) as
    /// bytes: `Vec<u8>` instead of `String`. The wire encoding is the same; decoding accepts
    /// any bytes instead of requiring UTF-8. For strings that carry binary data. A name that
    /// matches no parameter, or a parameter without `string` in its type, is an error.
    pub fn bytes_field(&mut self, name: impl Into<String>) -> &mut Self {
        self.bytes_fields.insert(name.into());
        self
    }

    /// Apply the built-in set of binary `string` fields of `mtproto.tl`
    /// ([`MTPROTO_BYTES_FIELDS`](crate::MTPROTO_BYTES_FIELDS): the key exchange's integers and
    /// ciphertext, `msgs_state_info.info`, ...) wherever the schemas have them (default
    /// `true`).
    pub fn mtproto_bytes_fields(&mut self, enabled: bool) -> &mut Self {
        self.mtproto_bytes_fields = enabled;
        self
    }

    /// The schemas' dialect ([`Dialect`]); also sets the parser options to the dialect's
    /// ([`Dialect::parse_options`]), which a later [`parse_options`](Self::parse_options) or
    /// [`allow_id_mismatch`](Self::allow_id_mismatch) adjusts.
    pub fn dialect(&mut self, dialect: Dialect) -> &mut Self {
        self.dialect = dialect;
        self.parse_options = dialect.parse_options();
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

    /// Print every warning ([`Output::warnings`](crate::Output::warnings)) as a `cargo:warning` line in
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
    /// [`tlgen_errors::ErrorTable::parse`]): an `errors` module with `RpcError`, a
    /// `MethodErrors` impl for every function and method-page docs (see [`rpc_errors`](crate::rpc_errors)).
    /// Table problems fail generation with [`Error::Table`](crate::Error::Table).
    pub fn errors(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.errors_table = Some(InputFile::Path(path.as_ref().to_owned()));
        self
    }

    /// [`errors`](Self::errors) from text in memory; `name` is used in messages.
    pub fn errors_source(&mut self, name: impl Into<String>, text: impl Into<String>) -> &mut Self {
        self.errors_table = Some(InputFile::Source {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// The method table (CSV `method,usability,errors`, see
    /// [`tlgen_errors::MethodTable::parse`]): per-method error enums and the "Possible errors" and
    /// "Can bots use this method?" docs. Needs [`errors`](Self::errors). Rows for functions
    /// the schema lacks are skipped with a warning; unknown error names are errors.
    pub fn methods(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.methods_table = Some(InputFile::Path(path.as_ref().to_owned()));
        self
    }

    /// [`methods`](Self::methods) from text in memory; `name` is used in messages.
    pub fn methods_source(
        &mut self,
        name: impl Into<String>,
        text: impl Into<String>,
    ) -> &mut Self {
        self.methods_table = Some(InputFile::Source {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Documentation data: Telegram's API documentation as JSON (`docs.json`: descriptions,
    /// field and parameter texts, links, methods' errors). Every item's rustdoc then starts
    /// with its description, fields and parameters carry theirs, links to the schema's own
    /// pages become intra-doc links, "Possible errors" merges the documented errors with the
    /// tables, and "Related pages" lists the pages the description cites. Items the data does
    /// not cover keep the rest of their page; [`Output::warnings`](crate::Output::warnings)
    /// says how many there are. A malformed file is [`Error::Docs`](crate::Error::Docs).
    pub fn docs(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.docs = Some(InputFile::Path(path.as_ref().to_owned()));
        self
    }

    /// [`docs`](Self::docs) from text in memory; `name` is used in messages.
    pub fn docs_source(&mut self, name: impl Into<String>, text: impl Into<String>) -> &mut Self {
        self.docs = Some(InputFile::Source {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Also split the code into a module folder in [`Output::files`](crate::Output::files) (default `false`; see
    /// [Split output](crate#split-output)). [`Output::code`](crate::Output::code) stays the single-file form.
    /// [`generate_to_dir`](Self::generate_to_dir) splits whatever this says.
    pub fn split_files(&mut self, enabled: bool) -> &mut Self {
        self.split_files = enabled;
        self
    }

    /// Format the output with `prettyplease` (default `false`). By default the code is
    /// written by tlgen's own printer: indented by blocks, one statement, field, variant or
    /// match arm per line, docs as `///`, lines broken after 100 columns where they can be;
    /// it prints the tokens as they are built (item groups on every core), never re-parsing
    /// them: for api.tl + mtproto.tl about a fifth of prettyplease's time (see the README's
    /// Performance section).
    /// `true` gives rustfmt-like output (what `tlgen generate` writes unless `--fast`), for
    /// files people read or commit; both forms are the same tokens.
    pub fn format(&mut self, enabled: bool) -> &mut Self {
        self.format = enabled;
        self
    }
}
