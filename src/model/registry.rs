//! The agency and jurisdiction tables' records (`data/agencies.json`,
//! `data/jurisdictions.json`).

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::document::Level;

/// What kind of body an agency is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgencyKind {
    /// One body (`Sở Y tế`).
    Body,
    /// A group named as one (`UBND các huyện, thị xã, thành phố`, `Các sở,
    /// ban, ngành`).
    Group,
    /// A person by office (`Người đứng đầu các cấp ủy`).
    Office,
}

/// An agency in the alias table (`data/agencies.json`).
///
/// An entry with `scope: province` exists once in every province: the
/// jurisdiction of the document that names it completes its id
/// (`quang-ninh/so-y-te`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyEntry {
    /// Key, unique in the table (`so-y-te`).
    pub key: String,
    /// Official name.
    pub name: String,
    /// Other names seen in texts; matched after folding.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Body, group or office.
    pub kind: AgencyKind,
    /// Level the agency exists at.
    pub scope: Level,
    /// For a group, keys of the kinds of body it stands for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
}

/// A jurisdiction (`data/jurisdictions.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    /// Id (`thai-binh`).
    pub id: String,
    /// Name (`Thái Bình`).
    pub name: String,
    /// Other names people write (`TP. Hồ Chí Minh`); matched after folding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Level.
    pub level: Level,
    /// The enclosing jurisdiction (`vn` for a province).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The jurisdiction that took it over, if it was merged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    /// Since when the successor governs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor_since: Option<Date>,
    /// The act that made the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor_basis: Option<String>,
}
