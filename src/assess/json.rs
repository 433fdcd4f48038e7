//! The assessment as JSON, the contract tests and scripts rely on (documented in the README):
//! `provisions`, `fine`, `mitigation`, `thresholds`, `transfer`, `precedents`, `text`, and the
//! facts and working beside them.

use serde_json::{Value, json};

use crate::law::{Level, Status};
use crate::library::Library;

use super::criminal::{Applies, RowLevel, Unit};
use super::facts::Gains;
use super::provisions::FineWorking;
use super::{Assessment, report};

fn level_key(level: Level) -> &'static str {
    match level {
        Level::Below => "not-reached",
        Level::Serious => "serious",
        Level::EspeciallySerious => "especially-serious",
    }
}

fn status_key(status: Status) -> &'static str {
    match status {
        Status::InForce { .. } => "in-force",
        Status::NotYet { .. } => "not-yet",
        Status::Ceased { .. } => "ceased",
        Status::Unverified { .. } => "unverified",
        Status::Unknown => "unknown",
    }
}

/// The whole assessment.
pub fn value(library: &Library, a: &Assessment) -> Value {
    let f = &a.facts;
    let gains = match f.gains {
        Gains::NotStated => Value::Null,
        Gains::None => json!(0),
        Gains::Yuan(g) => json!(g),
    };
    let provisions: Vec<Value> = a
        .provisions
        .iter()
        .map(|c| {
            json!({
                "id": c.statute.id,
                "citation": c.official(),
                "role": c.role.key(),
                "in_force": c.in_force_today,
                "status_then": status_key(c.status),
                "item": c.item,
                "words": c.words,
                "who": c.who,
                "reading": c.reading,
            })
        })
        .collect();
    let fine = a.fine.as_ref().map(|fine| {
        let working = match &fine.working {
            FineWorking::Multiple { gains, low, high } => {
                json!({"kind": "multiple", "gains_yuan": gains, "low": low, "high": high})
            }
            FineWorking::Cap {
                cap,
                condition,
                without_gains,
            } => json!({
                "kind": "cap",
                "cap_yuan": cap,
                "condition": condition,
                "without_gains": without_gains,
            }),
            FineWorking::EitherWay { low, high, cap } => {
                json!({"kind": "either-way", "low": low, "high": high, "cap_yuan": cap})
            }
            FineWorking::NoAmounts => json!({"kind": "no-amounts"}),
        };
        json!({
            "min_yuan": fine.min_yuan,
            "max_yuan": fine.max_yuan,
            "basis": fine.statute.id,
            "citation": fine.statute.penalty_citation(),
            "working": working,
        })
    });
    let mitigation: Vec<Value> = a
        .mitigation
        .iter()
        .map(|x| {
            json!({
                "provision": x.statute.id,
                "effect": x.effect,
                "any": x.any,
                "conditions": x.conditions.iter().map(|c| json!({"words": c.words, "met": c.met})).collect::<Vec<_>>(),
                "possible": x.possible,
                "via": x.via.iter().map(|s| &s.id).collect::<Vec<_>>(),
                "after_conduct": x.after_conduct,
            })
        })
        .collect();
    let thresholds: Vec<Value> = a
        .criminal
        .rows
        .iter()
        .map(|r| {
            json!({
                "item": r.tier.item,
                "threshold": r.serious,
                "especially_serious_threshold": r.especially,
                "unit": match r.unit { Unit::Records => "records", Unit::Yuan => "yuan" },
                "value": r.value,
                "level": match r.level {
                    RowLevel::Level(l) => level_key(l),
                    RowLevel::DependsOnKind => "depends-on-kind",
                },
                "level_if_this_tier": level_key(r.own),
                "applies": match r.applies {
                    Applies::All => "all",
                    Applies::Some => "some",
                    Applies::IfKind => "if-kind",
                    Applies::Always => "always",
                },
                "kinds": r.kinds.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            })
        })
        .collect();
    let precedents: Vec<&str> = a
        .precedents
        .iter()
        .map(|p| library.cases[p.case].id.as_str())
        .collect();
    json!({
        "facts": {
            "conduct": f.conduct,
            "data": f.data,
            "sector": f.sector,
            "records": f.records,
            "gains_yuan": gains,
            "date": f.date,
            "in_duty": f.in_duty,
            "first_offence": f.first_offence,
            "corrected": f.corrected,
        },
        "today": a.today,
        "provisions": provisions,
        "later": a.later.iter().map(|s| &s.id).collect::<Vec<_>>(),
        "fine": fine,
        "mitigation": mitigation,
        "criminal_in_scope": a.criminal.in_scope,
        "thresholds": thresholds,
        "transfer": a.criminal.transfer.key(),
        "fines_in_practice": a.practice,
        "precedents": precedents,
        "text": report::paste(library, a),
    })
}
