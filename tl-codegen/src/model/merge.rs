//! Merging the definitions of several schema files.

use std::collections::HashMap;

use tl_parser::Category;

use super::SourcedDef;
use crate::Error;

/// Merge definitions from several files: the same category and name with the same ID is one
/// definition; with a different ID it is an error.
pub(crate) fn merge(defs: Vec<SourcedDef>) -> Result<Vec<SourcedDef>, Error> {
    let mut out: Vec<SourcedDef> = Vec::with_capacity(defs.len());
    let mut by_name: HashMap<(Category, String), usize> = HashMap::new();
    let mut by_id: HashMap<u32, usize> = HashMap::new();
    for sd in defs {
        let key = (sd.def.category, sd.def.full_name());
        if let Some(&i) = by_name.get(&key) {
            let first = &out[i];
            if first.def.id() == sd.def.id() {
                continue;
            }
            return Err(Error::Conflict {
                message: format!(
                    "{} `{}` is defined twice with different IDs: #{:08x} in {} (line {}) and #{:08x} in {} (line {})",
                    sd.def.category,
                    key.1,
                    first.def.id(),
                    first.file,
                    first.def.span.line,
                    sd.def.id(),
                    sd.file,
                    sd.def.span.line
                ),
            });
        }
        if let Some(&i) = by_id.get(&sd.def.id()) {
            let first = &out[i];
            if first.file != sd.file {
                return Err(Error::Conflict {
                    message: format!(
                        "ID #{:08x} is used by `{}` in {} (line {}) and by `{}` in {} (line {})",
                        sd.def.id(),
                        first.def.full_name(),
                        first.file,
                        first.def.span.line,
                        sd.def.full_name(),
                        sd.file,
                        sd.def.span.line
                    ),
                });
            }
        } else {
            by_id.insert(sd.def.id(), out.len());
        }
        by_name.insert(key, out.len());
        out.push(sd);
    }
    Ok(out)
}
