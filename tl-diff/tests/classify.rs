//! One fixture per change kind, with its wire/source classification.

use tlgen_diff::{Category, Change, ChangeKind, Diff, diff};
use tlgen_parser::{Level, ParseOptions, Schema, parse};

/// Parse a fixture. Definitions without `#id` get their CRC32, so changing the text changes
/// the ID just as in a real schema; explicit IDs are taken as written.
fn schema(src: &str) -> Schema {
    let opts = ParseOptions {
        id_mismatch: Level::Ignore,
        ..ParseOptions::default()
    };
    let parsed = parse("t.tl", src, &opts);
    assert!(
        !parsed.has_errors(),
        "fixture has errors:\n{}",
        tlgen_parser::Diagnostics(parsed.diagnostics.clone())
    );
    parsed.schema
}

fn d(old: &str, new: &str) -> Diff {
    diff(&schema(old), &schema(new))
}

/// `(name, kind code, wire, source)` of every change.
fn shape(diff: &Diff) -> Vec<(String, &'static str, bool, bool)> {
    diff.changes
        .iter()
        .map(|c| {
            (
                c.name.clone(),
                c.kind.code(),
                c.breaking_wire,
                c.breaking_source,
            )
        })
        .collect()
}

fn row(
    name: &str,
    kind: &'static str,
    wire: bool,
    source: bool,
) -> (String, &'static str, bool, bool) {
    (name.to_string(), kind, wire, source)
}

fn only(diff: &Diff, kind: ChangeKind) -> &Change {
    let list: Vec<_> = diff.changes.iter().filter(|c| c.kind == kind).collect();
    assert_eq!(list.len(), 1, "expected one {kind}: {:#?}", diff.changes);
    list[0]
}

const BASE: &str = "
boolFalse = Bool;
boolTrue = Bool;
inputPeerEmpty = InputPeer;
inputUserEmpty = InputUser;
user id:long = User;
---functions---
users.getUser id:long = User;
";

#[test]
fn identical_schemas_have_no_changes() {
    let x = d(BASE, BASE);
    assert!(x.changes.is_empty());
    assert!(x.is_empty());
    assert!(!x.has_breaking());
}

#[test]
fn function_added_is_compatible() {
    let x = d(BASE, &format!("{BASE}users.getFull id:long = User;\n"));
    assert_eq!(shape(&x), [row("users.getFull", "added", false, false)]);
    assert_eq!(x.changes[0].category, Category::Function);
    assert!(
        x.changes[0].detail.contains("function #"),
        "{}",
        x.changes[0].detail
    );
    assert!(!x.has_breaking());
}

#[test]
fn constructor_of_a_new_type_is_compatible() {
    let new = BASE.replace("---functions---", "chat id:long = Chat;\n---functions---");
    let x = d(BASE, &new);
    assert_eq!(shape(&x), [row("chat", "added", false, false)]);
    assert_eq!(x.changes[0].category, Category::Type);
    assert!(x.changes[0].detail.contains("new type Chat"));
}

#[test]
fn constructor_added_to_an_existing_type_breaks_source_only() {
    let new = BASE.replace(
        "---functions---",
        "userEmpty id:long = User;\n---functions---",
    );
    let x = d(BASE, &new);
    assert_eq!(shape(&x), [row("userEmpty", "added", false, true)]);
    assert!(x.changes[0].detail.contains("existing type User"));
    assert!(x.has_breaking());
}

#[test]
fn removals_are_breaking() {
    let new = BASE
        .replace("inputUserEmpty = InputUser;\n", "")
        .replace("boolTrue = Bool;\n", "")
        .replace("users.getUser id:long = User;\n", "");
    let x = d(BASE, &new);
    assert_eq!(
        shape(&x),
        [
            row("boolTrue", "removed", true, true),
            row("inputUserEmpty", "removed", true, true),
            row("users.getUser", "removed", true, true),
        ]
    );
    assert!(
        x.changes[0]
            .detail
            .starts_with("constructor #997275b5 of Bool")
    );
    assert!(!x.changes[0].detail.contains("gone"));
    assert!(x.changes[1].detail.contains("(the type is gone)"));
    assert_eq!(x.changes[2].category, Category::Function);
    let s = x.summary();
    assert_eq!((s.added, s.removed, s.id_changed), (0, 3, 0));
}

