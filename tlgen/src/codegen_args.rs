//! Options shared by `generate` and `check`: they must build the same `Config`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use tlgen_build::{Condition, Config};

use crate::schema_args::SchemaArgs;

/// Where the generated code goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Out {
    /// One `.rs` file.
    File(PathBuf),
    /// A module folder: `mod.rs`, `types.rs`, `functions.rs`, `enums.rs`, `errors.rs`.
    Dir(PathBuf),
}

/// Inputs and code generation knobs.
#[derive(Args, Debug)]
pub struct CodegenArgs {
    /// Schema files, merged in order (e.g. api.tl mtproto.tl).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output: a `.rs` file, or a folder (an existing directory, or a path ending in `/`) for
    /// split output: mod.rs plus types.rs, functions.rs, enums.rs (and errors.rs with
    /// --errors), to be declared as a module (`mod tl;` for src/tl/).
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    pub out: PathBuf,
    /// Derive for every generated type (repeatable; replaces the default Debug, Clone, PartialEq).
    #[arg(long = "derive", value_name = "PATH")]
    pub derives: Vec<String>,
    /// Add serde derives behind this cargo feature of the including crate.
    #[arg(long, value_name = "FEATURE")]
    pub serde_feature: Option<String>,
    /// Add `arbitrary::Arbitrary` derives behind this cargo feature of the including crate.
    #[arg(long, value_name = "FEATURE")]
    pub arbitrary_feature: Option<String>,
    /// Implement serde's traits in TDLib's JSON conventions (`"@type"` tags, int64 as
    /// strings, bytes as base64; needs tlgen-runtime's `serde` feature).
    #[arg(long, conflicts_with_all = ["json_feature", "serde_feature"])]
    pub json: bool,
    /// Like --json, behind this cargo feature of the including crate.
    #[arg(long, value_name = "FEATURE", conflicts_with = "serde_feature")]
    pub json_feature: Option<String>,
    /// Leave out the binary TL encoding (Serializable/Deserializable); TDLib's dialect never
    /// has it.
    #[arg(long)]
    pub no_binary: bool,
    /// Path of the runtime crate in generated code.
    #[arg(long, value_name = "PATH")]
    pub runtime_crate: Option<String>,
    /// Generate only these TL namespaces (repeatable; `""` is the global one).
    #[arg(long = "namespace", value_name = "NS")]
    pub namespaces: Vec<String>,
    /// Generate only these functions (TL names, `*` a wildcard: `auth.signIn`, `messages.*`)
    /// and every type they can reach (repeatable; with --namespace or --only-type the
    /// selections add up). A name that matches nothing is an error.
    #[arg(long = "only", value_name = "NAME")]
    pub only: Vec<String>,
    /// Also generate these constructors or types (TL names or globs: `user`, `User`) and what
    /// they reach (repeatable).
    #[arg(long = "only-type", value_name = "NAME")]
    pub only_types: Vec<String>,
    /// RPC error table (CSV `name,codes,description`): generate typed errors (`errors::RpcError`,
    /// `MethodErrors` for every function) and method-page docs.
    #[arg(long = "errors", value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Method table (CSV `method,usability,errors`): per-method error enums, "Possible errors"
    /// and "Can bots use this method?" docs. Needs --errors.
    #[arg(long = "methods", value_name = "FILE", requires = "errors")]
    pub methods: Option<PathBuf>,
    /// Documentation data (Telegram's API docs as JSON, the `docs.json` format): item
    /// descriptions, field and parameter texts, related pages and documented errors.
    #[arg(long = "docs", value_name = "FILE")]
    pub docs: Option<PathBuf>,
    /// The layer to write to `LAYER`, instead of the schemas' `// LAYER N` comments (needed
    /// when the files declare different layers).
    #[arg(long, value_name = "N")]
    pub layer: Option<u32>,
    /// Implement `Deserializable` for function structs too, checking their ID (for servers,
    /// proxies and test harnesses that decode requests).
    #[arg(long)]
    pub function_deserialize: bool,
    /// Carry this `string` parameter as bytes (`Vec<u8>`, any byte sequence accepted), e.g.
    /// `--bytes-field resPQ.pq`; repeatable. mtproto.tl's binary fields are bytes already.
    #[arg(long = "bytes-field", value_name = "CONSTRUCTOR.FIELD")]
    pub bytes_fields: Vec<String>,
    /// Keep mtproto.tl's binary `string` fields (the key exchange's `pq`, `p`, `q`,
    /// `encrypted_data`, ...) as `String` instead of bytes.
    #[arg(long)]
    pub no_mtproto_bytes: bool,
    /// Print the code with tlgen's own printer (indented, one statement, field or arm per
    /// line), as build.rs does by default, instead of formatting it with prettyplease: about a
    /// fifth of the time for api.tl.
    #[arg(long)]
    pub fast: bool,
    #[command(flatten)]
    pub schema: SchemaArgs,
}

