//! Printing a parsed schema and parsing it again gives the same AST (spans aside).

use proptest::prelude::*;
use tlgen_parser::{
    Category, Definition, Flag, GenericParam, Level, ParamType, Parameter, ParseOptions, Schema,
    Span, TypeRef, parse,
};

fn lenient() -> ParseOptions {
    ParseOptions {
        id_mismatch: Level::Ignore,
        unknown_types: Level::Ignore,
        duplicate_ids: Level::Ignore,
        ..ParseOptions::default()
    }
}

fn reparse(schema: &Schema) -> Schema {
    let text = schema.to_string();
    let parsed = parse("printed.tl", &text, &lenient());
    assert!(
        !parsed.has_errors(),
        "printed schema does not parse:\n{text}\n{}",
        tlgen_parser::Diagnostics(parsed.diagnostics.clone())
    );
    parsed.schema
}

fn lower_ident() -> impl Strategy<Value = String> {
    "[a-z][a-zA-Z0-9_]{0,8}".prop_filter("not a primitive", |s| {
        !tlgen_parser::PRIMITIVE_NAMES.contains(&s.as_str()) && s != "true"
    })
}

fn upper_ident() -> impl Strategy<Value = String> {
    "[A-Z][a-zA-Z0-9_]{0,8}"
}

fn type_ref() -> impl Strategy<Value = TypeRef> {
    let leaf = prop_oneof![
        prop::sample::select(vec![
            "int", "long", "string", "bytes", "double", "int128", "int256"
        ])
        .prop_map(|n| simple(vec![], n.to_string(), true)),
        (
            prop::option::of(lower_ident()),
            upper_ident(),
            any::<bool>()
        )
            .prop_map(|(ns, n, bare)| simple(ns.into_iter().collect(), n, bare)),
        lower_ident().prop_map(|n| simple(vec![], n, true)),
    ];
    leaf.prop_recursive(3, 8, 1, |inner| {
        (any::<bool>(), inner).prop_map(|(boxed, arg)| TypeRef {
            generic_arg: Some(Box::new(arg)),
            ..simple(
                vec![],
                if boxed { "Vector" } else { "vector" }.to_string(),
                !boxed,
            )
        })
    })
}

fn simple(namespace: Vec<String>, name: String, bare: bool) -> TypeRef {
    let bare = bare || name.starts_with(|c: char| c.is_ascii_lowercase());
    TypeRef {
        namespace: namespace.into_iter().map(Into::into).collect(),
        name: name.into(),
        bare,
        generic_ref: false,
        generic_arg: None,
        span: Span::default(),
    }
}

fn doc() -> impl Strategy<Value = Option<String>> {
    prop::option::of("[A-Za-z][a-z]{0,6}( [a-z]{1,6}){0,4}")
}

