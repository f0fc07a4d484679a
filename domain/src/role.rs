//! The six roles (docs/ARCHITECTURE.md, "Security model"). What each may do is decided in
//! `service::policy`.

use serde::{Deserialize, Serialize};

/// A user's role. Every account has exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Beheerder,
    Regisseur,
    IctManager,
    Inkoper,
    Medewerker,
    Auditor,
}

impl Role {
    pub const ALL: [Role; 6] =
        [Role::Beheerder, Role::Regisseur, Role::IctManager, Role::Inkoper, Role::Medewerker, Role::Auditor];

    /// The stable name used in the database, the CLI and the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Beheerder => "beheerder",
            Role::Regisseur => "regisseur",
            Role::IctManager => "ict-manager",
            Role::Inkoper => "inkoper",
            Role::Medewerker => "medewerker",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
