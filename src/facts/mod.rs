//! Every fact a plan states, as data: the figures of its text
//! ([`scan`]), which of them no entry accounts for ([`account`]), and the
//! reported series a jurisdiction's values and baselines form ([`series`]).

pub mod account;
pub mod scan;
pub mod series;
