//! The regie team's request list as CSV (`/aanvragen.csv?status=…`), in the reader's language: one
//! line per request with form, requester, service, status, who it waits for, filing time
//! (Europe/Amsterdam), due date and whether it is over time.

use super::{status_text, waiting_text, RM};
use crate::components::time::local_time;
use crate::i18n::{date, Lang};
use domain::csv::{field, line, BOM};
use domain::requests::views::RequestList;

/// The list as CSV.
pub fn requests_csv(list: &RequestList, lang: Lang) -> String {
    let yes_no = |b: bool| match (b, lang) {
        (true, Lang::Nl) => "ja",
        (true, Lang::En) => "yes",
        (false, Lang::Nl) => "nee",
        (false, Lang::En) => "no",
    };
    let header = match lang {
        Lang::Nl => [
            "nummer",
            "formulier",
            "aanvrager",
            "dienst",
            "status",
            "wacht op",
            "ingediend",
            "klaar uiterlijk",
            "over tijd",
        ],
        Lang::En => ["number", "form", "requester", "service", "status", "waiting for", "filed", "due by", "overdue"],
    };
    let mut out = String::from(BOM);
    out.push_str(&line(&header.map(String::from)));
    for r in &list.requests {
        out.push_str(&line(&[
            r.id.to_string(),
            field(&r.form_title),
            field(&r.requester_name.clone().unwrap_or_else(|| RM::Anonymised.t(lang).into())),
            field(&r.service_name.clone().unwrap_or_default()),
            status_text(r.status, lang).to_string(),
            r.waiting_for.map(|s| waiting_text(s, lang).to_string()).unwrap_or_default(),
            local_time(r.filed_at),
            date(r.due_on),
            yes_no(r.overdue).to_string(),
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};
    use domain::requests::views::RequestSummary;
    use domain::requests::{RequestStatus, Side};
    use domain::RequestId;

    #[test]
    fn a_line_per_request_in_amsterdam_time_with_formulas_defused() {
        let list = RequestList {
            requests: vec![RequestSummary {
                id: RequestId(7),
                form_title: "=Toegang; licentie".into(),
                requester_name: None,
                status: RequestStatus::Submitted,
                filed_at: Utc.with_ymd_and_hms(2026, 7, 1, 10, 0, 0).unwrap(),
                due_on: NaiveDate::from_ymd_opt(2026, 7, 6).unwrap(),
                overdue: true,
                service_name: Some("Zaaksysteem".into()),
                waiting_for: Some(Side::Manager),
            }],
            total: 1,
            open: 1,
            overdue: 1,
        };
        let nl = requests_csv(&list, Lang::Nl);
        assert!(nl.starts_with("\u{feff}nummer;formulier;"));
        assert!(nl.ends_with(
            "7;\"'=Toegang; licentie\";geanonimiseerd;Zaaksysteem;ingediend;wacht op leidinggevende;01-07-2026 12:00;06-07-2026;ja\r\n"
        ));
        let en = requests_csv(&list, Lang::En);
        assert!(
            en.contains("anonymised;Zaaksysteem;filed;waiting for line manager;01-07-2026 12:00;06-07-2026;yes\r\n")
        );
    }
}
