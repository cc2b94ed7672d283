//! For the `decode_api` and `differential` targets: generates the Telegram API from
//! `$TL_SCHEMA_DIR` (api.tl + mtproto.tl) into `$OUT_DIR/api.rs`, `$OUT_DIR/decoders.rs`, a
//! table with one decode check per boxed type, and `$OUT_DIR/differential.rs`, each boxed type
//! and function paired with its grammers-tl-types type
//! (`../tests/compile-test/differential/pairing.rs`). Without `TL_SCHEMA_DIR` nothing is
//! generated and those targets say so when started; the other targets do not need it.

use std::fmt::Write as _;
use std::path::PathBuf;

use tlgen_build::{Config, ItemKind};

#[path = "../tests/compile-test/differential/pairing.rs"]
mod pairing;

fn main() {
    println!("cargo:rerun-if-env-changed=TL_SCHEMA_DIR");
    let Some(dir) = tlgen_test_support::schema_dir(&["api.tl", "mtproto.tl"]) else {
        return;
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let output = Config::new()
        .schema(dir.join("api.tl"))
        .schema(dir.join("mtproto.tl"))
        .parse_options(tlgen_build::ParseOptions::telegram())
        .function_deserialize(true)
        .format(false)
        .print_warnings(false)
        .out_dir(&out)
        .file_name("api.rs")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut table = String::from("pub const DECODERS: &[(&str, fn(&[u8]))] = &[\n");
    for item in output.items.iter().filter(|i| i.kind == ItemKind::Enum) {
        writeln!(
            table,
            "    ({:?}, crate::check::<crate::api::{}>),",
            item.tl_name, item.rust_path
        )
        .expect("write to String");
    }
    table.push_str("];\n");
    std::fs::write(out.join("decoders.rs"), table).expect("write decoders.rs");
    let grammers = pairing::grammers(&[&dir.join("api.tl"), &dir.join("mtproto.tl")]);
    let pairs = pairing::pair(&output.items, &grammers);
    std::fs::write(
        out.join("differential.rs"),
        pairing::fuzz_table(&pairs, "crate::api", "grammers_tl_types"),
    )
    .expect("write differential.rs");
    println!("cargo:rustc-cfg=tl_api");
}
