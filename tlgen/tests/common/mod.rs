//! Helpers shared by the CLI tests: the binary, the fixtures in `schema/`, a scratch folder.
#![allow(dead_code)] // each test file uses a different part

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

/// A small valid schema (layer 3): two constructors and a function.
pub const VALID: &str = "// LAYER 3
point x:int y:int = Point;
empty = Point;
---functions---
getPoint = Point;
";

/// The same schema one constructor later: what a schema update looks like.
pub const VALID_UPDATED: &str = "// LAYER 3
point x:int y:int = Point;
empty = Point;
circle radius:int = Point;
---functions---
getPoint = Point;
";

/// A constructor whose written ID is not the CRC32 of its declaration (line 2, column 6).
pub const ID_MISMATCH: &str = "// LAYER 3
point#00000001 x:int y:int = Point;
";

/// A reference to a type nothing declares (line 1, column 14).
pub const UNKNOWN_TYPE: &str = "holder value:Missing = Holder;\n";

/// The `tlgen` binary of this package.
pub fn tlgen() -> Command {
    Command::cargo_bin("tlgen").expect("tlgen binary")
}

/// A file in the project's `schema/` folder.
pub fn schema(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../schema")
        .join(name)
}

/// Nothing on stderr that looks like a crash: no panic message, no backtrace, no internal error.
pub fn no_panic() -> impl Predicate<str> {
    contains("panicked")
        .not()
        .and(contains("RUST_BACKTRACE").not())
        .and(contains("stack backtrace").not())
        .and(contains("internal error").not())
}

/// A temporary folder that commands run in, so file names in messages are short and relative.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::write(&p, text).expect("write file");
        p
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    /// `tlgen` with the sandbox as current directory.
    pub fn tlgen(&self) -> Command {
        let mut c = tlgen();
        c.current_dir(self.dir.path());
        c
    }

    /// Copy a file of `schema/` into the sandbox under `name`.
    pub fn copy_fixture(&self, fixture: &str, name: &str) -> PathBuf {
        let text = std::fs::read_to_string(schema(fixture)).expect("fixture");
        self.write(name, &text)
    }
}

/// Set a file's modification time to an hour ago, and return that time.
pub fn age(path: &Path) -> SystemTime {
    let old = SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(old))
        .unwrap_or_else(|e| panic!("set mtime of {}: {e}", path.display()));
    mtime(path)
}

pub fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("mtime of {}: {e}", path.display()))
}
