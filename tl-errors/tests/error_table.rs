//! The error table: parsing rules, the fixture table, names, patterns and lookup.

use std::path::PathBuf;

use tlgen_errors::{
    DiagnosticKind, ErrorClass, ErrorTable, NamePattern, Severity, find_placeholder,
    full_variant_name_for, match_param, variant_name_for,
};

fn fixture(name: &str) -> (String, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../schema/errors")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (format!("schema/errors/{name}"), text)
}

fn fixture_table() -> ErrorTable {
    let (file, text) = fixture("errors.csv");
    ErrorTable::parse(&file, &text).unwrap_or_else(|e| panic!("{e}"))
}

fn table(rows: &str) -> ErrorTable {
    let text = format!("name,codes,description\n{rows}");
    ErrorTable::parse("t.csv", &text).unwrap_or_else(|e| panic!("{e}"))
}

fn parse_err(rows: &str) -> String {
    let text = format!("name,codes,description\n{rows}");
    ErrorTable::parse("t.csv", &text).unwrap_err().to_string()
}

fn param(prefix: &str, suffix: &str, field: &str) -> NamePattern {
    NamePattern::Param {
        prefix: prefix.into(),
        suffix: suffix.into(),
        field: field.into(),
    }
}

#[test]
fn fixture_parses_without_warnings() {
    let t = fixture_table();
    assert_eq!(t.len(), 16);
    assert_eq!(t.file(), "schema/errors/errors.csv");
    assert!(t.warnings().is_empty(), "{:?}", t.warnings());
}

#[test]
fn fixture_row_the_project_started_from() {
    let t = fixture_table();
    let e = t.get("FRESH_RESET_AUTHORISATION_FORBIDDEN").unwrap();
    assert_eq!(e.codes, [406]);
    assert_eq!(e.code(), 406);
    assert_eq!(e.class(), ErrorClass::NotAcceptable);
    assert_eq!(
        e.description,
        "You can't logout other sessions if less than 24 hours have passed since you logged on \
         the current session"
    );
    assert_eq!(e.pattern, NamePattern::Exact);
    assert_eq!(e.rust_variant_name(), "FreshResetAuthorisationForbidden");
    assert_eq!(e.line, 8);
    let (found, n) = t.lookup("FRESH_RESET_AUTHORISATION_FORBIDDEN").unwrap();
    assert_eq!(
        (found.name.as_str(), n),
        ("FRESH_RESET_AUTHORISATION_FORBIDDEN", None)
    );
}

#[test]
fn fixture_patterns_and_fields() {
    let t = fixture_table();
    let get = |n: &str| t.get(n).unwrap();
    assert_eq!(
        get("FLOOD_WAIT_X").pattern,
        param("FLOOD_WAIT_", "", "seconds")
    );
    assert_eq!(get("FLOOD_WAIT_X").codes, [420]);
    assert_eq!(
        get("FLOOD_WAIT_X").description,
        "A wait of {seconds} seconds is required"
    );
    assert_eq!(
        get("FILE_PART_X_MISSING").pattern,
        param("FILE_PART_", "_MISSING", "which")
    );
    assert_eq!(
        get("PHONE_MIGRATE_X").pattern,
        param("PHONE_MIGRATE_", "", "dc")
    );
    assert_eq!(get("PHONE_MIGRATE_X").class(), ErrorClass::SeeOther);
    assert_eq!(
        get("2FA_CONFIRM_WAIT_X").pattern,
        param("2FA_CONFIRM_WAIT_", "", "seconds")
    );
    assert_eq!(
        get("INTERDC_X_CALL_ERROR").pattern,
        param("INTERDC_", "_CALL_ERROR", "dc")
    );
    assert_eq!(
        get("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_XMIN").pattern,
        param("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_", "MIN", "minutes")
    );
    assert_eq!(get("UPLOAD_STATE_X").field_name(), Some("state"));
    assert_eq!(get("AUTH_KEY_UNREGISTERED").field_name(), None);
    assert_eq!(t.defs().iter().filter(|d| d.is_param()).count(), 9);
}

