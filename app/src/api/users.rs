//! User administration server functions (beheerder): list, block, unblock, end sessions.

use crate::error::AppError;
use domain::user::UserSummary;
use domain::UserId;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::session::{signed_in, signed_in_with_csrf, state};

#[server(endpoint = "users/list")]
pub async fn list_users() -> Result<Vec<UserSummary>, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.list_users(&me.actor).await?)
}

/// Blocks an account and ends its sessions.
#[server(endpoint = "users/block")]
pub async fn block_user(csrf: String, id: UserId) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.block_user(&me.actor, id).await?;
    Ok(())
}

/// Lets a blocked account sign in again.
#[server(endpoint = "users/unblock")]
pub async fn unblock_user(csrf: String, id: UserId) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    Ok(state()?.services.unblock_user(&me.actor, id).await?)
}

/// Ends every session of an account.
#[server(endpoint = "users/end-sessions")]
pub async fn end_user_sessions(csrf: String, id: UserId) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.end_user_sessions(&me.actor, id).await?;
    Ok(())
}
