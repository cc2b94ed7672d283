//! `tlgen`: the command-line front end of the TL schema compiler.
//!
//! A thin layer over the `tl-parser` and `tl-codegen` libraries: argument parsing, file I/O,
//! output formats and exit codes. Exit codes: 0 success, 1 the input is invalid / stale /
//! breaking (per command), 2 usage errors and unreadable inputs.

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate(args) => validate::run(&args),
    }
}
