//! What tlgen's tests, benches and fuzz targets share (never published):
//!
//! * [`schema_dir`]: the folder of real schemas named by `TL_SCHEMA_DIR` (relative paths are
//!   taken from the workspace root). Unset, tests print `skipped: TL_SCHEMA_DIR not set`;
//!   under `CI=true` a missing folder or file fails instead.
//! * [`check_golden`]: compare generated text with a checked-in file; `TLGEN_BLESS=1` rewrites
//!   the file instead.
//! * [`alloc::Counting`]: a global allocator that counts what each thread allocates.
//! * [`to_hex`] / [`from_hex`]: bytes as the test vectors write them.
//!
//! The Telegram preset (api.tl + mtproto.tl and mtproto.tl's three known ID mismatches) is
//! public API of the parser (`ParseOptions::telegram()`), not a test helper.

use std::path::{Path, PathBuf};

/// The workspace root (this crate is `tests/support`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Is this a CI run (`CI=true`)? Then nothing may be skipped.
pub fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// `$TL_SCHEMA_DIR` if it is set and holds every file of `required`; otherwise `None` after
/// printing why the caller skips (a panic under `CI=true`).
pub fn schema_dir(required: &[&str]) -> Option<PathBuf> {
    let Some(dir) = std::env::var_os("TL_SCHEMA_DIR").filter(|v| !v.is_empty()) else {
        assert!(!on_ci(), "CI=true but TL_SCHEMA_DIR is not set");
        println!("skipped: TL_SCHEMA_DIR not set");
        return None;
    };
    let dir = PathBuf::from(dir);
    let dir = if dir.is_absolute() {
        dir
    } else {
        workspace_root().join(dir)
    };
    if let Some(missing) = required.iter().find(|f| !dir.join(f).is_file()) {
        assert!(
            !on_ci(),
            "CI=true but TL_SCHEMA_DIR={} has no {missing}",
            dir.display()
        );
        println!("skipped: {} has no {missing}", dir.display());
        return None;
    }
    Some(dir)
}

/// Bytes as lowercase hex digits.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hex digits (either case; whitespace between them is skipped) as bytes. Panics on any other
/// character and on an odd number of digits: test vectors are written by hand.
pub fn from_hex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c.to_digit(16) {
            Some(d) => d as u8,
            None => panic!("not a hex digit: {c:?} in {text:?}"),
        })
        .collect();
    assert!(
        digits.len() % 2 == 0,
        "odd number of hex digits in {text:?}"
    );
    digits.chunks_exact(2).map(|p| p[0] << 4 | p[1]).collect()
}

/// Read a file, panicking with its path.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Compare `actual` with the golden file at `path`; with `TLGEN_BLESS=1` write it instead.
/// A difference panics with the first differing line and the bless command.
pub fn check_golden(path: &Path, actual: &str) {
    if std::env::var_os("TLGEN_BLESS").is_some_and(|v| !v.is_empty() && v != "0") {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        std::fs::write(path, actual).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `TLGEN_BLESS=1 cargo test --workspace` to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the generated text at line {}:\n  golden:    {:?}\n  generated: {:?}\n\
             If the change is intended, run `TLGEN_BLESS=1 cargo test --workspace` and review the diff.",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>"),
        );
    }
}

/// A counting global allocator. Install it in a test or bench binary with
/// `#[global_allocator] static A: Counting = Counting;`, then [`measure`](alloc::measure).
pub mod alloc {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    /// Forwards to [`System`] and counts, per thread, the allocations, their bytes and the
    /// largest one (reallocations count as allocations of their new size).
    pub struct Counting;

    thread_local! {
        static COUNT: Cell<u64> = const { Cell::new(0) };
        static BYTES: Cell<u64> = const { Cell::new(0) };
        static LARGEST: Cell<u64> = const { Cell::new(0) };
    }

    fn record(size: usize) {
        // `try_with`: the thread-locals may be gone while a thread exits.
        let size = size as u64;
        let _ = COUNT.try_with(|c| c.set(c.get() + 1));
        let _ = BYTES.try_with(|b| b.set(b.get() + size));
        let _ = LARGEST.try_with(|l| l.set(l.get().max(size)));
    }

    // SAFETY: every method forwards to `System` with the caller's arguments unchanged; the
    // bookkeeping only touches const-initialized thread-locals of `Cell<u64>`, which neither
    // allocate nor have destructors.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            record(layout.size());
            // SAFETY: the caller's contract, forwarded.
            unsafe { System.alloc(layout) }
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            record(layout.size());
            // SAFETY: the caller's contract, forwarded.
            unsafe { System.alloc_zeroed(layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            record(new_size);
            // SAFETY: the caller's contract, forwarded.
            unsafe { System.realloc(ptr, layout, new_size) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: the caller's contract, forwarded.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    /// What this thread allocated while a closure ran.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct Allocations {
        /// Number of allocations (reallocations included).
        pub count: u64,
        /// Bytes requested.
        pub bytes: u64,
        /// The largest single request.
        pub largest: u64,
    }

    /// Run `f` and return its result with what this thread allocated meanwhile (only
    /// meaningful with [`Counting`] installed as the global allocator).
    pub fn measure<R>(f: impl FnOnce() -> R) -> (R, Allocations) {
        let (c0, b0) = (COUNT.with(Cell::get), BYTES.with(Cell::get));
        let saved = LARGEST.with(|l| l.replace(0));
        let out = f();
        let largest = LARGEST.with(|l| l.replace(saved.max(l.get())));
        let a = Allocations {
            count: COUNT.with(Cell::get) - c0,
            bytes: BYTES.with(Cell::get) - b0,
            largest,
        };
        (out, a)
    }
}
