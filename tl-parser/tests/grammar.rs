//! One test per grammar point the parser must read.

use tlgen_parser::{Category, ParamType, ParseOptions, Schema, parse};

fn ok(src: &str) -> Schema {
    let parsed = parse("t.tl", src, &ParseOptions::default());
    assert!(
        !parsed.has_errors(),
        "unexpected errors:\n{}",
        tlgen_parser::Diagnostics(parsed.diagnostics.clone())
    );
    parsed.schema
}

#[test]
fn line_and_block_comments_anywhere() {
    let s = ok(
        "// header\n/* block\n  comment; with semicolon */\nboolFalse#bc799737 = Bool; // trailing ; comment\n// Ünïcödé comment ✓\nboolTrue#997275b5 /* inline */ = Bool;\n",
    );
    assert_eq!(s.definitions.len(), 2);
    assert_eq!(s.definitions[1].name, "boolTrue");
    assert_eq!(s.definitions[1].explicit_id, Some(0x997275b5));
}

#[test]
fn blank_lines_and_crlf() {
    let s = ok("\r\n\r\nboolFalse#bc799737 = Bool;\r\n\r\n\r\nboolTrue#997275b5 = Bool;\r\n");
    assert_eq!(s.definitions.len(), 2);
    assert_eq!(s.definitions[1].span.line, 6);
}

#[test]
fn sections_in_any_order_and_repeated() {
    let s = ok("a = A;\n---functions---\nf = A;\n---types---\nb = B;\n---functions---\ng = B;\n");
    let cats: Vec<_> = s
        .definitions
        .iter()
        .map(|d| (d.name.as_str(), d.category))
        .collect();
    assert_eq!(
        cats,
        [
            ("a", Category::Type),
            ("f", Category::Function),
            ("b", Category::Type),
            ("g", Category::Function)
        ]
    );
}

#[test]
fn declaration_over_several_lines() {
    let s = ok("ton.block\n    a:int // first\n    b:long\n    = ton.Block;\n");
    let d = &s.definitions[0];
    assert_eq!(d.namespace, ["ton"]);
    assert_eq!(d.params.len(), 2);
    assert_eq!(d.params[1].span.line, 3);
    assert_eq!(d.result.full_name(), "ton.Block");
}

#[test]
fn namespaces_and_ids_with_or_without_leading_zeros() {
    let s = ok(
        "---functions---\ninvokeWithApnsSecret#dae54f8 {X:Type} nonce:string secret:string query:!X = X;\n",
    );
    assert_eq!(s.definitions[0].explicit_id, Some(0x0dae54f8));
    let s = ok(
        "---functions---\ninvokeWithApnsSecret#0dae54f8 {X:Type} nonce:string secret:string query:!X = X;\n",
    );
    assert_eq!(s.definitions[0].explicit_id, Some(0x0dae54f8));
    let s = ok("---functions---\nauth.resetAuthorizations#9fab0d1a = Bool;\n");
    let d = &s.definitions[0];
    assert_eq!(
        (d.namespace.as_slice(), d.name.as_str()),
        (&["auth".into()][..], "resetAuthorizations")
    );
    assert_eq!(d.full_name(), "auth.resetAuthorizations");
}

#[test]
fn declaration_without_id_uses_the_crc() {
    let s = ok("error code:int32 message:string = Error;\n");
    let d = &s.definitions[0];
    assert_eq!(d.explicit_id, None);
    assert_eq!(d.id(), 0x9bdd8f1a);
}

#[test]
fn flags_fields_with_any_name_and_conditionals() {
    let s =
        ok("x flags:# a:flags.0?int flags2:# b:flags2.31?true mode:# c:mode.3?Vector<long> = X;\n");
    let d = &s.definitions[0];
    assert_eq!(d.params[0].ty, ParamType::Flags);
    let flag = d.params[1].ty.flag().expect("conditional");
    assert_eq!((flag.name.as_str(), flag.bit), ("flags", 0));
    assert!(d.params[3].ty.is_true_flag());
    assert_eq!(
        d.params[3].ty.flag().map(|f| (f.name.as_str(), f.bit)),
        Some(("flags2", 31))
    );
    let c = d.params[5].ty.type_ref().expect("type");
    assert_eq!(c.to_string(), "Vector<long>");
}

#[test]
fn bare_boxed_and_generic_types() {
    let s = ok(
        "m = Message;\nmsg_container messages:vector<%Message> = MessageContainer;\nw a:int b:%Message c:vector<Vector<Vector<int128>>> d:int256 e:bytes f:string g:double h:long = W;\n",
    );
    let c = &s.definitions[1].params[0];
    let ty = c.ty.type_ref().expect("type");
    assert!(ty.bare);
    assert_eq!(ty.name, "vector");
    let arg = ty.generic_arg.as_deref().expect("arg");
    assert!(arg.bare && arg.name == "Message");
    assert_eq!(arg.to_string(), "%Message");
    let w = &s.definitions[2];
    let types: Vec<String> = w
        .params
        .iter()
        .map(|p| p.ty.type_ref().expect("t").to_string())
        .collect();
    assert_eq!(
        types,
        [
            "int",
            "%Message",
            "vector<Vector<Vector<int128>>>",
            "int256",
            "bytes",
            "string",
            "double",
            "long"
        ]
    );
    assert!(
        !w.params[2]
            .ty
            .type_ref()
            .expect("t")
            .generic_arg
            .as_ref()
            .expect("a")
            .bare
    );
}

