//! Generated tokens → text: pretty-printed with `prettyplease` or printed with line breaks,
//! as one file and, for the split form, as one file per top-level module.
//!
//! Parsing the tokens back into a `syn::File` and pretty-printing it is most of the time of a
//! run (for api.tl + mtproto.tl, 3.8 s of parsing and 1.6 s of printing against 1.1 s of
//! emitting). The top-level items (`types`, `functions`, `enums`, ...) are independent, so
//! they are parsed and printed on every available core. `proc_macro2` tokens cannot cross
//! threads, so each item travels as its token text and is parsed where it is printed.
//! Printing the items of a file one by one gives the same text as printing the file whole.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use crate::{Error, OutputFile};

/// The rendered output: the whole file's body and, when asked for, the split files.
pub(crate) struct Rendered {
    /// The whole file, without the header.
    pub body: String,
    /// `mod.rs` first, then one file per top-level inline module, each starting with the
    /// header; empty unless the split form was asked for.
    pub files: Vec<OutputFile>,
}

/// Render `tokens` (a whole file's items). `format`: pretty-print (else print with line
/// breaks); `split`: also build the split files, each starting with `header`.
pub(crate) fn render(
    tokens: TokenStream,
    format: bool,
    split: bool,
    header: &str,
) -> Result<Rendered, Error> {
    if !format && !split {
        // Nothing to parse: print the tokens as they are.
        let mut body = String::new();
        write_tokens(&mut body, tokens, true);
        body.push('\n');
        return Ok(Rendered {
            body,
            files: Vec::new(),
        });
    }
    let chunks: Vec<String> = top_level_items(tokens)
        .into_iter()
        .map(|ts| ts.to_string())
        .collect();
    let parts = render_all(&chunks, format, split)?;

    let mut body = String::new();
    let mut root = String::from(header);
    let mut files: Vec<OutputFile> = Vec::new();
    for part in parts {
        body.push_str(&part.whole);
        root.push_str(&part.root);
        for (name, code) in part.modules {
            if name == "mod.rs" || files.iter().any(|f| f.name == name) {
                return Err(Error::Config {
                    message: format!(
                        "cannot split the output: two files would be named `{name}` (module `{}`)",
                        name.trim_end_matches(".rs")
                    ),
                });
            }
            files.push(OutputFile {
                name,
                code: format!("{header}{code}"),
            });
        }
    }
    if !format {
        body.push('\n');
        root.push('\n');
    }
    if split {
        files.insert(
            0,
            OutputFile {
                name: "mod.rs".to_owned(),
                code: root,
            },
        );
    }
    Ok(Rendered { body, files })
}

/// Cut a file's tokens into its top-level items: an item ends with a `;` or with a `{ }`
/// group (and the `;` right after it, as in `use a::{b, c};`). Inner attributes stay with the
/// first item.
fn top_level_items(tokens: TokenStream) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let mut current = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(tt) = iter.next() {
        let ends_item = match &tt {
            TokenTree::Punct(p) => p.as_char() == ';' && p.spacing() == Spacing::Alone,
            TokenTree::Group(g) => {
                g.delimiter() == Delimiter::Brace
                    && !matches!(iter.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            _ => false,
        };
        current.push(tt);
        if ends_item {
            items.push(current.drain(..).collect());
        }
    }
    if !current.is_empty() {
        items.push(current.into_iter().collect());
    }
    items
}

/// One top-level item rendered.
struct Part {
    /// As it appears in the whole file.
    whole: String,
    /// As it appears in the split form's `mod.rs` (`mod types;` for an inline module).
    root: String,
    /// The split form's module files (name, code without header).
    modules: Vec<(String, String)>,
}

/// Render every chunk, on up to `available_parallelism` threads, largest chunks first.
fn render_all(chunks: &[String], format: bool, split: bool) -> Result<Vec<Part>, Error> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(chunks.len());
    if threads <= 1 {
        return chunks
            .iter()
            .map(|c| render_chunk(c, format, split))
            .collect();
    }
    let mut order: Vec<usize> = (0..chunks.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(chunks[i].len()));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Part, Error>>>> =
        Mutex::new((0..chunks.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let part = render_chunk(&chunks[i], format, split);
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(part);
                    }
                }
            });
        }
    });
    let results = results.into_inner().map_err(|_| Error::Format {
        message: "a rendering thread panicked".to_owned(),
    })?;
    results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                Err(Error::Format {
                    message: "a rendering thread stopped early".to_owned(),
                })
            })
        })
        .collect()
}

/// Parse one chunk's token text and render it.
fn render_chunk(text: &str, format: bool, split: bool) -> Result<Part, Error> {
    use syn::ext::IdentExt;
    let file = syn::parse_str::<syn::File>(text).map_err(|e| Error::Format {
        message: e.to_string(),
    })?;
    let whole = print(&file, format);
    if !split {
        return Ok(Part {
            whole,
            root: String::new(),
            modules: Vec::new(),
        });
    }
    let mut root = syn::File {
        shebang: None,
        attrs: file.attrs,
        items: Vec::with_capacity(file.items.len()),
    };
    let mut modules = Vec::new();
    for item in file.items {
        let mut m = match item {
            syn::Item::Mod(m) if m.content.is_some() => m,
            other => {
                root.items.push(other);
                continue;
            }
        };
        let (outer, inner) = std::mem::take(&mut m.attrs)
            .into_iter()
            .partition(|a| matches!(a.style, syn::AttrStyle::Outer));
        let items = m.content.take().map(|(_, items)| items).unwrap_or_default();
        let mut code = print(
            &syn::File {
                shebang: None,
                attrs: inner,
                items,
            },
            format,
        );
        if !format {
            code.push('\n');
        }
        modules.push((format!("{}.rs", m.ident.unraw()), code));
        m.attrs = outer;
        m.semi = Some(Default::default());
        root.items.push(syn::Item::Mod(m));
    }
    Ok(Part {
        whole,
        root: print(&root, format),
        modules,
    })
}

