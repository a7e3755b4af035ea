//! The wire contract of a catalogue, in the lock's terms: what a client
//! built from it relies on. Everything is dated with the catalogue's
//! version; [`carry_history`] then keeps the dates of what was released
//! before.

use std::collections::BTreeMap;

use serde_saphyr::FlowMap;

use super::lock::{
    FORMAT, Lock, LockedAlias, LockedCode, LockedDetail, LockedEnvelope, LockedRelease, LockedType, Wire,
};
use crate::load::entries::Entries;
use crate::load::raw::Spanned;
use crate::model::{Catalog, CodeStyle, ErrorDef, NameStyle, Node, Role, WireCode, places};

/// The contract of `catalog`, as if all of it were released now.
pub fn of(catalog: &Catalog) -> Lock {
    let version = catalog.service.version.clone();
    let type_style = catalog.envelope.type_style();
    let types = catalog
        .types
        .iter()
        .map(|ty| {
            let locked = LockedType { wire: type_style.apply(&ty.name), since: version.clone(), removed: None };
            (Spanned::unplaced(ty.name.clone()), FlowMap(locked))
        })
        .collect();
    let mut codes = Vec::new();
    let mut aliases = Vec::new();
    let shape =
        Shape { identifying: catalog.envelope.identifying_role(), detail_names: catalog.envelope.detail_names() };
    for error in &catalog.errors {
        codes.push((Spanned::unplaced(error.code.clone()), code(catalog, &shape, error)));
        for alias in &error.aliases {
            let locked = LockedAlias { of: error.code.clone(), since: version.clone(), removed: None };
            aliases.push((Spanned::unplaced(alias.clone()), FlowMap(locked)));
        }
    }
    let mut lock = Lock {
        format: FORMAT,
        version: Spanned::unplaced(version.clone()),
        releases: vec![LockedRelease { version, breaking: Vec::new(), retry_advice: BTreeMap::new() }],
        envelope: envelope(catalog),
        types: Entries(types),
        codes: Entries(codes),
        aliases: Entries(aliases),
    };
    lock.sort();
    lock
}

/// What the envelope says of every code, read once (each read walks it).
struct Shape {
    identifying: Option<Role>,
    detail_names: NameStyle,
}

fn code(catalog: &Catalog, shape: &Shape, error: &ErrorDef) -> LockedCode {
    let version = &catalog.service.version;
    let names = shape.detail_names;
    let mut details: BTreeMap<String, FlowMap<LockedDetail>> = error
        .details
        .iter()
        .map(|detail| {
            let wire = names.apply(&detail.name);
            let locked = LockedDetail {
                detail_type: detail.detail_type.as_str().to_string(),
                required: detail.required,
                since: version.clone(),
                wire: (wire != detail.name).then_some(wire),
            };
            (detail.name.clone(), FlowMap(locked))
        })
        .collect();
    if let Some(map) = &error.details_map {
        let locked = LockedDetail {
            detail_type: map.values.as_str().to_string(),
            required: false,
            since: version.clone(),
            wire: None,
        };
        details.insert("*".to_string(), FlowMap(locked));
    }
    LockedCode {
        since: version.clone(),
        deprecated: error.deprecated.as_ref().map(|_| version.clone()),
        replaced_by: catalog.replacement(error).map(|replacement| replacement.code.clone()),
        removed: None,
        wire: identity_of(catalog, shape.identifying, error),
        status: error.status,
        error_type: catalog.error_type(error).map(|ty| ty.name.clone()),
        retryable: error.retryable,
        details,
        grpc: Some(error.grpc.name().to_string()),
        // Numbered once the lock's history is known (`reasons.rs`).
        reason: None,
    }
}

/// What tells this code apart on the wire, as sent.
fn identity_of(catalog: &Catalog, identifying: Option<Role>, error: &ErrorDef) -> Option<Wire> {
    match identifying? {
        Role::Code(style) => Some(match catalog.wire_code(error, style) {
            WireCode::Integer(value) => Wire::Integer(value),
            WireCode::Text(text) => Wire::Text(text),
        }),
        Role::DocUrl => catalog.doc_url(error).map(Wire::Text),
        Role::Title => error.title.clone().map(Wire::Text),
        _ => None,
    }
}

/// How codes are told apart: one line, so a change of it is one finding.
fn identity(catalog: &Catalog) -> String {
    match catalog.envelope.identifying_role() {
        Some(Role::Code(CodeStyle::Name(style))) => format!("code {}", style.as_str()),
        Some(Role::Code(CodeStyle::Integer)) => "code integer".to_string(),
        Some(Role::DocUrl) => match &catalog.service.doc_url {
            Some(template) => format!("doc_url {template}"),
            None => "doc_url".to_string(),
        },
        Some(Role::Title) => "title".to_string(),
        _ => "none".to_string(),
    }
}

