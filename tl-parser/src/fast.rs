//! A fast path for the common statement: `ns.name#id a:Type b:flags.N?Type c:# = ns.Result`,
//! with ASCII whitespace, `!`, `%` and `<...>` type arguments, and no comments, generics,
//! parentheses or built-in syntax.
//!
//! It reads bytes directly instead of going through nom, and gives up (`None`) at the first
//! byte it does not expect: then the nom grammar in [`crate::syntax`] parses the statement
//! from the start and decides, reporting any error there. So the fast path accepts a subset
//! of what the grammar accepts and, for that subset, builds exactly the definition the
//! grammar builds (spans included); the tests compare the two on real and mangled schemas.

use crate::ast::{Category, Definition, Flag, ParamType, Parameter, Span, TypeRef};
use crate::diagnostic::LineIndex;
use crate::id::IdRule;
use crate::name::Name;
use crate::syntax::is_primitive;

/// The byte can continue an identifier (`[A-Za-z0-9_]`).
const IDENT: u8 = 1;
/// The byte can start an identifier (`[A-Za-z_]`).
const START: u8 = 2;
/// ASCII whitespace as the grammar's `ws` skips it (` `, `\t` to `\r`).
const BLANK: u8 = 4;
/// A hexadecimal digit.
const HEX: u8 = 8;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut c = 0;
        if b.is_ascii_alphanumeric() || b == b'_' {
            c |= IDENT;
        }
        if b.is_ascii_alphabetic() || b == b'_' {
            c |= START;
        }
        if matches!(b, b' ' | b'\t'..=b'\r') {
            c |= BLANK;
        }
        if b.is_ascii_hexdigit() {
            c |= HEX;
        }
        t[i] = c;
        i += 1;
    }
    t
};

/// Type arguments nested deeper than this are left to the grammar (real schemas use two).
const MAX_FAST_DEPTH: usize = 4;

struct Fast<'a, 'i> {
    /// The source from the statement's start to the end of the file (names are copied from
    /// it in fixed-size chunks, which may run past the statement).
    rest: &'a str,
    /// The same, as bytes (the statement ends at the first `;`: comments are the grammar's).
    b: &'a [u8],
    /// The cursor into `b`.
    p: usize,
    /// Offset of `b` in the source.
    base: usize,
    index: &'i LineIndex<'a>,
    /// The line of the statement's first byte: number, start, next line's start, ASCII.
    line: u32,
    line_start: usize,
    line_end: usize,
    ascii: bool,
}

