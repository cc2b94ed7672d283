//! Code generated with `Config::json`, compiled with `#![deny(warnings)]`:
//!
//! * [`td_fixture`]: `schema/tdlib/td_fixture.tl` in TDLib's dialect, always.
//! * [`fixture_json`]: `schema/fixture.tl` (Telegram's dialect) with both the binary
//!   encoding and JSON, always.
//! * `td_api`: TDLib's `td_api.tl` (TDLib 1.8.66) with `Config::dialect(Dialect::Tdlib)`,
//!   present when `TL_SCHEMA_DIR` holds `td_api.tl` at build time (the `tl_td_api` cfg).
//!
//! The tests in `tests/` run it against the real `libtdjson` (`TDJSON_PATH`, see
//! `scripts/install-tdjson.sh`): typed `td_execute` requests, every function's JSON accepted by
//! TDLib's parser, every object's JSON round trip, and a client session.

#![deny(warnings)]

/// Generated from `schema/tdlib/td_fixture.tl` with `Dialect::Tdlib`.
pub mod td_fixture {
    include!(concat!(env!("OUT_DIR"), "/td_fixture.rs"));
}

/// Generated from `schema/fixture.tl` with the binary encoding and `Config::json`.
pub mod fixture_json {
    include!(concat!(env!("OUT_DIR"), "/fixture_json.rs"));
}

/// Generated from `$TL_SCHEMA_DIR/td_api.tl`.
#[cfg(tl_td_api)]
pub mod td_api {
    include!(concat!(env!("OUT_DIR"), "/td_api.rs"));
}