#[test]
fn id_change_alone_is_wire_breaking_not_source_breaking() {
    let x = d(
        "boolFalse#bc799737 = Bool;\n",
        "boolFalse#0c799737 = Bool;\n",
    );
    assert_eq!(shape(&x), [row("boolFalse", "id-changed", true, false)]);
    assert_eq!(x.changes[0].detail, "#bc799737 → #0c799737");
    assert!(x.changes[0].is_breaking());
    assert_eq!(x.summary().id_changed, 1);
}

#[test]
fn ids_compare_as_integers_leading_zeros_do_not_matter() {
    let x = d(
        "invokeWithApnsSecret#0dae54f8 nonce:string = Bool;\n",
        "invokeWithApnsSecret#dae54f8 nonce:string = Bool;\n",
    );
    assert!(x.changes.is_empty(), "{:#?}", x.changes);
}

#[test]
fn required_param_added_reports_id_and_param_both_wire_breaking() {
    let x = d(
        BASE,
        &BASE.replace("user id:long", "user id:long name:string"),
    );
    assert_eq!(
        shape(&x),
        [
            row("user", "id-changed", true, false),
            row("user", "param-added", true, true),
        ]
    );
    let p = only(&x, ChangeKind::ParamAdded);
    assert_eq!(p.detail, "param `name`: string");
    assert_eq!(p.param.as_deref(), Some("name"));
}

#[test]
fn optional_param_added_is_wire_breaking_because_the_id_changes() {
    let old = "user flags:# id:long = User;\n";
    let new = "user flags:# id:long bio:flags.1?string = User;\n";
    let x = d(old, new);
    assert_eq!(
        shape(&x),
        [
            row("user", "id-changed", true, false),
            row("user", "param-added", true, true),
        ]
    );
    assert_eq!(
        only(&x, ChangeKind::ParamAdded).detail,
        "param `bio`: flags.1?string"
    );
}

#[test]
fn flags_word_and_optional_param_added_together() {
    let old = "user id:long = User;\n";
    let new = "user flags:# id:long bio:flags.0?string = User;\n";
    let x = d(old, new);
    assert_eq!(
        shape(&x),
        [
            row("user", "id-changed", true, false),
            row("user", "param-added", true, true),
            row("user", "param-added", true, true),
        ]
    );
    // Parameter order inside one kind.
    assert_eq!(x.changes[1].param.as_deref(), Some("flags"));
    assert_eq!(x.changes[1].detail, "param `flags`: #");
    assert_eq!(x.changes[2].param.as_deref(), Some("bio"));
}

#[test]
fn true_flag_added_keeps_the_id_is_reported_and_breaks_source_only() {
    let old = "user flags:# id:long = User;\n";
    let new = "user flags:# bot:flags.3?true id:long = User;\n";
    let (o, n) = (schema(old), schema(new));
    assert_eq!(
        o.definitions[0].id(),
        n.definitions[0].id(),
        "true flags are not in the CRC"
    );
    let x = diff(&o, &n);
    assert_eq!(shape(&x), [row("user", "param-added", false, true)]);
    assert_eq!(x.changes[0].detail, "param `bot`: flags.3?true");
}

#[test]
fn true_flag_removed_keeps_the_id_and_breaks_source_only() {
    let old = "user flags:# bot:flags.3?true id:long = User;\n";
    let new = "user flags:# id:long = User;\n";
    let x = d(old, new);
    assert_eq!(shape(&x), [row("user", "param-removed", false, true)]);
}

#[test]
fn true_flag_reusing_a_freed_bit_is_wire_breaking() {
    // Same ID on both sides, but bit 0 now means something else.
    let old = "user flags:# bot:flags.0?true id:long = User;\n";
    let new = "user flags:# id:long deleted:flags.0?true = User;\n";
    let x = d(old, new);
    assert_eq!(
        shape(&x),
        [
            row("user", "param-added", true, true),
            row("user", "param-removed", true, true),
        ]
    );
}

