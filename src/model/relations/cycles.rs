//! Contradictory chains of `supersedes`: A supersedes B supersedes A.

use super::Index;
use crate::model::RelationKind;

impl Index {
    /// The plans of a `supersedes` cycle through `slug`, starting with it
    /// (`[a, b]` for a supersedes b supersedes a), if there is one.
    pub fn supersedes_cycle(&self, slug: &str) -> Option<Vec<String>> {
        let mut path = vec![slug.to_owned()];
        let mut seen = std::collections::BTreeSet::new();
        self.walk(slug, slug, &mut path, &mut seen).then_some(path)
    }

    fn walk<'a>(
        &'a self,
        from: &str,
        start: &str,
        path: &mut Vec<String>,
        seen: &mut std::collections::BTreeSet<&'a str>,
    ) -> bool {
        let Some(h) = self.head(from) else {
            return false;
        };
        for (kind, to) in &h.to_plans {
            if *kind != RelationKind::Supersedes || to == from {
                continue;
            }
            if to == start {
                return true;
            }
            if !seen.insert(to.as_str()) {
                continue;
            }
            path.push(to.clone());
            if self.walk(to, start, path, seen) {
                return true;
            }
            path.pop();
        }
        false
    }
}
