//! Options shared by every command that reads schemas.

use std::collections::BTreeSet;
use std::path::Path;

use clap::{Args, ValueEnum};
use tl_parser::{Level, ParseOptions};

/// How to treat a problem class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// Fail.
    Error,
    /// Print a warning and go on.
    Warn,
    /// Say nothing.
    Ignore,
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Level {
        match l {
            LevelArg::Error => Level::Error,
            LevelArg::Warn => Level::Warn,
            LevelArg::Ignore => Level::Ignore,
        }
    }
}

/// Parser options on the command line.
#[derive(Args, Debug, Clone)]
pub struct SchemaArgs {
    /// What a written #id that differs from the CRC32 of its declaration is [default: error;
    /// warn for `diff`].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub id_mismatch: Option<LevelArg>,
    /// Accept the ID mismatch of this definition (full name, e.g. help.configSimple). Repeatable.
    #[arg(long = "allow-id-mismatch", value_name = "NAME")]
    pub allow_id_mismatch: Vec<String>,
    /// Treat references to undeclared types as errors (default: warnings).
    #[arg(long)]
    pub strict: bool,
}

impl SchemaArgs {
    /// The parser options these arguments describe.
    pub fn parse_options(&self) -> ParseOptions {
        self.parse_options_with(Level::Error)
    }

    /// The parser options, with `id_mismatch` as the ID-mismatch level unless one was given.
    pub fn parse_options_with(&self, id_mismatch: Level) -> ParseOptions {
        ParseOptions {
            id_mismatch: self.id_mismatch.map_or(id_mismatch, Level::from),
            allowed_id_mismatches: self
                .allow_id_mismatch
                .iter()
                .cloned()
                .collect::<BTreeSet<_>>(),
            unknown_types: if self.strict {
                Level::Error
            } else {
                Level::Warn
            },
            ..ParseOptions::default()
        }
    }
}

/// Read a text file, with an error message that names it.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{}` is not valid UTF-8 (first bad byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Print a usage-style error and return exit code 2.
pub fn usage_error(message: &str) -> std::process::ExitCode {
    eprintln!("error: {message}");
    std::process::ExitCode::from(2)
}

/// Write `text` to stdout. A closed pipe (`tlgen ... | head`) is not an error: the reader has
/// what it wanted. Any other failure is reported with exit code 2.
pub fn print_stdout(text: &str) -> Result<(), std::process::ExitCode> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(usage_error(&format!("cannot write to stdout: {e}"))),
    }
}

/// The file name to show in diagnostics.
pub fn display_name(path: &Path) -> String {
    path.display().to_string()
}
