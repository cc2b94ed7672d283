//! The Rust API generated from TDLib's `td_api.tl` (TDLib 1.8.66) with
//! `Config::dialect(Dialect::Tdlib)` and `Config::json`, compiled with `#![deny(warnings)]`.
//! Present when `TL_SCHEMA_DIR` holds `td_api.tl` at build time (the `tl_td_api` cfg).
//!
//! The tests in `tests/` run it against the real `libtdjson` (`TDJSON_PATH`, see
//! `scripts/install-tdjson.sh`): typed `td_execute` requests, every function's JSON accepted by
//! TDLib's parser, every object's JSON round trip, and a client session.

#![deny(warnings)]

/// Generated from `$TL_SCHEMA_DIR/td_api.tl`.
#[cfg(tl_td_api)]
pub mod td_api {
    include!(concat!(env!("OUT_DIR"), "/td_api.rs"));
}
