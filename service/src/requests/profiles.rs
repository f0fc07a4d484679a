//! Work profiles: the regie team defines them; staff choose one (a profile change request, see
//! `filing.rs`), and see first what it changes for them. The beheerder sets each user's line manager.

use crate::audit::{append, record, Outcome};
use crate::error::duplicate_at;
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use domain::requests::answers::ServiceChoice;
use domain::requests::views::ProfileChoice;
use domain::requests::{compare, FormPurpose, ProfileForm, ProfileInput, WorkProfile};
use domain::views_licences::LicenceView;
use domain::{Invalid, Problem, UserId, WorkProfileId};

/// What the profile editor offers: the profiles, every service and every licence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProfileRegister {
    pub profiles: Vec<WorkProfile>,
    pub services: Vec<ServiceChoice>,
    pub licences: Vec<LicenceView>,
}

fn link_error(e: store::StoreError) -> ServiceError {
    match e {
        store::StoreError::Conflict(c) if c == "foreign_key" => {
            Invalid::one("licenties", Problem::UnknownChoice).into()
        }
        other => duplicate_at("naam")(other),
    }
}

impl Services {
    /// The profiles with what can be bundled, for the regie team.
    #[tracing::instrument(skip_all)]
    pub async fn profile_register(&self, actor: &Actor) -> Result<ProfileRegister, ServiceError> {
        self.guard(actor, Action::ManageRequestForms, "requests.profiles", "work_profiles".into()).await?;
        let (profiles, services, licences) = tokio::try_join!(
            async { Ok::<_, ServiceError>(store::list_work_profiles(self.db()).await?) },
            self.service_choices(),
            async { Ok::<_, ServiceError>(store::list_licences(self.db(), None).await?) },
        )?;
        Ok(ProfileRegister { profiles, services, licences })
    }

    /// Adds (`id` none) or changes a work profile.
    #[tracing::instrument(skip_all)]
    pub async fn save_work_profile(
        &self,
        actor: &Actor,
        id: Option<WorkProfileId>,
        form: &ProfileForm,
    ) -> Result<WorkProfileId, ServiceError> {
        let object = id.map(|i| format!("work_profile:{i}")).unwrap_or_else(|| "work_profiles".into());
        self.guard(actor, Action::ManageRequestForms, "requests.profile.save", object).await?;
        let input = ProfileInput::parse(form)?;
        self.check_bundle(&input).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let id = match id {
            Some(id) => {
                store::update_work_profile(&mut tx, id, &input, now).await.map_err(link_error)?;
                id
            }
            None => store::insert_work_profile(&mut tx, &input, now).await.map_err(link_error)?,
        };
        let detail = format!(
            "{}: {} diensten, {} licenties, {}",
            input.name,
            input.services.len(),
            input.licences.len(),
            input.measures.iter().map(|m| m.key()).collect::<Vec<_>>().join(",")
        );
        let object = format!("work_profile:{id}");
        append(&mut tx, record(now, actor, "requests.profile.save", object, Outcome::Ok, Some(detail))).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every service and licence a profile bundles must exist: refused at its own field.
    async fn check_bundle(&self, input: &ProfileInput) -> Result<(), ServiceError> {
        let (services, licences) =
            tokio::try_join!(store::list_all_services(self.db()), store::list_licences(self.db(), None))?;
        let mut bad = Invalid::default();
        if input.services.iter().any(|s| !services.iter().any(|x| x.id == *s)) {
            bad.push("diensten", Problem::UnknownChoice);
        }
        if input.licences.iter().any(|l| !licences.iter().any(|x| x.id == *l)) {
            bad.push("licenties", Problem::UnknownChoice);
        }
        Ok(bad.into_result()?)
    }

    /// A profile as the viewer would get it: what changes compared with their current profile, and
    /// the form to ask for it (unless a profile change of theirs is still open).
    #[tracing::instrument(skip_all, fields(profile = %id))]
    pub async fn profile_choice(&self, actor: &Actor, id: WorkProfileId) -> Result<ProfileChoice, ServiceError> {
        self.guard(actor, Action::FileRequests, "requests.profile", format!("work_profile:{id}")).await?;
        let db = self.db();
        let (profiles, placement, pending) = tokio::try_join!(
            store::list_work_profiles(db),
            store::placement(db, actor.user_id),
            store::open_profile_request(db, actor.user_id),
        )?;
        let profile = profiles.iter().find(|p| p.id == id).cloned().ok_or(ServiceError::NotFound)?;
        let current = placement.profile.and_then(|c| profiles.iter().find(|p| p.id == c).cloned());
        let change = compare(current.as_ref(), &profile);
        let form = match (pending, placement.profile == Some(id)) {
            (None, false) => match store::current_version_for(db, FormPurpose::Profile).await? {
                Some(v) => Some(self.to_fill(v).await?),
                None => None,
            },
            _ => None,
        };
        Ok(ProfileChoice { profile, current, change, pending, form })
    }

    /// Sets (or clears) a user's line manager (beheerder). Nobody manages themselves.
    #[tracing::instrument(skip_all, fields(user = %user))]
    pub async fn set_user_manager(
        &self,
        actor: &Actor,
        user: UserId,
        manager: Option<UserId>,
    ) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageUsers, "users.manager", format!("user:{user}")).await?;
        if manager == Some(user) {
            return Err(Invalid::one("leidinggevende", Problem::UnknownChoice).into());
        }
        if let Some(m) = manager {
            store::get_user(self.db(), m).await.map_err(|e| match e {
                store::StoreError::NotFound => {
                    ServiceError::Invalid(Invalid::one("leidinggevende", Problem::UnknownChoice))
                }
                other => other.into(),
            })?;
        }
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::set_manager(&mut tx, user, manager).await?;
        let detail =
            manager.map(|m| format!("leidinggevende user:{m}")).unwrap_or_else(|| "geen leidinggevende".into());
        append(&mut tx, record(now, actor, "users.manager", format!("user:{user}"), Outcome::Ok, Some(detail))).await?;
        tx.commit().await?;
        Ok(())
    }
}
