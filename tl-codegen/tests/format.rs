//! `Config::format(false)` (the default): the fast printer gives the same code as the
//! prettyplease output (pretty-printing it gives the formatted output exactly), readable: indented
//! by blocks, one statement, field or arm per line, docs as `///`, no giant lines.

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

/// Indented by 4 per open `{`, docs as comments, code lines of at most 160 columns (the
/// printer breaks after 100 where it can; string literals stay whole).
fn assert_readable(code: &str) {
    let mut depth = 0usize;
    for (n, line) in code.lines().enumerate() {
        let n = n + 1;
        let text = line.trim_start();
        if text.is_empty() {
            continue;
        }
        let indent = line.len() - text.len();
        let expected = if text.starts_with('}') || text.starts_with(')') {
            depth.saturating_sub(1)
        } else {
            depth
        };
        // Continuation lines of a broken statement are one level deeper.
        assert!(
            indent == 4 * expected || indent == 4 * (expected + 1),
            "line {n}: indented {indent}, expected {}: {line}",
            4 * expected
        );
        assert!(
            !text.starts_with("#[doc"),
            "line {n}: a doc attribute: {line}"
        );
        if !text.starts_with("//") {
            // String literals are not broken.
            let limit = if text.contains('"') { 1000 } else { 160 };
            assert!(
                line.len() <= limit,
                "line {n} has {} columns: {line}",
                line.len()
            );
            let opens = text.matches('{').count();
            let closes = text.matches('}').count();
            depth = (depth + opens).saturating_sub(closes);
        }
    }
    assert_eq!(depth, 0, "braces balance");
}

#[test]
fn unformatted_output_pretty_prints_to_the_formatted_output() {
    let pretty = config(true, false).generate_output().expect("formatted");
    let raw = config(false, false).generate_output().expect("unformatted");
    assert_formats_to(&raw.code, &pretty.code);
    assert_readable(&raw.code);
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
