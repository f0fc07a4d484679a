//! The daily privacy job: closed requests older than the retention period lose their personal data
//! (requester link, free-text answers, comment and reason texts, who took each step).

use crate::audit::{append, record, Outcome};
use crate::auth::system_actor;
use crate::{ServiceError, Services};
use domain::requests::anonymise::anonymise_answers;

impl Services {
    /// Anonymises every request closed at least `retention_days` ago that still holds personal data,
    /// in one transaction with one audit entry; returns how many.
    #[tracing::instrument(skip_all)]
    pub async fn anonymise_closed_requests(&self, retention_days: u32) -> Result<u32, ServiceError> {
        let now = self.clock().now();
        let cutoff = now - chrono::Duration::days(i64::from(retention_days));
        let mut tx = self.db().begin().await?;
        let due = store::requests_to_anonymise(&mut tx, cutoff).await?;
        for (id, answers) in &due {
            store::anonymise_request(&mut tx, *id, &anonymise_answers(answers), now).await?;
        }
        let n = due.len() as u32;
        if n > 0 {
            let detail = format!("{n} aanvragen, gesloten voor {}", cutoff.format("%Y-%m-%d %H:%M UTC"));
            append(
                &mut tx,
                record(now, &system_actor(), "requests.anonymise", "requests".into(), Outcome::Ok, Some(detail)),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(n)
    }
}
