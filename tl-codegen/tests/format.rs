//! `Config::format(false)`: the same code as the formatted output, without the
//! pretty-printing (pretty-printing it gives the formatted output exactly).

use std::path::PathBuf;

use tlgen_build::Config;

fn config(format: bool, split: bool) -> Config {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let mut c = Config::new();
    c.schema(dir.join("fixture.tl"))
        .schema(dir.join("errors/rpc.tl"))
        .errors(dir.join("errors/errors.csv"))
        .methods(dir.join("errors/methods.csv"))
        .format(format)
        .split_files(split);
    c
}

fn split_header(code: &str) -> (&str, &str) {
    let end = code.find("\n\n").expect("header ends with a blank line") + 2;
    code.split_at(end)
}

/// The unformatted file, pretty-printed, equals the formatted one (header included).
fn assert_formats_to(raw: &str, pretty: &str) {
    let (raw_header, raw_body) = split_header(raw);
    let (pretty_header, pretty_body) = split_header(pretty);
    assert_eq!(raw_header, pretty_header);
    let file = syn::parse_file(raw_body)
        .unwrap_or_else(|e| panic!("unformatted code does not parse: {e}"));
    assert!(
        prettyplease::unparse(&file) == pretty_body,
        "pretty-printed unformatted code differs"
    );
}

#[test]
fn unformatted_output_pretty_prints_to_the_formatted_output() {
    let pretty = config(true, false).generate_output().expect("formatted");
    let raw = config(false, false).generate_output().expect("unformatted");
    assert_formats_to(&raw.code, &pretty.code);
    // Not pretty-printed (no indentation), yet no giant lines: rustc is slow on those.
    assert!(
        !raw.code.lines().any(|l| l.starts_with(' ')),
        "unformatted output is indented"
    );
    let longest = raw.code.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 10_000, "a line of {longest} bytes");
    assert_eq!(pretty.items, raw.items);
}

#[test]
fn unformatted_split_files_pretty_print_to_the_formatted_files() {
    let pretty = config(true, true).generate_output().expect("formatted");
    let raw = config(false, true).generate_output().expect("unformatted");
    let names =
        |o: &tlgen_build::Output| o.files.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&pretty), names(&raw));
    for (p, r) in pretty.files.iter().zip(&raw.files) {
        assert_formats_to(&r.code, &p.code);
    }
}

#[test]
fn unformatted_output_is_deterministic() {
    let a = config(false, false).generate_to_string().expect("first");
    let b = config(false, false).generate_to_string().expect("second");
    assert_eq!(a, b);
}