fn envelope(catalog: &Catalog) -> LockedEnvelope {
    let mut members: Vec<(Spanned<String>, String)> = Vec::new();
    for place in places(&catalog.envelope.body) {
        // Inline details have no name on the wire: `*` stands for their members.
        let path = match (place.node, place.name) {
            (Node::Details { inline: true, .. }, Some(name)) => {
                format!("{}*", &place.unique_path[..place.unique_path.len() - name.len()])
            }
            _ => place.unique_path.clone(),
        };
        members.push((Spanned::unplaced(path), node(place.node)));
    }
    LockedEnvelope {
        media_type: Spanned::unplaced(catalog.envelope.media_type.clone()),
        identity: Spanned::unplaced(identity(catalog)),
        members: Entries(members),
    }
}

/// What a place holds, in one line. The code's style is the identity's.
fn node(node: &Node) -> String {
    match node {
        Node::Object(_) => "object".to_string(),
        Node::Array(_) => "array".to_string(),
        Node::Errors(_) => "errors".to_string(),
        Node::Const(value) => format!("const {value}"),
        Node::Value(value) => format!("value {} {}", value.name, value.value_type.as_str()),
        Node::Details { inline, names } => {
            format!("details{} {}", if *inline { " inline" } else { "" }, names.as_str())
        }
        Node::Role(role) => match role {
            Role::Code(_) => "code".to_string(),
            Role::Type(names) => format!("type {}", names.as_str()),
            Role::Message { optional: true } => "message optional".to_string(),
            Role::Message { optional: false } => "message".to_string(),
            Role::Title => "title".to_string(),
            Role::Status { as_string: true } => "status string".to_string(),
            Role::Status { as_string: false } => "status".to_string(),
            Role::DocUrl => "doc_url".to_string(),
            Role::Param => "param".to_string(),
            Role::Locale => "locale".to_string(),
            Role::LocalizedMessage => "localized_message".to_string(),
        },
    }
}

/// Keeps in `next` (the catalogue's contract) the dates of what `previous`
/// released, what it removed, and its releases.
pub fn carry_history(next: &mut Lock, previous: &Lock) {
    let version = next.version.value.clone();
    let old_codes = previous.codes();
    for (name, code) in &mut next.codes.0 {
        let Some((old, _)) = old_codes.get(name.value.as_str()).filter(|(old, _)| old.removed.is_none()) else {
            continue;
        };
        code.since.clone_from(&old.since);
        if code.deprecated.is_some() {
            code.deprecated = old.deprecated.clone().or(Some(version.clone()));
        }
        for (member, detail) in &mut code.details {
            if let Some(old) = old.details.get(member) {
                detail.0.since.clone_from(&old.0.since);
            }
        }
    }
    let old_aliases = previous.aliases();
    for (name, alias) in &mut next.aliases.0 {
        if let Some((old, _)) = old_aliases.get(name.value.as_str()).filter(|(old, _)| old.removed.is_none()) {
            alias.0.since.clone_from(&old.since);
        }
    }
    let old_types = previous.types();
    for (name, ty) in &mut next.types.0 {
        if let Some((old, _)) = old_types.get(name.value.as_str()).filter(|(old, _)| old.removed.is_none()) {
            ty.0.since.clone_from(&old.since);
        }
    }
    keep_removed(next, previous);
    next.releases.clone_from(&previous.releases);
    if next.releases.last().is_none_or(|last| last.version != version) {
        next.releases.push(LockedRelease { version, breaking: Vec::new(), retry_advice: BTreeMap::new() });
    }
}

/// What `previous` records as removed stays, so its name is not reused by
/// accident and the changelog keeps it.
fn keep_removed(next: &mut Lock, previous: &Lock) {
    carry_removed(&mut next.codes, &previous.codes, |code| code.removed.is_some());
    carry_removed(&mut next.aliases, &previous.aliases, |alias| alias.0.removed.is_some());
    carry_removed(&mut next.types, &previous.types, |ty| ty.0.removed.is_some());
    next.sort();
}

/// Adds to `next` the entries of `previous` that are `removed` and that
/// `next` does not name.
fn carry_removed<T: Clone>(
    next: &mut Entries<Spanned<String>, T>,
    previous: &Entries<Spanned<String>, T>,
    removed: impl Fn(&T) -> bool,
) {
    for (name, entry) in previous.0.iter().filter(|(_, entry)| removed(entry)) {
        // Once per name, even from a lock edited to name one twice.
        if !next.0.iter().any(|(kept, _)| kept.value == name.value) {
            next.0.push((Spanned::unplaced(name.value.clone()), entry.clone()));
        }
    }
}
