fn main() {
    let src = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let p = tlgen_parser::parse("probe.tl", &src, &tlgen_parser::ParseOptions::default());
    for d in &p.diagnostics {
        eprintln!("{d}");
    }
    for d in &p.schema.definitions {
        println!("{:08x} {}", d.id(), d.normalized_text());
    }
}
