//! Text, JSON and Markdown renderings of a [`Diff`].

use std::fmt::Write;

use serde_json::{Value, json};

use crate::{Change, ChangeKind, Diff, Summary};

/// Rows per kind in the Markdown rendering; the rest is summarised, so that the comment stays
/// under the size limits of code-review sites (GitHub: 65 536 characters).
pub const MARKDOWN_ROWS_PER_KIND: usize = 100;

fn layer(l: Option<u32>) -> String {
    l.map_or_else(|| "?".to_string(), |l| l.to_string())
}

fn layer_line(s: &Summary) -> String {
    if s.layer_changed() {
        format!("layer {} → {}", layer(s.old_layer), layer(s.new_layer))
    } else {
        format!("layer {} (unchanged)", layer(s.old_layer))
    }
}

/// The changes of one kind.
type KindGroup<'a> = (ChangeKind, Vec<&'a Change>);

/// The changes in report groups: breaking first, then compatible; inside each, by kind.
fn groups(diff: &Diff) -> [(bool, Vec<KindGroup<'_>>); 2] {
    let group = |breaking: bool| {
        let kinds = ChangeKind::ALL
            .into_iter()
            .filter_map(|k| {
                let list: Vec<&Change> = diff
                    .changes
                    .iter()
                    .filter(|c| c.kind == k && c.is_breaking() == breaking)
                    .collect();
                (!list.is_empty()).then_some((k, list))
            })
            .collect();
        (breaking, kinds)
    };
    [group(true), group(false)]
}

impl Diff {
    /// A report for people: summary, then breaking changes, then compatible ones, grouped by
    /// kind with counts.
    pub fn to_text(&self) -> String {
        let s = self.summary();
        let mut out = String::new();
        let _ = writeln!(out, "TL schema diff: {}", layer_line(&s));
        let _ = writeln!(
            out,
            "  {} added, {} removed, {} ID changed (definitions); {} breaking, {} compatible (changes)",
            s.added, s.removed, s.id_changed, s.breaking, s.compatible
        );
        if self.changes.is_empty() {
            out.push_str("\nNo changes to constructors or functions.\n");
            return out;
        }
        for (breaking, kinds) in groups(self) {
            if kinds.is_empty() {
                continue;
            }
            let total: usize = kinds.iter().map(|(_, l)| l.len()).sum();
            let heading = if breaking {
                "Breaking changes"
            } else {
                "Compatible changes"
            };
            let _ = writeln!(out, "\n{heading} ({total})");
            for (kind, list) in kinds {
                let _ = writeln!(
                    out,
                    "\n  {} [{}] ({})",
                    kind.title(),
                    kind.code(),
                    list.len()
                );
                let width = list.iter().map(|c| c.name.len()).max().unwrap_or(0).min(44);
                for c in list {
                    let _ = write!(
                        out,
                        "    {:<width$}  {:<8}  {}",
                        c.name,
                        c.category.to_string(),
                        c.detail
                    );
                    if breaking {
                        let _ = write!(out, "  [breaks {}]", c.breaks());
                    }
                    out.push('\n');
                }
            }
        }
        out
    }

    /// The machine-readable form:
    /// `{"summary": {...}, "changes": [{"name", "kind", "category", "param", "breaking",
    /// "breaking_wire", "breaking_source", "detail"}]}`.
    pub fn to_json(&self) -> Value {
        let s = self.summary();
        json!({
            "summary": {
                "added": s.added,
                "removed": s.removed,
                "id_changed": s.id_changed,
                "breaking": s.breaking,
                "compatible": s.compatible,
                "old_layer": s.old_layer,
                "new_layer": s.new_layer,
            },
            "changes": self.changes.iter().map(|c| json!({
                "name": c.name,
                "kind": c.kind.code(),
                "category": c.category.to_string(),
                "param": c.param,
                "breaking": c.is_breaking(),
                "breaking_wire": c.breaking_wire,
                "breaking_source": c.breaking_source,
                "detail": c.detail,
            })).collect::<Vec<_>>(),
        })
    }

    /// A pull-request comment: a summary table and a collapsible section per kind, breaking
    /// first. Sections longer than `MARKDOWN_ROWS_PER_KIND` (100) rows are cut with a note.
    pub fn to_markdown(&self) -> String {
        let s = self.summary();
        let mut out = String::new();
        let verdict = if s.breaking > 0 {
            "⚠️ breaking changes"
        } else if self.changes.is_empty() {
            "✅ no changes"
        } else {
            "✅ compatible"
        };
        let _ = writeln!(out, "### TL schema diff: {verdict}\n");
        out.push_str("| | |\n|---|---:|\n");
        let layer_cell = if s.layer_changed() {
            format!("{} → {}", layer(s.old_layer), layer(s.new_layer))
        } else {
            format!("{} (unchanged)", layer(s.old_layer))
        };
        let _ = writeln!(out, "| Layer | {layer_cell} |");
        let _ = writeln!(out, "| Added definitions | {} |", s.added);
        let _ = writeln!(out, "| Removed definitions | {} |", s.removed);
        let _ = writeln!(out, "| Definitions with a new ID | {} |", s.id_changed);
        let _ = writeln!(out, "| **Breaking changes** | **{}** |", s.breaking);
        let _ = writeln!(out, "| Compatible changes | {} |", s.compatible);
        for (breaking, kinds) in groups(self) {
            if kinds.is_empty() {
                continue;
            }
            let total: usize = kinds.iter().map(|(_, l)| l.len()).sum();
            let heading = if breaking {
                "Breaking changes"
            } else {
                "Compatible changes"
            };
            let _ = writeln!(out, "\n#### {heading} ({total})");
            for (kind, list) in kinds {
                let _ = writeln!(
                    out,
                    "\n<details><summary>{} <code>{}</code> ({})</summary>\n",
                    kind.title(),
                    kind.code(),
                    list.len()
                );
                out.push_str("| name | category | detail | breaks |\n|---|---|---|---|\n");
                for c in list.iter().take(MARKDOWN_ROWS_PER_KIND) {
                    let breaks = if c.is_breaking() { c.breaks() } else { "–" };
                    let _ = writeln!(
                        out,
                        "| `{}` | {} | {} | {breaks} |",
                        c.name,
                        c.category,
                        markdown_cell(&c.detail)
                    );
                }
                if list.len() > MARKDOWN_ROWS_PER_KIND {
                    let _ = writeln!(
                        out,
                        "\n…and {} more (see `tlgen diff --format json`).",
                        list.len() - MARKDOWN_ROWS_PER_KIND
                    );
                }
                out.push_str("\n</details>\n");
            }
        }
        out
    }
}

/// Escape text for a Markdown table cell: `|` always, `<`, `>` and `&` outside code spans.
fn markdown_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut in_code = false;
    for ch in s.chars() {
        match ch {
            '`' => {
                in_code = !in_code;
                out.push(ch);
            }
            '|' => out.push_str("\\|"),
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '&' if !in_code => out.push_str("&amp;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::markdown_cell;

    #[test]
    fn markdown_cells_are_escaped_outside_code() {
        assert_eq!(
            markdown_cell("param `a<b>`: Vector<int> | x"),
            "param `a<b>`: Vector&lt;int&gt; \\| x"
        );
    }
}
