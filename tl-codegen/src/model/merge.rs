//! Merging the definitions of several schema files.

use std::collections::HashMap;

use tlgen_parser::Label;
use tlgen_parser::{Category, Diagnostic, DiagnosticKind};

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
            let message = format!(
                "{} `{}` is defined twice with different IDs: #{:08x} in {} (line {}) and #{:08x} in {} (line {})",
                sd.def.category,
                key.1,
                first.def.id(),
                first.file,
                first.def.span.line,
                sd.def.id(),
                sd.file,
                sd.def.span.line
            );
            return Err(conflict(first, &sd, message));
        }
        if let Some(&i) = by_id.get(&sd.def.id()) {
            let first = &out[i];
            if first.file != sd.file {
                let message = format!(
                    "ID #{:08x} is used by `{}` in {} (line {}) and by `{}` in {} (line {})",
                    sd.def.id(),
                    first.def.full_name(),
                    first.file,
                    first.def.span.line,
                    sd.def.full_name(),
                    sd.file,
                    sd.def.span.line
                );
                return Err(conflict(first, &sd, message));
            }
        } else {
            by_id.insert(sd.def.id(), out.len());
        }
        by_name.insert(key, out.len());
        out.push(sd);
    }
    Ok(out)
}

/// [`Error::Conflict`]: a [`DiagnosticKind::DefinitionConflict`] at the second definition,
/// labelled with the first.
fn conflict(first: &SourcedDef, second: &SourcedDef, message: String) -> Error {
    let label = Label::new(first.file.clone(), first.def.span, "first defined here");
    let diagnostic = Diagnostic::error(
        DiagnosticKind::DefinitionConflict,
        second.file.clone(),
        second.def.span,
        message,
    )
    .with_label(label);
    Error::Conflict {
        diagnostic: Box::new(diagnostic),
    }
}
