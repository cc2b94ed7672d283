//! Printing a schema back as TL text that parses to the same AST (spans aside).

use std::fmt;

use crate::ast::{Category, Definition, ParamType, Schema};

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(layer) = self.layer {
            writeln!(f, "// LAYER {layer}\n")?;
        }
        for b in &self.builtins {
            let (head, rest) = b.text.split_once(' ').unwrap_or((&b.text, ""));
            match b.explicit_id {
                Some(id) => writeln!(f, "{head}#{id:08x} {rest};\n")?,
                None => writeln!(f, "{head} {rest};\n")?,
            }
        }
        for t in &self.type_docs {
            writeln!(f, "//@class {} @description {}\n", t.name, t.description)?;
        }
        let mut category = Category::Type;
        for d in &self.definitions {
            if d.category != category {
                category = d.category;
                let marker = match category {
                    Category::Type => "---types---",
                    Category::Function => "---functions---",
                };
                writeln!(f, "{marker}\n")?;
            }
            write_doc(f, d)?;
            writeln!(f, "{d};\n")?;
        }
        Ok(())
    }
}

fn write_doc(f: &mut fmt::Formatter<'_>, d: &Definition) -> fmt::Result {
    let param_docs = d.params.iter().any(|p| p.doc.is_some());
    if !param_docs {
        if let Some(doc) = &d.doc {
            for line in doc.lines() {
                writeln!(f, "// {line}")?;
            }
        }
        return Ok(());
    }
    if let Some(doc) = &d.doc {
        writeln!(f, "//@description {}", doc.replace('\n', " "))?;
    }
    for p in &d.params {
        if let Some(doc) = &p.doc {
            let tag = if p.name == "description" {
                "param_description"
            } else {
                &p.name
            };
            writeln!(f, "//@{tag} {}", doc.replace('\n', " "))?;
        }
    }
    Ok(())
}

impl fmt::Display for Definition {
    /// The declaration as TL text, without the trailing `;`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full_name())?;
        if let Some(id) = self.explicit_id {
            write!(f, "#{id:08x}")?;
        }
        for g in &self.generics {
            write!(f, " {{{}:{}}}", g.name, g.kind)?;
        }
        for p in &self.params {
            match &p.ty {
                ParamType::Flags => write!(f, " {}:#", p.name)?,
                ParamType::Normal {
                    ty,
                    flag: Some(flag),
                } => write!(f, " {}:{}.{}?{ty}", p.name, flag.name, flag.bit)?,
                ParamType::Normal { ty, flag: None } => write!(f, " {}:{ty}", p.name)?,
            }
        }
        write!(f, " = {}", self.result)
    }
}
