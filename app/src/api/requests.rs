//! Self-service server functions: the portal, filing a request, a request's page and its steps and
//! comments, the regie team's list, the form builder, work profiles and line managers.

use crate::error::AppError;
use domain::requests::views::{FormEditor, FormSummary, FormToFill, Portal, ProfileChoice, RequestList, RequestView};
use domain::requests::{FieldForm, FormSettingsForm, ProfileForm};
use domain::{FormVersionId, RequestFormId, RequestId, UserId, WorkProfileId};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use crate::components::saved::saved_url;
#[cfg(feature = "ssr")]
use crate::session::{signed_in, signed_in_with_csrf, state};

/// What the profile editor offers (see `service::requests::profiles::ProfileRegister`).
pub type ProfileRegister = (
    Vec<domain::requests::WorkProfile>,
    Vec<domain::requests::ServiceChoice>,
    Vec<domain::views_licences::LicenceView>,
);

#[server(endpoint = "requests/portal")]
pub async fn get_portal() -> Result<Portal, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.portal(&me.actor).await?)
}

#[server(endpoint = "requests/form")]
pub async fn get_form_to_fill(form: RequestFormId) -> Result<FormToFill, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.form_to_fill(&me.actor, form).await?)
}

/// Files a request; `answers` maps each field key (`veld_1`, ...) to what was typed. A second
/// submit with the same `token` lands on the request the first one filed.
#[server(endpoint = "requests/file")]
pub async fn file_request(
    csrf: String,
    version: FormVersionId,
    token: String,
    #[server(default)] answers: BTreeMap<String, String>,
    #[server(default)] profile: Option<WorkProfileId>,
) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    let filed = state()?.services.file_request(&me.actor, version, &token, &answers, profile).await?;
    leptos_axum::redirect(&saved_url(&format!("/aanvragen/{}", filed.id), "aanvraag"));
    Ok(())
}

#[server(endpoint = "requests/view")]
pub async fn get_request(id: RequestId) -> Result<RequestView, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.request_view(&me.actor, id).await?)
}

/// Takes a workflow step (`step`: `goedkeuren_leidinggevende`, `afwijzen_regie`, `in_behandeling`,
/// `afronden`, `annuleren`, ...); a rejection needs `toelichting`.
#[server(endpoint = "requests/step")]
pub async fn take_request_step(
    csrf: String,
    id: RequestId,
    step: String,
    #[server(default)] toelichting: String,
) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    let step = domain::requests::Step::parse(&step)
        .ok_or_else(|| AppError::Invalid(domain::Invalid::one("besluit", domain::Problem::UnknownChoice)))?;
    state()?.services.take_request_step(&me.actor, id, step, &toelichting).await?;
    leptos_axum::redirect(&saved_url(&format!("/aanvragen/{id}"), "stap"));
    Ok(())
}

#[server(endpoint = "requests/comment")]
pub async fn comment_on_request(csrf: String, id: RequestId, opmerking: String) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.comment_on_request(&me.actor, id, &opmerking).await?;
    leptos_axum::redirect(&saved_url(&format!("/aanvragen/{id}"), "opmerking"));
    Ok(())
}

/// Every request for the regie team; `status` a status key to show only those.
#[server(endpoint = "requests/list")]
pub async fn get_request_list(#[server(default)] status: Option<String>) -> Result<RequestList, AppError> {
    let me = signed_in()?;
    let only = status.as_deref().and_then(domain::requests::RequestStatus::parse);
    Ok(state()?.services.request_list(&me.actor, only).await?)
}

#[server(endpoint = "requests/profile")]
pub async fn get_profile_choice(id: WorkProfileId) -> Result<ProfileChoice, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.profile_choice(&me.actor, id).await?)
}

#[server(endpoint = "requests/forms")]
pub async fn get_request_forms() -> Result<Vec<FormSummary>, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.request_forms(&me.actor).await?)
}

#[server(endpoint = "requests/form-editor")]
pub async fn get_form_editor(id: RequestFormId) -> Result<FormEditor, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.form_editor(&me.actor, id).await?)
}

