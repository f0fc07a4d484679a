//! Vendor pages: the list, one vendor with its services and contacts, and the create/edit form.

mod charts;
pub mod detail;
pub mod edit;
pub mod list;
mod monitoring;
mod sections;

crate::messages!(
    /// Texts shared by the vendor pages.
    VM {
        Vendors => "Leveranciers", "Vendors";
        Vendor => "Leverancier", "Vendor";
        New => "Nieuwe leverancier", "New vendor";
        Name => "Naam", "Name";
        Kvk => "KvK-nummer", "KvK number";
        KvkHint => "8 cijfers, zoals 12345678.", "8 digits, such as 12345678.";
        Category => "Categorie", "Category";
        Sourcing => "Sourcingmodel", "Sourcing model";
        Criticality => "Kritikaliteit", "Criticality";
        Notes => "Notities", "Notes";
        Services => "Diensten", "Services";
        ContractsCount => "Contracten", "Contracts";
        Empty => "Er zijn nog geen leveranciers.", "There are no vendors yet.";
    }
);
