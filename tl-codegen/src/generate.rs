//! The driver: read the inputs → parse and check the schemas → build the model → read the
//! error tables → emit tokens → render text. Each step lives in its own module; this file only
//! runs them in order and writes the result where [`Config`] says.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::config::InputFile;
use crate::docs::example::Examples;
use crate::docs::{self, Pages};
use crate::emit::EmitSettings;
use crate::extension::Extension;
use crate::output::{items_info, write_if_changed};
use crate::render::{Render, header};
use crate::rpc_errors::RpcErrors;
use crate::{Config, Diagnostic, DiagnosticKind, Error, Output, Severity, model};

/// One input, read.
struct Input {
    /// The name diagnostics use (the path as given).
    display: String,
    /// The name the header uses (the file name, so the output does not depend on where the
    /// checkout is).
    base: String,
    text: String,
    path: Option<PathBuf>,
}

impl Config {
    /// Read, parse and generate; nothing is written or printed.
    pub fn generate_output(&self) -> Result<Output, Error> {
        self.generate_output_with(self.split_files)
    }

    fn generate_output_with(&self, split: bool) -> Result<Output, Error> {
        let inputs = self.read_schemas()?;
        let mut hash = Fnv64::new();
        for i in &inputs {
            hash.input(&i.base, &i.text);
        }

        // Parse every file and check them together (a type may come from another file), then
        // merge them into one model.
        let sources: Vec<(&str, &str)> = inputs
            .iter()
            .map(|i| (i.display.as_str(), i.text.as_str()))
            .collect();
        let parsed = tlgen_parser::parse_files(&sources, &self.parse_options);
        let mut warnings: Vec<Diagnostic> = parsed.warnings().cloned().collect();
        if parsed.has_errors() {
            let failing: Vec<&str> = parsed
                .files
                .iter()
                .filter(|f| f.has_errors())
                .map(|f| f.file.as_str())
                .collect();
            let file = failing.join(", ");
            return Err(Error::Schema {
                file,
                diagnostics: tlgen_parser::Diagnostics(parsed.diagnostics().cloned().collect()),
            });
        }
        let mut defs = Vec::new();
        let mut layers = Vec::new();
        let mut type_docs = std::collections::HashMap::new();
        for f in parsed.files {
            for t in f.schema.type_docs {
                type_docs.entry(t.name).or_insert(t.description);
            }
            if let Some(l) = f.schema.layer {
                layers.push((f.file.clone(), l));
            }
            defs.extend(
                f.schema
                    .definitions
                    .into_iter()
                    .map(|def| model::SourcedDef {
                        file: f.file.clone(),
                        def,
                    }),
            );
        }
        let layer = self.resolve_layer(&layers)?;
        let binary = self.binary_enabled()?;
        let mut model = model::build(
            model::merge(defs)?,
            &model::BuildOptions {
                tdlib: self.dialect == crate::Dialect::Tdlib,
                type_docs: &type_docs,
                selection: model::Selection {
                    namespaces: self.namespaces.as_ref(),
                    functions: self.functions.as_deref(),
                    types: self.types.as_deref(),
                },
                bytes_fields: &self.bytes_fields,
                mtproto_bytes_fields: self.mtproto_bytes_fields,
            },
        )?;
        warnings.extend(model.warnings.iter().cloned());
        if layer.is_none()
            && model
                .functions
                .iter()
                .any(|f| f.keep && f.tl_name == "invokeWithLayer")
        {
            warnings.push(Diagnostic::unlocated(
                Severity::Warning,
                DiagnosticKind::MissingLayer,
                "the schemas define `invokeWithLayer` but declare no layer (no `// LAYER N` line), \
                 so no `LAYER` constant is generated; set it with `--layer N` or `Config::layer(N)`"
                    .to_owned(),
            ));
        }

        // Typed RPC errors from the tables, and the documentation.
        let (rpc, mut table_names) = self.read_tables(&model, &mut hash, &mut warnings)?;
        let docs = match &self.docs {
            Some(input) => {
                let input = input.read()?;
                hash.input(&input.base, &input.text);
                table_names.push(input.base);
                Some(
                    docs::data::parse(&input.display, &input.text)
                        .map_err(|errors| Error::Docs { errors })?,
                )
            }
            None => None,
        };

        // Tokens.
        // The typed errors first, then the user's extensions.
        let mut extensions: Vec<&dyn Extension> = Vec::new();
        if let Some(r) = &rpc {
            extensions.push(r);
        }
        extensions.extend(self.extensions.iter().map(|e| e.as_ref()));
        model.binary = binary;
        let rt = parse_path("runtime crate path", &self.runtime)?;
        let examples = Examples::new(&model);
        let pages = Pages::new(&model, rpc.as_ref(), docs.as_ref(), &examples, &rt);
        if docs.is_some() {
            let (covered, missing) = pages.coverage();
            if !missing.is_empty() {
                let shown: Vec<&str> = missing.iter().take(8).copied().collect();
                warnings.push(Diagnostic::unlocated(
                    Severity::Warning,
                    DiagnosticKind::Undocumented,
                    format!(
                        "the documentation describes {covered} of {} generated items; {} have no \
                         description (their pages keep the rest): {}{}",
                        covered + missing.len(),
                        missing.len(),
                        shown.join(", "),
                        if missing.len() > shown.len() {
                            ", ..."
                        } else {
                            ""
                        }
                    ),
                ));
            }
        }
        let render = Render {
            pretty: self.format,
        };
        let type_attributes = self.type_attributes()?;
        let settings = EmitSettings {
            model: &model,
            pages: &pages,
            render,
            runtime: &self.runtime,
            derives: &self.derives,
            serde: self.serde.clone(),
            arbitrary: self.arbitrary.clone(),
            json: self.json.clone(),
            binary,
            tdlib: self.dialect == crate::Dialect::Tdlib,
            type_attributes: &type_attributes,
            function_deserialize: self.function_deserialize,
            from_impls: self.from_impls,
            layer,
        };
        // The item groups are independent: printed text, they are built on every core. Tokens
        // cannot leave their thread, so prettyplease's path, which keeps them, and user
        // extensions (not `Sync`) run on one.
        // `TLGEN_THREADS=N` caps them (1: one thread).
        let threads = if self.format || !self.extensions.is_empty() {
            1
        } else {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
            std::env::var("TLGEN_THREADS")
                .ok()
                .and_then(|t| t.parse::<usize>().ok())
                .map_or(cores, |t| t.clamp(1, cores))
        };
        let tree = crate::emit::emit(&settings, rpc.as_ref(), &extensions, threads)?;

        // Text (the items are printed already).
        let body = render.file(&tree)?;
        let names: Vec<&str> = inputs
            .iter()
            .map(|i| i.base.as_str())
            .chain(table_names.iter().map(String::as_str))
            .collect();
        let hash = hash.finish();
        let header = header(layer, &names, hash);
        let files = if split {
            render.split(&tree, &header)?
        } else {
            Vec::new()
        };
        Ok(Output {
            code: header + &body,
            files,
            items: items_info(&model, &examples),
            warnings,
            layer,
            input_hash: hash,
            inputs: inputs.into_iter().filter_map(|i| i.path).collect(),
            path: None,
        })
    }

