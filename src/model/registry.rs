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

/// Where the facts of a table come from: one item of the `sources` list of
/// `data/agencies.json`, which entries name by `id` in their `source`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrySource {
    /// Id entries refer to (`nq-176-2025-qh15`).
    pub id: String,
    /// The act, text or page, as a person would cite it.
    pub title: String,
    /// What it supports, and what could not be verified against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An agency in the alias table (`data/agencies.json`).
///
/// An entry with `scope: province` exists once in every province: the
/// jurisdiction of the document that names it completes its id
/// (`quang-ninh/so-y-te`). A body dissolved or merged keeps its entry, so
/// that older plans still resolve, and names the body that took over its
/// work in `successor` (`bo-ke-hoach-va-dau-tu` → `bo-tai-chinh`).
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
    /// Id of the item of the table's `sources` the entry rests on; the
    /// table is refused when it names no listed source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Key of the agency that took over this one's work when it was merged
    /// or dissolved (a key of the same table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    /// Since when the successor does that work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor_since: Option<Date>,
    /// What the source does not say, or what is unusual about the entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A jurisdiction (`data/jurisdictions.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    /// Id (`thai-binh`).
    pub id: String,
    /// Official name (`Thái Bình`, `Thành phố Hồ Chí Minh`).
    pub name: String,
    /// Other names texts and users write (`TP. Hồ Chí Minh`, `TP.HCM`,
    /// `HCM`); compared after folding, like agency aliases.
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