impl<'a> Fast<'a, '_> {
    /// The byte at the cursor; 0 at the end (a NUL byte fails every test as well).
    #[inline(always)]
    fn peek(&self) -> u8 {
        self.b.get(self.p).copied().unwrap_or(0)
    }

    #[inline(always)]
    fn class(&self) -> u8 {
        CLASS[self.peek() as usize]
    }

    /// The grammar's `ws` when it needs no comment or Unicode handling; `None` when it would.
    #[inline(always)]
    fn ws(&mut self) -> Option<()> {
        while self.class() & BLANK != 0 {
            self.p += 1;
        }
        let c = self.peek();
        (c < 0x80 && c != b'/').then_some(())
    }

    /// An identifier: its start, with the cursor after it.
    #[inline(always)]
    fn ident(&mut self) -> Option<usize> {
        if self.class() & START == 0 {
            return None;
        }
        let start = self.p;
        self.p += 1;
        while self.class() & IDENT != 0 {
            self.p += 1;
        }
        Some(start)
    }

    /// `ns.sub.name`, as the grammar's `dotted_name` reads it: the start of the last part,
    /// with the cursor after it. The parts before it are [`namespace`](Self::namespace).
    /// (Positions, not names, are returned: the names are built right where they are
    /// stored, which saves copying them around.)
    #[inline(always)]
    fn dotted(&mut self) -> Option<usize> {
        let mut last = self.ident()?;
        while self.peek() == b'.'
            && CLASS[self.b.get(self.p + 1).copied().unwrap_or(0) as usize] & START != 0
        {
            self.p += 1;
            last = self.ident()?;
        }
        Some(last)
    }

    /// The namespace parts of the dotted name from `start` whose last part starts at `last`.
    #[inline(always)]
    fn namespace(&self, start: usize, last: usize) -> Vec<Name> {
        if start == last {
            Vec::new()
        } else {
            self.namespace_parts(start, last)
        }
    }

    #[inline(never)]
    fn namespace_parts(&self, start: usize, last: usize) -> Vec<Name> {
        let mut parts = Vec::with_capacity(1);
        let mut from = start;
        for (i, &c) in self.b[start..last].iter().enumerate() {
            if c == b'.' {
                parts.push(Name::from_ascii(self.rest, from, start + i));
                from = start + i + 1;
            }
        }
        parts
    }

    /// The span of `b[start..end]`, as [`LineIndex::span`] computes it.
    #[inline(always)]
    fn span(&self, start: usize, end: usize) -> Span {
        let (start, end) = (self.base + start, self.base + end);
        if self.ascii && start >= self.line_start && start < self.line_end {
            Span {
                start: Span::offset(start),
                end: Span::offset(end),
                line: self.line,
                column: (start - self.line_start + 1) as u32,
            }
        } else {
            self.index.span(start, end)
        }
    }

    /// `Type`, `%Type`, `!X`, `ns.Type`, `Vector<T>`.
    fn type_ref(&mut self, depth: usize) -> Option<TypeRef> {
        if depth > MAX_FAST_DEPTH {
            return None;
        }
        let start = self.p;
        let generic_ref = self.peek() == b'!';
        self.p += generic_ref as usize;
        let percent = self.peek() == b'%';
        self.p += percent as usize;
        let name_start = self.p;
        let last = self.dotted()?;
        let name_end = self.p;
        let lowercase = self.b[last].is_ascii_lowercase();
        let generic_arg = if self.peek() == b'<' {
            self.p += 1;
            self.ws()?;
            let arg = self.type_ref(depth + 1)?;
            self.ws()?;
            if self.peek() != b'>' {
                return None;
            }
            self.p += 1;
            Some(Box::new(arg))
        } else {
            None
        };
        Some(TypeRef {
            namespace: self.namespace(name_start, last),
            name: Name::from_ascii(self.rest, last, name_end),
            bare: percent || lowercase,
            generic_ref,
            generic_arg,
            span: self.span(start, self.p),
        })
    }

    /// `flags.N?` before a parameter's type, with the cursor after it: the field name's
    /// start and end and the bit. `None` (cursor unmoved) when the text there is not one.
    #[inline(always)]
    fn flag(&mut self) -> Option<(usize, usize, u32)> {
        let at = self.p;
        let flag = (|| {
            let start = self.ident()?;
            let end = self.p;
            if self.peek() != b'.' {
                return None;
            }
            self.p += 1;
            let digits = self.p;
            let mut bit: u32 = 0;
            while self.peek().is_ascii_digit() {
                // Out-of-range bits are reported by the checker; saturate huge numbers.
                bit = bit
                    .checked_mul(10)
                    .and_then(|b| b.checked_add(u32::from(self.peek() - b'0')))
                    .unwrap_or(u32::MAX);
                self.p += 1;
            }
            if self.p == digits || self.peek() != b'?' {
                return None;
            }
            self.p += 1;
            Some((start, end, bit))
        })();
        if flag.is_none() {
            self.p = at;
        }
        flag
    }

    /// `name:Type`, `name:#`, `name:flags.N?Type` onto `params`.
    #[inline(always)]
    fn parameter(&mut self, params: &mut Vec<Parameter>) -> Option<()> {
        let start = self.ident()?;
        let name_end = self.p;
        if self.peek() != b':' {
            return None;
        }
        self.p += 1;
        let ty = if self.peek() == b'#' {
            self.p += 1;
            ParamType::Flags
        } else {
            let flag = self.flag();
            let ty = self.type_ref(0)?;
            ParamType::Normal {
                ty,
                flag: flag.map(|(field, field_end, bit)| Flag {
                    name: Name::from_ascii(self.rest, field, field_end),
                    bit,
                }),
            }
        };
        // Pushed here, not returned: built in place, not copied.
        params.push(Parameter {
            name: Name::from_ascii(self.rest, start, name_end),
            ty,
            doc: None,
            span: self.span(start, self.p),
        });
        Some(())
    }

    /// The definition and the offset of its `;`; `scratch` holds the parameters while
    /// their number is not known.
    fn definition(
        &mut self,
        scratch: &mut Vec<Parameter>,
        category: Category,
    ) -> Option<(Definition, usize)> {
        self.ws()?;
        let start = self.p;
        let last = self.dotted()?;
        let name_end = self.p;
        let mut explicit_id = None;
        let mut id_span = None;
        if self.peek() == b'#' {
            let hash = self.p;
            self.p += 1;
            let mut value: u32 = 0;
            while self.class() & HEX != 0 {
                if self.p - hash > 8 {
                    return None;
                }
                value = value << 4 | (self.peek() as char).to_digit(16).unwrap_or(0);
                self.p += 1;
            }
            if self.p == hash + 1 {
                return None;
            }
            explicit_id = Some(value);
            id_span = Some(self.span(hash, self.p));
        }
        self.ws()?;
        // Built-ins (`int ? = Int`) and generics are the grammar's.
        if matches!(self.peek(), b'?' | b'{')
            || start == last && is_primitive(&self.b[start..name_end])
        {
            return None;
        }
        scratch.clear();
        while self.peek() != b'=' {
            self.parameter(scratch)?;
            self.ws()?;
        }
        self.p += 1;
        self.ws()?;
        let result = self.type_ref(0)?;
        let end = self.p;
        self.ws()?;
        if self.peek() != b';' {
            // `= Vector t`, or an error: the grammar's to parse or report.
            return None;
        }
        // One exact-size allocation, filled by one copy.
        let mut params = Vec::with_capacity(scratch.len());
        params.append(scratch);
        let def = Definition {
            namespace: self.namespace(start, last),
            name: Name::from_ascii(self.rest, last, name_end),
            explicit_id,
            computed_id: 0,
            category,
            generics: Vec::new(),
            params,
            result,
            doc: None,
            span: self.span(start, end),
            id_span,
        };
        Some((def, self.p))
    }
}

