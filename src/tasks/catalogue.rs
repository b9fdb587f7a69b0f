//! The agency catalogue, `content/agencies.yaml`: the agencies and groups
//! that plans name as responsible for tasks, each with its names, its
//! jurisdiction, its level and the short forms the plans use. A name in a
//! plan is resolved within the plan's jurisdiction ([`Catalogue::resolve`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{is_valid_id, JurisdictionId, Lang, Localized};
use crate::parse::frontmatter::{locate_value_in, parse_yaml_all};
use crate::parse::yaml::Step;

/// Whether an entry is one body or a group of bodies named together.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// One government body (市知识产权局).
    #[default]
    Agency,
    /// Several bodies named together (`各辖市、区人民政府`, the member units
    /// of a leading group).
    Group,
}

/// The tier of government an agency belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyLevel {
    /// A local office of a central authority (常州海关, 甘肃银保监局).
    Central,
    /// A provincial body.
    Provincial,
    /// A body of a prefecture-level city, including the administrative
    /// committees of its zones.
    Municipal,
    /// A body of a district or county-level city.
    County,
}

impl AgencyKind {
    /// Every value.
    pub const ALL: &'static [AgencyKind] = &[AgencyKind::Agency, AgencyKind::Group];
    /// Machine key.
    pub fn key(self) -> &'static str {
        match self {
            AgencyKind::Agency => "agency",
            AgencyKind::Group => "group",
        }
    }
    /// Label for readers.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (AgencyKind::Agency, Lang::Zh) => "机构",
            (AgencyKind::Agency, Lang::En) => "Agency",
            (AgencyKind::Group, Lang::Zh) => "机构群组",
            (AgencyKind::Group, Lang::En) => "Group of agencies",
        }
    }
}

impl AgencyLevel {
    /// Every value.
    pub const ALL: &'static [AgencyLevel] = &[
        AgencyLevel::Central,
        AgencyLevel::Provincial,
        AgencyLevel::Municipal,
        AgencyLevel::County,
    ];
    /// Machine key.
    pub fn key(self) -> &'static str {
        match self {
            AgencyLevel::Central => "central",
            AgencyLevel::Provincial => "provincial",
            AgencyLevel::Municipal => "municipal",
            AgencyLevel::County => "county",
        }
    }
    /// Label for readers.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (AgencyLevel::Central, Lang::Zh) => "中央驻地方机构",
            (AgencyLevel::Central, Lang::En) => "Local office of a central authority",
            (AgencyLevel::Provincial, Lang::Zh) => "省级",
            (AgencyLevel::Provincial, Lang::En) => "Provincial",
            (AgencyLevel::Municipal, Lang::Zh) => "市级",
            (AgencyLevel::Municipal, Lang::En) => "Municipal",
            (AgencyLevel::County, Lang::Zh) => "县级",
            (AgencyLevel::County, Lang::En) => "County or district",
        }
    }
}

/// One entry of `content/agencies.yaml`, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgency {
    id: String,
    #[serde(default)]
    kind: AgencyKind,
    jurisdiction: JurisdictionId,
    #[serde(default)]
    level: Option<AgencyLevel>,
    name: Localized<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

/// An agency or group of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agency {
    /// Id, the URL segment of its page.
    pub id: String,
    /// Agency or group.
    pub kind: AgencyKind,
    /// The jurisdiction whose plans name it.
    pub jurisdiction: JurisdictionId,
    /// Its tier of government (groups may have none).
    pub level: Option<AgencyLevel>,
    /// Full names.
    pub name: Localized<String>,
    /// The short forms plans use (市知识产权局 for 常州市知识产权局).
    pub aliases: Vec<String>,
}

/// The catalogue, with the names it resolves.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    /// Entries in file order.
    pub agencies: Vec<Agency>,
    /// (jurisdiction, name or alias) → index in `agencies`.
    names: HashMap<(JurisdictionId, String), usize>,
    /// The file it was read from.
    pub path: Option<PathBuf>,
}

impl Catalogue {
    /// The entry a plan of `jurisdiction` means by `name`.
    pub fn resolve(&self, jurisdiction: &JurisdictionId, name: &str) -> Option<&Agency> {
        self.names
            .get(&(jurisdiction.clone(), name.to_owned()))
            .map(|&i| &self.agencies[i])
    }

