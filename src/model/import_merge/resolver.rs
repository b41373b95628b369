//! Finding or creating the entities, claims and entity types an import
//! refers to, so every record's edits apply.

use std::collections::{BTreeMap, HashMap};

use crate::model::annotation::{Entity, EntityId, is_valid_qid};
use crate::model::project::Project;
use crate::model::relation::RelationType;
use crate::model::schema::{EntityType, Rgb};
use crate::model::stance::{Claim, ClaimId};

use super::{ImportOptions, ImportedEntity};

/// Colours given to entity types an import adds (the Okabe–Ito palette's
/// blue and greys, then muted tones), in turn.
const NEW_TYPE_COLOURS: [Rgb; 6] = [
    Rgb(0, 114, 178),
    Rgb(153, 153, 153),
    Rgb(170, 120, 200),
    Rgb(120, 170, 90),
    Rgb(200, 160, 120),
    Rgb(110, 160, 170),
];

/// What an import creates, and the ids it gives.
pub(super) struct Resolver<'p> {
    pub project: &'p Project,
    pub options: &'p ImportOptions,
    pub next_entity: u64,
    pub next_claim: u64,
    pub new_entities: Vec<Entity>,
    pub new_claims: Vec<Claim>,
    pub new_types: Vec<EntityType>,
    /// Relation types `--add-types` adds.
    pub new_relation_types: Vec<RelationType>,
    /// Argument names a file gave relation types that had none (brat's
    /// `source:`/`target:`), kept so they go back out as they came.
    pub role_updates: BTreeMap<String, (String, String)>,
    /// Relations whose argument names differ from their type's.
    pub role_conflicts: Vec<String>,
    by_key: BTreeMap<String, EntityId>,
    /// Entities by Wikidata id and by (name, type), the project's and the
    /// new ones: one look-up per mention, so an import stays linear.
    by_qid: HashMap<String, EntityId>,
    by_name: HashMap<(String, String), EntityId>,
}

impl<'p> Resolver<'p> {
    pub fn new(project: &'p Project, options: &'p ImportOptions) -> Self {
        Self {
            project,
            options,
            next_entity: project.next_entity_id().0,
            next_claim: project.next_claim_id().0,
            new_entities: Vec::new(),
            new_claims: Vec::new(),
            new_types: Vec::new(),
            new_relation_types: Vec::new(),
            role_updates: BTreeMap::new(),
            role_conflicts: Vec::new(),
            by_key: BTreeMap::new(),
            by_qid: project
                .entities
                .values()
                .rev()
                .filter_map(|e| Some((e.kb_id.clone()?, e.id)))
                .collect(),
            by_name: project
                .entities
                .values()
                .rev()
                .map(|e| ((e.name.clone(), e.label.clone()), e.id))
                .collect(),
        }
    }

    /// The relation type for a relation type named `label` in the file:
    /// mapped by `--map`, added by `--add-types` (directed, between any
    /// types, without a key), else refused.
    pub fn relation_label(&mut self, label: &str) -> Result<RelationType, String> {
        let mapped = self
            .options
            .type_map
            .get(label)
            .map_or(label, String::as_str)
            .to_owned();
        if let Some(known) = self
            .project
            .schema
            .relation_type(&mapped)
            .or_else(|| self.new_relation_types.iter().find(|t| t.name == mapped))
        {
            return Ok(known.clone());
        }
        if !self.options.add_types
            || mapped.trim().is_empty()
            || mapped.chars().any(char::is_whitespace)
        {
            return Err(format!(
                "relation type {mapped:?} is not in the schema (--map {label}=TYPE maps it to one, --add-types adds it)"
            ));
        }
        let color = NEW_TYPE_COLOURS[self.new_relation_types.len() % NEW_TYPE_COLOURS.len()];
        let added = RelationType::new(mapped, color);
        self.new_relation_types.push(added.clone());
        Ok(added)
    }

