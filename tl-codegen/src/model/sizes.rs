//! Minimum encoded sizes, for bounding vector counts by the bytes left.

use super::{Enum, Item, Ty};

/// Smallest encoded size of a value of `ty` (constructor ID included for boxed types).
/// `None` means "not known yet" during the fixpoint; generic parameters count 0 here (the
/// emitter adds `X::MIN_SIZE`).
fn ty_min(ty: &Ty, ctor_min: &[Option<usize>], enum_min: &[Option<usize>]) -> Option<usize> {
    Some(match ty {
        Ty::Int | Ty::String | Ty::Bytes | Ty::Bool | Ty::Object => 4,
        Ty::SecureString | Ty::SecureBytes => 4,
        Ty::Long | Ty::Int53 | Ty::Double => 8,
        Ty::Int128 => 16,
        Ty::Int256 => 32,
        // `Nullable` has no binary form (TDLib's JSON only).
        Ty::True | Ty::Generic(_) | Ty::Nullable(_) => 0,
        Ty::Vector { boxed, .. } => {
            if *boxed {
                8
            } else {
                4
            }
        }
        Ty::Enum(e) => enum_min[*e]?,
        Ty::Bare(c) => ctor_min[*c]?,
    })
}

fn item_min(item: &Item, ctor_min: &[Option<usize>], enum_min: &[Option<usize>]) -> Option<usize> {
    let mut total = 4 * item.flags.len();
    for f in &item.fields {
        if f.flag.is_none() {
            total += ty_min(&f.ty, ctor_min, enum_min)?;
        }
    }
    Some(total)
}

pub(crate) fn ty_min_size(ty: &Ty, ctors: &[Item], enums: &[Enum]) -> usize {
    match ty {
        Ty::Enum(e) => enums[*e].min_size,
        Ty::Bare(c) => ctors[*c].min_size,
        _ => ty_min(ty, &[], &[]).unwrap_or(0),
    }
}

pub(super) fn compute_min_sizes(ctors: &mut [Item], functions: &mut [Item], enums: &mut [Enum]) {
    let mut ctor_min: Vec<Option<usize>> = vec![None; ctors.len()];
    let mut enum_min: Vec<Option<usize>> = vec![None; enums.len()];
    loop {
        let mut changed = false;
        for (i, c) in ctors.iter().enumerate() {
            let m = item_min(c, &ctor_min, &enum_min);
            if m.is_some() && (ctor_min[i].is_none() || m < ctor_min[i]) {
                ctor_min[i] = m;
                changed = true;
            }
        }
        for (j, e) in enums.iter().enumerate() {
            let m = e
                .variants
                .iter()
                .filter_map(|v| ctor_min[v.ctor])
                .min()
                .map(|m| m + 4);
            if m.is_some() && (enum_min[j].is_none() || m < enum_min[j]) {
                enum_min[j] = m;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Types with no finite encoding (only possible in a broken schema) fall back to the
    // smallest sizes a constructor can have.
    for (c, m) in ctors.iter_mut().zip(&ctor_min) {
        c.min_size = m.unwrap_or(0);
    }
    for (e, m) in enums.iter_mut().zip(&enum_min) {
        e.min_size = m.unwrap_or(4);
    }
    let ctor_min: Vec<Option<usize>> = ctors.iter().map(|c| Some(c.min_size)).collect();
    let enum_min: Vec<Option<usize>> = enums.iter().map(|e| Some(e.min_size)).collect();
    for f in functions {
        f.min_size = item_min(f, &ctor_min, &enum_min).unwrap_or(0);
    }
}
