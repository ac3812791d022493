//! What the review queue shows beside each entry: the ids of the extraction
//! rules that proposed its commitments. The pipeline lists them in each
//! record (`rules`, see `pipeline::commitments::record`), and the record is
//! stored whole with the commitment, so they are read from there.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::Row;

use crate::Store;
use crate::error::{Error, Result};

impl Store {
    /// For each of `entry_ids`, the rule ids that proposed its commitments,
    /// sorted and each once (none for a record written before rules were listed).
    pub async fn entry_rules(&self, entry_ids: &[String]) -> Result<BTreeMap<String, Vec<String>>> {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for ids in entry_ids.chunks(200) {
            let list = (1..=ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
            let sql = format!("SELECT id, entry_id, record FROM commitments WHERE entry_id IN ({list})");
            let mut q = sqlx::query(&sql);
            for id in ids {
                q = q.bind(id);
            }
            for r in q.fetch_all(&self.pool).await? {
                let (id, entry): (String, String) = (r.try_get("id")?, r.try_get("entry_id")?);
                let record: String = r.try_get("record")?;
                let rules =
                    rules_of(&record).map_err(|e| Error::corrupt("commitments", format!("{id}: record: {e}")))?;
                out.entry(entry).or_default().extend(rules);
            }
        }
        Ok(out.into_iter().map(|(k, v)| (k, v.into_iter().collect())).collect())
    }
}

/// The `rules` of a stored record.
fn rules_of(record: &str) -> std::result::Result<Vec<String>, serde_json::Error> {
    #[derive(serde::Deserialize)]
    struct Rules {
        #[serde(default)]
        rules: Vec<String>,
    }
    Ok(serde_json::from_str::<Rules>(record)?.rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_come_from_the_record_and_may_be_missing() {
        assert_eq!(
            rules_of(r#"{"id":"x","rules":["propose-figure","merge-headline"]}"#).unwrap(),
            ["propose-figure", "merge-headline"]
        );
        assert!(rules_of(r#"{"id":"x"}"#).unwrap().is_empty());
        assert!(rules_of("not json").is_err());
    }
}
