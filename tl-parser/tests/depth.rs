//! Deeply nested types are a diagnostic, never a stack overflow (on a normal test thread).

use tlgen_parser::{DiagnosticKind, MAX_TYPE_DEPTH, ParseOptions, Schema, TypeRef, parse};

/// `deep#12345678 x:Vector<Vector<...<int>...>> = Deep;` with `depth` levels of arguments.
fn angle(depth: usize) -> String {
    format!(
        "deep#12345678 x:{}int{} = Deep;\nnext = Next;\n",
        "Vector<".repeat(depth),
        ">".repeat(depth)
    )
}

/// The same in TON's spelling: `x:(vector (vector ... int))`.
fn paren(depth: usize) -> String {
    format!(
        "deep#12345678 x:{}int{} = Deep;\nnext = Next;\n",
        "(vector ".repeat(depth),
        ")".repeat(depth)
    )
}

fn lenient() -> ParseOptions {
    ParseOptions {
        id_mismatch: tlgen_parser::Level::Ignore,
        ..ParseOptions::default()
    }
}

/// The column (1-based) of the `n`-th (0-based) occurrence of `needle` in `line`.
fn column_of(line: &str, needle: &str, n: usize) -> u32 {
    let at = line.match_indices(needle).nth(n).expect("occurrence").0;
    at as u32 + 1
}

/// `nth` is the 0-based occurrence of `needle` at which the error is expected.
fn assert_too_deep(src: &str, needle: &str, nth: usize) {
    let parsed = parse("deep.tl", src, &lenient());
    let errors: Vec<_> = parsed.errors().collect();
    assert_eq!(errors.len(), 1, "{:?}", &errors[..errors.len().min(3)]);
    let e = errors[0];
    assert_eq!(e.kind, DiagnosticKind::TooDeep);
    assert_eq!(e.kind.code(), "nesting-too-deep");
    assert_eq!(e.line(), 1);
    // At the type one level too deep.
    assert_eq!(e.column(), column_of(src, needle, nth));
    assert!(
        e.message.contains(&MAX_TYPE_DEPTH.to_string()),
        "{}",
        e.message
    );
    // The statement is skipped, the next one is read.
    let names: Vec<String> = parsed
        .schema
        .definitions
        .iter()
        .map(|d| d.full_name())
        .collect();
    assert_eq!(names, ["next"]);
    // Rendering the diagnostic is fine too (the source line is long but one line).
    assert!(e.to_string().starts_with("deep.tl:1:"));
}

#[test]
fn thirty_thousand_deep_angle_brackets() {
    let src = angle(30_000);
    assert!(src.len() > 240_000);
    // The outermost type is at depth 0, so the error is at the (MAX + 2)-th `Vector`.
    assert_too_deep(&src, "Vector", MAX_TYPE_DEPTH + 1);
}

#[test]
fn thirty_thousand_deep_parentheses() {
    // The (MAX + 1)-th `(` opens level MAX + 1.
    assert_too_deep(&paren(30_000), "(vector", MAX_TYPE_DEPTH);
}

#[test]
fn five_thousand_deep_both_spellings() {
    assert_too_deep(&angle(5_000), "Vector", MAX_TYPE_DEPTH + 1);
    assert_too_deep(&paren(5_000), "(vector", MAX_TYPE_DEPTH);
}

#[test]
fn redundant_parentheses_count_too() {
    let src = format!(
        "deep x:{}int{} = Deep;\nnext = Next;\n",
        "(".repeat(30_000),
        ")".repeat(30_000)
    );
    assert_too_deep(&src, "(", MAX_TYPE_DEPTH);
}

#[test]
fn deep_result_types_and_mixed_spellings() {
    let src = format!(
        "---functions---\ndeep = {}int{};\nnext = Next;\n",
        "Vector<(vector ".repeat(10_000),
        ")>".repeat(10_000)
    );
    let parsed = parse("deep.tl", &src, &lenient());
    let kinds: Vec<_> = parsed.errors().map(|d| d.kind).collect();
    assert_eq!(kinds, [DiagnosticKind::TooDeep]);
    assert_eq!(parsed.schema.definitions.len(), 1);
}

#[test]
fn unclosed_deep_nesting() {
    // No `>` at all, and no `;`: still one diagnostic, no overflow.
    let src = format!("deep x:{}int = Deep;\n", "Vector<".repeat(30_000));
    let parsed = parse("deep.tl", &src, &lenient());
    assert_eq!(
        parsed.errors().map(|d| d.kind).collect::<Vec<_>>(),
        [DiagnosticKind::TooDeep]
    );
    let src = "deep x:Vector<".repeat(30_000);
    let parsed = parse("deep.tl", &src, &lenient());
    assert!(parsed.has_errors());
}

#[test]
fn the_limit_itself_is_accepted_and_round_trips() {
    for src in [angle(MAX_TYPE_DEPTH), paren(MAX_TYPE_DEPTH)] {
        let parsed = parse("deep.tl", &src, &lenient());
        assert!(!parsed.has_errors(), "{:?}", parsed.diagnostics);
        let s = &parsed.schema;
        assert_eq!(s.definitions.len(), 2);
        let printed = s.to_string();
        let back = parse("printed.tl", &printed, &lenient());
        assert!(!back.has_errors(), "{:?}", back.diagnostics);
        assert_eq!(back.schema.without_spans(), s.without_spans());
        let text = s.definitions[0].normalized_text();
        assert_eq!(
            text.matches("vector").count() + text.matches("Vector").count(),
            MAX_TYPE_DEPTH
        );
    }
    // One more is too deep.
    assert!(parse("deep.tl", &angle(MAX_TYPE_DEPTH + 1), &lenient()).has_errors());
}

/// A hand-built AST deeper than the parser would make: printing and ID normalisation loop over
/// the chain instead of recursing. (The derived `Clone`, `PartialEq`, `Debug` and the drop of
/// such a chain are recursive, so it is taken apart by hand at the end; the parser never builds
/// one.)
#[test]
fn printing_and_normalising_a_hand_built_deep_ast() {
    const DEPTH: usize = 100_000;
    let leaf = TypeRef {
        namespace: vec![],
        name: "int".into(),
        bare: true,
        generic_ref: false,
        generic_arg: None,
        span: Default::default(),
    };
    let mut ty = leaf.clone();
    for _ in 0..DEPTH {
        ty = TypeRef {
            name: "Vector".into(),
            bare: false,
            generic_arg: Some(Box::new(ty)),
            ..leaf.clone()
        };
    }
    let text = ty.to_string();
    assert!(
        text.starts_with("Vector<Vector<") && text.ends_with(&format!("<int{}", ">".repeat(DEPTH)))
    );
    assert_eq!(text.len(), DEPTH * "Vector<>".len() + 3);
    let parsed = parse("x.tl", "x a:int = X;\n", &ParseOptions::default());
    let mut schema: Schema = parsed.schema;
    if let Some(tlgen_parser::ParamType::Normal { ty: slot, .. }) =
        schema.definitions[0].params.get_mut(0).map(|p| &mut p.ty)
    {
        *slot = ty;
    }
    let norm = schema.definitions[0].normalized_text();
    assert!(norm.starts_with("x a:Vector Vector") && norm.ends_with("Vector int = X"));
    let printed = schema.to_string();
    assert!(printed.contains("x a:Vector<Vector<"));
    if let Some(tlgen_parser::ParamType::Normal { ty, .. }) =
        schema.definitions[0].params.get_mut(0).map(|p| &mut p.ty)
    {
        let mut next = ty.generic_arg.take();
        while let Some(mut t) = next {
            next = t.generic_arg.take();
        }
    }
}
