//! The catalogue's raw types read straight from the YAML parser's events,
//! for the plain YAML catalogues are written in; anything else is passed on.
//!
//! serde-saphyr, which reads every catalogue file correctly (anchors,
//! aliases, merge keys, tags, budgets against alias bombs) and words every
//! error, spends half its time on that generality: on a 10,000-code
//! catalogue the parser's events take 0.12 s and serde-saphyr 0.24 s more.
//! This reader handles the common case: block and flow collections, quoted
//! and block scalars, and plain scalars whose meaning no YAML schema rule can
//! change (a plain scalar that could be a null, a boolean or a number is
//! read only where the target's type asks for one, in its canonical
//! spelling). On anything else, and on any error, it gives up ([`PassOn`])
//! and `load` reads the file again with serde-saphyr, so what a file means
//! and every message about it still come from serde-saphyr alone. The tests
//! below check the two readers agree, value and place, wherever this one
//! does not give up.

use std::borrow::Cow;

use granit_parser::{Event, Parser, ScalarStyle, Span, StrInput};
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::spanned::SPANNED_NEWTYPE;

/// Why the event reader left a file to serde-saphyr (kept for tests and
/// debugging; the user never sees it).
#[derive(Debug)]
pub struct PassOn(pub String);

impl std::fmt::Display for PassOn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PassOn {}

impl de::Error for PassOn {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        PassOn(message.to_string())
    }
}

fn pass_on<T>(why: &str) -> Result<T, PassOn> {
    Err(PassOn(why.to_string()))
}

/// `T` read from `text`, or why this reader leaves the file to serde-saphyr.
pub fn read<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, PassOn> {
    let mut reader = Reader::new(text);
    if !matches!(reader.next()?.0, Event::StreamStart) {
        return pass_on("no stream start");
    }
    // A `%YAML` directive could change how scalars are read.
    if !matches!(reader.next()?.0, Event::DocumentStart(_, None)) {
        return pass_on("no document, or a `%YAML` directive");
    }
    let value = T::deserialize(&mut reader)?;
    // One document only: more is serde-saphyr's to report.
    match (reader.next()?.0, reader.next()?.0) {
        (Event::DocumentEnd, Event::StreamEnd) => Ok(value),
        _ => pass_on("more than one document"),
    }
}

/// serde-saphyr's default budget, so this reader never accepts what it
/// refuses (a file over a limit goes to serde-saphyr, which says which).
struct Limits {
    depth: usize,
    nodes: usize,
    events: usize,
    scalar_bytes: usize,
}

struct Reader<'de> {
    parser: Parser<'de, StrInput<'de>>,
    peeked: Option<(Event<'de>, Span)>,
    limits: Limits,
    depth: usize,
    nodes: usize,
    events: usize,
    scalar_bytes: usize,
}

impl<'de> Reader<'de> {
    fn new(text: &'de str) -> Self {
        let budget = serde_saphyr::Budget::default();
        // The parser options serde-saphyr derives from its default budget.
        let mut options = granit_parser::Options::default();
        options.simple_key_max_lookahead = budget.simple_key_max_lookahead;
        options.flow_nesting_limit = budget.flow_nesting_limit;
        options.block_nesting_limit = options.block_nesting_limit.max(budget.max_depth.saturating_add(1));
        options.emit_comments = false;
        let limits = Limits {
            depth: budget.max_depth,
            nodes: budget.max_nodes,
            events: budget.max_events,
            scalar_bytes: budget.max_total_scalar_bytes,
        };
        Reader {
            parser: Parser::new_from_str_with_options(text, options),
            peeked: None,
            limits,
            depth: 0,
            nodes: 0,
            events: 0,
            scalar_bytes: 0,
        }
    }

    fn fill(&mut self) -> Result<(), PassOn> {
        if self.peeked.is_some() {
            return Ok(());
        }
        let Some(next) = self.parser.next() else { return pass_on("the parser ended early") };
        let (event, span) = next.map_err(|error| PassOn(error.to_string()))?;
        self.count(&event)?;
        self.peeked = Some((event, span));
        Ok(())
    }

