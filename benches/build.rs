//! Generates the Telegram API (api.tl + mtproto.tl from `$TL_SCHEMA_DIR`) with the defaults
//! (derives Debug, Clone, PartialEq) plus `Deserializable` for functions, to match
//! grammers-tl-types with its `deserializable-functions` feature.

fn main() {
    println!("cargo:rerun-if-env-changed=TL_SCHEMA_DIR");
    let Some(dir) = tlgen_test_support::schema_dir(&["api.tl", "mtproto.tl"]) else {
        panic!("set TL_SCHEMA_DIR to the folder holding api.tl and mtproto.tl (../shared/schema)");
    };
    let result = tlgen_build::Config::new()
        .schema(dir.join("api.tl"))
        .schema(dir.join("mtproto.tl"))
        .parse_options(tlgen_build::ParseOptions::telegram())
        .function_deserialize(true)
        .format(false)
        .print_warnings(false)
        .generate();
    if let Err(e) = result {
        panic!("{e}");
    }
}