#[test]
fn fixture_codes_negative_multi_and_default() {
    let t = fixture_table();
    let timeout = t.get("TIMEOUT").unwrap();
    assert_eq!(timeout.codes, [-503]);
    assert_eq!(timeout.class(), ErrorClass::Other(-503));
    let chat = t.get("CHAT_WRITE_FORBIDDEN").unwrap();
    assert_eq!(chat.codes, [400, 403]);
    assert_eq!(
        chat.classes(),
        [ErrorClass::BadRequest, ErrorClass::Forbidden]
    );
    assert_eq!(t.get("USER_ID_INVALID").unwrap().codes, [400]);
}

#[test]
fn fixture_quoted_descriptions() {
    let t = fixture_table();
    assert_eq!(
        t.get("PHONE_MIGRATE_X").unwrap().description,
        "The phone number lives in DC {dc}, repeat the request there"
    );
    assert_eq!(
        t.get("MESSAGE_TOO_LONG").unwrap().description,
        "The text is too long, \"shorten\" it"
    );
    let multi = t.get("UPLOAD_STATE_X").unwrap();
    assert!(
        multi
            .description
            .contains("unexpected\n(this description spans two lines")
    );
    // The row after a two-line field has the right line number.
    assert_eq!(multi.line, 16);
    assert_eq!(t.get("USER_ID_INVALID").unwrap().line, 18);
}

#[test]
fn codes_rules() {
    let t = table("A,,d\nB,  420 ,d\nC,400\t403,d\nD,-503,d\nE,0,d\nF,-2147483648 2147483647,d\n");
    let codes = |n: &str| t.get(n).unwrap().codes.clone();
    assert_eq!(codes("A"), [400]);
    assert_eq!(codes("B"), [420]);
    assert_eq!(codes("C"), [400, 403]);
    assert_eq!(codes("D"), [-503]);
    assert_eq!(codes("E"), [0]);
    assert_eq!(codes("F"), [i32::MIN, i32::MAX]);
}

#[test]
fn duplicate_code_is_a_warning_and_dropped() {
    let t = table("OK,400 400 403,d\n");
    assert_eq!(t.get("OK").unwrap().codes, [400, 403]);
    let w: Vec<String> = t.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        w,
        ["t.csv:2:8: warning: error code 400 is listed twice for `OK`; the duplicate is ignored"]
    );
    assert_eq!(t.warnings()[0].severity, Severity::Warning);
    assert_eq!(t.warnings()[0].kind, DiagnosticKind::DuplicateCode);
}

#[test]
fn non_numeric_and_overflowing_codes() {
    assert_eq!(
        parse_err("A,4OO,d\nB,-,d\nC,2147483648,d\nD,1e3,d\n"),
        "t.csv:2:3: error: expected an integer error code such as `400` or `-503`, found `4OO`\n\
         t.csv:3:3: error: expected an integer error code such as `400` or `-503`, found `-`\n\
         t.csv:4:3: error: error code `2147483648` does not fit in a 32-bit integer\n\
         t.csv:5:3: error: expected an integer error code such as `400` or `-503`, found `1e3`"
    );
}

#[test]
fn placeholder_rules() {
    assert_eq!(find_placeholder("FLOOD_WAIT_X"), Ok(Some(11)));
    assert_eq!(find_placeholder("FILE_PART_X_MISSING"), Ok(Some(10)));
    assert_eq!(find_placeholder("2FA_CONFIRM_WAIT_X"), Ok(Some(17)));
    assert_eq!(find_placeholder("WAIT_XMIN"), Ok(Some(5)));
    // Not placeholders: first segment, lower case, other letters after X.
    assert_eq!(find_placeholder("X_FACTOR"), Ok(None));
    assert_eq!(find_placeholder("FLOOD_WAIT_x"), Ok(None));
    assert_eq!(find_placeholder("XML_INVALID_XML"), Ok(None));
    assert_eq!(find_placeholder("MAX_XS"), Ok(None));
    assert_eq!(find_placeholder("A_X_B_X"), Err((2, 6)));
}