/// What the fast path reuses from one statement to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The buffer for the statement's ID text.
    id_text: Vec<u8>,
    /// Its parameters, until they are counted.
    params: Vec<Parameter>,
}

/// The definition at the start of `rest` (the source from `offset` on, in the source that
/// `index` indexes) and the offset in `rest` of the `;` ending it, when the statement has
/// the common form; `None` leaves it to the grammar.
pub(crate) fn definition(
    index: &LineIndex<'_>,
    offset: usize,
    rest: &str,
    category: Category,
    rule: IdRule,
    scratch: &mut Scratch,
) -> Option<(Definition, usize)> {
    let (line, line_start, line_end, ascii) = index.line_at(offset);
    let (mut def, end) = Fast {
        rest,
        b: rest.as_bytes(),
        p: 0,
        base: offset,
        index,
        line,
        line_start,
        line_end,
        ascii,
    }
    .definition(&mut scratch.params, category)?;
    // The ID is proved as the grammar's definitions are: from the AST, by `crate::id`.
    def.computed_id = crate::id::computed_id(&def, rule, &mut scratch.id_text);
    Some((def, end))
}

#[cfg(test)]
mod tests {
    use crate::ast::Schema;
    use crate::diagnostic::{Diagnostic, LineIndex, Sink};
    use crate::id::IdRule;
    use crate::syntax::parse_schema;

    fn parse(src: &str, rule: IdRule, fast: bool) -> (Schema, Vec<Diagnostic>) {
        let index = LineIndex::new(src);
        let mut sink = Sink::new("t.tl", &index);
        let schema = parse_schema(src, &index, rule, &mut sink, fast);
        (schema, sink.finish())
    }

    /// The fast path changes nothing: same schema (spans included), same diagnostics.
    fn assert_same(src: &str, rule: IdRule) {
        let (slow, fast) = (parse(src, rule, false), parse(src, rule, true));
        if slow != fast {
            // Narrow it down to the first statement that differs, for the message.
            for stmt in src.split_inclusive(';') {
                assert_eq!(
                    parse(stmt, rule, false),
                    parse(stmt, rule, true),
                    "statement {stmt:?}"
                );
            }
            assert_eq!(slow, fast, "whole text");
        }
    }

