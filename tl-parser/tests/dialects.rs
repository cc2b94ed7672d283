//! TON's dialect: parenthesised type applications, multi-line declarations and TON's ID rule;
//! the presets of `ParseOptions`.

use tlgen_parser::{
    DiagnosticKind, IdRule, Level, ParamType, ParseOptions, Schema, TypeRef, parse,
};

fn ok_with(src: &str, opts: &ParseOptions) -> Schema {
    let parsed = parse("t.tl", src, opts);
    assert!(
        !parsed.has_errors(),
        "unexpected errors:\n{}",
        tlgen_parser::Diagnostics(parsed.diagnostics.clone())
    );
    parsed.schema
}

fn param_type(s: &Schema, def: usize, param: usize) -> &TypeRef {
    s.definitions[def].params[param]
        .ty
        .type_ref()
        .expect("a value parameter")
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schema")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn parenthesised_application_is_the_same_type_as_angle_brackets() {
    let opts = ParseOptions::default();
    let paren = ok_with(
        "x a:(vector int) b:(vector (vector int)) c:( Vector  long ) d:(int) e:Vector<(vector %Message)> = X;\n",
        &opts,
    );
    let angle = ok_with(
        "x a:vector<int> b:vector<vector<int>> c:Vector<long> d:int e:Vector<vector<%Message>> = X;\n",
        &opts,
    );
    assert_eq!(paren.without_spans(), angle.without_spans());
    let a = param_type(&paren, 0, 0);
    assert!(a.bare);
    assert_eq!(a.name, "vector");
    assert_eq!(a.to_string(), "vector<int>");
    assert_eq!(param_type(&paren, 0, 1).to_string(), "vector<vector<int>>");
    // The span covers the parentheses.
    let src = "x a:(vector int) = X;\n";
    let s = ok_with(src, &opts);
    let span = param_type(&s, 0, 0).span;
    assert_eq!(&src[span.range()], "(vector int)");
}

#[test]
fn parenthesised_application_in_conditionals_and_results() {
    let s = ok_with(
        "x mode:# a:mode.0?(vector int) b:mode.31?(vector (vector X.y)) = X;\n---functions---\nf = (Vector int);\n",
        &ParseOptions {
            unknown_types: Level::Ignore,
            ..ParseOptions::default()
        },
    );
    let a = &s.definitions[0].params[1];
    assert_eq!(
        a.ty.flag().map(|f| (f.name.as_str(), f.bit)),
        Some(("mode", 0))
    );
    assert_eq!(param_type(&s, 0, 1).to_string(), "vector<int>");
    assert_eq!(param_type(&s, 0, 2).to_string(), "vector<vector<X.y>>");
    assert_eq!(s.definitions[1].result.to_string(), "Vector<int>");
}

#[test]
fn parenthesised_application_errors_say_what_was_expected() {
    for (src, expected, col) in [
        (
            "x a:(vector int long) = X;\n",
            "expected `)` closing the type application (it takes one argument), found `long`",
            17,
        ),
        (
            "x a:(vector int = X;\n",
            "expected `)` closing the type application (it takes one argument), found `=`",
            17,
        ),
        ("x a:() = X;\n", "expected a type name, found `)`", 6),
        (
            "x a:(vector) b:( = X;\n",
            "expected a type name, found `=`",
            18,
        ),
    ] {
        let parsed = parse("t.tl", src, &ParseOptions::default());
        let errors: Vec<_> = parsed.errors().collect();
        assert_eq!(errors.len(), 1, "{src}: {errors:?}");
        assert_eq!(errors[0].kind, DiagnosticKind::Syntax);
        assert_eq!(errors[0].message, expected, "{src}");
        assert_eq!(errors[0].column(), col, "{src}");
    }
}

