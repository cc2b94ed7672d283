//! Any text fed to the schema parser yields a schema and diagnostics: no panic, no hang, and the
//! rendered diagnostics never fail to format. Printing the schema and parsing it again must also
//! succeed without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlgen_parser::{Level, ParseOptions, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let options = ParseOptions {
        unknown_types: Level::Error,
        ..ParseOptions::default()
    };
    let parsed = parse("fuzz.tl", src, &options);
    for d in &parsed.diagnostics {
        let _ = d.to_string();
    }
    let printed = parsed.schema.to_string();
    let _ = parse("printed.tl", &printed, &options);
});
