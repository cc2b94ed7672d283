//! Print a summary and the diagnostics of one schema file: `cargo run -p tlgen-parser --example dump -- FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE");
        std::process::exit(2);
    };
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let parsed = tlgen_parser::parse(&path, &src, &tlgen_parser::ParseOptions::default());
    let s = &parsed.schema;
    println!(
        "layer {:?}: {} types, {} functions, {} builtins, {} type docs",
        s.layer,
        s.types().count(),
        s.functions().count(),
        s.builtins.len(),
        s.type_docs.len()
    );
    for d in &parsed.diagnostics {
        println!("{d}\n");
    }
}
