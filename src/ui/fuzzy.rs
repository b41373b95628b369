//! Fuzzy ranking of entities for pickers (nucleo, as in the helix editor).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::model::{Entity, Project};

/// Entities matching `query` (name, aliases, type, QID), best first; all of
/// them by name when the query is empty.
#[must_use]
pub fn rank_entities<'a>(project: &'a Project, query: &str) -> Vec<&'a Entity> {
    let mut all: Vec<&Entity> = project.entities.values().collect();
    if query.trim().is_empty() {
        all.sort_by_cached_key(|e| (e.name.to_lowercase(), e.id));
        return all;
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, &Entity)> = all
        .into_iter()
        .filter_map(|e| {
            let haystack = format!(
                "{} {} {} {}",
                e.name,
                e.aliases.join(" "),
                e.label,
                e.kb_id.as_deref().unwrap_or("")
            );
            let score = pattern.score(Utf32Str::new(&haystack, &mut buf), &mut matcher)?;
            Some((score, e))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    scored.into_iter().map(|(_, e)| e).collect()
}

/// Claims matching `query`, best first; all of them in id order when the
/// query is empty.
#[must_use]
pub fn rank_claims<'a>(project: &'a Project, query: &str) -> Vec<&'a crate::model::Claim> {
    let all: Vec<&crate::model::Claim> = project.claims.values().collect();
    if query.trim().is_empty() {
        return all;
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, &crate::model::Claim)> = all
        .into_iter()
        .filter_map(|c| {
            Some((
                pattern.score(Utf32Str::new(&c.text, &mut buf), &mut matcher)?,
                c,
            ))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    scored.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityId, Schema};

    #[test]
    fn ranks_by_fuzzy_match_on_names_and_aliases() {
        let mut p = Project::new("t", Schema::builtin());
        for (id, name, alias) in [
            (1, "Vladimir Putin", "Mr Putin"),
            (2, "Sergei Lavrov", ""),
            (3, "Rex Tillerson", ""),
        ] {
            let mut e = Entity::new(EntityId(id), name, "PER");
            if !alias.is_empty() {
                e.aliases.push(alias.into());
            }
            p.entities.insert(e.id, e);
        }
        let names = |q: &str| {
            rank_entities(&p, q)
                .iter()
                .map(|e| e.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("vput"), ["Vladimir Putin"]);
        assert_eq!(names("lav")[0], "Sergei Lavrov");
        assert_eq!(
            names(""),
            ["Rex Tillerson", "Sergei Lavrov", "Vladimir Putin"]
        );
        assert!(names("zzz").is_empty());
    }
}
