//! Rust code generator for Telegram TL schemas.
//!
//! Turns one or more TL schema files into a single Rust source file with one struct per
//! constructor, one struct per function and one enum per boxed type, all serializing through
//! the [`tlgen_runtime`](https://docs.rs/tl-runtime) traits. Used from `build.rs` (like
//! `prost-build`) or through `tlgen generate`; both produce the same bytes.
//!
//! # From `build.rs`
//!
//! ```no_run
//! // build.rs, in `fn main()`:
//! if let Err(e) = tlgen_build::Config::new()
//!     .schema("tl/api.tl")
//!     .schema("tl/mtproto.tl")
//!     // mtproto.tl's three known ID mismatches (ipPortSecret, accessPointRule,
//!     // help.configSimple) accepted:
//!     .parse_options(tlgen_build::ParseOptions::telegram())
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
//! The crate needs `tlgen-runtime` as a dependency (its path is configurable with
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
//! **TDLib and JSON**: [`Dialect::Tdlib`] maps TDLib's `td_api.tl` (`int53`, `int64`, `//@class`
//! enums, nullable objects as `Option`, no binary encoding), and [`Config::json`] writes serde
//! impls in the JSON conventions of TDLib's `libtdjson` (`"@type"` tags, `int64` as strings,
//! `bytes` as base64) for any schema; the `tlgen-tdjson` crate talks to the library.
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

// The pipeline, in order: `config` (what to do) → `generate` (the driver) → tlgen_parser (parse
// and check) → `model` (merge, resolve, names, selection, graph, sizes) → `rpc_errors` (the
// tables) → `docs` (the pages) → `emit` (tokens) → `render` (text, split, header) → `output`.
mod config;
mod docs;
mod emit;
mod error;
mod extension;
mod generate;
mod model;
pub mod naming;
mod output;
mod render;
pub mod rpc_errors;

pub use config::{Condition, Config, Dialect};
pub use error::Error;
pub use extension::{Extension, FunctionInfo};
pub use model::MTPROTO_BYTES_FIELDS;
pub use output::{ItemInfo, ItemKind, Output, OutputFile};
pub use tlgen_parser::{Diagnostic, DiagnosticKind, Diagnostics, Level, ParseOptions, Severity};

/// The generator's version, as written in the `@generated` header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
