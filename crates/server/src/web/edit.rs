//! The entry page's edit form for every field the extractor fills: donor and
//! recipient typed with a type-ahead list of the lexicon's parties (an HTML
//! `<datalist>`, no script; the store refuses a name nobody bears, with the
//! closest ones), the amount, currency, qualifier and upper bound, the date,
//! the items, the supplier and the place of manufacture. Only what the
//! reviewer changed is sent on as edits.

use std::sync::LazyLock;

use pledgewatch_store::Entry;
use pledgewatch_store::edit::{EntryFields, QUALIFIERS, format_items, party_label};
use serde::Deserialize;

use super::commitment::Opt;
use crate::format;

/// Every party a reviewer may pick, as the type-ahead offers it: "Germany (DE)".
pub static PARTIES: LazyLock<Vec<String>> = LazyLock::new(|| {
    pledgewatch_pipeline::actors::parties().into_iter().map(|(id, name)| party_label(id, name)).collect()
});

/// The form's fields as posted; a field left out of the form is no edit.
#[derive(Debug, Default, Deserialize)]
pub struct EditFields {
    #[serde(default)]
    donor: Option<String>,
    #[serde(default)]
    recipient: Option<String>,
    #[serde(default)]
    amount: Option<String>,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    qualifier: Option<String>,
    #[serde(default)]
    upper: Option<String>,
    #[serde(default)]
    announced_on: Option<String>,
    #[serde(default)]
    items: Option<String>,
    #[serde(default)]
    supplier: Option<String>,
    #[serde(default)]
    made_in: Option<String>,
}

/// The form's current values, as shown.
pub struct EditView {
    pub donor: String,
    pub recipient: String,
    pub amount: String,
    pub currency: String,
    pub qualifiers: Vec<Opt>,
    pub upper: String,
    pub announced_on: String,
    pub items: String,
    pub supplier: String,
    pub made_in: String,
}

impl EditView {
    pub fn of(e: &Entry, extra: &EntryFields) -> EditView {
        let f = e.amount.as_ref();
        let qualifier = f.map_or("exact", |f| f.qualifier.as_str());
        EditView {
            donor: party_label(&e.donor.id, &e.donor.name),
            recipient: party_label(&e.recipient.id, &e.recipient.name),
            amount: f.map(|f| f.value.normalize().to_string()).unwrap_or_default(),
            currency: f.map(|f| f.currency.clone()).unwrap_or_default(),
            qualifiers: QUALIFIERS
                .iter()
                .map(|q| Opt { value: q.to_string(), label: format::words(q), selected: *q == qualifier })
                .collect(),
            upper: f.and_then(|f| f.upper).map(|u| u.normalize().to_string()).unwrap_or_default(),
            announced_on: e.announced_on.map(|d| d.to_string()).unwrap_or_default(),
            items: format_items(&extra.items),
            supplier: extra.supplier.clone().unwrap_or_default(),
            made_in: extra.made_in.as_ref().map(|m| party_label(&m.id, &m.name)).unwrap_or_default(),
        }
    }

    fn qualifier(&self) -> &str {
        self.qualifiers.iter().find(|o| o.selected).map_or("exact", |o| o.value.as_str())
    }

    /// The fields of `form` whose value differs from the one shown, as edits.
    /// A field that must have a value (donor, amount, date…) sent empty is no
    /// edit; supplier, place of manufacture, items and upper bound sent empty
    /// clear it.
    pub fn changes(&self, form: &EditFields) -> Vec<(String, String)> {
        let fields: [(&str, &Option<String>, &str, bool); 10] = [
            ("donor", &form.donor, &self.donor, true),
            ("recipient", &form.recipient, &self.recipient, true),
            ("amount", &form.amount, &self.amount, true),
            ("currency", &form.currency, &self.currency, true),
            ("qualifier", &form.qualifier, self.qualifier(), true),
            ("upper", &form.upper, &self.upper, false),
            ("announced_on", &form.announced_on, &self.announced_on, true),
            ("items", &form.items, &self.items, false),
            ("supplier", &form.supplier, &self.supplier, false),
            ("made_in", &form.made_in, &self.made_in, false),
        ];
        let mut out = Vec::new();
        for (name, sent, shown, required) in fields {
            let Some(sent) = sent.as_deref().map(str::trim) else { continue };
            if (required && sent.is_empty()) || sent == shown {
                continue;
            }
            // A qualifier shown as the entry's own is no change, even if the
            // entry has no figure yet and the form defaults it.
            if name == "qualifier" && self.amount.is_empty() && form.amount.as_deref().is_none_or(str::is_empty) {
                continue;
            }
            out.push((name.to_string(), sent.to_string()));
        }
        out
    }
}