#[test]
fn field_name_from_description() {
    let t = table(
        "A_X,420,wait {seconds}\nB_X,303,go to {new_dc}\nC_X,400,no placeholder\n\
         D_X,400,needs {code_length} digits\nE_X,406,{minutes} minutes\n",
    );
    let field = |n: &str| t.get(n).unwrap().field_name().unwrap().to_owned();
    assert_eq!(field("A_X"), "seconds");
    assert_eq!(field("B_X"), "new_dc");
    assert_eq!(field("C_X"), "value");
    assert_eq!(field("D_X"), "code_length");
    assert_eq!(field("E_X"), "minutes");
    assert!(t.warnings().is_empty());
}

#[test]
fn field_name_warnings() {
    let t = table(
        "A_X,420,wait {type}\nB_X,400,{first} or {second} or {first}\nC,400,see {dc}\nD_X,400,{Seconds}\nE_X,400,{ not one } {}\n",
    );
    assert_eq!(t.get("A_X").unwrap().field_name(), Some("value"));
    assert_eq!(t.get("B_X").unwrap().field_name(), Some("first"));
    assert_eq!(t.get("D_X").unwrap().field_name(), Some("value"));
    assert_eq!(t.get("E_X").unwrap().field_name(), Some("value"));
    let w: Vec<String> = t.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        w,
        [
            "t.csv:2:14: warning: `{type}` in the description of `A_X` is not a valid field name \
             (lower-case letters, digits and `_`, not a keyword); the field is `value`",
            "t.csv:3:20: warning: the description of `B_X` names several values (`{first}`, \
             `{second}`); the field is `first`",
            "t.csv:4:11: warning: the description of `C` mentions `{dc}` but the name has no `_X` \
             placeholder; it is kept as text",
            "t.csv:5:9: warning: `{Seconds}` in the description of `D_X` is not a valid field name \
             (lower-case letters, digits and `_`, not a keyword); the field is `value`",
        ]
    );
}

#[test]
fn variant_names() {
    assert_eq!(variant_name_for("FLOOD_WAIT_X"), "FloodWait");
    assert_eq!(variant_name_for("FILE_PART_X_MISSING"), "FilePartMissing");
    assert_eq!(variant_name_for("2FA_CONFIRM_WAIT_X"), "TwoFaConfirmWait");
    assert_eq!(variant_name_for("PHONE_MIGRATE_X"), "PhoneMigrate");
    assert_eq!(variant_name_for("INTERDC_X_CALL_ERROR"), "InterdcCallError");
    assert_eq!(
        variant_name_for("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_XMIN"),
        "PreviousChatImportActiveWaitMin"
    );
    assert_eq!(
        variant_name_for("FRESH_RESET_AUTHORISATION_FORBIDDEN"),
        "FreshResetAuthorisationForbidden"
    );
    assert_eq!(variant_name_for("Timedout"), "Timedout");
    assert_eq!(variant_name_for("TIMEOUT"), "Timeout");
    assert_eq!(
        variant_name_for("CHANNEL_PUBLIC_GROUP_NA"),
        "ChannelPublicGroupNa"
    );
    assert_eq!(variant_name_for("USER_ID_INVALID"), "UserIdInvalid");
    assert_eq!(variant_name_for("AB2CD_10X"), "Ab2Cd10X");
    assert_eq!(variant_name_for("40_4"), "FourZeroFour");
    assert_eq!(variant_name_for("4_X_A"), "FourA");
    assert_eq!(
        variant_name_for("__DOUBLE__UNDERSCORE_"),
        "DoubleUnderscore"
    );
    assert_eq!(variant_name_for("OTHER"), "OtherError");
    // `Self` is a keyword: escaped like every generated name (`Self_`), not renamed.
    assert_eq!(variant_name_for("SELF"), "Self_");
    assert_eq!(full_variant_name_for("FLOOD_WAIT_X"), "FloodWaitX");
    assert_eq!(full_variant_name_for("WAIT_XMIN"), "WaitXmin");
}