    const TRICKY: &str = "\
a = B;\na=B;\n  a#1 = B ;\nx.y.z#ffffffff a:b.C c:!X d:%E e:flags.0?true = f.G;\n\
a#123456789 = B;\na# = B;\na#g = B;\na flags:# b:flags.40?int c:flags.99999999999?X = B;\n\
a b:flags.?int = C;\na b:flags.x?int = C;\na b:flags.1int = C;\na b : int = C;\n\
a b:Vector<int> c:vector<Vector<%Message>> d:Vector< int > = Vector<B>;\n\
a b:Vector<int = C;\na b:Vector<> = C;\na = Vector t;\na = B C;\na = B<C> D;\n\
a = ;\n= B;\na b:int;\na b:int = ;\na {X:Type} q:!X = X;\na b:(vector int) = C;\n\
int ? = Int;\nvector#1cb5c415 {t:Type} # [ t ] = Vector t;\na b:int ? = C;\n\
a\u{b}b:int = C;\na b:int\u{a0}= C;\n\u{e9}a = B;\na b:\u{e9} = C;\na = B\u{3000};\n\
a.b. = C;\na.b.c = D.e.F;\na .b = C;\na b:c. = D;\na b:!%c = D;\na b:%!c = D;\n\
a b:int// x\n = C;\na /* c */ b:int = C;\na b:int = C // ;\n;\n\
a b:int c:Vector<Vector<Vector<Vector<Vector<Vector<int>>>>>> = C;\n\
a flags:# b:flags.07?int c:%int d:bytes e:flags.1?bytes f:flags.2?%true g:flags.3?!true \
h:flags.4294967295?X i:flags.04294967295?Y j:flags.0?Vector<bytes> k:%Bytes = Vector<%bytes>;\n\
a = %bytes;\na = %Vector<%int>;\n\
---functions---\nns.f#0 x:int = ns.R;\na\r\n b:int\r\n = C;\r\n";

    #[test]
    fn fast_path_matches_the_grammar() {
        for rule in [IdRule::Telegram, IdRule::Ton] {
            assert_same(TRICKY, rule);
            let fixture = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/fixture.tl"),
            )
            .expect("schema/fixture.tl");
            assert_same(&fixture, rule);
        }
        let Some(dir) = tlgen_test_support::schema_dir(&["api.tl"]) else {
            return;
        };
        for entry in std::fs::read_dir(dir).expect("schema dir") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "tl") {
                let text = std::fs::read_to_string(&path).expect("schema");
                assert_same(&text, IdRule::Telegram);
            }
        }
    }

    /// Random edits of valid text (inserted, deleted and replaced bytes) parse alike too.
    #[test]
    fn fast_path_matches_the_grammar_on_mangled_text() {
        let base = format!(
            "{TRICKY}\n{}",
            "boolFalse#bc799737 = Bool;\nmessage#38116ee0 flags:# out:flags.1?true id:int \
             from_id:flags.8?Peer peer_id:Peer entities:flags.7?Vector<MessageEntity> \
             views:flags.10?int = Message;\nauth.sentCode#5e002502 flags:# \
             type:auth.SentCodeType phone_code_hash:string = auth.SentCode;\n\
             ---functions---\nmessages.getHistory#4423e6c5 peer:InputPeer offset_id:int \
             = messages.Messages;\ninvokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;\n"
        );
        let alphabet: Vec<char> = " \n\t:;.#?!%<>{}()=/*[]0179afzAZ_\u{e9}\u{a0}\u{b}\r"
            .chars()
            .collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..600 {
            let mut text: Vec<char> = base.chars().collect();
            for _ in 0..1 + next(6) {
                let at = next(text.len());
                match next(3) {
                    0 => text.insert(at, alphabet[next(alphabet.len())]),
                    1 => {
                        text.remove(at);
                    }
                    _ => text[at] = alphabet[next(alphabet.len())],
                }
            }
            let text: String = text.into_iter().collect();
            assert_same(&text, IdRule::Telegram);
        }
    }
}
