//! `tlgen generate`.

use std::process::ExitCode;

use clap::Args as ClapArgs;

use crate::codegen_args::{CodegenArgs, Out};

/// Arguments of `tlgen generate`.
#[derive(ClapArgs, Debug)]
#[command(
    after_help = "Exit status: 0 when the output was written (or was already up to date), \
2 when an input cannot be read or is invalid, or the output cannot be written.\n\
Files are only rewritten when their content changes, so their times stay put."
)]
pub struct Args {
    #[command(flatten)]
    codegen: CodegenArgs,
}

/// Generate and write the output only when its content changed. Exit 0, or 2 when an input
/// is missing or invalid (diagnostics on stderr).
pub fn run(args: &Args) -> ExitCode {
    let config = args.codegen.config();
    let (result, target) = match args.codegen.out() {
        Out::File(path) => (config.generate_to_file(&path), path),
        Out::Dir(dir) => (config.generate_to_dir(&dir), dir),
    };
    let output = match result {
        Ok(o) => o,
        Err(e) => return args.codegen.report_error(&e),
    };
    for w in &output.warnings {
        eprintln!("{w}\n");
    }
    if output.files.is_empty() {
        eprintln!(
            "wrote {} ({} items, {} bytes)",
            target.display(),
            output.items.len(),
            output.code.len()
        );
    } else {
        let names: Vec<&str> = output.files.iter().map(|f| f.name.as_str()).collect();
        eprintln!(
            "wrote {} ({}; {} items, {} bytes)",
            target.display(),
            names.join(", "),
            output.items.len(),
            output.files.iter().map(|f| f.code.len()).sum::<usize>()
        );
    }
    ExitCode::SUCCESS
}
