//! `tlgen`: the command-line front end of the TL schema compiler.
//!
//! A thin layer over the `tlgen-parser` and `tlgen-build` libraries: argument parsing, file I/O,
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
    // A bug must still end with a message and exit code 2, not a backtrace.
    std::panic::set_hook(Box::new(report_bug));
    std::panic::catch_unwind(move || match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Diff(args) => diff::run(&args),
    })
    .unwrap_or(ExitCode::from(2))
}

/// The panic hook: one line saying it is a bug and where, without a backtrace.
fn report_bug(info: &std::panic::PanicHookInfo<'_>) {
    use std::io::Write;
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    // Ignore a failure to write: there is nowhere left to report it.
    let _ = writeln!(
        std::io::stderr(),
        "error: internal error in tlgen {}{place}: {message}\n  = help: this is a bug in tlgen; please report it with the command line and the input files",
        env!("CARGO_PKG_VERSION")
    );
}
