//! Agreement maths, diffs and merges over projects.
//!
//! Invariant: nothing here draws or touches the file system; every function
//! is pure and tested against published values.

pub mod adjudicate;
pub mod adjudicate_layers;
pub mod agreement;
pub mod codebook_agreement;
pub mod coefficients;
pub mod entity_identity;
pub mod keys;
pub mod merge;
mod merge_quotations;
mod merge_relations;
pub mod notes;
mod quotation_agreement;
mod relation_agreement;
pub mod report;
pub mod set_distance;
pub mod spans;
pub mod stance_agreement;
pub mod team_status;
pub mod three_way;
mod token_agreement;
pub mod unitizing;
