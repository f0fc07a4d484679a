//! Identifier newtypes, so that a contract id can never be passed where a vendor id is expected.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse::<i64>().map($name)
            }
        }
    };
}

id_type!(
    /// A vendor (leverancier).
    VendorId
);
id_type!(
    /// A service a vendor delivers to us (dienst).
    VendorServiceId
);
id_type!(
    /// A contract (overeenkomst).
    ContractId
);
id_type!(
    /// A local user account.
    UserId
);
id_type!(
    /// A cost centre (kostenplaats).
    CostCentreId
);
id_type!(
    /// One invoice or credit-note line.
    CostLineId
);
id_type!(
    /// An organisation the shared-service organisation serves (e.g. a municipality).
    OrganisationId
);
id_type!(
    /// A licence (seats of one type) of a contract.
    LicenceId
);
id_type!(
    /// An uploaded cost file waiting for its preview to be confirmed.
    CostImportId
);
id_type!(
    /// A self-service request form (its versions share this id).
    RequestFormId
);
id_type!(
    /// One published version of a request form; a filed request keeps the version it was filed with.
    FormVersionId
);
id_type!(
    /// A request filed by a member of staff (aanvraag or melding).
    RequestId
);
id_type!(
    /// A work profile (werkprofiel) that bundles services, licences and security measures.
    WorkProfileId
);
