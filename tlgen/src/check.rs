//! `tlgen check`: is the generated code on disk what the schemas produce now?

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args as ClapArgs;

use crate::codegen_args::{CodegenArgs, Out};
use crate::schema_args::usage_error;

/// Arguments of `tlgen check` (the same as `generate`).
#[derive(ClapArgs, Debug)]
#[command(
    after_help = "Exit status: 0 when the output on disk is what the inputs generate now, \
1 when it is stale (each stale file is named, with the reason, a short diff and the command \
that fixes it), 2 when an input cannot be read or is invalid."
)]
pub struct Args {
    #[command(flatten)]
    codegen: CodegenArgs,
    /// Most diff lines to print for a stale file.
    #[arg(long, default_value_t = 40, value_name = "N")]
    max_diff_lines: usize,
}

/// Exit 0 when the output is up to date, 1 when stale (with the reason, a short diff and the
/// command that fixes it), 2 when the inputs are invalid.
pub fn run(args: &Args) -> ExitCode {
    let out = args.codegen.out();
    let mut config = args.codegen.config();
    if let Out::Dir(_) = out {
        config.split_files(true);
    }
    let output = match config.generate_output() {
        Ok(o) => o,
        Err(e) => return args.codegen.report_error(&e),
    };
    let fix = args.codegen.regenerate_command();
    let expected: Vec<(PathBuf, &str)> = match &out {
        Out::File(path) => vec![(path.clone(), output.code.as_str())],
        Out::Dir(dir) => {
            if !dir.is_dir() {
                eprintln!(
                    "stale: the folder {} does not exist\nfix: {fix}",
                    dir.display()
                );
                return ExitCode::from(1);
            }
            output
                .files
                .iter()
                .map(|f| (dir.join(&f.name), f.code.as_str()))
                .collect()
        }
    };
    let mut stale = 0;
    for (path, code) in &expected {
        match check_file(path, code, args.max_diff_lines) {
            Ok(true) => {}
            Ok(false) => stale += 1,
            Err(exit) => return exit,
        }
    }
    let target = match &out {
        Out::File(p) | Out::Dir(p) => p.display(),
    };
    if stale == 0 {
        match &out {
            Out::File(_) => eprintln!("up to date: {target}"),
            Out::Dir(_) => eprintln!("up to date: {target} ({} files)", expected.len()),
        }
        return ExitCode::SUCCESS;
    }
    if let Out::Dir(_) = out {
        eprintln!(
            "{stale} of the {} generated files in {target} are stale",
            expected.len()
        );
    }
    eprintln!("fix: {fix}");
    ExitCode::from(1)
}

/// Compare one file with the code it should hold: `Ok(true)` when identical, `Ok(false)`
/// (after printing why and a diff) when stale, `Err` when it cannot be read.
fn check_file(path: &Path, expected: &str, max_diff_lines: usize) -> Result<bool, ExitCode> {
    let actual = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("stale: {} does not exist", path.display());
            return Ok(false);
        }
        Err(e) => {
            return Err(usage_error(&format!(
                "cannot read `{}`: {e}; check that -o names the generated file (or folder)",
                path.display()
            )));
        }
    };
    if actual == expected {
        return Ok(true);
    }
    eprintln!("stale: {}", path.display());
    for reason in stale_reasons(&actual, expected) {
        eprintln!("  {reason}");
    }
    eprintln!(
        "{}",
        short_diff(
            &path.display().to_string(),
            &actual,
            expected,
            max_diff_lines
        )
    );
    Ok(false)
}

/// What the `@generated` headers say about why the files differ.
pub fn stale_reasons(actual: &str, expected: &str) -> Vec<String> {
    if actual.contains("\r\n") && actual.replace("\r\n", "\n") == expected {
        return vec![
            "only the line endings differ (CRLF on disk; git's core.autocrlf?): mark generated files `text eol=lf` in .gitattributes".into(),
        ];
    }
    let (a, e) = (Header::read(actual), Header::read(expected));
    let mut reasons = Vec::new();
    match (&a, &e) {
        (None, _) => reasons.push(
            "the file has no `@generated` header: it was not made by tlgen or its header was edited".into(),
        ),
        (Some(a), Some(e)) => {
            if a.version != e.version {
                reasons.push(format!(
                    "made by tlgen-build {}, this is tlgen-build {}",
                    a.version, e.version
                ));
            }
            if a.inputs != e.inputs {
                reasons.push(format!(
                    "made from different schemas: file says `{}`, the inputs now give `{}`",
                    a.inputs, e.inputs
                ));
            }
            if a.version == e.version && a.inputs == e.inputs {
                reasons.push(
                    "same generator and schemas, different content: the file was edited by hand or generated with other options".into(),
                );
            }
        }
        (Some(_), None) => {}
    }
    reasons
}

struct Header<'a> {
    version: &'a str,
    inputs: &'a str,
}

impl<'a> Header<'a> {
    fn read(text: &'a str) -> Option<Self> {
        let mut lines = text.lines();
        let version = lines
            .next()?
            .strip_prefix("// @generated by tlgen-build ")?
            .split(". Do not edit.")
            .next()?;
        let inputs = lines.take(3).find_map(|l| l.strip_prefix("// Inputs: "))?;
        Some(Header { version, inputs })
    }
}

/// A unified diff (3 lines of context), cut after `max_lines` lines.
pub fn short_diff(name: &str, actual: &str, expected: &str, max_lines: usize) -> String {
    let diff = similar::TextDiff::from_lines(actual, expected);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("{name} (on disk)"), &format!("{name} (generated)"))
        .to_string();
    let total = text.lines().count();
    let mut out: String = text
        .lines()
        .take(max_lines)
        .flat_map(|l| [l, "\n"])
        .collect();
    if total > max_lines {
        out.push_str(&format!("... ({} more diff lines)\n", total - max_lines));
    }
    out
}
