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
    /// See invoices, budgets, the cost overview, allocation and licences.
    ViewCosts,
    /// Enter and import invoices; set budgets, cost centres, allocation keys, price changes and licences.
    ManageCosts,
    /// File self-service requests and follow one's own (and, as a line manager, one's team's).
    FileRequests,
    /// See every request, give the regie team's approval, take requests up and complete them.
    HandleRequests,
    /// Build request forms and define work profiles.
    ManageRequestForms,
}

impl Action {
    pub const ALL: [Action; 16] = [
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
        Action::ViewCosts,
        Action::ManageCosts,
        Action::FileRequests,
        Action::HandleRequests,
        Action::ManageRequestForms,
    ];
}

/// The authorisation matrix (docs/ARCHITECTURE.md, "Security model"):
/// - beheerder: everything; regisseur: runs the vendors and contracts;
/// - ict-manager: reads all and takes contract decisions (approves);
/// - inkoper: reads vendors and contracts (procurement needs the incumbent's facts);
/// - auditor: reads everything including the audit log, changes nothing;
/// - medewerker: self-service only, none of the register.
///
/// Self-service: everyone files requests; the regie team (beheerder, regisseur) handles them and
/// builds the forms and work profiles. Who may see one request (requester, line manager) is decided
/// per request in the service.
///
/// SLA terms: whoever reads a contract reads its terms; those who edit contracts edit them.
/// Monitoring: every role but medewerker sees it; beheerder and regisseur manage the sources.
/// Costs and licences: inkoper and regisseur (and beheerder) edit; ict-manager and auditor read.
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
        ViewCosts => matches!(role, Beheerder | Regisseur | IctManager | Inkoper | Auditor),
        ManageCosts => matches!(role, Beheerder | Regisseur | Inkoper),
        ManageUsers => matches!(role, Beheerder),
        FileRequests => true,
        HandleRequests | ManageRequestForms => matches!(role, Beheerder | Regisseur),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medewerker_may_do_nothing_in_the_register() {
        for a in Action::ALL.into_iter().filter(|a| *a != Action::FileRequests) {
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
            Action::ManageCosts,
            Action::HandleRequests,
            Action::ManageRequestForms,
        ] {
            assert!(!allowed(Role::Auditor, a), "{a:?}");
        }
    }

    #[test]
    fn costs_are_edited_by_inkoper_and_regisseur_read_by_ict_manager_and_auditor_hidden_from_medewerker() {
        for role in Role::ALL {
            let sees = !matches!(role, Role::Medewerker);
            let edits = matches!(role, Role::Beheerder | Role::Regisseur | Role::Inkoper);
            assert_eq!(allowed(role, Action::ViewCosts), sees, "{role:?}");
            assert_eq!(allowed(role, Action::ManageCosts), edits, "{role:?}");
        }
    }

    #[test]
    fn everyone_files_requests_and_the_regie_team_handles_them() {
        for role in Role::ALL {
            let regie = matches!(role, Role::Beheerder | Role::Regisseur);
            assert!(allowed(role, Action::FileRequests), "{role:?}");
            assert_eq!(allowed(role, Action::HandleRequests), regie, "{role:?}");
            assert_eq!(allowed(role, Action::ManageRequestForms), regie, "{role:?}");
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
