//! The selection: which functions and types are generated. Roots are chosen by namespace
//! (`Config::namespaces`), by function name (`Config::functions`) and by constructor or type
//! name (`Config::types`); everything the roots can reach is kept, transitively: parameter and
//! result types, and every constructor of a boxed type (the server may answer with any).

use std::collections::BTreeSet;

use tlgen_parser::TypeRef;

use super::{Enum, Item, Ty};
use crate::Error;

/// What the user selected; `None` everywhere keeps everything.
#[derive(Clone, Copy, Default)]
pub(crate) struct Selection<'a> {
    /// TL namespaces (`""` is the global one): their functions and constructors are roots.
    pub namespaces: Option<&'a BTreeSet<String>>,
    /// Function names or globs (`auth.signIn`, `messages.*`).
    pub functions: Option<&'a [String]>,
    /// Constructor or boxed type names or globs (`user`, `User`, `storage.*`).
    pub types: Option<&'a [String]>,
}

impl Selection<'_> {
    pub(crate) fn is_all(&self) -> bool {
        self.namespaces.is_none() && self.functions.is_none() && self.types.is_none()
    }
}

/// `*` matches any run of characters (dots included); everything else matches itself.
pub(crate) fn glob_match(pattern: &str, name: &str) -> bool {
    let Some((first, rest)) = pattern.split_once('*') else {
        return pattern == name;
    };
    let Some(mut tail) = name.strip_prefix(first) else {
        return false;
    };
    let mut parts: Vec<&str> = rest.split('*').collect();
    let last = parts.pop().unwrap_or_default();
    for p in parts {
        match tail.find(p) {
            Some(i) => tail = &tail[i + p.len()..],
            None => return false,
        }
    }
    tail.ends_with(last)
}

/// Mark what `sel` keeps. A name or glob that matches nothing is an error naming it (and the
/// closest name, for a misspelling).
pub(super) fn apply_filter(
    sel: &Selection<'_>,
    ctors: &mut [Item],
    functions: &mut [Item],
    enums: &mut [Enum],
) -> Result<(), Error> {
    let in_ns = |it: &Item| {
        sel.namespaces
            .is_some_and(|ns| ns.contains(&it.def.namespace.join(".")))
    };
    let matches = |patterns: Option<&[String]>, name: &str| {
        patterns.is_some_and(|ps| ps.iter().any(|p| glob_match(p, name)))
    };
    check_patterns(
        sel.functions,
        "function",
        functions.iter().map(|f| f.tl_name.as_str()),
    )?;
    check_patterns(
        sel.types,
        "constructor or type",
        ctors
            .iter()
            .map(|c| c.tl_name.as_str())
            .chain(enums.iter().map(|e| e.tl_name.as_str())),
    )?;

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
        f.keep = in_ns(f) || matches(sel.functions, &f.tl_name);
        if f.keep {
            for fl in &f.fields {
                visit_ty(&fl.ty, &mut work, &mut enum_work);
            }
            visit_ty_ref_result(&f.def.result, ctors, enums, &mut work, &mut enum_work);
        }
    }
    for (i, c) in ctors.iter().enumerate() {
        if in_ns(c) || matches(sel.types, &c.tl_name) {
            work.push(i);
        }
    }
    for (i, e) in enums.iter().enumerate() {
        if matches(sel.types, &e.tl_name) {
            enum_work.push(i);
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
    Ok(())
}

/// Every pattern must select something: a typo would silently drop the function.
fn check_patterns<'n>(
    patterns: Option<&[String]>,
    what: &'static str,
    names: impl Iterator<Item = &'n str> + Clone,
) -> Result<(), Error> {
    let Some(patterns) = patterns else {
        return Ok(());
    };
    for p in patterns {
        if names.clone().any(|n| glob_match(p, n)) {
            continue;
        }
        let closest = names
            .clone()
            .map(|n| (edit_distance(p, n), n))
            .min()
            .filter(|(d, _)| *d <= 3 && !p.contains('*'));
        return Err(Error::NoMatch {
            pattern: p.clone(),
            what,
            closest: closest.map(|(_, n)| n.to_owned()),
        });
    }
    Ok(())
}

/// Levenshtein distance, for "did you mean".
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
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

#[cfg(test)]
mod tests {
    use super::{edit_distance, glob_match};

    #[test]
    fn globs() {
        assert!(glob_match("auth.signIn", "auth.signIn"));
        assert!(!glob_match("auth.signIn", "auth.signInX"));
        assert!(glob_match("auth.*", "auth.signIn"));
        assert!(!glob_match("auth.*", "account.getPassword"));
        assert!(glob_match("*", "x"));
        assert!(glob_match("*.get*", "help.getConfig"));
        assert!(glob_match("messages.*Message", "messages.sendMessage"));
        assert!(!glob_match("messages.*Message", "messages.sendMessages"));
        assert!(glob_match("a*a", "aa"));
        assert!(!glob_match("a*a", "a"));
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("auth.signIn", "auth.signIn"), 0);
        assert_eq!(edit_distance("auth.sigIn", "auth.signIn"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