#[test]
fn true_flag_added_on_a_changed_definition_is_wire_breaking_for_consistency() {
    let old = "user flags:# id:long = User;\n";
    let new = "user flags:# bot:flags.3?true id:long name:string = User;\n";
    let x = d(old, new);
    assert!(x.changes.iter().any(|c| c.kind == ChangeKind::IdChanged));
    assert!(
        x.changes.iter().all(|c| c.breaking_wire),
        "{:#?}",
        x.changes
    );
}

#[test]
fn param_removed_is_breaking() {
    let x = d(
        "user id:long name:string = User;\n",
        "user id:long = User;\n",
    );
    assert_eq!(
        shape(&x),
        [
            row("user", "id-changed", true, false),
            row("user", "param-removed", true, true),
        ]
    );
    assert_eq!(x.changes[1].detail, "param `name`: string");
}

#[test]
fn param_retyped() {
    let old = "inputPeerEmpty = InputPeer;\ninputUserEmpty = InputUser;\n---functions---\nusers.block peer:InputPeer = Bool;\n";
    let new = old.replace("users.block peer:InputPeer", "users.block peer:InputUser");
    let x = d(old, &new);
    assert_eq!(
        shape(&x),
        [
            row("users.block", "id-changed", true, false),
            row("users.block", "param-retyped", true, true),
        ]
    );
    assert_eq!(x.changes[1].detail, "param `peer`: InputPeer → InputUser");
    assert_eq!(x.changes[1].category, Category::Function);
}

#[test]
fn generic_argument_and_bareness_are_types_too() {
    let x = d("a ids:Vector<int> = A;\n", "a ids:Vector<long> = A;\n");
    assert_eq!(
        only(&x, ChangeKind::ParamRetyped).detail,
        "param `ids`: Vector<int> → Vector<long>"
    );
    let x = d(
        "m = Message;\na m:Message = A;\n",
        "m = Message;\na m:%Message = A;\n",
    );
    assert_eq!(
        only(&x, ChangeKind::ParamRetyped).detail,
        "param `m`: Message → %Message"
    );
    let x = d("a x:int = A;\n", "a x:# = A;\n");
    assert_eq!(
        only(&x, ChangeKind::ParamRetyped).detail,
        "param `x`: int → #"
    );
}

#[test]
fn bytes_to_string_breaks_source_not_wire() {
    let x = d("a data:bytes = A;\n", "a data:string = A;\n");
    assert_eq!(shape(&x), [row("a", "param-retyped", false, true)]);
}

#[test]
fn param_made_optional_and_required() {
    let x = d("a flags:# x:int = A;\n", "a flags:# x:flags.2?int = A;\n");
    assert_eq!(
        shape(&x),
        [
            row("a", "id-changed", true, false),
            row("a", "param-made-optional", true, true)
        ]
    );
    assert_eq!(x.changes[1].detail, "param `x`: int → flags.2?int");

    let x = d("a flags:# x:flags.2?int = A;\n", "a flags:# x:int = A;\n");
    assert_eq!(
        shape(&x),
        [
            row("a", "id-changed", true, false),
            row("a", "param-made-required", true, true)
        ]
    );
    assert_eq!(x.changes[1].detail, "param `x`: flags.2?int → int");
}

#[test]
fn made_optional_and_retyped_at_once_reports_both() {
    let x = d("a flags:# x:int = A;\n", "a flags:# x:flags.0?long = A;\n");
    let kinds: Vec<_> = x.changes.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            ChangeKind::IdChanged,
            ChangeKind::ParamRetyped,
            ChangeKind::ParamMadeOptional
        ]
    );
}