#[test]
fn ton_multi_line_declarations() {
    let src = "test.chunk\n    mode:#\n    parts:mode.0?(vector bytes)\n    last:mode.1?true // a comment\n    data:bytes\n    = test.Chunk;\nnext = Next;\n";
    let s = ok_with(src, &ParseOptions::ton());
    let d = &s.definitions[0];
    assert_eq!(d.full_name(), "test.chunk");
    assert_eq!(d.params.len(), 4);
    assert_eq!(
        d.params.iter().map(|p| p.span.line).collect::<Vec<_>>(),
        [2, 3, 4, 5]
    );
    assert_eq!(d.result.full_name(), "test.Chunk");
    assert_eq!(s.definitions[1].span.line, 7);
}

#[test]
fn ton_fixture_ids() {
    let parsed = parse(
        "lite.tl",
        &fixture("ton/lite.tl"),
        &ParseOptions::strict().with_id_rule(IdRule::Ton),
    );
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let s = &parsed.schema;
    let ids: Vec<(String, u32)> = s
        .definitions
        .iter()
        .map(|d| (d.full_name(), d.id()))
        .collect();
    // CRC32s of the normalised lines, computed outside this project (zlib).
    let expected: [(&str, u32); 14] = [
        ("true", 0x3fedd339),
        ("boolTrue", 0x997275b5),
        ("boolFalse", 0xbc799737),
        ("test.blockId", 0xfade3456),
        ("test.blockIdExt", 0x32d125ff),
        ("test.blockList", 0x91812601),
        ("test.grid", 0xa1259d71),
        ("test.chunk", 0x81e4baaa),
        ("test.getBlocks", 0x83d9b257),
        ("test.getGrid", 0x696b8929),
        ("test.query", 0xa580491e),
        ("secureString", 0x8ea8c283),
        ("secureBytes", 0xbad71dc7),
        ("test.wallet", 0x234def81),
    ];
    let expected: Vec<(String, u32)> = expected.iter().map(|(n, i)| (n.to_string(), *i)).collect();
    assert_eq!(ids, expected);
    let chunk = &s.definitions[7];
    assert_eq!(
        IdRule::Ton.normalized_text(chunk),
        "test.chunk mode:# id:test.blockIdExt parts:mode.0?vector bytes last:mode.1?true data:bytes = test.Chunk"
    );
    // Under Telegram's rule `?true` goes and `bytes` is `string`.
    assert_eq!(
        IdRule::Telegram.normalized_text(chunk),
        "test.chunk mode:# id:test.blockIdExt parts:mode.0?vector bytes data:string = test.Chunk"
    );
    let builtins: Vec<(&str, u32)> = s
        .builtins
        .iter()
        .map(|b| (b.name.as_str(), b.computed_id))
        .collect();
    assert_eq!(
        builtins,
        [
            ("int", 0xa8509bda),
            ("long", 0x22076cba),
            ("string", 0xb5286e24),
            ("object", 0x29704ca0),
            ("bytes", 0x184614d1),
            ("vector", 0x1cb5c415),
            ("int256", 0x7bedeb5b),
        ]
    );
    assert_eq!(s.types().count(), 11);
    assert_eq!(s.functions().count(), 3);
}

#[test]
fn ton_rule_examples() {
    let s = ok_with(
        "---functions---\nliteServer.query data:bytes = Object;\nliteServer.getMasterchainInfo = liteServer.MasterchainInfo;\n",
        &ParseOptions {
            unknown_types: Level::Ignore,
            ..ParseOptions::ton()
        },
    );
    assert_eq!(s.definitions[0].computed_id, 0x798c06df);
    assert_eq!(s.definitions[1].computed_id, 0x89b5e62e);
    // The same text under Telegram's rule reads `bytes` as `string`.
    assert_eq!(
        IdRule::Telegram.computed_id(&s.definitions[0]),
        tlgen_parser::crc32_id("liteServer.query data:string = Object")
    );
    assert_eq!(IdRule::Ton.computed_id(&s.definitions[0]), 0x798c06df);
}

