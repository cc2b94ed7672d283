//! The CSV reader: RFC 4180 rules, positions, and syntax errors.

use tlgen_errors::csv::{CsvReader, CsvRecord, MAX_STORED_FIELDS, read_csv};
use tlgen_errors::{Diagnostic, DiagnosticKind};

fn records(text: &str) -> Vec<CsvRecord> {
    read_csv("t.csv", text).unwrap_or_else(|e| panic!("unexpected errors:\n{e}"))
}

fn values(text: &str) -> Vec<Vec<String>> {
    records(text)
        .into_iter()
        .map(|r| r.fields.into_iter().map(|f| f.value).collect())
        .collect()
}

fn errors(text: &str) -> Vec<String> {
    CsvReader::new("t.csv", text)
        .filter_map(Result::err)
        .map(|e: Diagnostic| e.to_string())
        .collect()
}

#[test]
fn plain_fields_lf() {
    assert_eq!(values("a,b,c\nd,e,f\n"), [["a", "b", "c"], ["d", "e", "f"]]);
}

#[test]
fn crlf_and_mixed_line_breaks() {
    assert_eq!(
        values("a,b\r\nc,d\ne,f\r\n"),
        [["a", "b"], ["c", "d"], ["e", "f"]]
    );
}

#[test]
fn trailing_newline_is_optional() {
    assert_eq!(values("a,b"), values("a,b\n"));
    assert_eq!(values("a,b\r\n"), [["a", "b"]]);
}

#[test]
fn byte_order_mark_is_skipped_and_not_counted() {
    let r = records("\u{feff}name,x\nq,\"w\"");
    assert_eq!(r[0].fields[0].value, "name");
    assert_eq!(r[0].fields[0].column, 1);
    assert_eq!(r[0].fields[1].column, 6);
    // Only at the very start: elsewhere it is data.
    assert_eq!(values("a,\u{feff}b"), [["a", "\u{feff}b"]]);
}

#[test]
fn quoted_fields_with_escapes_commas_and_newlines() {
    let v = values("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\nnext,row,x,y\n");
    assert_eq!(v[0], ["a,b", "say \"hi\"", "two\nlines", ""]);
    assert_eq!(v[1], ["next", "row", "x", "y"]);
    // A CRLF inside quotes is data, kept as written.
    assert_eq!(values("\"a\r\nb\",c\r\n"), [["a\r\nb", "c"]]);
}

#[test]
fn empty_fields() {
    assert_eq!(values(",,\n"), [["", "", ""]]);
    assert_eq!(values("a,\n"), [["a", ""]]);
    assert_eq!(values("\"\"\n"), [[""]]);
}

#[test]
fn blank_lines_are_skipped() {
    assert_eq!(values("a\n\n\r\nb\n\n"), [["a"], ["b"]]);
    assert!(records("").is_empty());
    assert!(records("\n\n").is_empty());
}

#[test]
fn positions_are_one_based_lines_and_char_columns() {
    let r = records("x,\"multi\nline\",é,z\nnext,\"q\"\n");
    assert_eq!(r[0].line, 1);
    let cols: Vec<(u32, u32)> = r[0].fields.iter().map(|f| (f.line, f.column)).collect();
    // `é` is two bytes but one column; the field after the 2-line quote is on line 2.
    assert_eq!(cols, [(1, 1), (1, 3), (2, 7), (2, 9)]);
    assert_eq!((r[0].end_line, r[0].end_column), (2, 10));
    assert_eq!(r[1].line, 3);
    assert!(r[1].fields[1].quoted);
    assert_eq!(r[1].fields[1].content_column(), 7);
}

#[test]
fn unterminated_quote_is_reported_at_the_opening_quote_and_stops() {
    assert_eq!(
        errors("a,b\nc,\"open\nmore,text\n"),
        [
            "t.csv:2:3: error: unterminated quoted field: expected a closing `\"` before the end of the file"
        ]
    );
    assert_eq!(
        errors("\""),
        [
            "t.csv:1:1: error: unterminated quoted field: expected a closing `\"` before the end of the file"
        ]
    );
}

#[test]
fn stray_quote_in_unquoted_field() {
    assert_eq!(
        errors("ab\"c,d\n"),
        [
            "t.csv:1:3: error: unexpected `\"` in an unquoted field: quote the whole field and write a quote inside it as `\"\"`"
        ]
    );
}

#[test]
fn text_after_closing_quote() {
    assert_eq!(
        errors("\"ab\"c,d\n\"x\" ,y\n"),
        [
            "t.csv:1:5: error: expected `,` or the end of the line after a closing quote, found `c`",
            "t.csv:2:4: error: expected `,` or the end of the line after a closing quote, found ` `",
        ]
    );
}

#[test]
fn lone_carriage_return() {
    assert_eq!(
        errors("a\rb,c\n"),
        [
            "t.csv:1:2: error: carriage return not followed by a line feed: expected `\\r\\n` or `\\n` line breaks"
        ]
    );
    assert_eq!(
        errors("\"a\"\r"),
        [
            "t.csv:1:4: error: expected `,` or the end of the line after a closing quote, found `\\r`"
        ]
    );
}

#[test]
fn reading_resumes_after_a_bad_line() {
    let items: Vec<_> = CsvReader::new("t.csv", "ok,1\nb\"ad,2\nok,3\n").collect();
    assert_eq!(items.len(), 3);
    assert!(items[0].is_ok());
    assert_eq!(items[1].as_ref().unwrap_err().kind, DiagnosticKind::Csv);
    let last = items[2].as_ref().unwrap();
    assert_eq!((last.line, last.fields[1].value.as_str()), (3, "3"));
}

#[test]
fn every_bad_line_is_reported() {
    let e = read_csv("t.csv", "a\"\nb\"\nc\n").unwrap_err();
    assert_eq!(e.len(), 2);
    assert_eq!((e[0].line(), e[1].line()), (1, 2));
}

#[test]
fn many_fields_are_counted_but_not_all_stored() {
    let line = ",".repeat(1000);
    let r = records(&line);
    assert_eq!(r[0].field_count, 1001);
    assert_eq!(r[0].fields.len(), MAX_STORED_FIELDS);
}