    /// Keeps serde-saphyr's limits, and leaves every YAML feature beyond
    /// plain data (anchors, aliases, tags) to it.
    fn count(&mut self, event: &Event<'de>) -> Result<(), PassOn> {
        self.events += 1;
        match event {
            Event::Scalar(text, _, 0, None) => {
                self.nodes += 1;
                self.scalar_bytes += text.len();
            }
            Event::SequenceStart(_, 0, None) | Event::MappingStart(_, 0, None) => {
                self.nodes += 1;
                self.depth += 1;
            }
            Event::SequenceEnd | Event::MappingEnd => self.depth = self.depth.saturating_sub(1),
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(..) | Event::DocumentEnd => {}
            _ => return pass_on("an anchor, alias, tag or comment"),
        }
        let limits = &self.limits;
        if self.depth > limits.depth
            || self.nodes > limits.nodes
            || self.events > limits.events
            || self.scalar_bytes > limits.scalar_bytes
        {
            return pass_on("over serde-saphyr's budget");
        }
        Ok(())
    }

    fn peek(&mut self) -> Result<&(Event<'de>, Span), PassOn> {
        self.fill()?;
        Ok(self.peeked.as_ref().expect("just filled"))
    }

    fn next(&mut self) -> Result<(Event<'de>, Span), PassOn> {
        self.fill()?;
        Ok(self.peeked.take().expect("just filled"))
    }

    /// The next node's scalar text and style, consumed; `None` (nothing
    /// consumed) when the next node is a collection.
    fn scalar(&mut self) -> Result<Option<(Cow<'de, str>, ScalarStyle)>, PassOn> {
        if !matches!(self.peek()?.0, Event::Scalar(..)) {
            return Ok(None);
        }
        match self.next()?.0 {
            Event::Scalar(text, style, _, _) => Ok(Some((text, style))),
            _ => unreachable!("peeked a scalar"),
        }
    }

    /// A scalar that is text under every YAML schema: quoted, block, or
    /// plain and spelt unlike any null, boolean or number.
    fn text(&mut self) -> Result<Cow<'de, str>, PassOn> {
        match self.scalar()? {
            Some((text, ScalarStyle::Plain)) if !plain_is_text(&text) => pass_on("a plain scalar that is not text"),
            Some((text, _)) => Ok(text),
            None => pass_on("a collection where text was expected"),
        }
    }

    /// A plain scalar in canonical decimal (no sign, no leading zero).
    fn unsigned(&mut self) -> Result<u64, PassOn> {
        match self.scalar()? {
            Some((text, ScalarStyle::Plain)) if is_canonical_unsigned(&text) => {
                text.parse().map_err(|_| PassOn("an integer too large".into()))
            }
            _ => pass_on("not a canonical unsigned integer"),
        }
    }

    fn collection<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, PassOn> {
        match self.next()?.0 {
            Event::MappingStart(..) => {
                let value = visitor.visit_map(Entries { reader: self })?;
                self.expect_end(true)?;
                Ok(value)
            }
            Event::SequenceStart(..) => {
                let value = visitor.visit_seq(Entries { reader: self })?;
                self.expect_end(false)?;
                Ok(value)
            }
            _ => pass_on("a scalar where a collection was expected"),
        }
    }

    /// The end event, which `Entries` has already peeked.
    fn expect_end(&mut self, mapping: bool) -> Result<(), PassOn> {
        match (self.next()?.0, mapping) {
            (Event::MappingEnd, true) | (Event::SequenceEnd, false) => Ok(()),
            _ => pass_on("a collection not read to its end"),
        }
    }

    /// Where the next node starts, as serde-saphyr counts (1-based line and
    /// column).
    fn place(&mut self) -> Result<(u32, u32), PassOn> {
        let start = self.peek()?.1.start;
        let place = |at: usize| u32::try_from(at).map_err(|_| PassOn("a place beyond u32".into()));
        Ok((place(start.line())?, place(start.col() + 1)?))
    }
}

/// Plain scalars that are text in the YAML 1.2 core schema and in YAML 1.1:
/// not empty, not `~`, no null or boolean word, and not starting like a
/// number (`1`, `-1`, `+1`, `.5`, `.inf`).
fn plain_is_text(text: &str) -> bool {
    const WORDS: &[&str] = &["null", "true", "false", "yes", "no", "on", "off", "y", "n"];
    let Some(first) = text.chars().next() else { return false };
    let number_like = first.is_ascii_digit() || matches!(first, '-' | '+' | '.');
    let special = matches!(first, '~' | '<' | '=') || WORDS.iter().any(|word| text.eq_ignore_ascii_case(word));
    !number_like && !special
}

fn is_canonical_unsigned(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit) && (bytes[0] != b'0' || bytes.len() == 1)
}