#[test]
fn generics_with_bang() {
    let s = ok("---functions---\ninvokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;\n");
    let d = &s.definitions[0];
    assert_eq!(d.generics.len(), 1);
    assert_eq!(
        (d.generics[0].name.as_str(), d.generics[0].kind.as_str()),
        ("X", "Type")
    );
    let q = d.params[1].ty.type_ref().expect("t");
    assert!(q.generic_ref);
    assert_eq!(q.name, "X");
    assert_eq!(d.computed_id, 0xda9b0d0d);
}

#[test]
fn builtins_are_kept_apart() {
    let s = ok(
        "int ? = Int;\nlong ? = Long;\nvector {t:Type} # [ t ] = Vector t;\nint128 4*[ int ] = Int128;\nvector#1cb5c415 {t:Type} # [ t ] = Vector t;\nbytes#e937bb82 = Bytes;\nboolTrue#997275b5 = Bool;\n",
    );
    assert_eq!(s.definitions.len(), 1);
    let names: Vec<_> = s.builtins.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        ["int", "long", "vector", "int128", "vector", "bytes"]
    );
    assert_eq!(s.builtins[2].text, "vector t:Type # [ t ] = Vector t");
    assert_eq!(s.builtins[2].computed_id, 0x1cb5c415);
    assert_eq!(s.builtins[3].result, "Int128");
}

#[test]
fn layer_marker_top_or_bottom() {
    assert_eq!(
        ok("// LAYER 230\nboolTrue#997275b5 = Bool;\n").layer,
        Some(230)
    );
    assert_eq!(
        ok("boolTrue#997275b5 = Bool;\n// LAYER 228\n").layer,
        Some(228)
    );
    assert_eq!(
        ok("// Layer:  218\nboolTrue#997275b5 = Bool;\n").layer,
        Some(218)
    );
    assert_eq!(ok("boolTrue#997275b5 = Bool;\n").layer, None);
}

#[test]
fn tdlib_doc_comments() {
    let s = ok(
        "//@class AuthenticationCodeType @description Provides information about the code\n\n//@description An error\n//@code Error code; subject to change\n//-continued here\n//@message Error message\nerror code:int32 message:string = Error;\n\n//@description Has a description param @param_description The text\nx description:string = X;\n",
    );
    assert_eq!(s.type_docs.len(), 1);
    assert_eq!(s.type_docs[0].name, "AuthenticationCodeType");
    assert_eq!(
        s.type_docs[0].description,
        "Provides information about the code"
    );
    let e = &s.definitions[0];
    assert_eq!(e.doc.as_deref(), Some("An error"));
    assert_eq!(
        e.params[0].doc.as_deref(),
        Some("Error code; subject to change continued here")
    );
    assert_eq!(e.params[1].doc.as_deref(), Some("Error message"));
    assert_eq!(s.definitions[1].params[0].doc.as_deref(), Some("The text"));
}

#[test]
fn plain_comments_directly_above_are_docs() {
    let s = ok(
        "// Section header\n\n// The first line\n// and the second\nboolTrue#997275b5 = Bool;\nboolFalse#bc799737 = Bool; // trailing, not a doc\n\nnull#56730bcc = Null;\n",
    );
    assert_eq!(
        s.definitions[0].doc.as_deref(),
        Some("The first line\nand the second")
    );
    assert_eq!(s.definitions[1].doc, None);
    assert_eq!(s.definitions[2].doc, None);
}

#[test]
fn spans_point_at_the_source() {
    let src = "boolFalse#bc799737 = Bool;\n  boolTrue#997275b5 = Bool;\n";
    let s = ok(src);
    let d = &s.definitions[1];
    assert_eq!((d.span.line, d.span.column), (2, 3));
    assert_eq!(&src[d.span.range()], "boolTrue#997275b5 = Bool");
    let id = d.id_span.expect("id span");
    assert_eq!(&src[id.range()], "#997275b5");
}

#[test]
fn result_type_forms() {
    let s = ok(
        "---functions---\nusers.getUsers#d91a548 id:Vector<InputUser> = Vector<User>;\nu = User;\ni = InputUser;\n",
    );
    let r = &s.definitions[0].result;
    assert_eq!(r.name, "Vector");
    assert_eq!(
        r.generic_arg.as_deref().map(|a| a.name.as_str()),
        Some("User")
    );
    assert_eq!(s.definitions[0].computed_id, 0x0d91a548);
}
