//! Options shared by every command that reads schemas.

use std::collections::BTreeSet;
use std::path::Path;

use clap::{Args, ValueEnum};
use tlgen_parser::{Level, ParseOptions};

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

/// The schema dialect: which ID rule and preset the parser starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Dialect {
    /// Telegram's API schemas (api.tl, mtproto.tl): Telegram's ID rule, with the three known
    /// ID mismatches of mtproto.tl (ipPortSecret, accessPointRule, help.configSimple) accepted.
    Telegram,
    /// TON (lite_api.tl, `(vector X)` types): the TL compiler's ID rule, `bytes` stays `bytes`.
    Ton,
    /// TDLib's td_api.tl: the same ID rule as TON.
    Tdlib,
}

impl Dialect {
    /// The parser preset of this dialect.
    pub fn preset(self) -> ParseOptions {
        tlgen_build::Dialect::from(self).parse_options()
    }
}

impl From<Dialect> for tlgen_build::Dialect {
    fn from(d: Dialect) -> Self {
        match d {
            Dialect::Telegram => tlgen_build::Dialect::Telegram,
            Dialect::Ton => tlgen_build::Dialect::Ton,
            Dialect::Tdlib => tlgen_build::Dialect::Tdlib,
        }
    }
}

/// Parser options on the command line.
#[derive(Args, Debug, Clone)]
pub struct SchemaArgs {
    /// Schema dialect: the ID rule and the accepted known mismatches [default: Telegram's ID
    /// rule with no mismatch accepted].
    #[arg(long, value_enum, value_name = "DIALECT")]
    pub dialect: Option<Dialect>,
    /// What a written #id that differs from the CRC32 of its declaration is [default: error;
    /// warn for `diff`].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub id_mismatch: Option<LevelArg>,
    /// Accept the ID mismatch of this definition (full name, e.g. help.configSimple). Repeatable.
    #[arg(long = "allow-id-mismatch", value_name = "NAME")]
    pub allow_id_mismatch: Vec<String>,
    /// Accept that this definition shares its ID with another one on purpose (full name;
    /// naming either member of the pair is enough, e.g. invokeWithBusinessConnectionPrefix).
    /// Repeatable.
    #[arg(long = "allow-duplicate-id", value_name = "NAME")]
    pub allow_duplicate_id: Vec<String>,
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
        let preset = self
            .dialect
            .map_or_else(ParseOptions::default, Dialect::preset);
        let mut allowed_id_mismatches = preset.allowed_id_mismatches.clone();
        allowed_id_mismatches.extend(self.allow_id_mismatch.iter().cloned());
        let mut allowed_duplicate_ids: BTreeSet<String> = preset.allowed_duplicate_ids.clone();
        allowed_duplicate_ids.extend(self.allow_duplicate_id.iter().cloned());
        ParseOptions {
            id_mismatch: self.id_mismatch.map_or(id_mismatch, Level::from),
            allowed_id_mismatches,
            allowed_duplicate_ids,
            unknown_types: if self.strict {
                Level::Error
            } else {
                preset.unknown_types
            },
            ..preset
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
