//! Use cases for vendors, their services and contact persons.

use crate::audit::{append, record, Outcome};
use crate::error::duplicate_at;
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use domain::vendor::{
    ContactForm, NewContactPerson, NewVendor, NewVendorService, ServiceForm, VendorForm, VendorSummary,
};
use domain::views::VendorOverview;
use domain::{Invalid, Problem, VendorId, VendorServiceId};

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn list_vendors(&self, actor: &Actor) -> Result<Vec<VendorSummary>, ServiceError> {
        self.guard(actor, Action::ViewVendors, "vendor.list", "vendors".into()).await?;
        Ok(store::list_vendors(self.db()).await?)
    }

    #[tracing::instrument(skip_all, fields(vendor = %id))]
    pub async fn vendor_overview(&self, actor: &Actor, id: VendorId) -> Result<VendorOverview, ServiceError> {
        self.guard(actor, Action::ViewVendors, "vendor.view", format!("vendor:{id}")).await?;
        let vendor = store::get_vendor(self.db(), id).await?;
        let services = store::list_services(self.db(), id).await?;
        let contacts = store::list_contacts(self.db(), id).await?;
        let contracts = store::list_contracts(self.db()).await?.into_iter().filter(|c| c.vendor_id == id).collect();
        Ok(VendorOverview { vendor, services, contacts, contracts })
    }

    /// Adds a vendor to the register. Names are unique, ignoring case; so are KvK numbers, which
    /// identify the legal entity (a second vendor with one is refused with a link to the first).
    #[tracing::instrument(skip_all)]
    pub async fn register_vendor(&self, actor: &Actor, form: &VendorForm) -> Result<VendorId, ServiceError> {
        self.guard(actor, Action::ManageVendors, "vendor.create", "vendor:new".into()).await?;
        let v = NewVendor::parse(form)?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let holder = store::kvk_holder(&mut tx, v.kvk.as_str(), None).await?;
        let id = store::insert_vendor(&mut tx, &v, now).await.map_err(duplicate_at("name"))?;
        refuse_kvk_in_use(holder)?;
        append(&mut tx, record(now, actor, "vendor.create", format!("vendor:{id}"), Outcome::Ok, Some(v.name.clone())))
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    #[tracing::instrument(skip_all, fields(vendor = %id))]
    pub async fn update_vendor(&self, actor: &Actor, id: VendorId, form: &VendorForm) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageVendors, "vendor.update", format!("vendor:{id}")).await?;
        let v = NewVendor::parse(form)?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let holder = store::kvk_holder(&mut tx, v.kvk.as_str(), Some(id)).await?;
        store::update_vendor(&mut tx, id, &v, now).await.map_err(duplicate_at("name"))?;
        refuse_kvk_in_use(holder)?;
        append(&mut tx, record(now, actor, "vendor.update", format!("vendor:{id}"), Outcome::Ok, Some(v.name.clone())))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a vendor with its services and contacts; refused while contracts refer to it.
    #[tracing::instrument(skip_all, fields(vendor = %id))]
    pub async fn remove_vendor(&self, actor: &Actor, id: VendorId) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageVendors, "vendor.delete", format!("vendor:{id}")).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::delete_vendor(&mut tx, id).await?;
        append(&mut tx, record(now, actor, "vendor.delete", format!("vendor:{id}"), Outcome::Ok, None)).await?;
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(skip_all, fields(vendor = %vendor))]
    pub async fn add_service(
        &self,
        actor: &Actor,
        vendor: VendorId,
        form: &ServiceForm,
    ) -> Result<VendorServiceId, ServiceError> {
        self.guard(actor, Action::ManageVendors, "service.create", format!("vendor:{vendor}")).await?;
        let s = NewVendorService::parse(form)?;
        store::get_vendor(self.db(), vendor).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let id = store::insert_service(&mut tx, vendor, &s).await.map_err(duplicate_at("name"))?;
        append(
            &mut tx,
            record(now, actor, "service.create", format!("service:{id}"), Outcome::Ok, Some(s.name.clone())),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    #[tracing::instrument(skip_all, fields(vendor = %vendor, service = %id))]
    pub async fn remove_service(
        &self,
        actor: &Actor,
        vendor: VendorId,
        id: VendorServiceId,
    ) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageVendors, "service.delete", format!("service:{id}")).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::delete_service(&mut tx, vendor, id).await?;
        append(&mut tx, record(now, actor, "service.delete", format!("service:{id}"), Outcome::Ok, None)).await?;
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(skip_all, fields(vendor = %vendor))]
    pub async fn add_contact(&self, actor: &Actor, vendor: VendorId, form: &ContactForm) -> Result<i64, ServiceError> {
        self.guard(actor, Action::ManageVendors, "contact.create", format!("vendor:{vendor}")).await?;
        let c = NewContactPerson::parse(form)?;
        store::get_vendor(self.db(), vendor).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let id = store::insert_contact(&mut tx, vendor, &c).await?;
        append(
            &mut tx,
            record(now, actor, "contact.create", format!("contact:{id}"), Outcome::Ok, Some(c.name.clone())),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    #[tracing::instrument(skip_all, fields(vendor = %vendor, contact = id))]
    pub async fn remove_contact(&self, actor: &Actor, vendor: VendorId, id: i64) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageVendors, "contact.delete", format!("contact:{id}")).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::delete_contact(&mut tx, vendor, id).await?;
        append(&mut tx, record(now, actor, "contact.delete", format!("contact:{id}"), Outcome::Ok, None)).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A KvK number another vendor already has is refused at its field, naming that vendor (checked
/// after the write, so that a taken name is reported first; the transaction is then rolled back).
fn refuse_kvk_in_use(holder: Option<(VendorId, String)>) -> Result<(), ServiceError> {
    match holder {
        Some((vendor, name)) => {
            Err(ServiceError::Invalid(Invalid::one_with("kvk", Problem::KvkInUse { vendor }, name)))
        }
        None => Ok(()),
    }
}
