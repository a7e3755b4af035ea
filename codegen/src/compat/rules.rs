//! The rules: what a client built from the last release relies on, each
//! change of it found by comparing the lock with the catalogue's contract.
//!
//! Each rule has a name (shown in its diagnostic and in README.md's table)
//! and the `change:` that records it under `breaking_changes:`. Compatible
//! changes (additions, deprecations) are collected too: they decide the
//! version the release needs.

use super::lock::{Lock, LockedCode, LockedDetail};
use crate::diagnostic::{Diagnostic, FileId, Lint, Origins, Span};
use crate::model::{ChangeKind, Subject};

/// A change that breaks clients of the last release.
#[derive(Clone, Debug)]
pub struct Break {
    pub rule: &'static str,
    pub subject: Subject,
    pub change: ChangeKind,
    /// The change, short: "status 404 → 410".
    pub what: String,
    /// Where it is in the catalogue, if it still is there.
    pub at: Option<Span>,
    /// Where the lock records what was released.
    pub lock_line: u32,
    /// How to avoid the break.
    pub instead: String,
}

/// Everything that changed since the lock.
#[derive(Debug, Default)]
pub struct Findings {
    pub breaks: Vec<Break>,
    /// Compatible additions (codes, aliases, types, optional details,
    /// envelope members) and deprecations, each said as a verb phrase
    /// ("adds code `x`"): they need a new minor version.
    pub additions: Vec<String>,
    /// Advice (retry advice changed), as warnings.
    pub advice: Vec<Diagnostic>,
    /// The codes whose retry advice changed, and whether they are retryable now.
    pub retry_changes: Vec<(String, bool)>,
}

/// Compares what `previous` released with the catalogue's contract `next`.
pub fn compare(previous: &Lock, next: &Lock, origins: &Origins, lock_file: FileId) -> Findings {
    let mut compare = Compare { previous, next, origins, lock_file, findings: Findings::default() };
    compare.envelope();
    compare.types();
    compare.codes();
    compare.aliases();
    compare.findings
}

struct Compare<'a> {
    previous: &'a Lock,
    next: &'a Lock,
    origins: &'a Origins,
    lock_file: FileId,
    findings: Findings,
}

