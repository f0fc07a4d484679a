//! Account administration by a beheerder: blocking and unblocking an account and ending another
//! user's sessions (a lost laptop, a leaver, a suspected break-in). Each is one transaction with
//! its audit entry; the role check is [`Action::ManageUsers`].

use crate::audit::{append, record, Outcome};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use domain::UserId;

impl Services {
    /// Blocks an account: it can no longer sign in and all its sessions end at once. A beheerder
    /// cannot block themselves (that would leave nobody to unblock them). Returns how many
    /// sessions ended.
    pub async fn block_user(&self, actor: &Actor, user: UserId) -> Result<u64, ServiceError> {
        self.guard(actor, Action::ManageUsers, "user.block", format!("user:{user}")).await?;
        if user == actor.user_id {
            return Err(ServiceError::Conflict("cannot block yourself".into()));
        }
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::set_user_blocked(&mut tx, user, Some(now)).await?;
        let n = store::delete_user_sessions(&mut tx, user).await?;
        let detail = Some(format!("{n} sessions ended"));
        append(&mut tx, record(now, actor, "user.block", format!("user:{user}"), Outcome::Ok, detail)).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Lifts a block: the account may sign in again.
    pub async fn unblock_user(&self, actor: &Actor, user: UserId) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageUsers, "user.unblock", format!("user:{user}")).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::set_user_blocked(&mut tx, user, None).await?;
        append(&mut tx, record(now, actor, "user.unblock", format!("user:{user}"), Outcome::Ok, None)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends every session of an account (it stays usable: the user signs in again). Returns how
    /// many sessions ended.
    pub async fn end_user_sessions(&self, actor: &Actor, user: UserId) -> Result<u64, ServiceError> {
        self.guard(actor, Action::ManageUsers, "user.end_sessions", format!("user:{user}")).await?;
        // Answers NotFound for an unknown account, rather than "0 sessions ended".
        store::get_user(self.db(), user).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let n = store::delete_user_sessions(&mut tx, user).await?;
        let detail = Some(format!("{n} sessions ended"));
        append(&mut tx, record(now, actor, "user.end_sessions", format!("user:{user}"), Outcome::Ok, detail)).await?;
        tx.commit().await?;
        Ok(n)
    }
}