    fn read_schemas(&self) -> Result<Vec<Input>, Error> {
        if self.schemas.is_empty() {
            return Err(Error::NoSchema);
        }
        self.schemas.iter().map(InputFile::read).collect()
    }

    /// `Config::layer`, else the one layer the schemas declare.
    fn resolve_layer(&self, layers: &[(String, u32)]) -> Result<Option<u32>, Error> {
        if let Some(l) = self.layer {
            return Ok(Some(l));
        }
        let distinct: BTreeSet<u32> = layers.iter().map(|(_, l)| *l).collect();
        if distinct.len() > 1 {
            let list: Vec<String> = layers.iter().map(|(f, l)| format!("{f}: {l}")).collect();
            return Err(Error::Layer {
                message: format!(
                    "the schemas declare different layers ({}); set one with Config::layer",
                    list.join(", ")
                ),
            });
        }
        Ok(distinct.into_iter().next())
    }

    /// The error and method tables, read, checked against the model, and turned into the
    /// typed-errors step; with the table names for the header.
    fn read_tables(
        &self,
        model: &model::Model,
        hash: &mut Fnv64,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<(Option<RpcErrors>, Vec<String>), Error> {
        if self.methods_table.is_some() && self.errors_table.is_none() {
            return Err(Error::Config {
                message: "a method table needs an error table: call Config::errors(..)".to_owned(),
            });
        }
        let Some(errors) = &self.errors_table else {
            return Ok((None, Vec::new()));
        };
        let mut names = Vec::new();
        let mut tables = Vec::new();
        for t in std::iter::once(errors).chain(&self.methods_table) {
            let t = t.read()?;
            hash.input(&t.base, &t.text);
            names.push(t.base);
            tables.push((t.display, t.text));
        }
        let table_err = |errors| Error::Table { errors };
        let errors =
            tlgen_errors::ErrorTable::parse(&tables[0].0, &tables[0].1).map_err(table_err)?;
        let methods = match tables.get(1) {
            Some((name, text)) => {
                Some(tlgen_errors::MethodTable::parse(name, text).map_err(table_err)?)
            }
            None => None,
        };
        let doc_names = (names[0].as_str(), names.get(1).map(String::as_str));
        let (rpc, table_warnings) =
            RpcErrors::new(&errors, methods.as_ref(), doc_names, model).map_err(table_err)?;
        warnings.extend(table_warnings);
        Ok((Some(rpc), names))
    }

    /// The binary impls: [`Config::binary`], else on for every dialect but TDLib's.
    fn binary_enabled(&self) -> Result<bool, Error> {
        if self.serde.is_some() && self.json.is_some() {
            return Err(Error::Config {
                message: "Config::serde (derived serde impls) and Config::json (TDLib-style \
                          serde impls) both implement serde's traits; choose one"
                    .to_owned(),
            });
        }
        let tdlib = self.dialect == crate::Dialect::Tdlib;
        match self.binary {
            Some(true) if tdlib => Err(Error::Config {
                message: "TDLib's dialect has no binary encoding (its objects may be null and \
                          TDLib only speaks JSON): leave Config::binary unset or false"
                    .to_owned(),
            }),
            Some(b) => Ok(b),
            None => Ok(!tdlib),
        }
    }

    /// The type attributes, checked (each must parse as an attribute's content).
    fn type_attributes(&self) -> Result<Vec<String>, Error> {
        self.type_attributes
            .iter()
            .map(|a| {
                syn::parse_str::<syn::Meta>(a)
                    .map(|_| a.clone())
                    .map_err(|e| Error::Config {
                        message: format!("invalid type attribute `{a}`: {e}"),
                    })
            })
            .collect()
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
            let inputs = self.schemas.iter().chain(
                [&self.errors_table, &self.methods_table, &self.docs]
                    .into_iter()
                    .flatten(),
            );
            for input in inputs {
                if let InputFile::Path(p) = input {
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

pub(crate) fn parse_path(what: &str, s: &str) -> Result<TokenStream, Error> {
    syn::parse_str::<syn::Path>(s)
        .map(|p| quote::quote!(#p))
        .map_err(|e| Error::Config {
            message: format!("invalid {what} `{s}`: {e}"),
        })
}

impl InputFile {
    fn read(&self) -> Result<Input, Error> {
        match self {
            InputFile::Path(p) => {
                let text = std::fs::read_to_string(p).map_err(|source| Error::Io {
                    path: p.clone(),
                    source,
                })?;
                Ok(Input {
                    display: p.display().to_string(),
                    base: base_name(p),
                    text,
                    path: Some(p.clone()),
                })
            }
            InputFile::Source { name, text } => Ok(Input {
                display: name.clone(),
                base: name.clone(),
                text: text.clone(),
                path: None,
            }),
        }
    }
}

fn base_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// FNV-1a, 64 bit: tiny, dependency-free and stable across platforms and releases. Only for
/// the header's fingerprint of the inputs (not a hash table).
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

    /// One input: its name, a NUL, its length and its text.
    fn input(&mut self, name: &str, text: &str) {
        self.write(name.as_bytes());
        self.write(&[0]);
        self.write(&(text.len() as u64).to_le_bytes());
        self.write(text.as_bytes());
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
