//! Indexes built once per render so that each page finds its plans and
//! records directly instead of scanning the whole site: with tens of
//! thousands of plans, a scan per page makes the build quadratic.

use std::collections::HashMap;

use crate::compare::Record;
use crate::model::{Plan, Site};
use crate::tasks::Agency;

/// Record and plan positions grouped the ways pages ask for them.
pub struct Lookup<'a> {
    site: &'a Site,
    records: &'a [Record<'a>],
    plan_by_slug: HashMap<&'a str, usize>,
    /// Plans newest first, then by slug.
    sorted: Vec<usize>,
    /// Jurisdiction id → its plans, newest first.
    plans_of: HashMap<&'a str, Vec<usize>>,
    by_plan: HashMap<&'a str, Vec<usize>>,
    by_jurisdiction: HashMap<&'a str, Vec<usize>>,
    by_indicator: HashMap<&'a str, Vec<usize>>,
    /// Agency id → its first entry in the catalogue (task tables name
    /// agencies by id on every plan and agency page).
    agency_by_id: HashMap<&'a str, usize>,
}

impl<'a> Lookup<'a> {
    /// Indexes `site` and its `records`.
    pub fn new(site: &'a Site, records: &'a [Record<'a>]) -> Self {
        let plan_by_slug = site
            .plans
            .iter()
            .enumerate()
            .map(|(i, p)| (p.slug.as_str(), i))
            .collect();
        let mut sorted: Vec<usize> = (0..site.plans.len()).collect();
        sorted.sort_by(|&a, &b| {
            let (a, b) = (&site.plans[a], &site.plans[b]);
            b.date().cmp(&a.date()).then(a.slug.cmp(&b.slug))
        });
        let mut plans_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for &i in &sorted {
            plans_of
                .entry(site.plans[i].jurisdiction.as_str())
                .or_default()
                .push(i);
        }
        let mut by_plan: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_jurisdiction: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_indicator: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            by_plan.entry(r.plan).or_default().push(i);
            by_jurisdiction.entry(r.jurisdiction).or_default().push(i);
            by_indicator.entry(r.indicator).or_default().push(i);
        }
        let mut agency_by_id: HashMap<&str, usize> = HashMap::new();
        for (i, a) in site.agencies.agencies.iter().enumerate() {
            agency_by_id.entry(a.id.as_str()).or_insert(i);
        }
        Lookup {
            site,
            records,
            plan_by_slug,
            sorted,
            plans_of,
            by_plan,
            by_jurisdiction,
            by_indicator,
            agency_by_id,
        }
    }

    /// The catalogue entry with this id (the first, as
    /// [`crate::tasks::Catalogue::get`] finds it).
    pub fn agency(&self, id: &str) -> Option<&'a Agency> {
        self.agency_by_id
            .get(id)
            .map(|&i| &self.site.agencies.agencies[i])
    }

    /// The plan with this slug.
    pub fn plan(&self, slug: &str) -> Option<&'a Plan> {
        self.plan_by_slug.get(slug).map(|&i| &self.site.plans[i])
    }

    /// Every plan, newest first, then by slug.
    pub fn sorted_plans(&self) -> impl Iterator<Item = &'a Plan> + '_ {
        self.sorted.iter().map(|&i| &self.site.plans[i])
    }

    /// The plans of one jurisdiction, newest first.
    pub fn plans_of(&self, jurisdiction: &str) -> impl Iterator<Item = &'a Plan> + '_ {
        self.plans_of
            .get(jurisdiction)
            .into_iter()
            .flatten()
            .map(|&i| &self.site.plans[i])
    }

    /// Whether the jurisdiction has at least one plan.
    pub fn has_plans(&self, jurisdiction: &str) -> bool {
        self.plans_of.contains_key(jurisdiction)
    }

    fn pick<'s>(
        &'s self,
        map: &'s HashMap<&'a str, Vec<usize>>,
        key: &str,
    ) -> impl Iterator<Item = &'a Record<'a>> + 's {
        let records = self.records;
        map.get(key)
            .into_iter()
            .flatten()
            .map(move |&i| &records[i])
    }

    /// The records of one plan, in record order.
    pub fn records_of_plan<'s>(&'s self, slug: &str) -> impl Iterator<Item = &'a Record<'a>> + 's {
        self.pick(&self.by_plan, slug)
    }

    /// The records of one jurisdiction, in record order.
    pub fn records_of_jurisdiction<'s>(
        &'s self,
        id: &str,
    ) -> impl Iterator<Item = &'a Record<'a>> + 's {
        self.pick(&self.by_jurisdiction, id)
    }

    /// The records of one indicator, in record order.
    pub fn records_of_indicator<'s>(
        &'s self,
        id: &str,
    ) -> impl Iterator<Item = &'a Record<'a>> + 's {
        self.pick(&self.by_indicator, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Site {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (files, _) = crate::load::read_site(root).expect("bundled site reads");
        crate::model::build(files).expect("bundled site is valid").0
    }

    #[test]
    fn lookups_agree_with_scans() {
        let site = bundled();
        let records = crate::compare::records(&site);
        let lk = Lookup::new(&site, &records);
        for p in &site.plans {
            assert_eq!(lk.plan(p.slug.as_str()).map(|x| &x.slug), Some(&p.slug));
            let scan: Vec<_> = records
                .iter()
                .filter(|r| r.plan == p.slug.as_str())
                .map(|r| (r.indicator, r.label_zh))
                .collect();
            let got: Vec<_> = lk
                .records_of_plan(p.slug.as_str())
                .map(|r| (r.indicator, r.label_zh))
                .collect();
            assert_eq!(got, scan);
        }
        assert!(site
            .plans
            .iter()
            .any(|p| lk.records_of_plan(p.slug.as_str()).count() > 1));
        for id in site.indicators.keys() {
            let scan = records
                .iter()
                .filter(|r| r.indicator == id.as_str())
                .count();
            assert_eq!(lk.records_of_indicator(id.as_str()).count(), scan);
        }
        for j in site.jurisdictions.keys() {
            let scan: Vec<_> = crate::render::sorted_plans(&site)
                .into_iter()
                .filter(|p| &p.jurisdiction == j)
                .map(|p| &p.slug)
                .collect();
            let got: Vec<_> = lk.plans_of(j.as_str()).map(|p| &p.slug).collect();
            assert_eq!(got, scan);
            assert_eq!(lk.has_plans(j.as_str()), !scan.is_empty());
            let n = records
                .iter()
                .filter(|r| r.jurisdiction == j.as_str())
                .count();
            assert_eq!(lk.records_of_jurisdiction(j.as_str()).count(), n);
        }
        assert!(!site.agencies.agencies.is_empty());
        for a in &site.agencies.agencies {
            assert_eq!(lk.agency(&a.id), site.agencies.get(&a.id));
        }
        assert!(lk.agency("no-such-agency").is_none());
        assert!(lk.plan("no-such-plan").is_none());
        let sorted: Vec<_> = lk.sorted_plans().map(|p| &p.slug).collect();
        let expect: Vec<_> = crate::render::sorted_plans(&site)
            .into_iter()
            .map(|p| &p.slug)
            .collect();
        assert_eq!(sorted, expect);
    }
}