impl Compare<'_> {
    /// Records a break; `place` is where it is in the catalogue (if it still
    /// is there) and the lock's line.
    fn broken(
        &mut self,
        rule: &'static str,
        subject: Subject,
        change: ChangeKind,
        what: String,
        place: (Option<Span>, u32),
        instead: &str,
    ) {
        let (at, lock_line) = place;
        self.findings.breaks.push(Break { rule, subject, change, what, at, lock_line, instead: instead.to_string() });
    }

    fn envelope(&mut self) {
        let (old, new) = (&self.previous.envelope, &self.next.envelope);
        let at = self.origins.envelope;
        if old.media_type.value != new.media_type.value {
            let what = format!("media type {:?} → {:?}", old.media_type.value, new.media_type.value);
            let instead = "keep the media type: clients check `content-type` before they read the body";
            self.broken(
                "media_type_changed",
                Subject::Catalogue,
                ChangeKind::MediaType,
                what,
                (at, old.media_type.line),
                instead,
            );
        }
        if old.identity.value != new.identity.value {
            let what = format!("codes identified by {:?} → {:?}", old.identity.value, new.identity.value);
            let instead = "keep how codes are identified (the code's style, or the link template): every client matches codes by it";
            self.broken(
                "identity_changed",
                Subject::Catalogue,
                ChangeKind::Identity,
                what,
                (at, old.identity.line),
                instead,
            );
        }
        let members = self.next.members();
        for (path, (node, line)) in self.previous.members() {
            let (what, rule) = match members.get(path) {
                None => (format!("member `{path}` ({node}) removed"), "envelope_member_removed"),
                Some((now, _)) if *now != node => {
                    (format!("member `{path}`: {node} → {now}"), "envelope_member_changed")
                }
                Some(_) => continue,
            };
            let instead = "keep every member of the envelope where it was, with its role, style and `as`";
            self.broken(rule, Subject::Catalogue, ChangeKind::Envelope, what, (at, line), instead);
        }
        let old = self.previous.members();
        for path in members.keys().filter(|path| !old.contains_key(*path)) {
            self.findings.additions.push(format!("adds envelope member `{path}`"));
        }
    }

    fn types(&mut self) {
        let types = self.next.types();
        for (name, (ty, line)) in self.previous.types() {
            if ty.removed.is_some() {
                continue;
            }
            match types.get(name) {
                Some((now, _)) if now.removed.is_none() => {}
                _ => {
                    let instead = "keep the type, even with no code: clients built from the last release know it";
                    let what = "removed".to_string();
                    self.broken(
                        "type_removed",
                        Subject::Type(name.to_string()),
                        ChangeKind::Removed,
                        what,
                        (None, line),
                        instead,
                    );
                }
            }
        }
        let old = self.previous.types();
        let added = types.iter().filter(|(_, (ty, _))| ty.removed.is_none()).map(|(name, _)| name);
        for name in added.filter(|name| old.get(*name).is_none_or(|(ty, _)| ty.removed.is_some())) {
            self.findings.additions.push(format!("adds type `{name}`"));
        }
    }

    fn codes(&mut self) {
        let codes = self.next.codes();
        let aliases = self.next.aliases();
        let identity_kept = self.previous.envelope.identity.value == self.next.envelope.identity.value;
        for (name, (old, line)) in self.previous.codes() {
            match codes.get(name) {
                Some((new, _)) if new.removed.is_none() => self.code(name, old, new, line, identity_kept),
                _ if old.removed.is_some() => {}
                _ => {
                    // A renamed code is pointed at where its old name is now an alias.
                    let (what, at) = match aliases.get(name) {
                        Some((alias, _)) => (
                            format!("renamed to {} (now its alias)", alias.of),
                            self.origins.aliases.get(name).copied(),
                        ),
                        None => ("removed".to_string(), None),
                    };
                    let instead =
                        "keep it and mark it `deprecated: { replaced_by: <code> }`: it stays on the wire and parseable";
                    self.broken(
                        "code_removed",
                        Subject::Code(name.to_string()),
                        ChangeKind::Removed,
                        what,
                        (at, line),
                        instead,
                    );
                }
            }
        }
        let old = self.previous.codes();
        for (name, (new, _)) in codes.iter().filter(|(_, (new, _))| new.removed.is_none()) {
            match old.get(name) {
                None => self.findings.additions.push(format!("adds code `{name}`")),
                Some((old, _)) if old.removed.is_some() => self.findings.additions.push(format!("adds code `{name}`")),
                Some((old, _)) if new.deprecated.is_some() && old.deprecated.is_none() => {
                    self.findings.additions.push(format!("deprecates `{name}`"));
                }
                Some(_) => {}
            }
        }
    }

    /// A code of the last release, still in the catalogue (or back in it).
    fn code(&mut self, name: &str, old: &LockedCode, new: &LockedCode, line: u32, identity_kept: bool) {
        let at = self.origins.codes.get(name).copied();
        let subject = || Subject::Code(name.to_string());
        let reused = if old.removed.is_some() { " (a removed code's name reused with another meaning)" } else { "" };
        if old.status != new.status {
            let what = format!("status {} → {}{reused}", old.status, new.status);
            self.broken(
                "status_changed",
                subject(),
                ChangeKind::Status,
                what,
                (at, line),
                "keep the status, or add a new code",
            );
        }
        // A gRPC client branches on the status code as an HTTP one does on
        // the status (a lock written before codes had one says nothing).
        if let (Some(was), Some(now)) = (&old.grpc, &new.grpc)
            && was != now
        {
            let what = format!("gRPC status {was} → {now}{reused}");
            let instead = "keep the gRPC status (`grpc:`), or add a new code";
            self.broken("grpc_status_changed", subject(), ChangeKind::Status, what, (at, line), instead);
        }
        if old.error_type != new.error_type {
            let show = |ty: &Option<String>| ty.clone().unwrap_or_else(|| "none".into());
            let what = format!("type {} → {}{reused}", show(&old.error_type), show(&new.error_type));
            self.broken(
                "type_changed",
                subject(),
                ChangeKind::Type,
                what,
                (at, line),
                "keep the type, or add a new code",
            );
        }
        if let (true, Some(was), Some(now)) = (identity_kept, &old.wire, &new.wire)
            && was != now
        {
            let what = format!("sent as {was} → {now}{reused}");
            let instead = "keep what identifies it (`wire_code:`, `doc_url:` or `title:`), or add a new code";
            self.broken("wire_code_changed", subject(), ChangeKind::WireCode, what, (at, line), instead);
        }
        if old.removed.is_some() {
            return;
        }
        if old.retryable != new.retryable {
            self.retry_advice(name, old.retryable, new.retryable, at, line);
        }
        self.details(name, old, new, line);
    }

    fn retry_advice(&mut self, name: &str, was: bool, now: bool, at: Option<Span>, line: u32) {
        let show = |retryable: bool| if retryable { "retryable" } else { "not retryable" };
        let lock = Span { file: self.lock_file, line, column: 1 };
        self.findings.retry_changes.push((name.to_string(), now));
        let diagnostic = Diagnostic::warning(
            Lint::RetryAdviceChanged,
            format!("code `{name}` was released {} and is now {}", show(was), show(now)),
            at.unwrap_or(lock),
            "retry advice changed",
        )
        .also(lock, "as released")
        .help("clients built from the last release keep the old advice until they update: say so in the release notes");
        self.findings.advice.push(diagnostic);
    }

    fn details(&mut self, code: &str, old: &LockedCode, new: &LockedCode, line: u32) {
        let subject = |member: &str| Subject::Detail { code: code.to_string(), member: member.to_string() };
        let at = |member: &str| self.origins.details.get(&(code.to_string(), member.to_string())).copied();
        let mut breaks = Vec::new();
        for (member, was) in &old.details {
            let was: &LockedDetail = &was.0;
            match new.details.get(member) {
                None => breaks.push(("detail_removed", ChangeKind::Removed, member, "removed".to_string())),
                Some(now) if now.0.detail_type != was.detail_type => {
                    let what = format!("type {} → {}", was.detail_type, now.0.detail_type);
                    breaks.push(("detail_type_changed", ChangeKind::Type, member, what));
                }
                Some(now) if now.0.required && !was.required => {
                    breaks.push(("detail_required", ChangeKind::Required, member, "optional → required".to_string()));
                }
                Some(_) => {}
            }
        }
        for (member, now) in new.details.iter().filter(|(member, _)| !old.details.contains_key(*member)) {
            if now.0.required {
                breaks.push(("detail_required", ChangeKind::Required, member, "added as required".to_string()));
            } else {
                self.findings.additions.push(format!("adds detail `{member}` to `{code}`"));
            }
        }
        for (rule, change, member, what) in breaks {
            let instead = "keep released detail members with their type; add new ones as optional";
            let at = at(member).or_else(|| self.origins.codes.get(code).copied());
            self.broken(rule, subject(member), change, what, (at, line), instead);
        }
    }

    fn aliases(&mut self) {
        let aliases = self.next.aliases();
        let codes = self.next.codes();
        for (name, (old, line)) in self.previous.aliases() {
            if old.removed.is_some() || codes.get(name).is_some_and(|(code, _)| code.removed.is_none()) {
                continue;
            }
            // The code it named may have been renamed, and the alias follow it.
            let followed = |now: &str| aliases.get(old.of.as_str()).is_some_and(|(renamed, _)| renamed.of == now);
            // Pointed at the alias where it now is, else at the code it named.
            let (what, at) = match aliases.get(name) {
                Some((now, _)) if now.of == old.of || followed(&now.of) => continue,
                Some((now, _)) => {
                    (format!("alias of {} → alias of {}", old.of, now.of), self.origins.aliases.get(name).copied())
                }
                None => (format!("alias of {} removed", old.of), self.origins.codes.get(&old.of).copied()),
            };
            let instead = "keep the alias in the `aliases:` of the code it names: old bodies still carry it";
            self.broken(
                "alias_removed",
                Subject::Code(name.to_string()),
                ChangeKind::Removed,
                what,
                (at, line),
                instead,
            );
        }
        let old = self.previous.aliases();
        let added = aliases.iter().filter(|(_, (alias, _))| alias.removed.is_none()).map(|(name, _)| name);
        let old_codes = self.previous.codes();
        for name in added.filter(|name| old.get(*name).is_none_or(|(alias, _)| alias.removed.is_some())) {
            // A released code that became an alias is a rename, found above.
            if old_codes.get(*name).is_none_or(|(code, _)| code.removed.is_some()) {
                self.findings.additions.push(format!("adds alias `{name}`"));
            }
        }
    }
}
