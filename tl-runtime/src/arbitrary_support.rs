//! Support for the `arbitrary::Arbitrary` impls that `tlgen-build` generates (its
//! `Config::arbitrary` option). Not needed by hand-written code.
//!
//! For generated code only: `#[doc(hidden)]` and not covered by semver; it changes together
//! with the generator that emits calls to it.
//!
//! Random values of recursive TL types (`RichText`, `PageBlock`, `JSONValue`...) could nest as
//! deep as the random input allows, deeper than [`Reader`](crate::Reader) accepts when decoding
//! ([`Reader::DEFAULT_MAX_DEPTH`](crate::Reader::DEFAULT_MAX_DEPTH)) and deep enough to exhaust
//! the stack. Generated impls of recursive enums hold a [`DepthGuard`] while they build a value;
//! past [`MAX_DEPTH`] open values they build their simplest, non-recursive variant instead.

use std::cell::Cell;

/// Nesting depth of recursive values past which generated `Arbitrary` impls stop recursing.
/// Well below [`Reader::DEFAULT_MAX_DEPTH`](crate::Reader::DEFAULT_MAX_DEPTH), so every random
/// value decodes with a default reader.
pub const MAX_DEPTH: u32 = 24;

std::thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// One open recursive value on this thread; dropping it closes the value.
#[derive(Debug)]
#[must_use = "the depth is only counted while the guard lives"]
pub struct DepthGuard {
    too_deep: bool,
}

impl DepthGuard {
    /// Open a recursive value.
    pub fn enter() -> Self {
        let open = DEPTH.with(|d| {
            let open = d.get();
            d.set(open.saturating_add(1));
            open
        });
        DepthGuard {
            too_deep: open >= MAX_DEPTH,
        }
    }

    /// Are [`MAX_DEPTH`] values already open around this one? The value should then be built
    /// without recursing.
    pub fn too_deep(&self) -> bool {
        self.too_deep
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_counted_and_released() {
        fn open(levels: u32) -> bool {
            let g = DepthGuard::enter();
            if levels == 0 {
                g.too_deep()
            } else {
                open(levels - 1)
            }
        }
        assert!(!open(MAX_DEPTH - 1));
        assert!(open(MAX_DEPTH));
        // Guards were dropped on the way out: shallow values are fine again.
        assert!(!open(0));
    }
}
