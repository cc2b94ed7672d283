//! Golden error text for every malformed fixture in `schema/errors/bad/`.

use std::path::PathBuf;

use tlgen_errors::{DiagnosticKind, Diagnostics, ErrorTable, MAX_ERRORS, MethodTable};

fn read(rel: &str) -> (String, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (rel.to_owned(), text)
}

fn error_table_errors(name: &str) -> Diagnostics {
    let (file, text) = read(&format!("schema/errors/bad/{name}"));
    match ErrorTable::parse(&file, &text) {
        Ok(_) => panic!("{name} parsed"),
        Err(e) => e,
    }
}

fn golden(name: &str, expected: &[&str]) {
    let e = error_table_errors(name);
    let got: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(got, expected, "{name}");
    assert_eq!(e.to_string(), expected.join("\n"));
}

#[test]
fn wrong_column_count() {
    golden(
        "errors_column_count.csv",
        &[
            "schema/errors/bad/errors_column_count.csv:3:12: error: expected 3 fields (name,codes,description), found 2",
            "schema/errors/bad/errors_column_count.csv:4:19: error: expected 3 fields (name,codes,description), found 4",
        ],
    );
    assert!(
        error_table_errors("errors_column_count.csv")
            .iter()
            .all(|e| e.kind == DiagnosticKind::ColumnCount)
    );
}

#[test]
fn non_numeric_code() {
    golden(
        "errors_bad_code.csv",
        &[
            "schema/errors/bad/errors_bad_code.csv:2:9: error: expected an integer error code such as `400` or `-503`, found `abc`",
            "schema/errors/bad/errors_bad_code.csv:3:6: error: expected an integer error code such as `400` or `-503`, found `+400`",
            "schema/errors/bad/errors_bad_code.csv:4:10: error: error code `99999999999` does not fit in a 32-bit integer",
            "schema/errors/bad/errors_bad_code.csv:5:11: error: expected an integer error code such as `400` or `-503`, found `4o3`",
        ],
    );
}

#[test]
fn unterminated_quote() {
    golden(
        "errors_unterminated_quote.csv",
        &[
            "schema/errors/bad/errors_unterminated_quote.csv:3:12: error: unterminated quoted field: expected a closing `\"` before the end of the file",
        ],
    );
}

#[test]
fn stray_quotes() {
    golden(
        "errors_bad_quotes.csv",
        &[
            "schema/errors/bad/errors_bad_quotes.csv:2:14: error: unexpected `\"` in an unquoted field: quote the whole field and write a quote inside it as `\"\"`",
            "schema/errors/bad/errors_bad_quotes.csv:3:19: error: expected `,` or the end of the line after a closing quote, found `t`",
        ],
    );
}

#[test]
fn missing_header() {
    golden(
        "errors_missing_header.csv",
        &[
            "schema/errors/bad/errors_missing_header.csv:1:1: error: expected header `name,codes,description`, found `FLOOD_WAIT_X,420,A wait of {seconds} seconds is required`",
        ],
    );
}

#[test]
fn wrong_header() {
    golden(
        "errors_wrong_header.csv",
        &[
            "schema/errors/bad/errors_wrong_header.csv:1:1: error: expected header `name,codes,description`, found `name,code,description`",
        ],
    );
}

#[test]
fn empty_file() {
    golden(
        "errors_empty.csv",
        &[
            "schema/errors/bad/errors_empty.csv:1:1: error: expected header `name,codes,description`, found the end of the file",
        ],
    );
}

#[test]
fn duplicate_name() {
    golden(
        "errors_duplicate_name.csv",
        &[
            "schema/errors/bad/errors_duplicate_name.csv:4:1: error: duplicate error name `SAME`: first defined on line 2",
        ],
    );
}

#[test]
fn bad_names() {
    golden(
        "errors_bad_names.csv",
        &[
            "schema/errors/bad/errors_bad_names.csv:2:4: error: invalid character ` ` in error name `BAD NAME`: expected ASCII letters, digits and `_`",
            "schema/errors/bad/errors_bad_names.csv:3:1: error: empty error name: expected a name such as `FLOOD_WAIT_X`",
            "schema/errors/bad/errors_bad_names.csv:4:7: error: error name `A_X_B_X` has more than one `_X` placeholder: expected at most one",
        ],
    );
}

#[test]
fn unknown_error_in_the_method_table() {
    let (efile, etext) = read("schema/errors/errors.csv");
    let errors = ErrorTable::parse(&efile, &etext).unwrap();
    let (file, text) = read("schema/errors/bad/methods_unknown_error.csv");
    let methods = MethodTable::parse(&file, &text).unwrap();
    let got: Vec<String> = methods
        .validate(&errors, None)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        got,
        [
            "schema/errors/bad/methods_unknown_error.csv:2:67: error: method `auth.resetAuthorizations` lists unknown error `NO_SUCH_ERROR`: it is not in schema/errors/errors.csv",
            "schema/errors/bad/methods_unknown_error.csv:3:41: error: method `auth.sendCode` lists unknown error `ALSO_MISSING`: it is not in schema/errors/errors.csv",
        ]
    );
}

#[test]
fn bad_method_rows() {
    let (file, text) = read("schema/errors/bad/methods_bad_rows.csv");
    let got: Vec<String> = MethodTable::parse(&file, &text)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        got,
        [
            "schema/errors/bad/methods_bad_rows.csv:2:15: error: expected usability `user`, `bot`, `both` or `unknown`, found `admin`",
            "schema/errors/bad/methods_bad_rows.csv:3:13: error: expected usability `user`, `bot`, `both` or `unknown`, found ``",
            "schema/errors/bad/methods_bad_rows.csv:4:4: error: invalid character ` ` in method name `bad method`: expected ASCII letters, digits, `_` and `.`",
            "schema/errors/bad/methods_bad_rows.csv:5:1: error: duplicate method `auth.sendCode`: first listed on line 2",
            "schema/errors/bad/methods_bad_rows.csv:6:18: error: invalid character `-` in error name `FLOOD-WAIT`: expected ASCII letters, digits and `_`, names separated by spaces",
            "schema/errors/bad/methods_bad_rows.csv:7:12: error: expected 3 fields (method,usability,errors), found 2",
        ]
    );
}

#[test]
fn lone_carriage_return_in_a_table() {
    let e = ErrorTable::parse(
        "t.csv",
        "name,codes,description\nA,400,one\rtwo\nB,400,fine\n",
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "t.csv:2:10: error: carriage return not followed by a line feed: expected `\\r\\n` or `\\n` line breaks"
    );
}

#[test]
fn errors_are_capped() {
    let mut text = String::from("name,codes,description\n");
    for i in 0..250 {
        text.push_str(&format!("E{i},bad,x\n"));
    }
    let e = ErrorTable::parse("t.csv", &text).unwrap_err();
    assert_eq!(e.len(), MAX_ERRORS + 1);
    let last = e.last().unwrap();
    assert_eq!(last.kind, DiagnosticKind::TooManyErrors);
    assert_eq!(
        last.to_string(),
        "t.csv:251:1: error: too many errors: 150 more not shown (the first 100 are listed)"
    );
}
