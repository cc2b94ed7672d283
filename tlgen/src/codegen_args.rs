//! Options shared by `generate` and `check`: they must build the same `Config`.

use std::path::{Path, PathBuf};

use clap::Args;
use tl_codegen::{Condition, Config};

use crate::schema_args::SchemaArgs;

/// Inputs and code generation knobs.
#[derive(Args, Debug)]
pub struct CodegenArgs {
    /// Schema files, merged in order (e.g. api.tl mtproto.tl).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output: a `.rs` file, or a directory (then the file is DIR/tl.rs).
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
    /// Path of the runtime crate in generated code.
    #[arg(long, value_name = "PATH")]
    pub runtime_crate: Option<String>,
    /// Generate only these TL namespaces (repeatable; `""` is the global one).
    #[arg(long = "namespace", value_name = "NS")]
    pub namespaces: Vec<String>,
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
        if let Some(r) = &self.runtime_crate {
            cfg.runtime_crate(r.clone());
        }
        if !self.namespaces.is_empty() {
            cfg.namespaces(self.namespaces.iter().cloned());
        }
        cfg
    }

    /// The file the output goes to.
    pub fn out_file(&self) -> PathBuf {
        out_file(&self.out)
    }

    /// The command line that regenerates `out` (for "how to fix" messages).
    pub fn regenerate_command(&self) -> String {
        let mut cmd = String::from("tlgen generate");
        for f in &self.files {
            cmd.push(' ');
            cmd.push_str(&shell_word(&f.display().to_string()));
        }
        for a in std::env::args().skip(2) {
            // Everything after the subcommand except the file operands was an option: keep it.
            if self.files.iter().any(|f| f.as_os_str() == a.as_str()) {
                continue;
            }
            cmd.push(' ');
            cmd.push_str(&shell_word(&a));
        }
        cmd
    }
}

fn out_file(out: &Path) -> PathBuf {
    let is_dir = out.is_dir()
        || out
            .as_os_str()
            .to_string_lossy()
            .ends_with(std::path::MAIN_SEPARATOR);
    if is_dir {
        out.join("tl.rs")
    } else {
        out.to_path_buf()
    }
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