#[test]
fn variant_names_from_the_table() {
    let t = fixture_table();
    let v = |n: &str| t.get(n).unwrap().rust_variant_name().to_owned();
    assert_eq!(v("FLOOD_WAIT_X"), "FloodWait");
    assert_eq!(v("FILE_PART_X_MISSING"), "FilePartMissing");
    assert_eq!(v("2FA_CONFIRM_WAIT_X"), "TwoFaConfirmWait");
    assert_eq!(v("TIMEOUT"), "Timeout");
}

#[test]
fn variant_collisions_are_resolved_independently_of_order() {
    for rows in [
        "FLOOD_WAIT,420,a\nFLOOD_WAIT_X,420,b {seconds}\n",
        "FLOOD_WAIT_X,420,b {seconds}\nFLOOD_WAIT,420,a\n",
    ] {
        let t = table(rows);
        assert_eq!(
            t.get("FLOOD_WAIT").unwrap().rust_variant_name(),
            "FloodWait"
        );
        assert_eq!(
            t.get("FLOOD_WAIT_X").unwrap().rust_variant_name(),
            "FloodWaitX"
        );
    }
}

#[test]
fn remaining_variant_collisions_are_numbered_in_name_order() {
    for rows in [
        "FOO_BAR,400,a\nFOO__BAR,400,b\nFoo_Bar,400,c\nFOO_BAR_2,400,d\n",
        "Foo_Bar,400,c\nFOO_BAR_2,400,d\nFOO__BAR,400,b\nFOO_BAR,400,a\n",
    ] {
        let t = table(rows);
        let v = |n: &str| t.get(n).unwrap().rust_variant_name().to_owned();
        // Bytewise name order: `FOO_BAR` < `FOO__BAR` < `Foo_Bar`; `FooBar2` is taken.
        assert_eq!(v("FOO_BAR"), "FooBar");
        assert_eq!(v("FOO__BAR"), "FooBar3");
        assert_eq!(v("Foo_Bar"), "FooBar4");
        assert_eq!(v("FOO_BAR_2"), "FooBar2");
        assert!(
            t.warnings()
                .iter()
                .all(|w| w.kind == DiagnosticKind::VariantCollision)
        );
        assert_eq!(t.warnings().len(), 2);
    }
    let t = table("TIMEOUT,500,a\nTimedout,-503,b\nTimeout,-503,c\n");
    let w: Vec<String> = t.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        w,
        [
            "t.csv:4:1: warning: error name `Timeout` maps to the Rust variant `Timeout`, as does \
          `TIMEOUT` on line 2; it is named `Timeout2` instead"
        ]
    );
    assert_eq!(t.get("Timedout").unwrap().rust_variant_name(), "Timedout");
    assert_eq!(
        t.lookup("Timeout").unwrap().0.rust_variant_name(),
        "Timeout2"
    );
    assert_eq!(
        t.lookup("TIMEOUT").unwrap().0.rust_variant_name(),
        "Timeout"
    );
}

#[test]
fn empty_identifier_is_an_error() {
    assert_eq!(
        parse_err("___,400,a\n"),
        "t.csv:2:1: error: error name `___` gives an empty Rust identifier"
    );
}

#[test]
fn duplicate_names_are_errors() {
    assert_eq!(
        parse_err("A,400,x\nB,400,y\nA,403,z\nA,420,w\n"),
        "t.csv:4:1: error: duplicate error name `A`: first defined on line 2\n\
         t.csv:5:1: error: duplicate error name `A`: first defined on line 2"
    );
}

#[test]
fn header_is_checked_exactly() {
    for (text, found) in [
        ("Name,codes,description\n", "found `Name,codes,description`"),
        ("name,codes\n", "found `name,codes`"),
        (
            "name,codes,description,extra\n",
            "found `name,codes,description,extra`",
        ),
        ("", "found the end of the file"),
        ("\n\n", "found the end of the file"),
    ] {
        let e = ErrorTable::parse("t.csv", text).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("t.csv:1:1: error: expected header `name,codes,description`, {found}")
        );
        assert_eq!(e[0].kind, DiagnosticKind::Header);
    }
    // A BOM and CRLF line breaks are fine.
    let t = ErrorTable::parse("t.csv", "\u{feff}name,codes,description\r\nA,400,x\r\n").unwrap();
    assert_eq!(t.get("A").unwrap().line, 2);
}