#[test]
fn flag_bit_changed_breaks_wire_only() {
    let x = d(
        "a flags:# x:flags.1?int = A;\n",
        "a flags:# x:flags.4?int = A;\n",
    );
    assert_eq!(
        shape(&x),
        [
            row("a", "id-changed", true, false),
            row("a", "flag-bit-changed", true, false)
        ]
    );
    assert_eq!(x.changes[1].detail, "param `x`: flags.1 → flags.4");

    // A presence bit that moves keeps the ID but changes the meaning of the flags word.
    let x = d(
        "a flags:# x:flags.1?true = A;\n",
        "a flags:# x:flags.4?true = A;\n",
    );
    assert_eq!(shape(&x), [row("a", "flag-bit-changed", true, false)]);

    // Another flags word.
    let x = d(
        "a flags:# flags2:# x:flags.1?int = A;\n",
        "a flags:# flags2:# x:flags2.1?int = A;\n",
    );
    assert_eq!(
        only(&x, ChangeKind::FlagBitChanged).detail,
        "param `x`: flags.1 → flags2.1"
    );
}

#[test]
fn reordered_params_break_wire_not_source() {
    let x = d("a x:int y:long = A;\n", "a y:long x:int = A;\n");
    assert_eq!(
        shape(&x),
        [
            row("a", "id-changed", true, false),
            row("a", "params-reordered", true, false)
        ]
    );
    assert_eq!(x.changes[1].detail, "x, y → y, x");
    assert_eq!(x.changes[1].param, None);
}

#[test]
fn insertion_is_not_a_reorder() {
    let x = d("a x:int y:long = A;\n", "a x:int z:string y:long = A;\n");
    assert!(
        x.changes
            .iter()
            .all(|c| c.kind != ChangeKind::ParamsReordered)
    );
}

#[test]
fn renamed_param_breaks_source_and_the_id() {
    let x = d("a user_id:long x:int = A;\n", "a id:long x:int = A;\n");
    assert_eq!(
        shape(&x),
        [
            row("a", "id-changed", true, false),
            row("a", "param-renamed", true, true)
        ]
    );
    assert_eq!(x.changes[1].detail, "param `user_id` → `id` (long)");
    assert_eq!(x.changes[1].param.as_deref(), Some("id"));

    // A renamed presence bit keeps the ID and the wire.
    let x = d(
        "a flags:# pinned:flags.0?true = A;\n",
        "a flags:# is_pinned:flags.0?true = A;\n",
    );
    assert_eq!(shape(&x), [row("a", "param-renamed", false, true)]);
}

#[test]
fn ambiguous_renames_are_reported_as_removed_and_added() {
    let x = d("a p:int q:int = A;\n", "a r:int s:int = A;\n");
    let kinds: Vec<_> = x.changes.iter().map(|c| c.kind.code()).collect();
    assert_eq!(
        kinds,
        [
            "id-changed",
            "param-added",
            "param-added",
            "param-removed",
            "param-removed"
        ]
    );
}

#[test]
fn result_changed() {
    let x = d("a = A;\nb = B;\nuser = A;\n", "a = A;\nb = B;\nuser = B;\n");
    assert_eq!(
        shape(&x),
        [
            row("user", "id-changed", true, false),
            row("user", "result-changed", true, true)
        ]
    );
    assert_eq!(x.changes[1].detail, "A → B");

    let old = "a = A;\n---functions---\nf = A;\n";
    let new = "a = A;\n---functions---\nf = Vector<A>;\n";
    let x = d(old, new);
    assert_eq!(only(&x, ChangeKind::ResultChanged).detail, "A → Vector<A>");
    assert_eq!(
        only(&x, ChangeKind::ResultChanged).category,
        Category::Function
    );
}

#[test]
fn moving_between_type_and_function_is_reported() {
    let old = "a = A;\nping id:long = Pong;\n---functions---\nx = A;\n";
    let new = "a = A;\nx = A;\n---functions---\nping id:long = Pong;\n";
    let x = d(old, new);
    assert_eq!(
        shape(&x),
        [
            row("ping", "category-changed", true, true),
            row("x", "category-changed", true, true),
        ]
    );
    assert_eq!(x.changes[0].detail, "type → function");
    assert_eq!(x.changes[0].category, Category::Function);
    assert_eq!(x.changes[1].detail, "function → type");
    let s = x.summary();
    assert_eq!((s.added, s.removed), (0, 0));
}

