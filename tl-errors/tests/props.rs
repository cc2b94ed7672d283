//! Property tests: no input makes the readers panic, and the rules hold on generated data.

use proptest::prelude::*;
use tlgen_errors::csv::{CsvReader, read_csv};
use tlgen_errors::{
    ErrorClass, ErrorTable, MethodTable, find_placeholder, match_param, variant_name_for,
};

/// Pieces that matter to CSV and to the tables.
const PIECES: &[&str] = &[
    ",",
    "\"",
    "\n",
    "\r",
    "\r\n",
    "\u{feff}",
    "_X",
    "_XMIN",
    " ",
    "\t",
    "{seconds}",
    "{type}",
    "-",
    "FLOOD_WAIT",
    "2FA",
    "A",
    "x",
    "0",
    "400",
    "4294967296",
    "user",
    "é",
    "name,codes,description",
];

/// Text made mostly of [`PIECES`], with some arbitrary characters.
fn csvish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => (0..PIECES.len()).prop_map(|i| PIECES[i].to_owned()),
            1 => any::<char>().prop_map(String::from),
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

fn quote(field: &str) -> String {
    format!("\"{}\"", field.replace('"', "\"\""))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_input_never_panics(s in any::<String>()) {
        let _ = read_csv("f", &s);
        let _ = ErrorTable::parse("f", &s);
        let _ = MethodTable::parse("f", &s);
        let _ = variant_name_for(&s);
    }

    #[test]
    fn csvish_input_never_panics(body in csvish(), header in 0..3usize) {
        let head = ["", "name,codes,description\n", "method,usability,errors\n"][header];
        let text = format!("{head}{body}");
        let _ = CsvReader::new("f", &text).count();
        if let Ok(t) = ErrorTable::parse("f", &text) {
            for d in t.defs() {
                prop_assert!(!d.codes.is_empty());
                prop_assert!(!d.variant.is_empty());
                prop_assert!(!d.variant.starts_with(|c: char| c.is_ascii_digit()));
                let _ = t.lookup(&d.name);
            }
            let _ = t.lookup(&body);
        }
        if let Ok(m) = MethodTable::parse("f", &text) {
            let errors = ErrorTable::parse("e", "name,codes,description\n").unwrap();
            let _ = m.validate(&errors, Some(&|n: &str| n.len() % 2 == 0));
        }
    }

    #[test]
    fn errors_have_sane_positions(body in csvish()) {
        let text = format!("name,codes,description\n{body}");
        let lines = u32::try_from(text.split('\n').count()).unwrap();
        if let Err(e) = ErrorTable::parse("f", &text) {
            prop_assert!(!e.is_empty());
            for err in &e {
                prop_assert!(err.line() >= 1 && err.line() <= lines.max(1), "{err}");
                prop_assert!(err.column() >= 1);
                // The byte offset is in the text, on a character boundary, on the same line.
                let at = err.span.start as usize;
                prop_assert!(at <= text.len() && text.is_char_boundary(at), "{err}");
                let line = u32::try_from(text[..at].matches('\n').count()).unwrap() + 1;
                prop_assert_eq!(line, err.line(), "{}", err);
                prop_assert!(err.to_string().starts_with("f:"));
            }
        }
    }

    #[test]
    fn written_fields_read_back(rows in proptest::collection::vec(proptest::collection::vec(any::<String>(), 1..5), 1..5), crlf in any::<bool>()) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let text: String = rows
            .iter()
            .map(|r| r.iter().map(|f| quote(f)).collect::<Vec<_>>().join(",") + eol)
            .collect();
        let back = read_csv("f", &text).unwrap();
        let back: Vec<Vec<String>> = back.into_iter().map(|r| r.fields.into_iter().map(|f| f.value).collect()).collect();
        prop_assert_eq!(back, rows);
    }

    #[test]
    fn parameterised_names_match_their_numbers(
        prefix in "[A-Z][A-Z0-9]{0,5}(_[A-Z][A-Z0-9]{0,5}){0,2}",
        suffix in "(_[A-Z][A-Z0-9]{0,5}){0,2}",
        n in any::<u32>(),
        big in (u64::from(u32::MAX) + 1)..u64::MAX,
    ) {
        let name = format!("{prefix}_X{suffix}");
        prop_assume!(find_placeholder(&name) == Ok(Some(prefix.len() + 1)));
        let t = ErrorTable::parse("f", &format!("name,codes,description\n{name},420,wait {{seconds}}\n")).unwrap();
        let (d, v) = t.lookup(&format!("{prefix}_{n}{suffix}")).unwrap();
        prop_assert_eq!(&d.name, &name);
        prop_assert_eq!(v, Some(n));
        prop_assert_eq!(d.field_name(), Some("seconds"));
        let overflow = format!("{prefix}_{big}{suffix}");
        prop_assert!(t.lookup(&overflow).is_none());
        prop_assert_eq!(match_param(&format!("{prefix}_"), &suffix, &format!("{prefix}_{n}{suffix}")), Some(n));
    }

    #[test]
    fn error_class_round_trips(code in any::<i32>()) {
        prop_assert_eq!(ErrorClass::from_code(code).code(), code);
    }
}
