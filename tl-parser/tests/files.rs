//! Several files checked together (`parse_files`), and IDs shared on purpose.

use tlgen_parser::{DiagnosticKind, Level, ParseOptions, parse, parse_files};

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schema")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_type_declared_in_another_file_is_known() {
    let files = [
        (
            "types.tl",
            "boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\n",
        ),
        (
            "rpc.tl",
            "---functions---\nauth.resetAuthorizations#9fab0d1a = Bool;\n",
        ),
    ];
    let parsed = parse_files(&files, &ParseOptions::strict());
    assert!(parsed.diagnostics().next().is_none(), "{:?}", parsed.files);
    assert_eq!(parsed.files.len(), 2);
    assert_eq!(parsed.files[1].file, "rpc.tl");
    assert_eq!(parsed.files[1].schema.functions().count(), 1);
    // Alone, rpc.tl does not know Bool.
    let alone = parse("rpc.tl", files[1].1, &ParseOptions::default());
    let w: Vec<_> = alone.warnings().collect();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].kind, DiagnosticKind::UnknownType);
    // In either order.
    let reversed = [files[1], files[0]];
    assert!(
        parse_files(&reversed, &ParseOptions::strict())
            .diagnostics()
            .next()
            .is_none()
    );
}

#[test]
fn the_repository_fixtures_merge_without_warnings() {
    let files = [
        ("schema/fixture.tl", fixture("fixture.tl")),
        ("schema/errors/rpc.tl", fixture("errors/rpc.tl")),
    ];
    let parsed = parse_files(&files, &ParseOptions::default());
    let all: Vec<String> = parsed.diagnostics().map(|d| d.to_string()).collect();
    assert!(all.is_empty(), "{all:#?}");
}

#[test]
fn a_duplicate_name_across_files_names_both() {
    let files = [
        ("a.tl", "point x:int = Point;\n"),
        ("b.tl", "// b\n  point x:int y:int = Point;\n"),
    ];
    let parsed = parse_files(&files, &ParseOptions::default());
    assert!(parsed.files[0].diagnostics.is_empty());
    let e: Vec<_> = parsed.files[1].errors().collect();
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].kind, DiagnosticKind::DuplicateName);
    assert_eq!(e[0].file, "b.tl");
    assert_eq!((e[0].line(), e[0].column()), (2, 3));
    assert_eq!(
        e[0].message,
        "duplicate definition `point`: first defined at a.tl:1:1"
    );
    assert!(
        e[0].to_string().starts_with(
            "b.tl:2:3: error: duplicate definition `point`: first defined at a.tl:1:1"
        )
    );
    assert!(parsed.has_errors());
    assert!(parsed.clone().into_result().is_err());
}

#[test]
fn the_same_declaration_in_two_files_is_one_definition() {
    let text = "point x:int = Point;\n";
    let parsed = parse_files(&[("a.tl", text), ("b.tl", text)], &ParseOptions::strict());
    assert!(!parsed.has_errors(), "{:?}", parsed.files);
    let schemas = parsed.into_result().expect("valid");
    assert_eq!(schemas.len(), 2);
    // Within one file a repeat is still an error.
    let twice = parse(
        "a.tl",
        "point x:int = Point;\npoint x:int = Point;\n",
        &ParseOptions::default(),
    );
    assert_eq!(
        twice.errors().map(|d| d.kind).collect::<Vec<_>>(),
        [DiagnosticKind::DuplicateName]
    );
}

#[test]
fn a_duplicate_id_across_files_says_where_the_first_is() {
    let files = [
        ("a.tl", "ping#7abe77ec = Pong;\npong = Pong;\n"),
        ("b.tl", "pang#7abe77ec = Pong;\n"),
    ];
    let parsed = parse_files(
        &files,
        &ParseOptions {
            id_mismatch: Level::Ignore,
            ..ParseOptions::default()
        },
    );
    let e: Vec<_> = parsed.errors().collect();
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].kind, DiagnosticKind::DuplicateId);
    assert_eq!(e[0].file, "b.tl");
    assert_eq!(
        e[0].message,
        "duplicate ID #7abe77ec: `pang` has the same ID as `ping` at a.tl:1:1"
    );
}