prop_compose! {
    fn definition()(
        namespace in prop::option::of(lower_ident()),
        name in lower_ident(),
        explicit_id in prop::option::of(any::<u32>()),
        is_function in any::<bool>(),
        generic in any::<bool>(),
        plain in prop::collection::vec((lower_ident(), type_ref(), doc()), 0..5),
        conditional in prop::collection::vec((lower_ident(), prop::option::of(type_ref()), 0u32..32, doc()), 0..4),
        result_ns in prop::option::of(lower_ident()),
        result in upper_ident(),
        doc in doc(),
    ) -> Definition {
        let mut params = Vec::new();
        let mut seen = std::collections::HashSet::new();
        if !conditional.is_empty() {
            seen.insert("flags".to_string());
            params.push(Parameter { name: "flags".into(), ty: ParamType::Flags, doc: None, span: Span::default() });
        }
        for (pname, ty, pdoc) in plain {
            if seen.insert(pname.clone()) {
                params.push(Parameter { name: pname.into(), ty: ParamType::Normal { ty, flag: None }, doc: pdoc, span: Span::default() });
            }
        }
        for (pname, ty, bit, pdoc) in conditional {
            if seen.insert(pname.clone()) {
                let ty = ty.unwrap_or_else(|| simple(vec![], "true".into(), true));
                params.push(Parameter {
                    name: pname.into(),
                    ty: ParamType::Normal { ty, flag: Some(Flag { name: "flags".into(), bit }) },
                    doc: pdoc,
                    span: Span::default(),
                });
            }
        }
        let mut generics = Vec::new();
        if generic && is_function {
            generics.push(GenericParam { name: "X".into(), kind: "Type".into(), span: Span::default() });
            if seen.insert("query".into()) {
                params.push(Parameter {
                    name: "query".into(),
                    ty: ParamType::Normal { ty: TypeRef { generic_ref: true, ..simple(vec![], "X".into(), false) }, flag: None },
                    doc: None,
                    span: Span::default(),
                });
            }
        }
        let mut d = Definition {
            namespace: namespace.into_iter().map(Into::into).collect(),
            name: name.into(),
            explicit_id,
            computed_id: 0,
            category: if is_function { Category::Function } else { Category::Type },
            generics,
            params,
            result: simple(result_ns.into_iter().collect(), result, false),
            doc,
            span: Span::default(),
            id_span: explicit_id.map(|_| Span::default()),
        };
        d.computed_id = tlgen_parser::crc32_id(&d.normalized_text());
        d
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn print_then_parse_is_identity(
        layer in prop::option::of(1u32..1000),
        mut definitions in prop::collection::vec(definition(), 0..12),
    ) {
        // Two random definitions may get the same name: a duplicate is (rightly) an error.
        let mut seen = std::collections::HashSet::new();
        definitions.retain(|d| seen.insert((d.namespace.clone(), d.name.clone())));
        // Sections are printed in order, so sort types before functions to keep source order.
        definitions.sort_by_key(|d| d.category);
        let schema = Schema { layer, definitions, builtins: vec![], type_docs: vec![] };
        let back = reparse(&schema).without_spans();
        prop_assert_eq!(back, schema.without_spans());
    }
}

/// TON's spelling of a type: `(vector (Vector %Message))` for `vector<Vector<%Message>>`.
fn paren_spelling(t: &TypeRef) -> String {
    let head = TypeRef {
        generic_arg: None,
        ..t.clone()
    };
    match &t.generic_arg {
        Some(arg) => format!("({head} {})", paren_spelling(arg)),
        None => head.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// `(Name Arg)` parses to the same type as `Name<Arg>`, and prints back as `Name<Arg>`.
    #[test]
    fn parenthesised_spelling_is_the_same_type(ty in type_ref(), conditional in any::<bool>()) {
        let (flags, cond) = if conditional { ("flags:# ", "flags.3?") } else { ("", "") };
        let angle = format!("x {flags}a:{cond}{ty} = X;\n");
        let paren = format!("x {flags}a:{cond}{} = X;\n", paren_spelling(&ty));
        let a = parse("a.tl", &angle, &lenient());
        let p = parse("p.tl", &paren, &lenient());
        prop_assert!(!a.has_errors() && !p.has_errors(), "{angle}{paren}{:?}", p.diagnostics);
        prop_assert_eq!(a.schema.without_spans(), p.schema.without_spans());
        prop_assert_eq!(p.schema.to_string().contains(&format!("a:{cond}{ty} ")), true);
        prop_assert_eq!(a.schema.definitions[0].computed_id, p.schema.definitions[0].computed_id);
    }
}

#[test]
fn real_schemas_round_trip() {
    let Some(dir) = tlgen_test_support::schema_dir(&[]) else {
        return;
    };
    for file in [
        "api.tl",
        "mtproto.tl",
        "td_api.tl",
        "api-228.tl",
        "lite_api.tl",
    ] {
        let src = std::fs::read_to_string(dir.join(file)).expect("read schema");
        let first = parse(file, &src, &lenient()).schema;
        let second = reparse(&first);
        assert_eq!(second.without_spans(), first.without_spans(), "{file}");
    }
}