    /// Whether `name` means an entry in `jurisdiction`.
    pub fn knows(&self, jurisdiction: &JurisdictionId, name: &str) -> bool {
        self.resolve(jurisdiction, name).is_some()
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id == id)
    }

    /// Builds a catalogue from entries (tests, generated sites).
    pub fn from_agencies(agencies: Vec<Agency>) -> Self {
        let mut c = Catalogue {
            agencies,
            ..Catalogue::default()
        };
        for (i, a) in c.agencies.iter().enumerate() {
            for n in std::iter::once(&a.name.zh).chain(&a.aliases) {
                c.names
                    .entry((a.jurisdiction.clone(), n.clone()))
                    .or_insert(i);
            }
        }
        c
    }
}

/// Reads and checks `content/agencies.yaml` (`text`, starting at line 1 of
/// `path`): ids valid and unique, jurisdictions known, names and aliases
/// meaning one entry per jurisdiction. Every problem goes to `diags`.
pub fn load(
    path: &Path,
    text: &str,
    jurisdictions: &BTreeSet<JurisdictionId>,
    diags: &mut Diagnostics,
) -> Catalogue {
    let raw: Vec<RawAgency> = match parse_yaml_all(path, text, 1) {
        Ok(list) => list,
        Err(list) => {
            for d in list {
                diags.push(d);
            }
            return Catalogue::default();
        }
    };
    let at =
        |i: usize, field: &str| locate_value_in(path, text, 1, &[Step::from(i), Step::from(field)]);
    let mut ids = BTreeSet::new();
    let mut owner: BTreeMap<(JurisdictionId, String), String> = BTreeMap::new();
    let mut out = Vec::with_capacity(raw.len());
    for (i, a) in raw.into_iter().enumerate() {
        if !is_valid_id(&a.id) {
            diags.push(
                Diagnostic::error(at(i, "id"), format!("`{}` is not a valid agency id", a.id))
                    .hint("use lower-case ASCII letters, digits and single `-` (e.g. `changzhou-ipo`)")
                    .zh(format!("`{}` 不是有效的机构 ID", a.id), "只用小写英文字母、数字和单个 `-`（例如 `changzhou-ipo`）"),
            );
            continue;
        }
        if !ids.insert(a.id.clone()) {
            diags.push(
                Diagnostic::error(at(i, "id"), format!("agency `{}` is listed twice", a.id))
                    .hint("remove one of the two entries, or give this one another id")
                    .zh(
                        format!("机构 `{}` 列了两次", a.id),
                        "删除其中一个条目，或给这个条目换一个 ID",
                    ),
            );
            continue;
        }
        if !jurisdictions.contains(&a.jurisdiction) {
            let j = &a.jurisdiction;
            diags.push(
                Diagnostic::error(at(i, "jurisdiction"), format!("unknown jurisdiction `{j}`"))
                    .hint(format!(
                        "add content/jurisdictions/{j}.md or use an existing jurisdiction id"
                    ))
                    .zh(
                        format!("地区 `{j}` 不存在"),
                        format!("添加 content/jurisdictions/{j}.md，或改用已有的地区 ID"),
                    ),
            );
        }
        if a.kind == AgencyKind::Agency && a.level.is_none() {
            diags.push(
                Diagnostic::error(at(i, "name"), format!("agency `{}` has no level", a.id))
                    .hint("add `level: central`, `provincial`, `municipal` or `county`")
                    .zh(
                        format!("机构 `{}` 没有 level", a.id),
                        "添加 `level: central`、`provincial`、`municipal` 或 `county`",
                    ),
            );
        }
        for n in std::iter::once(&a.name.zh).chain(&a.aliases) {
            let key = (a.jurisdiction.clone(), n.clone());
            if let Some(other) = owner.get(&key).filter(|o| **o != a.id) {
                diags.push(
                    Diagnostic::error(at(i, "aliases"), format!("`{n}` already means agency `{other}` in `{}`", a.jurisdiction))
                        .hint("a name means one agency or group per jurisdiction: remove it from one of the two")
                        .zh(format!("`{n}` 在 `{}` 已指机构 `{other}`", a.jurisdiction), "同一地区内一个名称只能指一个机构或群组：从其中一个删除"),
                );
            }
            owner.entry(key).or_insert_with(|| a.id.clone());
        }
        out.push(Agency {
            id: a.id,
            kind: a.kind,
            jurisdiction: a.jurisdiction,
            level: a.level,
            name: a.name,
            aliases: a.aliases,
        });
    }
    let mut c = Catalogue::from_agencies(out);
    c.path = Some(path.to_path_buf());
    c
}