/// A parsed file as text: pretty-printed, or its tokens printed with line breaks (no final
/// newline, so that the items of a file can be printed one by one).
fn print(file: &syn::File, format: bool) -> String {
    if format {
        prettyplease::unparse(file)
    } else {
        let mut text = String::new();
        write_tokens(&mut text, quote::ToTokens::to_token_stream(file), true);
        text
    }
}

/// Print tokens as `TokenStream`'s `Display` would, but with line breaks around the contents of
/// `{ }` groups and after `;` and brace-level `,`: rustc is slow on source files made of one
/// multi-megabyte line (every panic location computes a column by scanning its line).
fn write_tokens(out: &mut String, tokens: TokenStream, in_braces: bool) {
    for tt in tokens {
        match tt {
            TokenTree::Group(g) => {
                let (open, close, braces) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")", false),
                    Delimiter::Bracket => ("[", "]", false),
                    Delimiter::Brace => ("{\n", "\n}", true),
                    Delimiter::None => ("", "", false),
                };
                out.push_str(open);
                write_tokens(out, g.stream(), braces);
                out.push_str(close);
                out.push(if braces { '\n' } else { ' ' });
            }
            TokenTree::Punct(p) => {
                let c = p.as_char();
                out.push(c);
                if p.spacing() == Spacing::Alone {
                    out.push(if c == ';' || (c == ',' && in_braces) {
                        '\n'
                    } else {
                        ' '
                    });
                }
            }
            TokenTree::Ident(i) => {
                out.push_str(&i.to_string());
                out.push(' ');
            }
            TokenTree::Literal(l) => {
                out.push_str(&l.to_string());
                out.push(' ');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// Items whose ends are easy to get wrong: `{ }` followed by `;`, a struct literal in a
    /// const, tuple structs, nested modules, inner attributes before the first item.
    fn tricky() -> TokenStream {
        quote! {
            #![allow(dead_code)]
            #![doc = "Inner docs."]
            use ::core::{fmt, cmp};
            pub const LAYER: i32 = 1;
            pub struct P(pub u32);
            pub struct S { pub a: u32 }
            pub const ORIGIN: S = S { a: 0 };
            pub static NAMES: [&str; 2] = ["a", "b"];
            /// Docs of `types`.
            pub mod types {
                #![doc = "Inner docs of types."]
                pub mod auth { pub struct T; }
                impl super::S { pub fn get(&self) -> u32 { match self.a { 0 => 1, n => n } } }
            }
            pub fn f() -> i32 { -1 }
            pub mod functions {}
        }
    }

    #[test]
    fn items_are_cut_where_they_end() {
        let items: Vec<String> = top_level_items(tricky())
            .iter()
            .map(|i| i.to_string())
            .collect();
        assert_eq!(items.len(), 9, "{items:#?}");
        assert!(items[0].starts_with("# ! [allow"), "{}", items[0]);
        assert!(items[0].ends_with("cmp } ;"), "{}", items[0]);
        assert!(items[4].ends_with("S { a : 0 } ;"), "{}", items[4]);
        assert!(items[8].starts_with("pub mod functions"), "{}", items[8]);
    }

    #[test]
    fn rendering_items_one_by_one_is_rendering_the_file() {
        let file = syn::parse2::<syn::File>(tricky()).unwrap();
        let r = render(tricky(), true, false, "").unwrap();
        assert_eq!(r.body, prettyplease::unparse(&file));
        assert!(r.files.is_empty());

        let mut expected = String::new();
        write_tokens(&mut expected, tricky(), true);
        expected.push('\n');
        assert_eq!(render(tricky(), false, false, "").unwrap().body, expected);
        // The split form's single-file body is the same text.
        assert_eq!(render(tricky(), false, true, "").unwrap().body, expected);
        assert_eq!(render(tricky(), true, true, "").unwrap().body, r.body);
    }

    #[test]
    fn split_form_moves_inline_modules_to_files() {
        let r = render(tricky(), true, true, "// header\n").unwrap();
        let names: Vec<&str> = r.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["mod.rs", "types.rs", "functions.rs"]);
        let root = &r.files[0].code;
        assert!(
            root.starts_with("// header\n#![allow(dead_code)]\n"),
            "{root}"
        );
        assert!(
            root.contains("/// Docs of `types`.\npub mod types;\n"),
            "{root}"
        );
        assert!(root.contains("pub mod functions;\n"), "{root}");
        assert!(!root.contains("Inner docs of types"), "{root}");
        let types = &r.files[1].code;
        assert!(
            types.starts_with("// header\n//!Inner docs of types.\n"),
            "{types}"
        );
        assert!(types.contains("pub mod auth {"), "{types}");
    }

    #[test]
    fn two_modules_with_one_file_name_are_an_error() {
        let tokens = quote!(
            pub mod a {}
            pub mod r#a {}
        );
        let err = render(tokens, true, true, "").err().unwrap();
        assert!(err.to_string().contains("`a.rs`"), "{err}");
    }
}
