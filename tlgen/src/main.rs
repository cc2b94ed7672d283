//! `tlgen`: the command-line front end of the TL schema compiler.
//!
//! A thin layer over the `tl-parser` and `tl-codegen` libraries: argument parsing, file I/O,
//! output formats and exit codes. Exit codes: 0 success, 1 the input is invalid / stale /
//! breaking (per command), 2 usage errors and unreadable inputs.

mod check;
mod codegen_args;
mod diff;
mod generate;
mod schema_args;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Compile Telegram TL schemas to Rust, and check them.
#[derive(Parser, Debug)]
#[command(name = "tlgen", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse and check schema files: grammar, constructor IDs, flags, generics, types.
    Validate(validate::Args),
    /// Generate Rust code from schema files.
    Generate(generate::Args),
    /// Fail when a generated file is stale: regenerate in memory and compare with the disk.
    Check(check::Args),
    /// What changed between two schema versions, and whether it breaks the wire or the generated code.
    Diff(diff::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Diff(args) => diff::run(&args),
    }
}