#[test]
fn header_only_is_an_empty_table() {
    let t = ErrorTable::parse("t.csv", "name,codes,description").unwrap();
    assert!(t.is_empty());
    assert!(t.lookup("FLOOD_WAIT_1").is_none());
}

#[test]
fn lookup_exact_then_patterns() {
    let t = fixture_table();
    let look = |m: &str| t.lookup(m).map(|(d, n)| (d.name.clone(), n));
    assert_eq!(
        look("FLOOD_WAIT_42"),
        Some(("FLOOD_WAIT_X".into(), Some(42)))
    );
    assert_eq!(
        look("FILE_PART_7_MISSING"),
        Some(("FILE_PART_X_MISSING".into(), Some(7)))
    );
    assert_eq!(
        look("PHONE_MIGRATE_2"),
        Some(("PHONE_MIGRATE_X".into(), Some(2)))
    );
    assert_eq!(
        look("2FA_CONFIRM_WAIT_604800"),
        Some(("2FA_CONFIRM_WAIT_X".into(), Some(604800)))
    );
    assert_eq!(
        look("INTERDC_4_CALL_ERROR"),
        Some(("INTERDC_X_CALL_ERROR".into(), Some(4)))
    );
    assert_eq!(
        look("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN"),
        Some(("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_XMIN".into(), Some(5)))
    );
    assert_eq!(
        look("FLOOD_PREMIUM_WAIT_3"),
        Some(("FLOOD_PREMIUM_WAIT_X".into(), Some(3)))
    );
    assert_eq!(look("FLOOD_WAIT_0"), Some(("FLOOD_WAIT_X".into(), Some(0))));
    assert_eq!(
        look("FLOOD_WAIT_007"),
        Some(("FLOOD_WAIT_X".into(), Some(7)))
    );
    assert_eq!(
        look("FLOOD_WAIT_4294967295"),
        Some(("FLOOD_WAIT_X".into(), Some(u32::MAX)))
    );
    assert_eq!(look("TIMEOUT"), Some(("TIMEOUT".into(), None)));
}

#[test]
fn lookup_unknown_and_malformed_messages() {
    let t = fixture_table();
    for m in [
        "NOT_IN_THE_TABLE",
        "",
        "FLOOD_WAIT_X",          // the table name is not a message
        "FLOOD_WAIT_",           // no digits
        "FLOOD_WAIT_4294967296", // overflows u32
        "FLOOD_WAIT_99999999999999999999999999",
        "FLOOD_WAIT_-1",
        "FLOOD_WAIT_+1",
        "FLOOD_WAIT_ 1",
        "FLOOD_WAIT_1 ",
        "FLOOD_WAIT_1a",
        "FLOOD_WAIT_١", // non-ASCII digit
        "flood_wait_42",
        "FILE_PART_7",
        "FILE_PART__MISSING",
        "FILE_PART_7_MISSING_",
        "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5",
        "timeout",
    ] {
        assert!(t.lookup(m).is_none(), "{m:?} matched {:?}", t.lookup(m));
    }
}

#[test]
fn exact_names_win_over_patterns() {
    let t = table("FLOOD_WAIT_X,420,{seconds}\nFLOOD_WAIT_0,420,special\n");
    let (d, n) = t.lookup("FLOOD_WAIT_0").unwrap();
    assert_eq!((d.name.as_str(), n), ("FLOOD_WAIT_0", None));
    let (d, n) = t.lookup("FLOOD_WAIT_1").unwrap();
    assert_eq!((d.name.as_str(), n), ("FLOOD_WAIT_X", Some(1)));
}

