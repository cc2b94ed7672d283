//! The method table: parsing rules, the fixture table and validation.

use std::path::PathBuf;

use tlgen_errors::{DiagnosticKind, ErrorTable, MethodTable, Severity, Usability};

fn fixture(name: &str) -> (String, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../schema/errors")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (format!("schema/errors/{name}"), text)
}

fn errors() -> ErrorTable {
    let (file, text) = fixture("errors.csv");
    ErrorTable::parse(&file, &text).unwrap_or_else(|e| panic!("{e}"))
}

fn methods() -> MethodTable {
    let (file, text) = fixture("methods.csv");
    MethodTable::parse(&file, &text).unwrap_or_else(|e| panic!("{e}"))
}

fn table(rows: &str) -> MethodTable {
    MethodTable::parse("m.csv", &format!("method,usability,errors\n{rows}"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn parse_err(rows: &str) -> String {
    MethodTable::parse("m.csv", &format!("method,usability,errors\n{rows}"))
        .unwrap_err()
        .to_string()
}

#[test]
fn fixture_parses() {
    let m = methods();
    assert_eq!(m.len(), 10);
    assert!(m.warnings().is_empty());
    assert_eq!(m.file(), "schema/errors/methods.csv");
}

#[test]
fn fixture_auth_reset_authorizations() {
    let (errors, methods) = (errors(), methods());
    let m = methods.get("auth.resetAuthorizations").unwrap();
    assert_eq!(m.usability, Usability::User);
    assert_eq!(m.usability.bots_can_use(), Some(false));
    assert_eq!(m.usability.bots_can_use_text(), "No");
    assert_eq!(m.line, 3);
    assert_eq!(
        m.error_names().collect::<Vec<_>>(),
        ["FRESH_RESET_AUTHORISATION_FORBIDDEN"]
    );
    let e = m.resolve(&errors);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].codes, [406]);
    assert_eq!(e[0].rust_variant_name(), "FreshResetAuthorisationForbidden");
    assert_eq!(
        e[0].description,
        "You can't logout other sessions if less than 24 hours have passed since you logged on \
         the current session"
    );
}

#[test]
fn fixture_validates_against_the_fixture_errors() {
    let (errors, methods) = (errors(), methods());
    assert!(methods.validate(&errors, None).is_empty());
    let every_method_known = |_: &str| true;
    assert!(
        methods
            .validate(&errors, Some(&every_method_known))
            .is_empty()
    );
}

#[test]
fn a_method_the_schema_lacks_is_a_warning() {
    let (errors, methods) = (errors(), methods());
    let known = |name: &str| name != "legacy.removedMethod";
    let d = methods.validate(&errors, Some(&known));
    let text: Vec<String> = d.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "schema/errors/methods.csv:8:1: warning: method `legacy.removedMethod` is not defined in \
          the schema; its row is not used"
        ]
    );
    assert_eq!(
        (d[0].severity, d[0].kind),
        (Severity::Warning, DiagnosticKind::UnknownMethod)
    );
    assert!(!d[0].is_error());
}

#[test]
fn unknown_errors_are_errors_with_position() {
    let errors = errors();
    let m = table("a.b,user,FLOOD_WAIT_X NOPE\nc.d,both,  ALSO_NOPE\n");
    let d = m.validate(&errors, Some(&|n: &str| n != "c.d"));
    let text: Vec<String> = d.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "m.csv:2:23: error: method `a.b` lists unknown error `NOPE`: it is not in \
             schema/errors/errors.csv",
            "m.csv:3:1: warning: method `c.d` is not defined in the schema; its row is not used",
            "m.csv:3:12: error: method `c.d` lists unknown error `ALSO_NOPE`: it is not in \
             schema/errors/errors.csv",
        ]
    );
    // The wire form of a pattern is not a table name.
    let d = table("a.b,user,FLOOD_WAIT_5\n").validate(&errors, None);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].kind, DiagnosticKind::UnknownError);
}

#[test]
fn usability_values() {
    let m = table("a,user,\nb,bot,\nc,both,\nd,unknown,\n");
    let u: Vec<Usability> = m.methods().iter().map(|m| m.usability).collect();
    assert_eq!(
        u,
        [
            Usability::User,
            Usability::Bot,
            Usability::Both,
            Usability::Unknown
        ]
    );
    let bots: Vec<&str> = u.iter().map(|u| u.bots_can_use_text()).collect();
    assert_eq!(bots, ["No", "Yes", "Yes", "Unknown"]);
    assert_eq!(Usability::Bot.users_can_use(), Some(false));
    assert_eq!(Usability::Unknown.to_string(), "unknown");
    assert_eq!(
        parse_err("a,User,\nb,,\n"),
        "m.csv:2:3: error: expected usability `user`, `bot`, `both` or `unknown`, found `User`\n\
         m.csv:3:3: error: expected usability `user`, `bot`, `both` or `unknown`, found ``"
    );
}

#[test]
fn error_lists() {
    let m = table("a,user,\nb,user,A  B\tC \nc,user,\"A B\"\nd,user,A B A\n");
    let names = |n: &str| {
        m.get(n)
            .unwrap()
            .error_names()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert!(names("a").is_empty());
    assert_eq!(names("b"), ["A", "B", "C"]);
    assert_eq!(names("c"), ["A", "B"]);
    assert_eq!(names("d"), ["A", "B"]);
    let cols: Vec<u32> = m
        .get("b")
        .unwrap()
        .errors
        .iter()
        .map(|e| e.column)
        .collect();
    assert_eq!(cols, [8, 11, 13]);
    assert_eq!(m.get("c").unwrap().errors[0].column, 9);
    let w: Vec<String> = m.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        w,
        ["m.csv:5:12: warning: error `A` is listed twice for `d`; the duplicate is ignored"]
    );
}

#[test]
fn bad_rows() {
    assert_eq!(
        parse_err("a.b,user\n,user,\na b,user,\na.b,user,X,Y\na.c,user,A,B\nx,user,A;B\nx,user,\n"),
        "m.csv:2:9: error: expected 3 fields (method,usability,errors), found 2\n\
         m.csv:3:1: error: empty method name: expected a name such as `auth.resetAuthorizations`\n\
         m.csv:4:2: error: invalid character ` ` in method name `a b`: expected ASCII letters, \
         digits, `_` and `.`\n\
         m.csv:5:12: error: expected 3 fields (method,usability,errors), found 4\n\
         m.csv:6:12: error: expected 3 fields (method,usability,errors), found 4\n\
         m.csv:7:9: error: invalid character `;` in error name `A;B`: expected ASCII letters, \
         digits and `_`, names separated by spaces\n\
         m.csv:8:1: error: duplicate method `x`: first listed on line 7"
    );
}

#[test]
fn header_is_required() {
    assert_eq!(
        MethodTable::parse("m.csv", "auth.logOut,both,\n")
            .unwrap_err()
            .to_string(),
        "m.csv:1:1: error: expected header `method,usability,errors`, found `auth.logOut,both,`"
    );
    assert_eq!(
        MethodTable::parse("m.csv", "").unwrap_err().to_string(),
        "m.csv:1:1: error: expected header `method,usability,errors`, found the end of the file"
    );
}
