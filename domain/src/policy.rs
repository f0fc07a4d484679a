//! Who may do what: one table, so that the authorisation matrix can be read and tested in one place.
//! The service layer enforces it on every use case; the UI only uses it to hide what a role cannot use.

use crate::Role;

/// Everything a use case can ask permission for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    ViewVendors,
    ManageVendors,
    ViewContracts,
    ManageContracts,
    /// Set a contract's SLA terms (reading them needs only `ViewContracts`).
    ManageSlaTerms,
    RecordCreditClaim,
    DecideContract,
    ViewAuditLog,
    /// Create and list accounts, block and unblock them, end their sessions.
    ManageUsers,
    /// See monitoring sources, their checks and vendor-reported events.
    ViewMonitoring,
    /// Add, change and remove monitoring sources, their secrets and push tokens.
    ManageSources,
}

impl Action {
    pub const ALL: [Action; 11] = [
        Action::ViewVendors,
        Action::ManageVendors,
        Action::ViewContracts,
        Action::ManageContracts,
        Action::ManageSlaTerms,
        Action::RecordCreditClaim,
        Action::DecideContract,
        Action::ViewAuditLog,
        Action::ManageUsers,
        Action::ViewMonitoring,
        Action::ManageSources,
    ];
}

/// The authorisation matrix (docs/ARCHITECTURE.md, "Security model"):
/// - beheerder: everything; regisseur: runs the vendors and contracts;
/// - ict-manager: reads all and takes contract decisions (approves);
/// - inkoper: reads vendors and contracts (procurement needs the incumbent's facts);
/// - auditor: reads everything including the audit log, changes nothing;
/// - medewerker: self-service only, none of the register.
///
/// SLA terms: whoever reads a contract reads its terms; those who edit contracts edit them.
/// Monitoring: every role but medewerker sees it; beheerder and regisseur manage the sources.
pub fn allowed(role: Role, action: Action) -> bool {
    use Action::*;
    use Role::*;
    match action {
        ViewVendors | ViewContracts | ViewMonitoring => {
            matches!(role, Beheerder | Regisseur | IctManager | Inkoper | Auditor)
        }
        ManageVendors | ManageContracts | ManageSlaTerms | ManageSources => matches!(role, Beheerder | Regisseur),
        DecideContract | RecordCreditClaim => matches!(role, Beheerder | Regisseur | IctManager),
        ViewAuditLog => matches!(role, Beheerder | Auditor),
        ManageUsers => matches!(role, Beheerder),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medewerker_may_do_nothing_in_the_register() {
        for a in Action::ALL {
            assert!(!allowed(Role::Medewerker, a), "{a:?}");
        }
    }

    #[test]
    fn beheerder_may_do_everything() {
        for a in Action::ALL {
            assert!(allowed(Role::Beheerder, a), "{a:?}");
        }
    }

    #[test]
    fn auditor_reads_but_never_changes() {
        assert!(allowed(Role::Auditor, Action::ViewAuditLog));
        assert!(allowed(Role::Auditor, Action::ViewContracts));
        for a in [
            Action::ManageVendors,
            Action::ManageContracts,
            Action::ManageSlaTerms,
            Action::DecideContract,
            Action::RecordCreditClaim,
            Action::ManageUsers,
            Action::ManageSources,
        ] {
            assert!(!allowed(Role::Auditor, a), "{a:?}");
        }
    }

    #[test]
    fn monitoring_is_seen_by_all_but_medewerker_and_managed_by_beheerder_and_regisseur() {
        for role in Role::ALL {
            let sees = !matches!(role, Role::Medewerker);
            let manages = matches!(role, Role::Beheerder | Role::Regisseur);
            assert_eq!(allowed(role, Action::ViewMonitoring), sees, "{role:?}");
            assert_eq!(allowed(role, Action::ManageSources), manages, "{role:?}");
        }
    }
}