#[test]
fn longest_prefix_wins() {
    // Both match `A_1_5`: `A_X_5` with 1 and `A_1_X` with 5.
    for rows in ["A_X_5,400,a\nA_1_X,400,b\n", "A_1_X,400,b\nA_X_5,400,a\n"] {
        let t = table(rows);
        let order: Vec<&str> = t.patterns().map(|d| d.name.as_str()).collect();
        assert_eq!(order, ["A_1_X", "A_X_5"]);
        let (d, n) = t.lookup("A_1_5").unwrap();
        assert_eq!((d.name.as_str(), n), ("A_1_X", Some(5)));
        let (d, n) = t.lookup("A_2_5").unwrap();
        assert_eq!((d.name.as_str(), n), ("A_X_5", Some(2)));
    }
}

#[test]
fn pattern_order_is_deterministic() {
    let t = fixture_table();
    let order: Vec<&str> = t.patterns().map(|d| d.name.as_str()).collect();
    assert_eq!(
        order,
        [
            "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_XMIN",
            "FLOOD_PREMIUM_WAIT_X",
            "2FA_CONFIRM_WAIT_X",
            "PHONE_MIGRATE_X",
            "SLOWMODE_WAIT_X",
            "UPLOAD_STATE_X",
            "FLOOD_WAIT_X",
            "FILE_PART_X_MISSING",
            "INTERDC_X_CALL_ERROR",
        ]
    );
    // Same prefix: the longer suffix is tried first.
    let t = table("INTERDC_X_CALL_ERROR,500,{dc}\nINTERDC_X_CALL_RICH_ERROR,500,{dc}\n");
    let order: Vec<&str> = t.patterns().map(|d| d.name.as_str()).collect();
    assert_eq!(order, ["INTERDC_X_CALL_RICH_ERROR", "INTERDC_X_CALL_ERROR"]);
}

#[test]
fn match_param_and_def_matches() {
    assert_eq!(match_param("FLOOD_WAIT_", "", "FLOOD_WAIT_42"), Some(42));
    assert_eq!(match_param("A_", "_A", "A__A"), None);
    assert_eq!(match_param("A_", "_A", "A_A"), None); // prefix and suffix may not overlap
    assert_eq!(match_param("", "", "12"), Some(12));
    let t = fixture_table();
    let flood = t.get("FLOOD_WAIT_X").unwrap();
    assert_eq!(flood.matches("FLOOD_WAIT_9"), Some(Some(9)));
    assert_eq!(flood.matches("FLOOD_WAIT_X"), None);
    let timeout = t.get("TIMEOUT").unwrap();
    assert_eq!(timeout.matches("TIMEOUT"), Some(None));
    assert_eq!(timeout.matches("TIMEOUT_1"), None);
}

#[test]
fn error_classes() {
    let cases = [
        (303, ErrorClass::SeeOther, "303 SEE_OTHER"),
        (400, ErrorClass::BadRequest, "400 BAD_REQUEST"),
        (401, ErrorClass::Unauthorized, "401 UNAUTHORIZED"),
        (403, ErrorClass::Forbidden, "403 FORBIDDEN"),
        (406, ErrorClass::NotAcceptable, "406 NOT_ACCEPTABLE"),
        (420, ErrorClass::Flood, "420 FLOOD"),
        (500, ErrorClass::Internal, "500 INTERNAL"),
        (-503, ErrorClass::Other(-503), "-503"),
        (404, ErrorClass::Other(404), "404"),
    ];
    for (code, class, text) in cases {
        assert_eq!(ErrorClass::from_code(code), class);
        assert_eq!(class.code(), code);
        assert_eq!(class.to_string(), text);
    }
    assert_eq!(ErrorClass::NAMED.len(), 7);
    assert_eq!(format!("{:?}", ErrorClass::Flood), "Flood");
    assert_eq!(ErrorClass::Other(1).tl_name(), None);
}

#[test]
fn names_with_bad_characters() {
    assert_eq!(
        parse_err("FLOOD-WAIT,420,x\n\"\",400,y\nÉCHEC,400,z\n"),
        "t.csv:2:6: error: invalid character `-` in error name `FLOOD-WAIT`: expected ASCII \
         letters, digits and `_`\n\
         t.csv:3:2: error: empty error name: expected a name such as `FLOOD_WAIT_X`\n\
         t.csv:4:1: error: invalid character `É` in error name `ÉCHEC`: expected ASCII letters, \
         digits and `_`"
    );
}
