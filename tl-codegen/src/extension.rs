//! Hooks for adding generated code without changing the generator (RPC error enums, extra
//! docs, ...).

use proc_macro2::TokenStream;
use tlgen_parser::Definition;

/// What an [`Extension`] learns about one generated function struct.
#[derive(Debug)]
#[non_exhaustive]
pub struct FunctionInfo<'a> {
    /// The TL name (`auth.sendCode`).
    pub tl_name: &'a str,
    /// The parsed definition.
    pub def: &'a Definition,
    /// The Rust identifier of the struct (`SendCode`; raw identifiers keep their `r#`).
    pub ident: &'a str,
    /// Generic parameter identifiers of the struct (`X` for `invokeWithLayer`).
    pub generics: &'a [String],
    /// A path prefix from the function's module to the generated root, e.g. `super::super::`;
    /// `quote!(#root enums::Foo)` names a generated enum.
    pub root: TokenStream,
    /// The runtime crate path (`::tlgen_runtime`).
    pub runtime: TokenStream,
}

/// Adds code to the generated output. Every method has an empty default.
///
/// Register with [`Config::extension`](crate::Config::extension). The hooks run in a fixed
/// order, so output stays deterministic as long as the extension is.
pub trait Extension {
    /// Extra doc lines (Markdown) for a function struct, appended after its TL line.
    fn function_docs(&self, _f: &FunctionInfo<'_>) -> Vec<String> {
        Vec::new()
    }

    /// Items emitted right after a function's struct and trait impls, in the same module
    /// (for example `impl SendCode { pub type Error = ...; }`-style items or a trait impl
    /// giving the function an associated error type).
    fn function_items(&self, _f: &FunctionInfo<'_>) -> TokenStream {
        TokenStream::new()
    }

    /// Items emitted at the generated root, after `types`, `functions` and `enums` (for
    /// example a `pub mod errors { ... }`). `runtime` is the runtime crate path.
    fn root_items(&self, _runtime: &TokenStream) -> TokenStream {
        TokenStream::new()
    }
}
