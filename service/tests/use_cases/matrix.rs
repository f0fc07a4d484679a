//! The authorisation matrix, enforced: every role tries every use case. A use case is refused with
//! `Forbidden` exactly when `domain::policy::allowed` says the role may not take the action it needs,
//! and a refusal changes nothing but the audit log, which gets one "denied" entry.

use crate::support::{
    audit_count, audit_since, contact_form, contract_form, decision, password, register, service_form, sla_form,
    snapshot, t0, user, vendor_form, Register, ORIGIN,
};
use domain::costs::forms::{BudgetForm, CostCentreForm, CostLineForm, OrganisationForm, PriceChangeForm};
use domain::policy::{allowed, Action};
use domain::requests::FormSettingsForm;
use domain::sla::claims::CreditClaimForm;
use domain::views::DeadlineFilter;
use domain::views_costs::AllocationTarget;
use domain::Role;
use service::{Actor, ServiceError, Services};
use store::{AuditFilter, Db};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UseCase {
    ListVendors,
    VendorOverview,
    RegisterVendor,
    UpdateVendor,
    RemoveVendor,
    AddService,
    RemoveService,
    AddContact,
    RemoveContact,
    ListContracts,
    UpcomingDeadlines,
    DeadlineSummary,
    ContractDetail,
    RegisterContract,
    ReviseContract,
    ContractFormServices,
    RemoveContract,
    RecordDecision,
    ContractSlaTerms,
    SetContractSlaTerms,
    SlaOverview,
    SlaReport,
    RecordCreditClaim,
    VendorHistory,
    BrowseAuditLog,
    ExportAuditLog,
    AddUser,
    ListUsers,
    BlockUser,
    UnblockUser,
    EndUserSessions,
    ListSources,
    AddSource,
    CostOverview,
    CostLines,
    CostRegisters,
    AddCostLine,
    AddCostCentre,
    SetBudget,
    UploadCostImport,
    SetAllocationKey,
    SetPriceChange,
    Portal,
    RequestList,
    RequestForms,
    CreateRequestForm,
    ProfileRegister,
    SetUserManager,
}

/// Every use case, the permission it needs, and the action its audit entry names when refused.
#[rustfmt::skip]
const MATRIX: [(UseCase, Action, &str); 48] = [
    (UseCase::ListVendors,       Action::ViewVendors,     "vendor.list"),
    (UseCase::VendorOverview,    Action::ViewVendors,     "vendor.view"),
    (UseCase::RegisterVendor,    Action::ManageVendors,   "vendor.create"),
    (UseCase::UpdateVendor,      Action::ManageVendors,   "vendor.update"),
    (UseCase::RemoveVendor,      Action::ManageVendors,   "vendor.delete"),
    (UseCase::AddService,        Action::ManageVendors,   "service.create"),
    (UseCase::RemoveService,     Action::ManageVendors,   "service.delete"),
    (UseCase::AddContact,        Action::ManageVendors,   "contact.create"),
    (UseCase::RemoveContact,     Action::ManageVendors,   "contact.delete"),
    (UseCase::ListContracts,     Action::ViewContracts,   "contract.list"),
    (UseCase::UpcomingDeadlines, Action::ViewContracts,   "contract.list"),
    (UseCase::DeadlineSummary,   Action::ViewContracts,   "contract.list"),
    (UseCase::ContractDetail,    Action::ViewContracts,   "contract.view"),
    (UseCase::RegisterContract,  Action::ManageContracts, "contract.create"),
    (UseCase::ReviseContract,    Action::ManageContracts, "contract.update"),
    (UseCase::ContractFormServices, Action::ManageContracts, "contract.update"),
    (UseCase::RemoveContract,    Action::ManageContracts, "contract.delete"),
    (UseCase::RecordDecision,    Action::DecideContract,  "contract.decide"),
    (UseCase::ContractSlaTerms,  Action::ViewContracts,   "contract.sla.view"),
    (UseCase::SetContractSlaTerms, Action::ManageSlaTerms, "contract.sla.update"),
    (UseCase::SlaOverview,       Action::ViewContracts,   "sla.overview"),
    (UseCase::SlaReport,         Action::ViewContracts,   "sla.report"),
    (UseCase::RecordCreditClaim, Action::RecordCreditClaim, "sla.credit.record"),
    (UseCase::VendorHistory,     Action::ViewMonitoring,  "vendor.monitoring"),
    (UseCase::BrowseAuditLog,    Action::ViewAuditLog,    "audit.view"),
    (UseCase::ExportAuditLog,    Action::ViewAuditLog,    "audit.export"),
    (UseCase::AddUser,           Action::ManageUsers,     "user.create"),
    (UseCase::ListUsers,         Action::ManageUsers,     "user.list"),
    (UseCase::BlockUser,         Action::ManageUsers,     "user.block"),
    (UseCase::UnblockUser,       Action::ManageUsers,     "user.unblock"),
    (UseCase::EndUserSessions,   Action::ManageUsers,     "user.end_sessions"),
    (UseCase::ListSources,       Action::ViewMonitoring,  "source.list"),
    (UseCase::AddSource,         Action::ManageSources,   "source.create"),
    (UseCase::CostOverview,      Action::ViewCosts,       "costs.view"),
    (UseCase::CostLines,         Action::ViewCosts,       "costs.view"),
    (UseCase::CostRegisters,     Action::ViewCosts,       "costs.view"),
    (UseCase::AddCostLine,       Action::ManageCosts,     "costs.line.add"),
    (UseCase::AddCostCentre,     Action::ManageCosts,     "costs.centre.add"),
    (UseCase::SetBudget,         Action::ManageCosts,     "costs.budget.set"),
    (UseCase::UploadCostImport,  Action::ManageCosts,     "costs.import.upload"),
    (UseCase::SetAllocationKey,  Action::ManageCosts,     "costs.allocation.set"),
    (UseCase::SetPriceChange,    Action::ManageCosts,     "costs.price_change.set"),
    (UseCase::Portal,            Action::FileRequests,    "requests.portal"),
    (UseCase::RequestList,       Action::HandleRequests,  "requests.list"),
    (UseCase::RequestForms,      Action::ManageRequestForms, "requests.forms"),
    (UseCase::CreateRequestForm, Action::ManageRequestForms, "requests.form.create"),
    (UseCase::ProfileRegister,   Action::ManageRequestForms, "requests.profiles"),
    (UseCase::SetUserManager,    Action::ManageUsers,     "users.manager"),
];

