//! The documentation data: Telegram's API documentation as JSON (`docs.json`, the format of
//! gotd's getdoc scrape): `constructors`, `types` and `methods` keyed by TL name, each with
//! `description` (paragraphs; links cited as ¹ ²), `links` (the cited URLs, in order),
//! constructors' `fields` and methods' `parameters` (name → description and links), methods'
//! `errors` (code, type, description).
//!
//! Read leniently where the data is optional (a missing key is no text) and strictly where it
//! is there: a value of the wrong shape is an error naming its path. Methods list some errors
//! as "parameters" with a numeric name (the web page does the same): those become errors.

use std::collections::HashMap;

use serde_json::Value;
use tlgen_parser::{Diagnostic, DiagnosticKind, Diagnostics, Severity, Span};

/// What the data says about one constructor, type or method.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ItemDoc {
    /// Paragraphs, with `¹`-style citations of [`links`](Self::links).
    pub description: Vec<String>,
    /// The URLs the description cites, `¹` first.
    pub links: Vec<String>,
    /// Fields (constructors) or parameters (methods), by TL name.
    pub params: HashMap<String, ParamDoc>,
    /// Methods' errors, in the data's order.
    pub errors: Vec<ErrorDoc>,
}

/// One field or parameter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ParamDoc {
    pub description: String,
    pub links: Vec<String>,
}

/// One error a method can return.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ErrorDoc {
    pub code: i32,
    /// The error's name as the docs write it (`FLOOD_WAIT_%d`).
    pub name: String,
    pub description: String,
}

/// The whole file.
#[derive(Clone, Debug, Default)]
pub(crate) struct DocsData {
    pub constructors: HashMap<String, ItemDoc>,
    pub types: HashMap<String, ItemDoc>,
    pub methods: HashMap<String, ItemDoc>,
}

/// Read `text` (`file` names it in diagnostics).
pub(crate) fn parse(file: &str, text: &str) -> Result<DocsData, Diagnostics> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let span = Span {
            start: 0,
            end: 0,
            line: u32::try_from(e.line()).unwrap_or(u32::MAX),
            column: u32::try_from(e.column()).unwrap_or(u32::MAX),
        };
        Diagnostics(vec![Diagnostic::new(
            Severity::Error,
            DiagnosticKind::Docs,
            file,
            span,
            format!("invalid JSON: {e}"),
        )])
    })?;
    let mut r = Reader {
        file,
        errors: Vec::new(),
    };
    let data = r.root(&root);
    if r.errors.is_empty() {
        Ok(data)
    } else {
        Err(Diagnostics(r.errors))
    }
}

/// At most this many shape errors are reported; the rest are counted.
const MAX_ERRORS: usize = 50;