#[test]
fn written_ids_are_proven_by_the_chosen_rule() {
    // `0x798c06df` is right for TON and wrong for Telegram.
    let src = "---functions---\nliteServer.query#798c06df data:bytes = Object;\n";
    assert!(!parse("t.tl", src, &ParseOptions::ton()).has_errors());
    let telegram = parse("t.tl", src, &ParseOptions::default());
    let e: Vec<_> = telegram.errors().collect();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].kind, DiagnosticKind::IdMismatch);
    assert!(
        e[0].message
            .contains("\"liteServer.query data:string = Object\""),
        "{}",
        e[0].message
    );
    // A pinned older ID stays an ID mismatch under TON, handled by the usual options.
    let pinned = "---functions---\nliteServer.query#00000001 data:bytes = Object;\n";
    let e: Vec<_> = parse("t.tl", pinned, &ParseOptions::ton()).diagnostics;
    assert_eq!(e.len(), 1);
    assert!(
        e[0].message
            .contains("\"liteServer.query data:bytes = Object\""),
        "{}",
        e[0].message
    );
    assert!(
        !parse(
            "t.tl",
            pinned,
            &ParseOptions::ton().allow_id_mismatch("liteServer.query")
        )
        .has_errors()
    );
}

#[test]
fn presets() {
    assert_eq!(ParseOptions::default().id_rule, IdRule::Telegram);
    let tg = ParseOptions::telegram();
    assert_eq!(tg.id_rule, IdRule::Telegram);
    assert_eq!(
        tg.allowed_id_mismatches
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ["accessPointRule", "help.configSimple", "ipPortSecret"]
    );
    assert_eq!(
        tg.allowed_id_mismatches.len(),
        tlgen_parser::TELEGRAM_KNOWN_MISMATCHES.len()
    );
    let ton = ParseOptions::ton();
    assert_eq!(ton.id_rule, IdRule::Ton);
    assert_eq!(
        ton.allowed_id_mismatches.len(),
        tlgen_parser::TON_KNOWN_MISMATCHES.len()
    );
    assert!(
        ton.allowed_id_mismatches
            .contains("liteServer.transactionId")
    );
    // TDLib: the same ID rule, no known mismatch.
    assert_eq!(
        ParseOptions::tdlib(),
        ParseOptions::default().with_id_rule(IdRule::Ton)
    );
    assert_eq!("tdlib".parse::<IdRule>(), Ok(IdRule::Ton));
    assert_eq!("telegram".parse::<IdRule>(), Ok(IdRule::Telegram));
    assert!("tg".parse::<IdRule>().is_err());
    let o = ParseOptions::default()
        .allow_duplicate_id("a")
        .allow_duplicate_id("b");
    assert_eq!(o.allowed_duplicate_ids.len(), 2);
}

#[test]
fn tdlib_builtins_are_builtins() {
    // The head of TDLib's td_api.tl (the declarations as TDLib writes them).
    let s = ok_with(
        "double ? = Double;\nstring ? = String;\n\nint32 = Int32;\nint53 = Int53;\nint64 = Int64;\nbytes = Bytes;\n\nboolFalse = Bool;\nboolTrue = Bool;\n\nvector {t:Type} # [ t ] = Vector t;\n\nerror code:int32 message:string = Error;\nx a:int53 b:int64 c:bytes d:double e:Bool f:vector<int32> = X;\n",
        &ParseOptions::strict().with_id_rule(IdRule::Ton),
    );
    let names: Vec<&str> = s.builtins.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "double", "string", "int32", "int53", "int64", "bytes", "vector"
        ]
    );
    let results: Vec<&str> = s.builtins.iter().map(|b| b.result.as_str()).collect();
    assert_eq!(
        results,
        [
            "Double", "String", "Int32", "Int53", "Int64", "Bytes", "Vector"
        ]
    );
    // boolFalse / boolTrue are ordinary constructors of `Bool` (tlgen-build maps `Bool` itself).
    let defs: Vec<String> = s.definitions.iter().map(|d| d.full_name()).collect();
    assert_eq!(defs, ["boolFalse", "boolTrue", "error", "x"]);
    assert_eq!(s.definitions[0].id(), 0xbc799737);
    assert!(matches!(
        s.definitions[3].params[0].ty,
        ParamType::Normal { .. }
    ));
}