impl UseCase {
    /// What the use case needs beyond the register, set up before the attempt (not part of it).
    async fn prepare(self, s: &Services, r: &Register) {
        if self == UseCase::RecordCreditClaim {
            crate::sla_results::breach_in_february(s, r).await;
        }
        if matches!(self, UseCase::AddCostLine | UseCase::SetBudget | UseCase::SetAllocationKey) {
            let centre = CostCentreForm { code: "ICT-01".into(), naam: "Werkplek".into() };
            if store::list_cost_centres(s.db()).await.unwrap().is_empty() {
                s.add_cost_centre(&service::auth::system_actor(), &centre).await.unwrap();
            }
            let org = OrganisationForm { naam: format!("Gemeente {}", r.contract), ..Default::default() };
            s.add_organisation(&service::auth::system_actor(), &org).await.unwrap();
        }
    }

    /// Calls the use case on `r`'s objects with valid input; `n` keeps new names unique.
    async fn call(self, s: &Services, a: &Actor, r: &Register, n: usize) -> Result<(), ServiceError> {
        use UseCase::*;
        match self {
            ListVendors => s.list_vendors(a).await.map(drop),
            VendorOverview => s.vendor_overview(a, r.vendor).await.map(drop),
            RegisterVendor => s.register_vendor(a, &vendor_form(&format!("Nieuw {n} B.V."))).await.map(drop),
            UpdateVendor => s.update_vendor(a, r.vendor, &vendor_form(&format!("Hernoemd {n} B.V."))).await,
            RemoveVendor => s.remove_vendor(a, r.vendor_without_contracts).await,
            AddService => s.add_service(a, r.vendor, &service_form("Documentbeheer")).await.map(drop),
            RemoveService => s.remove_service(a, r.vendor, r.service).await,
            AddContact => s.add_contact(a, r.vendor, &contact_form("Ahmed Benali")).await.map(drop),
            RemoveContact => s.remove_contact(a, r.vendor, r.contact).await,
            ListContracts => s.list_contracts(a).await.map(drop),
            UpcomingDeadlines => s.upcoming_deadlines(a, &DeadlineFilter::default()).await.map(drop),
            DeadlineSummary => s.deadline_summary(a, 8).await.map(drop),
            ContractDetail => s.contract_detail(a, r.contract).await.map(drop),
            RegisterContract => {
                let form = contract_form(r.vendor, &format!("NIEUW-{n}"), &[r.service]);
                s.register_contract(a, &form).await.map(drop)
            }
            ReviseContract => {
                let form = contract_form(r.vendor, &format!("HERZIEN-{n}"), &[]);
                s.revise_contract(a, r.contract, &form).await
            }
            ContractFormServices => s.contract_form_services(a, Some(r.contract), Some(r.vendor)).await.map(drop),
            RemoveContract => s.remove_contract(a, r.contract).await,
            RecordDecision => s.record_decision(a, r.contract, &decision("verlengen")).await,
            ContractSlaTerms => s.contract_sla_terms(a, r.contract).await.map(drop),
            SetContractSlaTerms => s.set_contract_sla_terms(a, r.contract, &sla_form()).await,
            SlaOverview => s.sla_overview(a, None).await.map(drop),
            SlaReport => s.contract_sla_report(a, r.contract, None).await.map(drop),
            VendorHistory => s.vendor_history(a, r.vendor).await.map(drop),
            RecordCreditClaim => {
                let form = CreditClaimForm { maand: "2026-02".into(), status: "claimed".into(), note: String::new() };
                s.record_credit_claim(a, r.contract, &form).await
            }
            BrowseAuditLog => {
                let filter = AuditFilter { limit: 50, ..Default::default() };
                s.browse_audit_log(a, &filter).await.map(drop)
            }
            ExportAuditLog => s.export_audit_log(a, &AuditFilter::default()).await.map(drop),
            AddUser => {
                let name = format!("nieuw-{n}");
                s.add_user(a, &name, "Nieuwe collega", Role::Medewerker, &password(Role::Medewerker)).await.map(drop)
            }
            ListUsers => s.list_users(a).await.map(drop),
            BlockUser => s.block_user(a, target(s).await).await.map(drop),
            UnblockUser => s.unblock_user(a, target(s).await).await,
            EndUserSessions => s.end_user_sessions(a, target(s).await).await.map(drop),
            ListSources => s.list_sources(a).await.map(drop),
            AddSource => s.add_source(a, r.service.0, &crate::support::source_form(n)).await.map(drop),
            CostOverview => s.cost_overview(a, None).await.map(drop),
            CostLines => s.cost_lines(a, &Default::default(), Default::default(), false, 1).await.map(drop),
            CostRegisters => s.cost_registers(a).await.map(drop),
            AddCostLine => {
                let form = CostLineForm {
                    factuurnummer: format!("F-{n}"),
                    factuurdatum: "2026-01-05".into(),
                    periode_van: "2026-01-01".into(),
                    periode_tot: "2026-01-31".into(),
                    bedrag: "100,00".into(),
                    btw: "21,00".into(),
                    kostenplaats: "ICT-01".into(),
                    soort: "factuur".into(),
                };
                s.add_cost_line(a, r.contract, &form).await.map(drop)
            }
            AddCostCentre => {
                s.add_cost_centre(a, &CostCentreForm { code: format!("KP-{n}"), naam: "Nieuw".into() }).await.map(drop)
            }
            SetBudget => {
                let form =
                    BudgetForm { kostenplaats: "ICT-01".into(), jaar: "2026".into(), bedrag: format!("{n}.000,00") };
                s.set_budget(a, &form).await
            }
            UploadCostImport => s.upload_cost_import(a, "kosten.csv", b"factuurnummer\nF-1\n").await.map(drop),
            SetAllocationKey => {
                let orgs = store::list_organisations(s.db()).await.unwrap();
                let org = orgs.first().map_or(domain::OrganisationId(0), |o| o.id);
                let shares = [(org, "100".to_string())];
                s.set_allocation_key(a, AllocationTarget::Contract(r.contract), "vast", &shares).await
            }
            SetPriceChange => {
                let form = PriceChangeForm { ingangsdatum: "2026-07-01".into(), indexatie: "2,5".into() };
                s.set_price_change(a, r.contract, &form).await
            }
            Portal => s.portal(a).await.map(drop),
            RequestList => s.request_list(a, None).await.map(drop),
            RequestForms => s.request_forms(a).await.map(drop),
            CreateRequestForm => {
                let form = FormSettingsForm {
                    titel: format!("Formulier {n}"),
                    omschrijving: String::new(),
                    goedkeuring: "regisseur".into(),
                    doorlooptijd: "5".into(),
                };
                s.create_request_form(a, &form).await.map(drop)
            }
            ProfileRegister => s.profile_register(a).await.map(drop),
            SetUserManager => s.set_user_manager(a, target(s).await, Some(a.user_id)).await,
        }
    }
}