impl CodegenArgs {
    /// The generator configuration these arguments describe (nothing printed for cargo).
    pub fn config(&self) -> Config {
        let mut cfg = Config::new();
        for f in &self.files {
            cfg.schema(f);
        }
        if let Some(d) = self.schema.dialect {
            cfg.dialect(d.into());
        }
        cfg.parse_options(self.schema.parse_options())
            .emit_cargo_directives(false)
            .print_warnings(false);
        if !self.derives.is_empty() {
            cfg.derives(self.derives.iter().cloned());
        }
        if let Some(f) = &self.serde_feature {
            cfg.serde(Condition::Feature(f.clone()));
        }
        if let Some(f) = &self.arbitrary_feature {
            cfg.arbitrary(Condition::Feature(f.clone()));
        }
        if self.json {
            cfg.json(Condition::Always);
        }
        if let Some(f) = &self.json_feature {
            cfg.json(Condition::Feature(f.clone()));
        }
        if self.no_binary {
            cfg.binary(false);
        }
        if let Some(r) = &self.runtime_crate {
            cfg.runtime_crate(r.clone());
        }
        if !self.namespaces.is_empty() {
            cfg.namespaces(self.namespaces.iter().cloned());
        }
        if !self.only.is_empty() {
            cfg.functions(self.only.iter().cloned());
        }
        if !self.only_types.is_empty() {
            cfg.types(self.only_types.iter().cloned());
        }
        if let Some(e) = &self.errors {
            cfg.errors(e);
        }
        if let Some(m) = &self.methods {
            cfg.methods(m);
        }
        if let Some(l) = self.layer {
            cfg.layer(l);
        }
        if let Some(d) = &self.docs {
            cfg.docs(d);
        }
        for b in &self.bytes_fields {
            cfg.bytes_field(b.clone());
        }
        // Files written by the command line are read and committed: formatted, unless --fast.
        cfg.function_deserialize(self.function_deserialize)
            .mtproto_bytes_fields(!self.no_mtproto_bytes)
            .format(!self.fast);
        cfg
    }

    /// Print a generation error with what to do about it; exit code 2.
    pub fn report_error(&self, e: &tlgen_build::Error) -> ExitCode {
        use tlgen_build::Error;
        let help = match e {
            Error::Io { path, source } if self.inputs().any(|p| p == path) => {
                eprintln!("error: cannot read `{}`: {source}", path.display());
                if source.kind() == std::io::ErrorKind::InvalidData {
                    "schema and table files must be UTF-8 text"
                } else {
                    "check the path: schemas are the FILE operands, tables the --errors and --methods values"
                }
            }
            Error::Io { path, source } => {
                eprintln!("error: cannot write `{}`: {source}", path.display());
                "check that -o names a writable file, or a folder for split output"
            }
            Error::Schema { .. } => {
                eprintln!("error: {e}");
                "fix the schema where the diagnostics above point (`tlgen validate FILE` checks a file alone)"
            }
            Error::Table { .. } => {
                eprintln!("error: {e}");
                "fix the rows above: errors.csv is `name,codes,description`, methods.csv is `method,usability,errors`"
            }
            Error::Layer { .. } => {
                eprintln!("error: {e}");
                "on the command line, choose the layer with --layer N"
            }
            Error::Conflict { .. } => {
                eprintln!("error: {e}");
                "the schema files disagree: keep one of the two definitions"
            }
            Error::NameCollision { .. } | Error::Unsupported { .. } => {
                eprintln!("error: {e}");
                "change the schema, or generate only other namespaces with --namespace NS"
            }
            Error::NoMatch { .. } => {
                eprintln!("error: {e}");
                "--only takes function names and --only-type constructor or type names, as the schema spells them (`tlgen validate` lists problems, the schema file has the names)"
            }
            Error::Config { .. } => {
                eprintln!("error: {e}");
                "--derive and --runtime-crate take Rust paths such as `::serde::Serialize` or `::tlgen_runtime`"
            }
            Error::Format { .. } => {
                eprintln!("error: {e}");
                "this is a bug in tlgen: please report it with the schema that causes it"
            }
            _ => {
                eprintln!("error: {e}");
                ""
            }
        };
        if !help.is_empty() {
            eprintln!("  = help: {help}");
        }
        ExitCode::from(2)
    }

