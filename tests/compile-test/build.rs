//! Generates `fixture.rs` from `schema/fixture.tl` always, and `api.rs` from
//! `$TL_SCHEMA_DIR/api.tl` + `mtproto.tl` when `TL_SCHEMA_DIR` is set (relative paths are
//! resolved against the workspace root). Also writes `*_items.rs`: the list of generated
//! items, for the round-trip tests; and for api.tl, `api_differential.rs`: each item paired
//! with its grammers-tl-types type, for the differential test (`differential/pairing.rs`).

use std::env;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use tlgen_build::{Condition, Config, Dialect, ItemInfo, ItemKind};

#[path = "differential/pairing.rs"]
mod pairing;

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let root = manifest.join("../..");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    println!("cargo:rerun-if-env-changed=TL_SCHEMA_DIR");
    println!("cargo:rerun-if-changed={}", root.join("schema").display());
    println!("cargo:rerun-if-env-changed=CI");

    generate(
        "fixture",
        &[root.join("schema/fixture.tl")],
        &out,
        "fixture",
        None,
        None,
        Dialect::Telegram,
        Select::ALL,
    );
    // TON's dialect: `(vector X)`, `Object` results, `int256`, wiped-on-drop secure types.
    generate(
        "ton",
        &[root.join("schema/ton/lite.tl")],
        &out,
        "ton",
        None,
        None,
        Dialect::Ton,
        Select::ALL,
    );
    // A selection: two functions and a type, and what they reach.
    generate(
        "pruned",
        &[root.join("schema/fixture.tl")],
        &out,
        "pruned",
        None,
        None,
        Dialect::Telegram,
        Select {
            functions: &["auth.sendCode", "getText"],
            types: &["Point"],
        },
    );
    // Typed RPC errors: the fixture plus `rpc_error` and the functions of the fixture tables.
    generate(
        "rpc",
        &[
            root.join("schema/fixture.tl"),
            root.join("schema/errors/rpc.tl"),
        ],
        &out,
        "rpc",
        Some((
            root.join("schema/errors/errors.csv"),
            Some(root.join("schema/errors/methods.csv")),
        )),
        // The project's documentation fixture: its links and errors must render cleanly.
        Some(root.join("schema/docs/fixture.json")),
        Dialect::Telegram,
        Select::ALL,
    );

    // `.ci/run` lints with TLGEN_SKIP_API=1: clippy over the megabytes of api.tl code takes
    // longer than CI can spend twice; `scripts/clippy-api.sh` runs it on demand. The test build
    // still compiles it, with `#![deny(warnings)]`.
    println!("cargo:rerun-if-env-changed=TLGEN_SKIP_API");
    if env::var_os("TLGEN_SKIP_API").is_some_and(|v| v == "1") {
        return;
    }
    // Under CI=true a missing folder or file fails inside `schema_dir`.
    let Some(dir) = tlgen_test_support::schema_dir(&["api.tl", "mtproto.tl"]) else {
        println!(
            "cargo:warning=TL_SCHEMA_DIR is not set or lacks api.tl/mtproto.tl; skipping the api.tl + mtproto.tl compile test"
        );
        return;
    };
    let api = dir.join("api.tl");
    let mtproto = dir.join("mtproto.tl");
    // Without the error tables: the `rpc` module covers the error code paths, and the
    // real tables add a fifth to this already large crate (CI time). With
    // TLGEN_API_ERRORS=1 the real `errors.csv` + `methods.csv` are used too.
    println!("cargo:rerun-if-env-changed=TLGEN_API_ERRORS");
    let errors = dir.join("errors.csv");
    let methods = dir.join("methods.csv");
    let tables = (env::var_os("TLGEN_API_ERRORS").is_some_and(|v| v == "1") && errors.is_file())
        .then(|| (errors, methods.is_file().then_some(methods)));
    let items = generate(
        "api",
        &[api.clone(), mtproto.clone()],
        &out,
        "api",
        tables,
        // Telegram's documentation (docs.json), when it is beside the schemas.
        Some(dir.join("docs.json")).filter(|d| d.is_file()),
        Dialect::Telegram,
        Select::ALL,
    );
    // The login-only selection of the same schemas.
    generate(
        "api_login",
        &[api.clone(), mtproto.clone()],
        &out,
        "api_login",
        None,
        None,
        Dialect::Telegram,
        LOGIN,
    );
    let grammers = pairing::grammers(&[&api, &mtproto]);
    let pairs = pairing::pair(&items, &grammers);
    std::fs::write(
        out.join("api_differential.rs"),
        pairing::test_table(&pairs, "api", "grammers_tl_types"),
    )
    .expect("write api_differential.rs");
    let lite_api = dir.join("lite_api.tl");
    if lite_api.is_file() {
        generate(
            "lite_api",
            &[lite_api],
            &out,
            "lite_api",
            None,
            None,
            Dialect::Ton,
            Select::ALL,
        );
        println!("cargo:rustc-cfg=tl_lite_api");
    }
    println!("cargo:rustc-cfg=tl_api");
    // Real bytes beside the schemas (`../shared/vectors`), for the handshake test.
    println!(
        "cargo:rustc-env=TL_VECTORS_DIR={}",
        dir.join("../vectors").display()
    );
}

/// `Config::functions` / `Config::types` (empty: everything).
#[derive(Clone, Copy)]
struct Select {
    functions: &'static [&'static str],
    types: &'static [&'static str],
}

impl Select {
    const ALL: Select = Select {
        functions: &[],
        types: &[],
    };
}

/// A client that only logs in: what it calls, and what those calls reach (the README's
/// "Build only what you use"; `compile-time.sh` times the same selection).
const LOGIN: Select = Select {
    functions: &[
        "auth.sendCode",
        "auth.signIn",
        "auth.checkPassword",
        "account.getPassword",
        "help.getConfig",
    ],
    types: &[],
};