/// The account the user administration use cases act on (made by [`add_target`]).
async fn target(s: &Services) -> domain::UserId {
    store::get_user_by_username(s.db(), "doelwit").await.unwrap().expect("the target account exists").id
}

/// Creates the account that the user administration use cases act on, with a live session.
async fn add_target(s: &Services) {
    user(s, "doelwit", Role::Medewerker).await;
    s.sign_in("doelwit", &password(Role::Medewerker), ORIGIN).await.unwrap();
}

#[test]
fn the_matrix_lists_every_use_case_once_and_needs_every_action() {
    for (i, (uc, ..)) in MATRIX.iter().enumerate() {
        assert!(!MATRIX[..i].iter().any(|(u, ..)| u == uc), "{uc:?} is listed twice");
    }
    for action in Action::ALL {
        assert!(MATRIX.iter().any(|(_, a, _)| *a == action), "no use case needs {action:?}");
    }
}

/// `role`, on a register of its own for each use case, tries every use case. All mismatches are
/// collected, so that one run shows the role's whole difference from the policy.
async fn every_use_case_as(db: &Db, role: Role) {
    let s = crate::support::services(db);
    let actor = user(&s, &format!("test-{}", role.as_str()), role).await;
    add_target(&s).await;
    let mut mismatches = Vec::new();
    for (n, (uc, action, audit_action)) in MATRIX.into_iter().enumerate() {
        let r = register(&s, &n.to_string()).await;
        uc.prepare(&s, &r).await;
        let before = snapshot(db).await;
        let audited = audit_count(db).await;
        let result = uc.call(&s, &actor, &r, n).await;
        if allowed(role, action) {
            if let Err(e) = result {
                mismatches.push(format!("{uc:?}: allowed, but got {e:?}"));
            }
            continue;
        }
        if !matches!(result, Err(ServiceError::Forbidden)) {
            mismatches.push(format!("{uc:?}: not allowed, but got {result:?}"));
            continue;
        }
        if snapshot(db).await != before {
            mismatches.push(format!("{uc:?}: the refused attempt changed the register"));
        }
        match audit_since(db, audited).await.as_slice() {
            [entry] => {
                let e = &entry.record;
                let got = (e.actor.as_str(), e.action.as_str(), e.result.as_str(), e.origin.as_str(), e.at);
                let want = (actor.username.as_str(), audit_action, "denied", ORIGIN, t0());
                if got != want || e.object.is_empty() {
                    mismatches.push(format!("{uc:?}: audit entry {e:?}, expected {want:?} with an object"));
                }
            }
            other => mismatches.push(format!("{uc:?}: expected one audit entry, got {other:#?}")),
        }
    }
    assert!(mismatches.is_empty(), "authorisation matrix violated for {role}:\n{}", mismatches.join("\n"));
}

