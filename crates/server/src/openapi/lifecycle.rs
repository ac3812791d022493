//! Lifecycle links and grant equivalents (issue 17, items 4 and 6) in the OpenAPI
//! document: the link decision route, the entry's timeline schemas, and the grant
//! equivalent fields that `document` adds to entries and totals.

use serde_json::{Value, json};

use super::{array, csrf_header, date, dec, nullable, object, ok, one_of, responses, schema, string};
use crate::api::MAX_NOTE;

/// Why an entry has no grant equivalent.
pub const GRANT_EQUIVALENT_REASONS: &[&str] = &[
    "terms_not_stated",
    "recipient_not_on_dac_list",
    "no_dac_method",
    "terms_impossible",
    "no_amount",
    "not_converted",
    "amount_out_of_range",
];

/// The grant-equivalent fields of an entry.
pub fn entry_fields() -> [(&'static str, Value); 2] {
    [
        (
            "grant_equivalent_eur",
            nullable(json!({ "type": "number", "description": "exact decimal: the grant equivalent in EUR by the \
                OECD DAC method (a grant's is its face value; a loan's, its face value times the grant element of \
                its stated terms at the recipient's DAC discount rate)" })),
        ),
        ("grant_equivalent_reason", nullable(one_of(GRANT_EQUIVALENT_REASONS))),
    ]
}

/// The grant-equivalent sums of a group or total.
pub fn sum_fields() -> [(&'static str, Value); 2] {
    [
        ("grant_equivalent_eur", dec()),
        (
            "without_grant_equivalent",
            json!({ "type": "integer", "description": "entries without a grant equivalent, not summed" }),
        ),
    ]
}

/// Adds the path and schemas to `doc`.
pub fn extend(doc: &mut Value) {
    let secured = json!([{ "bearer": [] }, { "session": [] }]);
    let commitment = json!({ "name": "commitment", "in": "path", "required": true,
        "description": "The later report's commitment id", "schema": { "type": "string" } });
    doc["paths"].as_object_mut().expect("paths").insert(
        "/api/v1/links/{commitment}".into(),
        json!({ "post": {
            "summary": "Accept or reject the proposal that a later report (a delivery, a disbursement, a contract or \
                agreement signed) follows up an earlier entry; accepting merges the report's entry into it as a \
                stage (an undoable regrouping). Both go into the earlier entry's review log",
            "security": secured,
            "parameters": [commitment, csrf_header()],
            "requestBody": { "required": true, "content": { "application/json": { "schema": schema("LinkDecision") } } },
            "responses": responses(("200", ok("The decision", schema("LinkDecided"))), &[
                ("400", "A body that is not this request"),
                ("401", "No user: no valid Bearer token or live session"),
                ("403", "A session-authenticated write without the session's CSRF token in X-CSRF-Token"),
                ("404", "No lifecycle link for this commitment"),
                ("413", "A body over 64 KiB"),
                ("415", "A body that is not sent as application/json"),
                ("422", "The link is not proposed (accepted or rejected already, or linked for certain)"),
            ])
        }}),
    );
    let step = object(
        &[
            ("stage", one_of(&["intent", "announced", "committed", "contracted", "delivered", "disbursed"])),
            ("date", nullable(date())),
            ("commitment_id", string()),
            ("document_id", string()),
            ("outlet", nullable(string())),
            ("url", nullable(string())),
            ("title", nullable(string())),
            ("link", one_of(&["own", "linked", "proposed"])),
            ("part_value", nullable(dec())),
            ("part_currency", nullable(string())),
            ("part_quantity", nullable(dec())),
            (
                "from_entry",
                nullable(json!({ "type": "string", "description": "a proposal: the other entry of the link" })),
            ),
            ("how", nullable(json!({ "type": "string", "description": "what matched: amount, part, items…" }))),
        ],
        &[],
    );
    let progress = object(
        &[
            ("stage", one_of(&["delivered", "disbursed"])),
            ("done", dec()),
            ("of", dec()),
            ("currency", nullable(string())),
            ("item_class", nullable(string())),
            ("remaining", dec()),
        ],
        &[],
    );
    let schemas = doc["components"]["schemas"].as_object_mut().expect("schemas");
    schemas.insert("LifecycleStep".into(), step);
    schemas.insert("Progress".into(), progress);
    schemas.insert(
        "Lifecycle".into(),
        object(
            &[
                ("timeline", array(schema("LifecycleStep"))),
                ("progress", array(schema("Progress"))),
                ("follows", array(schema("LifecycleStep"))),
            ],
            &[],
        ),
    );
    schemas.insert(
        "LinkDecision".into(),
        object(
            &[
                ("action", one_of(&["accept", "reject"])),
                ("note", nullable(json!({ "type": "string", "maxLength": MAX_NOTE }))),
            ],
            &["note"],
        ),
    );
    schemas.insert(
        "LinkDecided".into(),
        object(&[("commitment", string()), ("entry", string()), ("state", one_of(&["linked", "rejected"]))], &[]),
    );
}
