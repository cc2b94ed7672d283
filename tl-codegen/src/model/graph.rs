//! The type graph: which fields are boxed and which enums are recursive (Tarjan's strongly
//! connected components).

use super::{Enum, Item, Ty};

/// Nodes: constructors `0..n_c`, then enums. Edges: a constructor contains its field types
/// (by value, or through vectors); an enum contains each constructor.
///
/// * Fields whose by-value edge stays inside a strongly connected component of the by-value
///   graph are boxed (a vector already puts its items on the heap).
/// * Enums in a non-trivial component of the whole graph (vectors included) are recursive:
///   decoding counts their depth, since `jsonArray value:Vector<JSONValue>` nests as deep as
///   the input allows just like `textBold text:RichText` does.
pub(super) fn mark_recursion(ctors: &mut [Item], enums: &mut [Enum]) {
    let nc = ctors.len();
    let n = nc + enums.len();
    let mut by_value: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut all: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, c) in ctors.iter().enumerate() {
        for f in &c.fields {
            if let Some(t) = by_value_target(&f.ty, nc) {
                by_value[i].push(t);
            }
            if let Some(t) = contained_target(&f.ty, nc) {
                all[i].push(t);
            }
        }
    }
    for (j, e) in enums.iter().enumerate() {
        for v in &e.variants {
            by_value[nc + j].push(v.ctor);
            all[nc + j].push(v.ctor);
        }
    }
    let box_comp = tarjan(&by_value);
    let comp = tarjan(&all);
    let mut comp_size = vec![0usize; n];
    for &c in &comp {
        comp_size[c] += 1;
    }
    for (i, c) in ctors.iter_mut().enumerate() {
        for f in &mut c.fields {
            if let Some(t) = by_value_target(&f.ty, nc) {
                f.boxed = box_comp[t] == box_comp[i];
            }
        }
    }
    for (j, e) in enums.iter_mut().enumerate() {
        let node = nc + j;
        let recursive = comp_size[comp[node]] > 1 || all[node].contains(&node);
        e.recursive = recursive;
        if recursive {
            // A leaf: no required field leads back into the cycle.
            e.leaf = e.variants.iter().position(|v| {
                ctors[v.ctor].fields.iter().all(|f| {
                    f.flag.is_some()
                        || matches!(f.ty, Ty::Nullable(_))
                        || by_value_target(&f.ty, nc).is_none_or(|t| comp[t] != comp[node])
                })
            });
        }
    }
}

fn by_value_target(ty: &Ty, nc: usize) -> Option<usize> {
    match ty {
        Ty::Enum(e) => Some(nc + e),
        Ty::Bare(c) => Some(*c),
        // TDLib's `Option<T>` holds the object by value.
        Ty::Nullable(t) => by_value_target(t, nc),
        _ => None,
    }
}

/// The node a field's value contains, by value or as vector items (at any vector depth).
fn contained_target(ty: &Ty, nc: usize) -> Option<usize> {
    match ty {
        Ty::Vector { elem, .. } | Ty::Nullable(elem) => contained_target(elem, nc),
        _ => by_value_target(ty, nc),
    }
}

/// Tarjan's algorithm, iterative. Returns the component index of every node.
fn tarjan(adj: &[Vec<usize>]) -> Vec<usize> {
    let n = adj.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_comp = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut ei)) = call.last_mut() {
            if *ei < adj[v].len() {
                let w = adj[v][*ei];
                *ei += 1;
                if index[w] == usize::MAX {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    loop {
                        let w = stack.pop().expect("tarjan stack");
                        on_stack[w] = false;
                        comp[w] = next_comp;
                        if w == v {
                            break;
                        }
                    }
                    next_comp += 1;
                }
            }
        }
    }
    comp
}