/// One test per role (each on its own pair of databases), and a check that no role is left out.
macro_rules! every_role {
    ($($test:ident => $role:expr),+ $(,)?) => {
        $(
            async fn $test(db: &Db) {
                every_use_case_as(db, $role).await
            }
            both_dbs!($test);
        )+

        const TESTED_ROLES: &[Role] = &[$($role),+];
    };
}

every_role! {
    beheerder_on_every_use_case => Role::Beheerder,
    regisseur_on_every_use_case => Role::Regisseur,
    ict_manager_on_every_use_case => Role::IctManager,
    inkoper_on_every_use_case => Role::Inkoper,
    medewerker_on_every_use_case => Role::Medewerker,
    auditor_on_every_use_case => Role::Auditor,
}

#[test]
fn every_role_is_tested() {
    assert_eq!(TESTED_ROLES, Role::ALL);
}

/// The medewerker, who may do nothing in the register (only self-service), is refused everywhere
/// else, and the chain of all those "denied" entries is intact.
async fn refusals_keep_the_audit_chain_intact(db: &Db) {
    let s = crate::support::services(db);
    let r = register(&s, "keten").await;
    let medewerker = user(&s, "mw", Role::Medewerker).await;
    add_target(&s).await;
    let audited = audit_count(db).await;
    let refused: Vec<_> = MATRIX.into_iter().filter(|(_, action, _)| !allowed(Role::Medewerker, *action)).collect();
    assert_eq!(refused.len(), MATRIX.len() - 1, "only the portal is the medewerker's");
    for (n, (uc, ..)) in refused.iter().enumerate() {
        let result = uc.call(&s, &medewerker, &r, n).await;
        assert!(matches!(result, Err(ServiceError::Forbidden)), "{uc:?}: {result:?}");
    }
    let denied = audit_since(db, audited).await;
    assert_eq!(denied.len(), refused.len());
    assert!(denied.iter().all(|e| e.record.result == "denied" && e.record.actor == "mw"));
    let report = s.verify_audit_chain().await.unwrap();
    assert_eq!(report.first_broken, None);
    assert_eq!(report.checked, u64::try_from(audit_count(db).await).unwrap());
}
both_dbs!(refusals_keep_the_audit_chain_intact);
