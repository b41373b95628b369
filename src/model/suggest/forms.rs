//! What the suggester learns of each surface form: how often each (type,
//! entity) was given to it by hand, and how often a suggestion of it was
//! rejected.

use std::collections::BTreeMap;

use crate::model::annotation::EntityId;
use crate::model::project::Project;

/// What was learned of one surface form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormModel {
    /// Mentions made or accepted by hand, per (type, entity).
    pub taught: BTreeMap<(String, Option<EntityId>), u32>,
    /// Suggestions of the form rejected.
    pub rejections: u32,
}

impl FormModel {
    /// Mentions that taught it.
    #[must_use]
    pub fn taught_count(&self) -> u32 {
        self.taught.values().sum()
    }

    /// The (type, entity) given most often, and its score: the share of
    /// every decision on the form (mentions and rejections) that gave it.
    #[must_use]
    pub fn best(&self) -> Option<((&String, Option<EntityId>), f64)> {
        let ((label, entity), n) = self
            .taught
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
        let decided = f64::from(self.taught_count() + self.rejections);
        Some(((label, *entity), f64::from(*n) / decided))
    }
}

/// Why a form is or is not suggested, for the hover text and the
/// evaluation panel.
#[derive(Clone, Debug, PartialEq)]
pub struct Why {
    /// "PER, learned from 7 mentions (Vladimir Putin), 1 rejection".
    pub text: String,
    /// Whether its score reaches the threshold.
    pub shown: bool,
}

/// Learns every form of `project`: each mention not itself a suggestion
/// teaches its text's (type, entity); each rejection counts against its
/// text.
pub(super) fn learn(project: &Project) -> BTreeMap<String, FormModel> {
    let mut forms: BTreeMap<String, FormModel> = BTreeMap::new();
    // Names from a list (a gazetteer) teach like a mention each.
    for e in &project.lexicon {
        let form = e.surface.trim();
        if form.is_empty() {
            continue;
        }
        *forms
            .entry(form.to_owned())
            .or_default()
            .taught
            .entry((e.label.clone(), e.entity))
            .or_default() += 1;
    }
    for entry in project.documents.values() {
        for m in entry.mentions.iter().filter(|m| !m.suggested) {
            let form = m.quote.exact.trim();
            if form.is_empty() {
                continue;
            }
            // A new key is allocated only for a form met the first time.
            let model = match forms.get_mut(form) {
                Some(model) => model,
                None => forms.entry(form.to_owned()).or_default(),
            };
            // A form has few (type, entity) pairs: a scan, no allocation.
            match model
                .taught
                .iter_mut()
                .find(|((label, entity), _)| *label == m.label && *entity == m.entity)
            {
                Some((_, n)) => *n += 1,
                None => {
                    model.taught.insert((m.label.clone(), m.entity), 1);
                }
            }
        }
        for r in &entry.rejections {
            if let Some(model) = forms.get_mut(r.text.trim()) {
                model.rejections += 1;
            }
        }
    }
    forms
}

pub(super) fn why(model: Option<&FormModel>, project: &Project, threshold: f64) -> Why {
    let Some(model) = model else {
        return Why {
            text: "not learned: no mention of these words has been made by hand".to_owned(),
            shown: false,
        };
    };
    let Some(((label, entity), score)) = model.best() else {
        return Why {
            text: format!("only rejected ({} rejection(s))", model.rejections),
            shown: false,
        };
    };
    let entity = entity
        .and_then(|e| project.entities.get(&e))
        .map(|e| format!(" ({})", e.name))
        .unwrap_or_default();
    let n = model.taught_count();
    let mut text = format!(
        "{label}, learned from {n} mention{}{entity}",
        if n == 1 { "" } else { "s" }
    );
    if model.rejections > 0 {
        text.push_str(&format!(
            ", {} rejection{}",
            model.rejections,
            if model.rejections == 1 { "" } else { "s" }
        ));
    }
    let shown = score >= threshold;
    if !shown {
        text.push_str(&format!(
            "; score {:.0} % is below the threshold {:.0} %",
            score * 100.0,
            threshold * 100.0
        ));
    }
    Why { text, shown }
}
