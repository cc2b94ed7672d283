//! The namespace selection: what is kept, transitively.

use std::collections::BTreeSet;

use tlgen_parser::TypeRef;

use super::{Enum, Item, Ty};

/// Keep functions and constructors in the selected namespaces (`""` is the global one), and
/// everything they reference, transitively.
pub(super) fn apply_filter(
    ns: &BTreeSet<String>,
    ctors: &mut [Item],
    functions: &mut [Item],
    enums: &mut [Enum],
) {
    let selected = |it: &Item| ns.contains(&it.def.namespace.join("."));
    for e in enums.iter_mut() {
        e.keep = false;
    }
    let mut ctor_keep = vec![false; ctors.len()];
    let mut enum_keep = vec![false; enums.len()];
    let mut work: Vec<usize> = Vec::new(); // constructor indices to visit
    let mut enum_work: Vec<usize> = Vec::new();
    fn visit_ty(ty: &Ty, work: &mut Vec<usize>, enum_work: &mut Vec<usize>) {
        match ty {
            Ty::Enum(e) => enum_work.push(*e),
            Ty::Bare(c) => work.push(*c),
            Ty::Vector { elem, .. } | Ty::Nullable(elem) => visit_ty(elem, work, enum_work),
            _ => {}
        }
    }
    for f in functions.iter_mut() {
        f.keep = selected(f);
        if f.keep {
            for fl in &f.fields {
                visit_ty(&fl.ty, &mut work, &mut enum_work);
            }
            visit_ty_ref_result(&f.def.result, ctors, enums, &mut work, &mut enum_work);
        }
    }
    for (i, c) in ctors.iter().enumerate() {
        if selected(c) {
            work.push(i);
        }
    }
    loop {
        if let Some(e) = enum_work.pop() {
            if !enum_keep[e] {
                enum_keep[e] = true;
                work.extend(enums[e].variants.iter().map(|v| v.ctor));
            }
        } else if let Some(c) = work.pop() {
            if !ctor_keep[c] {
                ctor_keep[c] = true;
                if let Some(e) = ctors[c].enum_index {
                    enum_work.push(e);
                }
                for f in &ctors[c].fields {
                    visit_ty(&f.ty, &mut work, &mut enum_work);
                }
            }
        } else {
            break;
        }
    }
    for (c, k) in ctors.iter_mut().zip(ctor_keep) {
        c.keep = k;
    }
    for (e, k) in enums.iter_mut().zip(enum_keep) {
        e.keep = k;
    }
}

fn visit_ty_ref_result(
    t: &TypeRef,
    ctors: &[Item],
    enums: &[Enum],
    work: &mut Vec<usize>,
    enum_work: &mut Vec<usize>,
) {
    let name = t.full_name();
    if let Some(arg) = &t.generic_arg {
        visit_ty_ref_result(arg, ctors, enums, work, enum_work);
    }
    if let Some(e) = enums.iter().position(|e| e.tl_name == name) {
        enum_work.push(e);
    } else if let Some(c) = ctors.iter().position(|c| {
        // A bare constructor, or TDLib's type represented by its only constructor.
        c.tl_name == name || (c.enum_index.is_none() && c.def.result.full_name() == name)
    }) {
        work.push(c);
    }
}