    /// Where the output goes: a folder when `-o` names an existing directory or ends with a
    /// path separator, a file otherwise.
    pub fn out(&self) -> Out {
        if is_dir(&self.out) {
            Out::Dir(self.out.clone())
        } else {
            Out::File(self.out.clone())
        }
    }

    /// Every input file (schemas and tables), for "cannot read" messages.
    pub fn inputs(&self) -> impl Iterator<Item = &Path> {
        self.files
            .iter()
            .chain(&self.errors)
            .chain(&self.methods)
            .chain(&self.docs)
            .map(PathBuf::as_path)
    }

    /// The `tlgen generate` command line that regenerates the output with these options (for
    /// "how to fix" messages), rebuilt from the parsed arguments so that options of other
    /// commands (`check --max-diff-lines`) are not in it.
    pub fn regenerate_command(&self) -> String {
        let mut words: Vec<String> = vec!["tlgen".into(), "generate".into()];
        let path = |p: &Path| p.display().to_string();
        words.extend(self.files.iter().map(|f| path(f)));
        let mut opt = |name: &str, value: String| {
            words.push(name.to_owned());
            words.push(value);
        };
        opt("-o", path(&self.out));
        if let Some(e) = &self.errors {
            opt("--errors", path(e));
        }
        if let Some(m) = &self.methods {
            opt("--methods", path(m));
        }
        if let Some(d) = &self.docs {
            opt("--docs", path(d));
        }
        for d in &self.derives {
            opt("--derive", d.clone());
        }
        if let Some(f) = &self.serde_feature {
            opt("--serde-feature", f.clone());
        }
        if let Some(f) = &self.arbitrary_feature {
            opt("--arbitrary-feature", f.clone());
        }
        if let Some(f) = &self.json_feature {
            opt("--json-feature", f.clone());
        }
        if let Some(r) = &self.runtime_crate {
            opt("--runtime-crate", r.clone());
        }
        for n in &self.namespaces {
            opt("--namespace", n.clone());
        }
        for n in &self.only {
            opt("--only", n.clone());
        }
        for n in &self.only_types {
            opt("--only-type", n.clone());
        }
        if let Some(dialect) = self.schema.dialect.and_then(|d| d.to_possible_value()) {
            opt("--dialect", dialect.get_name().to_owned());
        }
        if let Some(level) = self.schema.id_mismatch.and_then(|l| l.to_possible_value()) {
            opt("--id-mismatch", level.get_name().to_owned());
        }
        for n in &self.schema.allow_id_mismatch {
            opt("--allow-id-mismatch", n.clone());
        }
        for n in &self.schema.allow_duplicate_id {
            opt("--allow-duplicate-id", n.clone());
        }
        if let Some(l) = self.layer {
            opt("--layer", l.to_string());
        }
        for b in &self.bytes_fields {
            opt("--bytes-field", b.clone());
        }
        if self.function_deserialize {
            words.push("--function-deserialize".into());
        }
        if self.no_mtproto_bytes {
            words.push("--no-mtproto-bytes".into());
        }
        if self.json {
            words.push("--json".into());
        }
        if self.no_binary {
            words.push("--no-binary".into());
        }
        if self.fast {
            words.push("--fast".into());
        }
        if self.schema.strict {
            words.push("--strict".into());
        }
        words
            .iter()
            .map(|w| shell_word(w))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn is_dir(out: &Path) -> bool {
    let text = out.as_os_str().to_string_lossy();
    out.is_dir() || text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR)
}

fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@+".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