#[test]
fn generics_changed() {
    let x = d(
        "---functions---\ninvoke {X:Type} query:!X = X;\n",
        "---functions---\ninvoke {Y:Type} query:!Y = Y;\n",
    );
    let g = only(&x, ChangeKind::GenericsChanged);
    assert_eq!(g.detail, "{X:Type} → {Y:Type}");
    assert!(g.breaking_wire && g.breaking_source);
}

#[test]
fn layer_change_is_in_the_summary_not_a_change() {
    let x = d(
        &format!("// LAYER 1\n{BASE}"),
        &format!("{BASE}\n// LAYER 2\n"),
    );
    assert!(x.changes.is_empty());
    assert!(!x.is_empty());
    let s = x.summary();
    assert_eq!((s.old_layer, s.new_layer), (Some(1), Some(2)));
    assert!(s.layer_changed());
}

#[test]
fn file_dialect_is_not_a_change() {
    let old = "// LAYER 5
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
invokeWithApnsSecret#0dae54f8 nonce:string = Bool;
vec ids:Vector<long> = Vec;
---functions---
f flags:# a:flags.0?true ids:Vector<Vec> = Vector<Bool>;
";
    let new = "// Code generated by hand; DO NOT EDIT.

---functions---

// a comment
f flags:# a:flags.0?true ids:Vector<Vec> = Vector Bool;

---types---

vec  ids:Vector<long>   = Vec; // trailing

/* block */ invokeWithApnsSecret#dae54f8   nonce:string = Bool;

boolTrue#997275b5 = Bool;

boolFalse#bc799737 = Bool;

// LAYER 5
";
    let x = d(old, new);
    assert!(x.is_empty(), "{:#?}", x.changes);
}

#[test]
fn every_change_of_a_definition_with_a_new_id_is_wire_breaking() {
    let old = "a = A;\nb = B;\nu flags:# x:int y:flags.0?int z:long p:flags.1?true q:bytes = A;\n";
    let new = "a = A;\nb = B;\nu flags:# z:long x:long y:int w:flags.2?true q:string k:flags.0?int = B;\n";
    let x = d(old, new);
    assert!(x.changes.iter().any(|c| c.kind == ChangeKind::IdChanged));
    assert!(
        x.changes.iter().all(|c| c.breaking_wire),
        "{:#?}",
        x.changes
    );
}

#[test]
fn order_is_by_name_then_kind_and_independent_of_source_order() {
    let old = "a = A;\nb = B;\nzeta x:int = A;\nalpha x:int = A;\nmid = A;\n";
    let new = "a = A;\nb = B;\nnew1 = A;\nalpha x:long = B;\nzeta y:int = A;\n";
    let x = d(old, new);
    let names: Vec<_> = x
        .changes
        .iter()
        .map(|c| (c.name.as_str(), c.kind))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let reversed_new: String = new.lines().rev().map(|l| format!("{l}\n")).collect();
    let reversed_old: String = old.lines().rev().map(|l| format!("{l}\n")).collect();
    assert_eq!(x, d(&reversed_old, &reversed_new));
}

#[test]
fn summary_counts_names_and_changes() {
    let old = "a = A;\nb x:int = A;\nc = A;\n---functions---\nf = A;\n";
    let new = "a = A;\nb x:long = A;\nd = A;\ne = E;\n---functions---\nf = A;\ng = A;\n";
    let s = d(old, new).summary();
    assert_eq!((s.added, s.removed, s.id_changed), (3, 1, 1));
    // b: id-changed + param-retyped; c removed; d added (existing type A): breaking;
    // e (new type) and g (function) added: compatible.
    assert_eq!((s.breaking, s.compatible), (4, 2));
}

#[test]
fn kind_codes_are_unique_kebab_case_and_round_trip() {
    let mut seen = std::collections::BTreeSet::new();
    for k in ChangeKind::ALL {
        let code = k.code();
        assert!(
            code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{code}"
        );
        assert!(seen.insert(code), "duplicate {code}");
        assert_eq!(ChangeKind::from_code(code), Some(k));
        assert_eq!(k.to_string(), code);
    }
    let mut sorted = ChangeKind::ALL;
    sorted.sort();
    assert_eq!(sorted, ChangeKind::ALL, "ALL is in report order");
}
