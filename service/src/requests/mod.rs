//! Self-service use cases: the staff portal and service catalogue, filing requests on forms the regie
//! team builds, the approval workflow with its history, work profiles that change licence counts, and
//! the anonymisation of closed requests. Who may see one request is decided here, per request.

pub mod anonymise;
pub mod catalogue;
pub mod filing;
pub mod forms;
pub mod profiles;
pub mod shipped;
pub mod steps;

use crate::policy::{allowed, Action};
use crate::Actor;
use chrono::NaiveDate;
use domain::requests::views::RequestSummary;
use domain::requests::workflow::is_overdue;
use domain::requests::{Capacity, RequestStatus, Side};
use store::{RequestListRow, StoredRequest};

/// In which capacities `actor` acts on a request.
pub(crate) fn capacity(actor: &Actor, r: &StoredRequest) -> Capacity {
    Capacity {
        requester: r.requester == Some(actor.user_id),
        manager: r.manager.is_some() && r.manager == Some(actor.user_id),
        regie: allowed(actor.role, Action::HandleRequests),
    }
}

/// The requester, their line manager and the regie team may see a request; nobody else.
pub(crate) fn may_see(c: Capacity) -> bool {
    c.requester || c.manager || c.regie
}

/// A list row with what depends on today.
pub(crate) fn summary(r: RequestListRow, today: NaiveDate) -> RequestSummary {
    let a = r.approvals;
    let waiting_for = match r.status {
        RequestStatus::Submitted if a.manager_needed && !a.manager_given => Some(Side::Manager),
        RequestStatus::Submitted if a.regie_needed && !a.regie_given => Some(Side::Regie),
        _ => None,
    };
    RequestSummary {
        id: r.id,
        form_title: r.form_title,
        requester_name: r.requester_name,
        status: r.status,
        filed_at: r.filed_at,
        due_on: r.due_on,
        overdue: is_overdue(r.status, r.due_on, today),
        service_name: r.service_name,
        waiting_for,
    }
}