struct Reader<'a> {
    file: &'a str,
    errors: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, path: &str, expected: &str, found: &Value) {
        if self.errors.len() == MAX_ERRORS {
            self.errors.push(
                Diagnostic::unlocated(
                    Severity::Error,
                    DiagnosticKind::TooManyErrors,
                    "more shape errors left out",
                )
                .in_file(self.file),
            );
        }
        if self.errors.len() > MAX_ERRORS {
            return;
        }
        let found = match found {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        };
        self.errors.push(
            Diagnostic::unlocated(
                Severity::Error,
                DiagnosticKind::Docs,
                format!("`{path}`: expected {expected}, found {found}"),
            )
            .in_file(self.file),
        );
    }

    fn root(&mut self, v: &Value) -> DocsData {
        let Some(obj) = v.as_object() else {
            self.error(
                "(top level)",
                "an object with `constructors`, `types` and `methods`",
                v,
            );
            return DocsData::default();
        };
        let mut section = |name: &str| -> HashMap<String, ItemDoc> {
            match obj.get(name) {
                None | Some(Value::Null) => HashMap::new(),
                Some(Value::Object(items)) => items
                    .iter()
                    .map(|(k, v)| (k.clone(), self.item(&format!("{name}.{k}"), v)))
                    .collect(),
                Some(other) => {
                    self.error(name, "an object keyed by TL name", other);
                    HashMap::new()
                }
            }
        };
        DocsData {
            constructors: section("constructors"),
            types: section("types"),
            methods: section("methods"),
        }
    }

    fn item(&mut self, path: &str, v: &Value) -> ItemDoc {
        let Some(obj) = v.as_object() else {
            self.error(path, "an object", v);
            return ItemDoc::default();
        };
        let mut doc = ItemDoc {
            description: self.strings(&format!("{path}.description"), obj.get("description")),
            links: self.strings(&format!("{path}.links"), obj.get("links")),
            ..ItemDoc::default()
        };
        for key in ["fields", "parameters"] {
            match obj.get(key) {
                None | Some(Value::Null) => {}
                Some(Value::Object(params)) => {
                    for (name, p) in params {
                        let ppath = format!("{path}.{key}.{name}");
                        let param = self.param(&ppath, p);
                        if name.bytes().all(|b| b.is_ascii_digit()) && !name.is_empty() {
                            // An error listed as a parameter (`"406": {...}`), as on the web
                            // page: an error of that code, unless `errors` has it already.
                            if let Ok(code) = name.parse::<i32>() {
                                doc.errors.push(ErrorDoc {
                                    code,
                                    name: String::new(),
                                    description: param.description,
                                });
                            }
                        } else {
                            doc.params.insert(name.clone(), param);
                        }
                    }
                }
                Some(other) => self.error(&format!("{path}.{key}"), "an object", other),
            }
        }
        match obj.get("errors") {
            None | Some(Value::Null) => {}
            Some(Value::Array(errors)) => {
                let mut listed = Vec::new();
                for (i, e) in errors.iter().enumerate() {
                    if let Some(e) = self.error_doc(&format!("{path}.errors[{i}]"), e) {
                        listed.push(e);
                    }
                }
                // Numeric "parameters" that repeat a listed error (same code and text) go.
                doc.errors.retain(|n| {
                    !listed
                        .iter()
                        .any(|e| e.code == n.code && e.description == n.description)
                });
                listed.append(&mut doc.errors);
                doc.errors = listed;
            }
            Some(other) => self.error(&format!("{path}.errors"), "an array", other),
        }
        doc
    }

    fn param(&mut self, path: &str, v: &Value) -> ParamDoc {
        let Some(obj) = v.as_object() else {
            self.error(path, "an object", v);
            return ParamDoc::default();
        };
        ParamDoc {
            description: self.string(&format!("{path}.description"), obj.get("description")),
            links: self.strings(&format!("{path}.links"), obj.get("links")),
        }
    }

    fn error_doc(&mut self, path: &str, v: &Value) -> Option<ErrorDoc> {
        let Some(obj) = v.as_object() else {
            self.error(path, "an object", v);
            return None;
        };
        let code = match obj.get("code") {
            Some(Value::Number(n)) => match n.as_i64().and_then(|c| i32::try_from(c).ok()) {
                Some(c) => c,
                None => {
                    self.error(
                        &format!("{path}.code"),
                        "an integer that fits in i32",
                        &obj["code"],
                    );
                    return None;
                }
            },
            other => {
                self.error(
                    &format!("{path}.code"),
                    "an integer",
                    other.unwrap_or(&Value::Null),
                );
                return None;
            }
        };
        Some(ErrorDoc {
            code,
            name: self.string(&format!("{path}.type"), obj.get("type")),
            description: self.string(&format!("{path}.description"), obj.get("description")),
        })
    }

    fn string(&mut self, path: &str, v: Option<&Value>) -> String {
        match v {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                self.error(path, "a string", other);
                String::new()
            }
        }
    }

    fn strings(&mut self, path: &str, v: Option<&Value>) -> Vec<String> {
        match v {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, s)| match s {
                    Value::String(s) => Some(s.clone()),
                    other => {
                        self.error(&format!("{path}[{i}]"), "a string", other);
                        None
                    }
                })
                .collect(),
            Some(other) => {
                self.error(path, "an array of strings", other);
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_items_and_moves_numeric_parameters_to_errors() {
        let text = r#"{"methods": {"auth.resetAuthorizations": {
            "description": ["Terminates sessions.", "Then call account.registerDevice¹"],
            "links": ["https://core.telegram.org/method/account.registerDevice"],
            "parameters": {"406": {"name": "406", "description": "Too early."},
                           "hash": {"description": "A hash"}},
            "errors": [{"code": 406, "type": "FRESH_RESET_AUTHORISATION_FORBIDDEN",
                        "description": "Too early."}]}}}"#;
        let d = parse("docs.json", text).unwrap();
        let m = &d.methods["auth.resetAuthorizations"];
        assert_eq!(m.description.len(), 2);
        assert_eq!(m.links.len(), 1);
        assert_eq!(m.params.len(), 1);
        assert_eq!(m.params["hash"].description, "A hash");
        assert_eq!(m.errors.len(), 1, "{:?}", m.errors);
        assert_eq!(m.errors[0].name, "FRESH_RESET_AUTHORISATION_FORBIDDEN");
    }

    #[test]
    fn bad_json_and_bad_shapes_are_errors_with_positions_or_paths() {
        let e = parse("d.json", "{\n  \"methods\": [1,\n").unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("d.json:") && text.contains("invalid JSON"),
            "{text}"
        );
        let e = parse(
            "d.json",
            r#"{"methods": {"a": {"errors": [{"code": "x"}]}}}"#,
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("`methods.a.errors[0].code`: expected an integer"),
            "{e}"
        );
        let e = parse("d.json", "[]").unwrap_err();
        assert!(e.to_string().contains("expected an object"), "{e}");
    }

    #[test]
    fn many_errors_are_capped() {
        let items: Vec<String> = (0..500).map(|i| format!("\"m{i}\": 5")).collect();
        let text = format!("{{\"methods\": {{{}}}}}", items.join(","));
        let e = parse("d.json", &text).unwrap_err();
        assert_eq!(e.0.len(), MAX_ERRORS + 1);
    }
}