#[server(endpoint = "requests/form-create")]
pub async fn create_request_form(csrf: String, form: FormSettingsForm) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    let id = state()?.services.create_request_form(&me.actor, &form).await?;
    leptos_axum::redirect(&saved_url(&format!("/zelfservice/beheer/formulieren/{id}"), "formulier"));
    Ok(())
}

#[server(endpoint = "requests/form-update")]
pub async fn update_request_form(csrf: String, id: RequestFormId, form: FormSettingsForm) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.update_request_form(&me.actor, id, &form).await?;
    leptos_axum::redirect(&saved_url(&format!("/zelfservice/beheer/formulieren/{id}"), "formulier"));
    Ok(())
}

#[server(endpoint = "requests/field-add")]
pub async fn add_form_field(csrf: String, id: RequestFormId, field: FieldForm) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.add_form_field(&me.actor, id, &field).await?;
    leptos_axum::redirect(&saved_url(&format!("/zelfservice/beheer/formulieren/{id}"), "veld"));
    Ok(())
}

/// Moves a draft field (`edit`: `omhoog`, `omlaag`) or removes it (`verwijderen`).
#[server(endpoint = "requests/field-edit")]
pub async fn edit_form_field(csrf: String, id: RequestFormId, key: String, edit: String) -> Result<(), AppError> {
    use service::requests::forms::FieldEdit;
    let me = signed_in_with_csrf(&csrf)?;
    let edit = match edit.as_str() {
        "omhoog" => FieldEdit::Up,
        "omlaag" => FieldEdit::Down,
        "verwijderen" => FieldEdit::Remove,
        _ => return Err(AppError::NotFound),
    };
    state()?.services.edit_form_field(&me.actor, id, &key, edit).await?;
    leptos_axum::redirect(&saved_url(&format!("/zelfservice/beheer/formulieren/{id}"), "veld"));
    Ok(())
}

#[server(endpoint = "requests/form-publish")]
pub async fn publish_request_form(csrf: String, id: RequestFormId) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.publish_request_form(&me.actor, id).await?;
    leptos_axum::redirect(&saved_url(&format!("/zelfservice/beheer/formulieren/{id}"), "gepubliceerd"));
    Ok(())
}

#[server(endpoint = "requests/form-withdraw")]
pub async fn withdraw_request_form(csrf: String, id: RequestFormId, withdrawn: bool) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.withdraw_request_form(&me.actor, id, withdrawn).await?;
    leptos_axum::redirect(&saved_url(&format!("/zelfservice/beheer/formulieren/{id}"), "formulier"));
    Ok(())
}

#[server(endpoint = "requests/profiles")]
pub async fn get_profile_register() -> Result<ProfileRegister, AppError> {
    let me = signed_in()?;
    let r = state()?.services.profile_register(&me.actor).await?;
    Ok((r.profiles, r.services, r.licences))
}

/// Adds (`id` empty) or changes a work profile.
#[server(endpoint = "requests/profile-save")]
pub async fn save_work_profile(
    csrf: String,
    #[server(default)] id: Option<WorkProfileId>,
    form: ProfileForm,
) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.save_work_profile(&me.actor, id, &form).await?;
    leptos_axum::redirect(&saved_url("/zelfservice/beheer", "werkprofiel"));
    Ok(())
}

/// Sets a user's line manager (`leidinggevende` empty: none).
#[server(endpoint = "users/manager")]
pub async fn set_user_manager(
    csrf: String,
    user: UserId,
    #[server(default)] leidinggevende: String,
) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    let manager =
        match leidinggevende.trim() {
            "" => None,
            m => Some(m.parse::<UserId>().map_err(|_| {
                AppError::Invalid(domain::Invalid::one("leidinggevende", domain::Problem::UnknownChoice))
            })?),
        };
    state()?.services.set_user_manager(&me.actor, user, manager).await?;
    leptos_axum::redirect(&saved_url("/gebruikers", "leidinggevende"));
    Ok(())
}
