//! `tlgen validate`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args as ClapArgs, ValueEnum};
use serde_json::json;
use tlgen_parser::{Diagnostic, Parsed};

use crate::schema_args::{SchemaArgs, display_name, print_stdout, read_text, usage_error};

/// Output format of `validate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics for people on stderr.
    Text,
    /// One JSON object per file on stdout (diagnostics still on stderr).
    Json,
}

/// Arguments of `tlgen validate`.
#[derive(ClapArgs, Debug)]
#[command(
    after_help = "Exit status: 0 when every file is valid (warnings allowed), 1 when any \
file has errors, 2 when a file cannot be read."
)]
pub struct Args {
    /// Schema files to check.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    schema: SchemaArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Exit 0 when every file is valid (warnings allowed), 1 when any has errors, 2 when a file
/// cannot be read.
///
/// The files are checked together as one schema (a type may be declared in another file,
/// and duplicates across files are found); diagnostics and summaries are still per file.
pub fn run(args: &Args) -> ExitCode {
    let options = args.schema.parse_options();
    let mut inputs = Vec::with_capacity(args.files.len());
    for path in &args.files {
        match read_text(path) {
            Ok(src) => inputs.push((display_name(path), src)),
            Err(e) => return usage_error(&e),
        }
    }
    let parsed = tlgen_parser::parse_files(&inputs, &options);
    for file in &parsed.files {
        for d in &file.diagnostics {
            eprintln!("{d}\n");
        }
        match args.format {
            Format::Json => {
                if let Err(code) = print_stdout(&format!("{}\n", summary_json(file))) {
                    return code;
                }
            }
            Format::Text => {
                let s = &file.schema;
                eprintln!(
                    "{}: {}, {}, {}{}; {}, {}",
                    file.file,
                    count(s.types().count(), "type"),
                    count(s.functions().count(), "function"),
                    count(s.builtins.len(), "built-in"),
                    s.layer.map(|l| format!(", layer {l}")).unwrap_or_default(),
                    count(file.errors().count(), "error"),
                    count(file.warnings().count(), "warning")
                );
            }
        }
    }
    if parsed.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `1 error`, `2 errors`.
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn summary_json(parsed: &Parsed) -> serde_json::Value {
    let s = &parsed.schema;
    let diag = |d: &Diagnostic| {
        json!({
            "line": d.line(),
            "column": d.column(),
            "message": d.message,
            "kind": d.kind.code(),
            "help": d.help,
        })
    };
    json!({
        "file": parsed.file,
        "layer": s.layer,
        "types": s.types().count(),
        "functions": s.functions().count(),
        "builtins": s.builtins.len(),
        "errors": parsed.errors().map(diag).collect::<Vec<_>>(),
        "warnings": parsed.warnings().map(diag).collect::<Vec<_>>(),
    })
}
