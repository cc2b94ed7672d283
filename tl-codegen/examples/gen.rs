//! `cargo run -p tlgen-build --example gen -- OUT.rs SCHEMA...`: generate to a file (a debugging
//! aid; the CLI is `tlgen generate`).
fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().expect("usage: gen OUT.rs SCHEMA...");
    let mut cfg = tlgen_build::Config::new();
    for s in args {
        cfg.schema(s);
    }
    cfg.parse_options(tlgen_build::ParseOptions::telegram());
    if std::env::var_os("NO_FN_DE").is_some() {
        cfg.function_deserialize(false);
    }
    if std::env::var_os("NO_FROM").is_some() {
        cfg.from_impls(false);
    }
    let t = std::time::Instant::now();
    match cfg.generate_to_file(&out) {
        Ok(o) => {
            eprintln!(
                "{} bytes, {} items in {:?}",
                o.code.len(),
                o.items.len(),
                t.elapsed()
            );
            for w in &o.warnings {
                eprintln!("warning: {w}");
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
