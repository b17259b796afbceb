//! The translation files: `locales/<lang>/main.ftl`, read into the binary at compile time and
//! parsed once, at the first lookup.
//!
//! The files are Fluent (<https://projectfluent.org/>), so a translator edits them with any
//! text editor or Fluent tool, without a Rust toolchain. The UI uses a subset of Fluent 1.0:
//! messages (`identifier = text`, continued on indented lines for several lines), comments, and
//! two kinds of placeables: variables (`{ $limit }`) and quoted text (`{ "{" }`, to write a
//! brace or a line that begins with `[`, `*` or `.`). Anything else (terms, attributes,
//! selectors) is a parse error, reported by [`Catalogue::errors`] (a test keeps the list
//! empty), and the message is skipped.
//!
//! Keys: Fluent identifiers cannot hold a dot, so the code's dotted key `risks.status.open` is
//! written `risks-status-open` in the files; no key holds a hyphen (checked by a test), so the
//! mapping reverses exactly. Variables come back to the code as `{limit}`, which the call
//! sites fill in with `str::replace`.

use std::collections::HashMap;

/// The messages of one language file, by dotted key, in the code's form.
#[derive(Debug, Default)]
pub(crate) struct Catalogue {
    messages: HashMap<String, String>,
    /// Parse problems, as `line N: what` (empty for a good file).
    errors: Vec<String>,
}

impl Catalogue {
    /// The text of a dotted key.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.messages.get(key).map(String::as_str)
    }

    /// Every dotted key of the file.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.messages.keys().map(String::as_str)
    }

    /// The file's parse problems.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn errors(&self) -> &[String] {
        &self.errors
    }

    /// Parses a file of the subset described in the module's documentation.
    pub(crate) fn parse(source: &str) -> Catalogue {
        let mut cat = Catalogue::default();
        let lines: Vec<&str> = source.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            let line_no = i + 1;
            i += 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((id, first)) = message_start(line) else {
                cat.errors
                    .push(format!("line {line_no}: expected `identifier = text`"));
                continue;
            };
            // The continuation: indented lines, and blank lines followed by one.
            let mut block = Vec::new();
            while i < lines.len() {
                let next = lines[i];
                if next.starts_with(' ') && !next.trim().is_empty() {
                    block.push(next);
                    i += 1;
                } else if next.trim().is_empty()
                    && lines[i..]
                        .iter()
                        .find(|l| !l.trim().is_empty())
                        .is_some_and(|l| l.starts_with(' '))
                {
                    block.push("");
                    i += 1;
                } else {
                    break;
                }
            }
            match pattern(first, &block) {
                Ok(text) if text.is_empty() => {
                    cat.errors.push(format!("line {line_no}: {id} has no text"))
                }
                Ok(text) => {
                    let key = id.replace('-', ".");
                    if cat.messages.insert(key, text).is_some() {
                        cat.errors
                            .push(format!("line {line_no}: {id} is defined twice"));
                    }
                }
                Err(e) => cat.errors.push(format!("line {line_no}: {id}: {e}")),
            }
        }
        cat
    }
}

/// `identifier = rest` → `(identifier, rest)`.
fn message_start(line: &str) -> Option<(&str, &str)> {
    let (id, rest) = line.split_once('=')?;
    let id = id.trim_end_matches([' ', '\t']);
    let mut chars = id.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    ok.then(|| (id, rest.trim_start_matches([' ', '\t'])))
}

/// The text of a message: its first line and indented continuation, the common indentation
/// removed, blank lines at either end dropped, placeables resolved.
fn pattern(first: &str, block: &[&str]) -> Result<String, String> {
    let indent = block
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut lines: Vec<&str> = Vec::with_capacity(block.len() + 1);
    if !first.trim().is_empty() {
        lines.push(first);
    }
    for l in block {
        if l.trim().is_empty() {
            lines.push("");
        } else {
            let body = &l[indent..];
            if body.trim_start().starts_with(['[', '*', '.']) {
                return Err(format!(
                    "a line may not begin with [, * or . (write {{ \"{}\" }})",
                    &body.trim_start()[..1]
                ));
            }
            lines.push(body);
        }
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    let mut out = String::new();
    for (n, l) in lines.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        resolve_line(l.trim_end(), &mut out)?;
    }
    Ok(out)
}

