//! The release history the lock records, as the model's [`History`]: what
//! the changelog lists per version, and each code's "since".

use super::lock::{Lock, Wire};
use crate::model::{CodeHistory, History, RecordedBreak, Release};

/// The history of every release `lock` records, newest first.
pub fn of(lock: &Lock) -> History {
    let mut history = History::default();
    for (name, code) in &lock.codes.0 {
        let wire_integer = match code.wire {
            Some(Wire::Integer(value)) => Some(value),
            _ => None,
        };
        let dates = CodeHistory {
            since: code.since.clone(),
            deprecated: code.deprecated.clone(),
            wire_integer,
            reason: code.reason,
            removed: code.removed.is_some(),
        };
        history.codes.insert(name.value.clone(), dates);
    }
    for (name, ty) in &lock.types.0 {
        history.types.insert(name.value.clone(), ty.0.since.clone());
    }
    for release in lock.releases.iter().rev() {
        let version = &release.version;
        let mut notes = Release { version: version.clone(), ..Release::default() };
        for (name, code) in &lock.codes.0 {
            let name = &name.value;
            if code.since == *version {
                notes.added.push(name.clone());
            } else {
                let added = code.details.iter().filter(|(_, detail)| detail.0.since == *version);
                notes.added_details.extend(added.map(|(member, _)| (name.clone(), member.clone())));
            }
            if code.deprecated.as_ref() == Some(version) && code.removed.is_none() {
                notes.deprecated.push((name.clone(), code.replaced_by.clone()));
            }
            if code.removed.as_ref() == Some(version) {
                notes.removed.push(name.clone());
            }
        }
        for (name, ty) in &lock.types.0 {
            if ty.0.since == *version {
                notes.added_types.push(name.value.clone());
            }
        }
        for (name, alias) in &lock.aliases.0 {
            if alias.0.since != *version || alias.0.removed.is_some() {
                continue;
            }
            // A code removed in this release that lives on as an alias was renamed.
            let pair = (name.value.clone(), alias.0.of.clone());
            match notes.removed.iter().position(|removed| *removed == name.value) {
                Some(index) => {
                    notes.removed.remove(index);
                    notes.renamed.push(pair);
                }
                None => notes.aliases.push(pair),
            }
        }
        notes.retry_advice = release.retry_advice.iter().map(|(code, now)| (code.clone(), *now)).collect();
        notes.breaking = release
            .breaking
            .iter()
            .map(|recorded| RecordedBreak {
                subject: recorded.subject(),
                what: recorded.what.clone(),
                reason: recorded.reason.clone(),
            })
            .collect();
        history.releases.push(notes);
    }
    history
}
