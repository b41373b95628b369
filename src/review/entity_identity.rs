//! One person is one entity across annotators' saves, whether or not every
//! annotator gave the Wikidata id.
//!
//! Entities are compared by QID where both saves have one, else by name and
//! type. So a QID given on one side only is not a disagreement about who is
//! meant: before saves are compared, merged or adjudicated, an entity
//! without a QID takes the QID that the other saves give the same name and
//! type, when they give exactly one. Two different QIDs for one name stay
//! two entities (two people may share a name).

use std::collections::{BTreeSet, HashMap};

use super::agreement::ReviewSave;

/// The name and type an entity is matched by when it has no QID.
fn name_key(name: &str, label: &str) -> (String, String) {
    (name.trim().to_lowercase(), label.to_owned())
}

/// Gives each entity without a QID the one QID the other saves give its
/// name and type. Returns how many entities took a QID this way.
pub fn align_entities(saves: &mut [ReviewSave]) -> usize {
    let mut qids: HashMap<(String, String), BTreeSet<String>> = HashMap::new();
    for save in saves.iter() {
        for e in save.project.entities.values() {
            if let Some(q) = &e.kb_id {
                qids.entry(name_key(&e.name, &e.label))
                    .or_default()
                    .insert(q.clone());
            }
        }
    }
    let mut aligned = 0;
    for save in saves.iter_mut() {
        for e in save.project.entities.values_mut() {
            if e.kb_id.is_some() {
                continue;
            }
            if let Some(set) = qids.get(&name_key(&e.name, &e.label))
                && set.len() == 1
            {
                e.kb_id = set.iter().next().cloned();
                aligned += 1;
            }
        }
    }
    aligned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityId, Project, Schema};

    fn save(name: &str, entities: &[(&str, &str, Option<&str>)]) -> ReviewSave {
        let mut project = Project::new(name, Schema::builtin());
        for (i, (n, label, qid)) in entities.iter().enumerate() {
            let id = EntityId(i as u64 + 1);
            let mut e = Entity::new(id, *n, *label);
            e.kb_id = qid.map(str::to_owned);
            project.entities.insert(id, e);
        }
        ReviewSave {
            name: name.to_owned(),
            project,
        }
    }

    #[test]
    fn a_qid_on_one_side_only_names_the_same_entity() {
        let mut saves = [
            save("a", &[("Inès Garçon-Müller", "PER", Some("Q99900456"))]),
            save(
                "b",
                &[
                    ("inès garçon-müller ", "PER", None),
                    ("Inès Garçon-Müller", "ORG", None),
                    ("John Smith", "PER", None),
                ],
            ),
            save(
                "c",
                &[
                    ("John Smith", "PER", Some("Q1")),
                    ("John Smith", "PER", Some("Q2")),
                ],
            ),
        ];
        assert_eq!(align_entities(&mut saves), 1);
        let b = &saves[1].project.entities;
        assert_eq!(b[&EntityId(1)].kb_id.as_deref(), Some("Q99900456"));
        assert_eq!(
            b[&EntityId(2)].kb_id,
            None,
            "another type is another entity"
        );
        assert_eq!(
            b[&EntityId(3)].kb_id,
            None,
            "two QIDs for one name: not guessed"
        );
    }
}