/// One line of a pattern: `{ $limit }` → `{limit}`, `{ "[" }` → `[`.
fn resolve_line(line: &str, out: &mut String) -> Result<(), String> {
    let mut rest = line;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        if rest[at..].starts_with('}') {
            return Err("an unmatched } (write { \"}\" })".into());
        }
        let inner = rest[at + 1..].trim_start_matches(' ');
        let after = if let Some(var) = inner.strip_prefix('$') {
            let end = var
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(var.len());
            if end == 0 || !var.starts_with(|c: char| c.is_ascii_alphabetic()) {
                return Err("a variable needs a name after $".into());
            }
            out.push('{');
            out.push_str(&var[..end]);
            out.push('}');
            &var[end..]
        } else if let Some(quoted) = inner.strip_prefix('"') {
            quoted_text(quoted, out)?
        } else {
            return Err("only { $name } and { \"text\" } may stand between braces".into());
        };
        rest = after
            .trim_start_matches(' ')
            .strip_prefix('}')
            .ok_or("a placeable is not closed with }")?;
    }
    out.push_str(rest);
    Ok(())
}

/// The rest of a quoted text after its opening quote, unescaped into `out`; returns what follows
/// the closing quote.
fn quoted_text<'a>(s: &'a str, out: &mut String) -> Result<&'a str, String> {
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok(&s[i + 1..]),
            '\\' => match chars.next() {
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((j, u @ ('u' | 'U'))) => {
                    let len = if u == 'u' { 4 } else { 6 };
                    let hex = s.get(j + 1..j + 1 + len).ok_or("a short \\u escape")?;
                    let c = u32::from_str_radix(hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or("a bad \\u escape")?;
                    out.push(c);
                    for _ in 0..len {
                        chars.next();
                    }
                }
                _ => return Err("an unknown escape in a quoted text".into()),
            },
            c => out.push(c),
        }
    }
    Err("an unclosed quoted text".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_comments_and_variables() {
        let cat = Catalogue::parse(
            "### header\n# comment\n\n## group\nnav-sign_out = Sign out\nrisks-limit = At most { $limit } risks ({$n}).\n",
        );
        assert!(cat.errors().is_empty(), "{:?}", cat.errors());
        assert_eq!(cat.get("nav.sign_out"), Some("Sign out"));
        assert_eq!(cat.get("risks.limit"), Some("At most {limit} risks ({n})."));
        assert_eq!(cat.get("nav-sign_out"), None);
    }

    #[test]
    fn multi_line_values_survive_with_blank_lines_and_escapes() {
        let cat = Catalogue::parse(
            "a-b =\n    one\n\n      { \".\" }two { \"{\" }x{ \"}\" } \\u0041\n    { \"[\" }three\n\nc-d = x\n",
        );
        assert!(cat.errors().is_empty(), "{:?}", cat.errors());
        assert_eq!(cat.get("a.b"), Some("one\n\n  .two {x} \\u0041\n[three"));
        assert_eq!(cat.get("c.d"), Some("x"));
        let cat = Catalogue::parse("a-b = first\n  second\n");
        assert_eq!(cat.get("a.b"), Some("first\nsecond"));
        let cat = Catalogue::parse("a-b = { \"\\u0041\\\"\" }\n");
        assert_eq!(cat.get("a.b"), Some("A\""));
    }

    #[test]
    fn what_the_subset_does_not_hold_is_an_error_not_a_panic() {
        for bad in [
            "a-b = { -term }\n",
            "a-b = x }\n",
            "a-b = { $ }\n",
            "a-b = { \"x }\n",
            "a-b = { $n\n",
            "a-b =\n    .attr = x\n",
            "a-b =\n",
            "a.b = x\n",
            "-term = x\n",
            "a-b = x\na-b = y\n",
            "a-b = { \"\\q\" }\n",
            "a-b = { \"\\u12\" }\n",
        ] {
            let cat = Catalogue::parse(bad);
            assert_eq!(cat.errors().len(), 1, "{bad:?}: {:?}", cat.errors());
        }
    }
}