#[test]
fn diagnostics_go_to_their_own_file() {
    let files = [
        ("a.tl", "ok = Ok;\nbad x:Nope = Ok;\n"),
        ("b.tl", "syntax error here\n"),
        ("c.tl", "fine y:Ok = Ok;\n"),
    ];
    let parsed = parse_files(&files, &ParseOptions::default());
    let per_file: Vec<Vec<(String, DiagnosticKind)>> = parsed
        .files
        .iter()
        .map(|f| {
            f.diagnostics
                .iter()
                .map(|d| (d.file.clone(), d.kind))
                .collect()
        })
        .collect();
    assert_eq!(
        per_file,
        [
            vec![("a.tl".to_string(), DiagnosticKind::UnknownType)],
            vec![("b.tl".to_string(), DiagnosticKind::Syntax)],
            vec![],
        ]
    );
    assert!(
        parse_files::<&str, &str>(&[], &ParseOptions::default())
            .files
            .is_empty()
    );
}

const PREFIX_PAIRS: [(&str, &str); 4] = [
    (
        "invokeWithBusinessConnectionPrefix",
        "invokeWithBusinessConnection",
    ),
    (
        "invokeWithGooglePlayIntegrityPrefix",
        "invokeWithGooglePlayIntegrity",
    ),
    ("invokeWithApnsSecretPrefix", "invokeWithApnsSecret"),
    ("invokeWithReCaptchaPrefix", "invokeWithReCaptcha"),
];

#[test]
fn ids_shared_on_purpose_are_rejected_by_default() {
    let src = fixture("tdlib/telegram_api_prefix.tl");
    let parsed = parse("telegram_api_prefix.tl", &src, &ParseOptions::strict());
    let dup: Vec<_> = parsed
        .errors()
        .filter(|d| d.kind == DiagnosticKind::DuplicateId)
        .collect();
    assert_eq!(dup.len(), 4, "{:?}", parsed.diagnostics);
    for (d, (prefix, full)) in dup.iter().zip(PREFIX_PAIRS) {
        assert!(
            d.message
                .contains(&format!("`{prefix}` has the same ID as `{full}`")),
            "{}",
            d.message
        );
        assert!(
            d.help
                .as_deref()
                .is_some_and(|h| h.contains("--allow-duplicate-id"))
        );
    }
    // The prefixes' written IDs are not the CRC32 of their own text either.
    let mismatches = parsed
        .errors()
        .filter(|d| d.kind == DiagnosticKind::IdMismatch)
        .count();
    assert_eq!(mismatches, 4);
    assert_eq!(parsed.errors().count(), 8);
}

#[test]
fn ids_shared_on_purpose_are_accepted_when_allowed() {
    let src = fixture("tdlib/telegram_api_prefix.tl");
    // Either member of each pair will do.
    for pick in [0, 1, 2] {
        let mut opts = ParseOptions::strict();
        for (i, (prefix, full)) in PREFIX_PAIRS.iter().enumerate() {
            let name = match pick {
                0 => prefix,
                1 => full,
                _ => {
                    if i % 2 == 0 {
                        prefix
                    } else {
                        full
                    }
                }
            };
            opts = opts.allow_duplicate_id(*name);
        }
        let parsed = parse("telegram_api_prefix.tl", &src, &opts);
        assert!(
            parsed.diagnostics.is_empty(),
            "pick {pick}: {:?}",
            parsed.diagnostics
        );
        assert_eq!(parsed.schema.functions().count(), 8);
    }
    // Three allowed: the fourth pair is still reported.
    let mut opts = ParseOptions::strict();
    for (prefix, _) in &PREFIX_PAIRS[..3] {
        opts = opts.allow_duplicate_id(*prefix);
    }
    let parsed = parse("telegram_api_prefix.tl", &src, &opts);
    let kinds: Vec<_> = parsed.errors().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [DiagnosticKind::IdMismatch, DiagnosticKind::DuplicateId]
    );
    assert!(parsed.errors().all(|d| {
        d.source_line
            .as_deref()
            .is_some_and(|l| l.starts_with("invokeWithReCaptchaPrefix#"))
    }));
}

#[test]
fn allowing_a_shared_id_does_not_excuse_an_unrelated_mismatch() {
    // `b` writes the ID of `a` but `a` does not prove it (its own ID is wrong as well).
    let src = "a#00000001 = A;\nb#00000001 = A;\n";
    let parsed = parse(
        "t.tl",
        src,
        &ParseOptions::default().allow_duplicate_id("a"),
    );
    let kinds: Vec<_> = parsed.errors().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [DiagnosticKind::IdMismatch, DiagnosticKind::IdMismatch]
    );
}