// One call per generated module, each spelling out all it varies in.
#[allow(clippy::too_many_arguments)]
fn generate(
    name: &str,
    schemas: &[PathBuf],
    out: &Path,
    module: &str,
    tables: Option<(PathBuf, Option<PathBuf>)>,
    docs: Option<PathBuf>,
    dialect: Dialect,
    select: Select,
) -> Vec<ItemInfo> {
    let mut cfg = Config::new();
    for s in schemas {
        cfg.schema(s);
    }
    if !select.functions.is_empty() {
        cfg.functions(select.functions.iter().copied());
    }
    if !select.types.is_empty() {
        cfg.types(select.types.iter().copied());
    }
    if let Some((errors, methods)) = tables {
        cfg.errors(errors);
        if let Some(m) = methods {
            cfg.methods(m);
        }
    }
    if let Some(d) = docs {
        cfg.docs(d);
    }
    cfg.dialect(dialect)
        .arbitrary(Condition::Feature("arbitrary".into()))
        // The round-trip tests decode functions too.
        .function_deserialize(true)
        .file_name(format!("{name}.rs"))
        // The fixture's `getBlobs` has no RemoteCall on purpose; the golden test covers the
        // warning, and `rpc`'s `legacy.removedMethod` row is skipped on purpose (tlgen-build's
        // rpc_errors test covers it). Real schemas print theirs.
        .print_warnings(name == "api" || name == "lite_api");
    let output = match cfg.generate() {
        Ok(o) => o,
        Err(e) => panic!("generating {name}: {e}"),
    };
    std::fs::write(
        out.join(format!("{name}_items.rs")),
        items_file(module, &output.items),
    )
    .expect("write items");
    std::fs::write(
        out.join(format!("{name}_enums.rs")),
        enums_file(module, &output.items),
    )
    .expect("write enums");
    // Every page's `# Example`, compiled (the api: every function's).
    let kinds: &[ItemKind] = if name == "api" {
        &[ItemKind::Function]
    } else {
        &[ItemKind::Function, ItemKind::Constructor]
    };
    std::fs::write(
        out.join(format!("{name}_examples.rs")),
        examples_file(&output.items, kinds),
    )
    .expect("write examples");
    output.items
}

/// One function per example, `fn(reply: &[u8]) -> Result<(), DecodeError>` as the examples
/// are written to compile, and `EXAMPLES`: (TL name, function).
fn examples_file(items: &[ItemInfo], kinds: &[ItemKind]) -> String {
    let mut s = String::from("// @generated by build.rs\n");
    let mut table = String::from("pub const EXAMPLES: &[(&str, super::Example)] = &[\n");
    for (i, item) in items.iter().enumerate() {
        let Some(code) = item.example.as_ref().filter(|_| kinds.contains(&item.kind)) else {
            continue;
        };
        writeln!(
            s,
            "fn example_{i}(reply: &[u8]) -> ::core::result::Result<(), tlgen_runtime::DecodeError> {{\n{code}\n#[allow(unreachable_code)]\n::core::result::Result::Ok(())\n}}"
        )
        .unwrap();
        writeln!(table, "    ({:?}, example_{i}),", item.tl_name).unwrap();
    }
    table.push_str("];\n");
    s + &table
}

/// `pub const ENUMS: &[(&str, Decode)] = &[...]`: every boxed type by TL name, with its decode
/// check (`super::decode::<T>`), for the hostile-input corpus.
fn enums_file(module: &str, items: &[ItemInfo]) -> String {
    let mut s =
        String::from("// @generated by build.rs\npub const ENUMS: &[(&str, super::Decode)] = &[\n");
    for i in items.iter().filter(|i| i.kind == ItemKind::Enum) {
        writeln!(
            s,
            "    ({:?}, super::decode::<{module}::{}>),",
            i.tl_name, i.rust_path
        )
        .unwrap();
    }
    s.push_str("];\n");
    s
}

/// `pub const CASES: &[Case] = &[...]` with one entry per constructor and function.
fn items_file(module: &str, items: &[ItemInfo]) -> String {
    // A concrete, non-generic function to instantiate generic functions with.
    let concrete = items
        .iter()
        .find(|i| i.kind == ItemKind::Function && i.generics.is_empty() && i.remote_call)
        .map(|i| i.rust_path.clone())
        .expect("a non-generic function");
    let mut s = String::new();
    writeln!(s, "// @generated by build.rs").unwrap();
    writeln!(s, "pub const CASES: &[super::Case] = &[").unwrap();
    for i in items {
        match i.kind {
            ItemKind::Constructor => {
                let e = i.enum_path.as_ref().expect("enum path");
                writeln!(
                    s,
                    "    super::Case {{ name: {:?}, id: {:#010x}, check: super::check_ctor::<{module}::{}, {module}::{e}> }},",
                    i.tl_name,
                    i.id.unwrap(),
                    i.rust_path
                )
                .unwrap();
            }
            ItemKind::Function => {
                let ty = if i.generics.is_empty() {
                    format!("{module}::{}", i.rust_path)
                } else {
                    let args = vec![format!("{module}::{concrete}"); i.generics.len()];
                    format!("{module}::{}<{}>", i.rust_path, args.join(", "))
                };
                writeln!(
                    s,
                    "    super::Case {{ name: {:?}, id: {:#010x}, check: super::check_fn::<{ty}> }},",
                    i.tl_name,
                    i.id.unwrap(),
                )
                .unwrap();
            }
            _ => {}
        }
    }
    writeln!(s, "];").unwrap();
    s
}
