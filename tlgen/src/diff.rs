//! `tlgen diff OLD NEW`: what changed between two schema versions, and whether it breaks.
//!
//! ID mismatches: a diff takes every `#id` as written, and real schema files carry a few
//! known mismatches (gotd's legacy block has five), so unless `--id-mismatch` is given on the
//! command line, `diff` reports them as warnings on stderr instead of refusing the file.
//! `--id-mismatch error` restores the strict behaviour; `--id-mismatch ignore` silences them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args as ClapArgs, ValueEnum};
use tlgen_parser::{Level, ParseOptions, Schema};

use crate::schema_args::{SchemaArgs, display_name, print_stdout, read_text, usage_error};

/// Output format of `diff` (on stdout).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A grouped report for people.
    Text,
    /// `{"summary": {...}, "changes": [...]}` for tools.
    Json,
    /// A pull-request comment: summary table and collapsible sections.
    Markdown,
}

/// When `diff` exits with status 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any change that breaks the wire or the source of the generated code.
    Breaking,
    /// Any change at all, a new layer number included.
    Any,
    /// Never: report only.
    None,
}

/// Arguments of `tlgen diff`.
#[derive(ClapArgs, Debug)]
#[command(
    after_help = "Exit status: 0 when nothing triggers --fail-on, 1 when it triggers, \
2 when an input cannot be read or is not a valid schema.\n\
ID mismatches are warnings for diff unless --id-mismatch is given."
)]
pub struct Args {
    /// The old schema file.
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The new schema file.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Which changes make the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Breaking, value_name = "WHEN")]
    fail_on: FailOn,
    #[command(flatten)]
    schema: SchemaArgs,
}

/// Exit 0, or 1 when `--fail-on` triggers, or 2 when an input is unreadable or invalid.
pub fn run(args: &Args) -> ExitCode {
    // A diff reads real files with known mismatches: they are warnings unless asked otherwise.
    let options = args.schema.parse_options_with(Level::Warn);
    let old = match load(&args.old, &options) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let new = match load(&args.new, &options) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let diff = tlgen_diff::diff(&old, &new);
    let report = match args.format {
        Format::Text => diff.to_text(),
        Format::Json => match serde_json::to_string_pretty(&diff.to_json()) {
            Ok(s) => s + "\n",
            Err(e) => return usage_error(&format!("cannot write JSON: {e}")),
        },
        Format::Markdown => diff.to_markdown(),
    };
    if let Err(code) = print_stdout(&report) {
        return code;
    }
    let fail = match args.fail_on {
        FailOn::Breaking => diff.has_breaking(),
        FailOn::Any => !diff.is_empty(),
        FailOn::None => false,
    };
    if fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Read and parse one input; on failure print why and give exit code 2.
fn load(path: &std::path::Path, options: &ParseOptions) -> Result<Schema, ExitCode> {
    let src = read_text(path).map_err(|e| usage_error(&e))?;
    let name = display_name(path);
    let parsed = tlgen_parser::parse(&name, &src, options);
    for d in &parsed.diagnostics {
        eprintln!("{d}\n");
    }
    if parsed.has_errors() {
        let n = parsed.errors().count();
        return Err(usage_error(&format!(
            "`{name}` is not a valid schema ({n} error{}); run `tlgen validate {name}` for details",
            if n == 1 { "" } else { "s" }
        )));
    }
    Ok(parsed.schema)
}
