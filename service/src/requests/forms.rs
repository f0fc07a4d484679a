//! The form builder: the regie team creates a form, adds, moves and removes fields in its draft and
//! publishes the draft as a new version (the previous one is retired; filed requests keep theirs).

use crate::audit::{append, record, Outcome};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use domain::requests::views::{FormEditor, FormSummary};
use domain::requests::{FieldDef, FieldForm, FormPurpose, FormSettings, FormSettingsForm};
use domain::{FormVersionId, Invalid, Problem, RequestFormId};

/// How a field moves in the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldEdit {
    Up,
    Down,
    Remove,
}

impl Services {
    /// Every form, withdrawn ones included, for the regie team.
    #[tracing::instrument(skip_all)]
    pub async fn request_forms(&self, actor: &Actor) -> Result<Vec<FormSummary>, ServiceError> {
        self.guard(actor, Action::ManageRequestForms, "requests.forms", "request_forms".into()).await?;
        Ok(store::list_forms(self.db()).await?)
    }

    /// One form in the builder.
    #[tracing::instrument(skip_all, fields(form = %id))]
    pub async fn form_editor(&self, actor: &Actor, id: RequestFormId) -> Result<FormEditor, ServiceError> {
        self.guard(actor, Action::ManageRequestForms, "requests.forms", format!("form:{id}")).await?;
        Ok(store::form_editor(self.db(), id).await?)
    }

    /// Creates a form of the regie team's own (no fields yet, not published).
    #[tracing::instrument(skip_all)]
    pub async fn create_request_form(
        &self,
        actor: &Actor,
        form: &FormSettingsForm,
    ) -> Result<RequestFormId, ServiceError> {
        self.guard(actor, Action::ManageRequestForms, "requests.form.create", "request_forms".into()).await?;
        let settings = FormSettings::parse(form)?;
        self.insert_form(actor, &settings, FormPurpose::Custom, &[]).await
    }

    pub(crate) async fn insert_form(
        &self,
        actor: &Actor,
        settings: &FormSettings,
        purpose: FormPurpose,
        fields: &[FieldDef],
    ) -> Result<RequestFormId, ServiceError> {
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let id = store::insert_form(&mut tx, settings, purpose, fields, now).await?;
        let object = format!("form:{id}");
        append(&mut tx, record(now, actor, "requests.form.create", object, Outcome::Ok, Some(settings.title.clone())))
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a form's title, description, approval and handling time (for the next version).
    #[tracing::instrument(skip_all, fields(form = %id))]
    pub async fn update_request_form(
        &self,
        actor: &Actor,
        id: RequestFormId,
        form: &FormSettingsForm,
    ) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageRequestForms, "requests.form.update", format!("form:{id}")).await?;
        let settings = FormSettings::parse(form)?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::update_form_settings(&mut tx, id, &settings, now).await?;
        let detail =
            format!("{}; goedkeuring {}; {} dagen", settings.title, settings.approval.key(), settings.handling_days);
        append(&mut tx, record(now, actor, "requests.form.update", format!("form:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a field to a form's draft.
    #[tracing::instrument(skip_all, fields(form = %id))]
    pub async fn add_form_field(
        &self,
        actor: &Actor,
        id: RequestFormId,
        field: &FieldForm,
    ) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageRequestForms, "requests.form.field", format!("form:{id}")).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let mut draft = store::draft_fields(&mut tx, id).await?;
        let def = field.parse(&draft)?;
        let detail = format!("+ {} ({})", def.label, def.kind.key());
        draft.push(def);
        store::set_draft_fields(&mut tx, id, &draft, now).await?;
        append(&mut tx, record(now, actor, "requests.form.field", format!("form:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves a draft field up or down, or removes it.
    #[tracing::instrument(skip_all, fields(form = %id))]
    pub async fn edit_form_field(
        &self,
        actor: &Actor,
        id: RequestFormId,
        key: &str,
        edit: FieldEdit,
    ) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageRequestForms, "requests.form.field", format!("form:{id}")).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let mut draft = store::draft_fields(&mut tx, id).await?;
        let i = draft.iter().position(|f| f.key == key).ok_or(ServiceError::NotFound)?;
        let label = draft[i].label.clone();
        let detail = match edit {
            FieldEdit::Up if i > 0 => {
                draft.swap(i, i - 1);
                format!("^ {label}")
            }
            FieldEdit::Down if i + 1 < draft.len() => {
                draft.swap(i, i + 1);
                format!("v {label}")
            }
            FieldEdit::Remove => {
                draft.remove(i);
                format!("- {label}")
            }
            _ => return Ok(()),
        };
        store::set_draft_fields(&mut tx, id, &draft, now).await?;
        append(&mut tx, record(now, actor, "requests.form.field", format!("form:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Publishes a form's draft as its next version; a form needs at least one field.
    #[tracing::instrument(skip_all, fields(form = %id))]
    pub async fn publish_request_form(&self, actor: &Actor, id: RequestFormId) -> Result<FormVersionId, ServiceError> {
        self.guard(actor, Action::ManageRequestForms, "requests.form.publish", format!("form:{id}")).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        if store::draft_fields(&mut tx, id).await?.is_empty() {
            return Err(Invalid::one("label", Problem::Required).into());
        }
        let (version, number) = store::publish_form(&mut tx, id, Some(actor.user_id), now).await?;
        let detail = format!("versie {number}");
        append(&mut tx, record(now, actor, "requests.form.publish", format!("form:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Withdraws a form from the portal, or offers it again.
    #[tracing::instrument(skip_all, fields(form = %id))]
    pub async fn withdraw_request_form(
        &self,
        actor: &Actor,
        id: RequestFormId,
        withdrawn: bool,
    ) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageRequestForms, "requests.form.withdraw", format!("form:{id}")).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::set_form_withdrawn(&mut tx, id, withdrawn, now).await?;
        let detail = if withdrawn { "ingetrokken" } else { "weer aangeboden" };
        append(
            &mut tx,
            record(now, actor, "requests.form.withdraw", format!("form:{id}"), Outcome::Ok, Some(detail.into())),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
