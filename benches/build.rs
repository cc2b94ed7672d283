//! Generates the Telegram API (api.tl + mtproto.tl from `$TL_SCHEMA_DIR`) with the defaults
//! (derives Debug, Clone, PartialEq) plus `Deserializable` for functions, to match
//! grammers-tl-types with its `deserializable-functions` feature.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=TL_SCHEMA_DIR");
    let Some(dir) = std::env::var_os("TL_SCHEMA_DIR").filter(|v| !v.is_empty()) else {
        panic!("set TL_SCHEMA_DIR to the folder holding api.tl and mtproto.tl (../shared/schema)");
    };
    let dir = PathBuf::from(dir);
    let dir = if dir.is_absolute() {
        dir
    } else {
        // Relative to the repository root, as everywhere else in the project.
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(dir)
    };
    let result = tl_codegen::Config::new()
        .schema(dir.join("api.tl"))
        .schema(dir.join("mtproto.tl"))
        .parse_options(tl_codegen::ParseOptions::telegram())
        .function_deserialize(true)
        .format(false)
        .print_warnings(false)
        .generate();
    if let Err(e) = result {
        panic!("{e}");
    }
}