    /// The schema type for a type named `label` in the file: mapped by
    /// `--map`, added by `--add-types`, else refused.
    pub fn label(&mut self, label: &str) -> Result<String, String> {
        let mapped = self
            .options
            .type_map
            .get(label)
            .map_or(label, String::as_str)
            .to_owned();
        let known = self.project.schema.entity_type(&mapped).is_some()
            || self.new_types.iter().any(|t| t.name == mapped);
        if known {
            return Ok(mapped);
        }
        if !self.options.add_types || mapped.trim().is_empty() {
            return Err(format!(
                "type {mapped:?} is not in the schema (--map {label}=TYPE maps it to one, --add-types adds it)"
            ));
        }
        let used: Vec<char> = self
            .project
            .schema
            .entity_types
            .iter()
            .chain(&self.new_types)
            .filter_map(|t| t.key)
            .collect();
        let key = ('1'..='9').find(|k| !used.contains(k));
        let color = NEW_TYPE_COLOURS[self.new_types.len() % NEW_TYPE_COLOURS.len()];
        self.new_types.push(EntityType {
            name: mapped.clone(),
            description: format!("added by an import (\"{label}\" in the file)"),
            color,
            key,
        });
        Ok(mapped)
    }

    /// The edits adding the entity types `--add-types` made, after the
    /// schema's own (the list is emptied).
    pub fn take_entity_type_edits(&mut self) -> Vec<crate::model::edit::Edit> {
        let index = self.project.schema.entity_types.len();
        std::mem::take(&mut self.new_types)
            .into_iter()
            .enumerate()
            .map(
                |(k, entity_type)| crate::model::edit::Edit::InsertEntityType {
                    index: index + k,
                    entity_type,
                },
            )
            .collect()
    }

    /// Records the argument names `roles` a relation of type `kind` was
    /// written with: the type takes them when it has none; other names than
    /// the type's are listed (the relation is written with the type's).
    pub fn relation_roles(
        &mut self,
        kind: &RelationType,
        roles: Option<&(String, String)>,
        origin: &str,
    ) {
        let Some(roles) = roles else {
            return;
        };
        let known = kind
            .roles
            .as_ref()
            .or_else(|| self.role_updates.get(&kind.name))
            .cloned();
        match known {
            None => {
                self.role_updates.insert(kind.name.clone(), roles.clone());
            }
            Some(k) if &k == roles => {}
            Some(k) => self.role_conflicts.push(format!(
                "{origin}: its arguments are named {}:/{}:, but {} relations' are {}:/{}:; it is kept with those names",
                roles.0, roles.1, kind.name, k.0, k.1
            )),
        }
    }

    /// The entity `e` names (found by key, Wikidata id or name and type),
    /// created when new.
    pub fn entity(
        &mut self,
        e: &ImportedEntity,
        label: &str,
        fallback_name: &str,
    ) -> Result<EntityId, String> {
        let label = match e.label.as_deref() {
            Some(l) => self.label(l)?,
            None => label.to_owned(),
        };
        if let Some(qid) = e.kb_id.as_deref().filter(|q| !is_valid_qid(q)) {
            return Err(format!("{qid:?} is not a Wikidata id"));
        }
        if let Some(id) = e.key.as_ref().and_then(|k| self.by_key.get(k)) {
            return Ok(*id);
        }
        let found = e
            .kb_id
            .as_ref()
            .and_then(|qid| self.by_qid.get(qid).copied())
            .or_else(|| {
                let name = e.name.clone()?;
                self.by_name.get(&(name, label.clone())).copied()
            });
        let id = match found {
            Some(id) => id,
            None => {
                let name = e.name.as_deref().unwrap_or(fallback_name).trim();
                if name.is_empty() {
                    return Err("an entity needs a name".to_owned());
                }
                let id = EntityId(self.next_entity);
                let mut entity = Entity::new(id, name, &label);
                entity.kb_id.clone_from(&e.kb_id);
                self.next_entity += 1;
                if let Some(qid) = &entity.kb_id {
                    self.by_qid.entry(qid.clone()).or_insert(id);
                }
                self.by_name
                    .entry((entity.name.clone(), entity.label.clone()))
                    .or_insert(id);
                self.new_entities.push(entity);
                id
            }
        };
        if let Some(k) = &e.key {
            self.by_key.insert(k.clone(), id);
        }
        Ok(id)
    }

    /// The claim with this text, created when new.
    pub fn claim(&mut self, text: &str) -> ClaimId {
        let found = self
            .project
            .claims
            .values()
            .chain(&self.new_claims)
            .find(|c| c.text == text);
        if let Some(c) = found {
            return c.id;
        }
        let id = ClaimId(self.next_claim);
        self.next_claim += 1;
        self.new_claims.push(Claim {
            id,
            text: text.to_owned(),
            note: String::new(),
        });
        id
    }
}
