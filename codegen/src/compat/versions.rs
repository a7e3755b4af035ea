//! Which version a release needs, as Cargo reads semver: a recorded
//! breaking change needs a new major version (a new minor before 1.0.0, any
//! new version before 0.1.0); additions and deprecations need a new minor
//! (before 1.0.0 a new patch will do: Cargo treats 0.x.y and 0.x.z as
//! compatible, so 0.x.z may add what 0.x.y lacked).

use std::cmp::Ordering;
use std::fmt;

/// MAJOR.MINOR.PATCH, as `service.version` is written (validated there).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.split('.').map(|part| part.parse::<u64>().ok());
        let version = Version { major: parts.next()??, minor: parts.next()??, patch: parts.next()?? };
        parts.next().is_none().then_some(version)
    }

    /// How far `self` is from `earlier` for a Cargo user: what kind of
    /// change a dependency requirement on `earlier` lets through.
    pub fn bump_from(self, earlier: Version) -> Bump {
        match self.cmp(&earlier) {
            Ordering::Less | Ordering::Equal => Bump::None,
            Ordering::Greater if earlier.major > 0 => {
                if self.major != earlier.major {
                    Bump::Major
                } else if self.minor != earlier.minor {
                    Bump::Minor
                } else {
                    Bump::Patch
                }
            }
            // 0.x: the minor is the breaking number, the patch the compatible one.
            Ordering::Greater if earlier.minor > 0 => {
                if (self.major, self.minor) != (earlier.major, earlier.minor) {
                    Bump::Major
                } else {
                    Bump::Minor
                }
            }
            // 0.0.z: every release is breaking.
            Ordering::Greater => Bump::Major,
        }
    }

    /// The smallest version after `self` that is a `bump` away.
    pub fn next(self, bump: Bump) -> Version {
        let Version { major, minor, patch } = self;
        match (bump, major, minor) {
            (Bump::None, ..) => self,
            (Bump::Major, 0, 0) | (Bump::Minor | Bump::Patch, 0, _) => Version { major, minor, patch: patch + 1 },
            (Bump::Major, 0, _) => Version { major, minor: minor + 1, patch: 0 },
            (Bump::Major, ..) => Version { major: major + 1, minor: 0, patch: 0 },
            (Bump::Minor, ..) => Version { major, minor: minor + 1, patch: 0 },
            (Bump::Patch, ..) => Version { major, minor, patch: patch + 1 },
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The kind of a release, least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn name(self) -> &'static str {
        match self {
            Bump::None => "no new version",
            Bump::Patch => "a patch release",
            Bump::Minor => "a minor release",
            Bump::Major => "a major release",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Bump, Version};

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn bumps_follow_cargo() {
        assert_eq!(v("2.0.0").bump_from(v("1.4.2")), Bump::Major);
        assert_eq!(v("1.5.0").bump_from(v("1.4.2")), Bump::Minor);
        assert_eq!(v("1.4.3").bump_from(v("1.4.2")), Bump::Patch);
        assert_eq!(v("1.4.2").bump_from(v("1.4.2")), Bump::None);
        assert_eq!(v("1.4.1").bump_from(v("1.4.2")), Bump::None);
        assert_eq!(v("0.3.0").bump_from(v("0.2.7")), Bump::Major);
        assert_eq!(v("0.2.8").bump_from(v("0.2.7")), Bump::Minor);
        assert_eq!(v("1.0.0").bump_from(v("0.2.7")), Bump::Major);
        assert_eq!(v("0.0.4").bump_from(v("0.0.3")), Bump::Major);
    }

    #[test]
    fn next_versions_are_the_smallest_of_their_kind() {
        assert_eq!(v("1.4.2").next(Bump::Major), v("2.0.0"));
        assert_eq!(v("1.4.2").next(Bump::Minor), v("1.5.0"));
        assert_eq!(v("0.2.7").next(Bump::Major), v("0.3.0"));
        assert_eq!(v("0.2.7").next(Bump::Minor), v("0.2.8"));
        assert_eq!(v("0.0.3").next(Bump::Major), v("0.0.4"));
        for (from, bump) in
            [("1.4.2", Bump::Major), ("0.2.7", Bump::Minor), ("0.0.3", Bump::Major), ("3.1.0", Bump::Patch)]
        {
            assert!(v(from).next(bump).bump_from(v(from)) >= bump, "{from} {bump:?}");
        }
        assert!(
            Version::parse("1.2").is_none() && Version::parse("1.2.3.4").is_none() && Version::parse("a.b.c").is_none()
        );
    }
}
