//! `tlgen generate`.

use std::process::ExitCode;

use clap::Args as ClapArgs;

use crate::codegen_args::CodegenArgs;
use crate::schema_args::usage_error;

/// Arguments of `tlgen generate`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    #[command(flatten)]
    codegen: CodegenArgs,
}

/// Generate and write the output only when its content changed. Exit 0, or 2 when an input
/// is missing or invalid (diagnostics on stderr).
pub fn run(args: &Args) -> ExitCode {
    let out = args.codegen.out_file();
    match args.codegen.config().generate_to_file(&out) {
        Ok(output) => {
            for w in &output.warnings {
                eprintln!("{w}\n");
            }
            eprintln!(
                "wrote {} ({} items, {} bytes)",
                out.display(),
                output.items.len(),
                output.code.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&e.to_string()),
    }
}