/// A mapping's or sequence's entries; the end event is left for
/// [`Reader::collection`].
struct Entries<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'de> Entries<'_, 'de> {
    fn at_end(&mut self) -> Result<bool, PassOn> {
        Ok(matches!(self.reader.peek()?.0, Event::MappingEnd | Event::SequenceEnd))
    }
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = PassOn;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, PassOn> {
        if self.at_end()? {
            return Ok(None);
        }
        match &self.reader.peek()?.0 {
            // `<<` would be a merge key to serde-saphyr.
            Event::Scalar(key, ScalarStyle::Plain, ..) if key == "<<" => pass_on("a merge key"),
            Event::Scalar(..) => seed.deserialize(&mut *self.reader).map(Some),
            _ => pass_on("a key that is not a scalar"),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, PassOn> {
        seed.deserialize(&mut *self.reader)
    }
}

impl<'de> SeqAccess<'de> for Entries<'_, 'de> {
    type Error = PassOn;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, PassOn> {
        if self.at_end()? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

/// A `Spanned` value as the sequence `Spanned`'s visitor expects: line,
/// column, then the value.
struct PlaceThenValue<'a, 'de> {
    reader: &'a mut Reader<'de>,
    place: [u32; 2],
    given: usize,
}

impl<'de> SeqAccess<'de> for PlaceThenValue<'_, 'de> {
    type Error = PassOn;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, PassOn> {
        self.given += 1;
        match self.given {
            1 | 2 => seed.deserialize(self.place[self.given - 1].into_deserializer()).map(Some),
            3 => seed.deserialize(&mut *self.reader).map(Some),
            _ => Ok(None),
        }
    }
}

fn visit_text<'de, V: Visitor<'de>>(visitor: V, text: Cow<'de, str>) -> Result<V::Value, PassOn> {
    match text {
        Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
        Cow::Owned(text) => visitor.visit_string(text),
    }
}

impl<'de> Deserializer<'de> for &mut Reader<'de> {
    type Error = PassOn;

    /// Used by the untagged scalar (`const`, `wire_code`) and the envelope's
    /// nodes: text, `true`/`false` and canonical integers; collections.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PassOn> {
        match self.scalar()? {
            None => self.collection(visitor),
            Some((text, ScalarStyle::Plain)) => match &*text {
                "true" => visitor.visit_bool(true),
                "false" => visitor.visit_bool(false),
                _ if plain_is_text(&text) => visit_text(visitor, text),
                _ if is_canonical_unsigned(&text) => match text.parse::<i64>() {
                    Ok(number) => visitor.visit_i64(number),
                    Err(_) => pass_on("an integer beyond i64"),
                },
                _ => pass_on("a plain scalar that is not text"),
            },
            Some((text, _)) => visit_text(visitor, text),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PassOn> {
        match self.scalar()? {
            Some((text, ScalarStyle::Plain)) if text == "true" => visitor.visit_bool(true),
            Some((text, ScalarStyle::Plain)) if text == "false" => visitor.visit_bool(false),
            _ => pass_on("not `true` or `false`"),
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PassOn> {
        visitor.visit_u64(self.unsigned()?)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PassOn> {
        visitor.visit_u64(self.unsigned()?)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PassOn> {
        visitor.visit_u64(self.unsigned()?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PassOn> {
        visitor.visit_u64(self.unsigned()?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PassOn> {
        let text = self.text()?;
        visit_text(visitor, text)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PassOn> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PassOn> {
        self.deserialize_str(visitor)
    }

    /// A null is left to serde-saphyr (`key:`, `~`, `null` all mean one).
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PassOn> {
        match &self.peek()?.0 {
            Event::Scalar(text, ScalarStyle::Plain, ..) if !plain_is_text(text) && !is_canonical_unsigned(text) => {
                match &**text {
                    "true" | "false" => visitor.visit_some(self),
                    _ => pass_on("a possible null"),
                }
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, PassOn> {
        if name != SPANNED_NEWTYPE {
            return visitor.visit_newtype_struct(self);
        }
        let (line, column) = self.place()?;
        visitor.visit_seq(PlaceThenValue { reader: self, place: [line, column], given: 0 })
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PassOn> {
        match self.peek()?.0 {
            Event::SequenceStart(..) => self.collection(visitor),
            _ => pass_on("not a sequence"),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PassOn> {
        match self.peek()?.0 {
            Event::MappingStart(..) => self.collection(visitor),
            _ => pass_on("not a mapping"),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PassOn> {
        self.deserialize_map(visitor)
    }

    /// Unit variants written as text (`type: string`, `warn`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PassOn> {
        let text = self.text()?;
        visitor.visit_enum(text.into_owned().into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u128 f32 f64 char bytes byte_buf unit unit_struct tuple tuple_struct ignored_any
    }
}

#[cfg(test)]
mod tests;
