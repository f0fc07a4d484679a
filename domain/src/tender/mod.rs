//! Procurement: scoring the offers of a tender by best price-quality ratio (BPKV, price scored relative
//! to the lowest bid or absolutely between bounds published in advance) or by "gunnen op waarde"
//! (quality converted to a fictive discount). Pure functions shared by the pages and
//! `regiekamer tender evaluate --file` (docs/PROCUREMENT.md), so that an award can be recomputed.
//! [`price`] turns an offer's price model into its total over the contract term; [`robustness`] shows how
//! far the weights may move before another offer wins, and whether withdrawing an offer reverses ranks.

pub mod file;
pub mod price;
pub mod robustness;
pub mod scoring;

pub use price::{total_price, PriceError, PriceModel};
pub use robustness::{rank_reversals, weight_margins, RankReversal, WeightMargin};
pub use scoring::{score, AwardMethod, Criterion, Offer, ScoredOffer, Tender, TenderResult};
