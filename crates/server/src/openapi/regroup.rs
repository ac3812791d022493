//! The regrouping and bulk-review routes (`api/regroup.rs`) in the OpenAPI
//! document: added to the paths and schemas that `document` builds.

use serde_json::{Value, json};

use super::{array, csrf_header, id_param, int, nullable, object, ok, one_of, responses, schema, string};
use crate::api::MAX_NOTE;
use crate::api::regroup::MAX_BULK;
use pledgewatch_store::REVIEW_STATES;

/// Adds the paths and schemas to `doc`.
pub fn extend(doc: &mut Value) {
    let secured = json!([{ "bearer": [] }, { "session": [] }]);
    let write_errors = |what: &'static str| -> Vec<(&'static str, &'static str)> {
        vec![
            ("400", "A body that is not this request"),
            ("401", "No user: no valid Bearer token or live session"),
            ("403", "A session-authenticated write without the session's CSRF token in X-CSRF-Token"),
            ("404", what),
            ("413", "A body over 64 KiB"),
            ("415", "A body that is not sent as application/json"),
            (
                "422",
                "A regrouping that cannot apply (the same entry, a source not the entry's, no source left, \
                     undone already, or regrouped again since)",
            ),
        ]
    };
    let regroup = |summary: &str, body: &str, what: &'static str| {
        json!({ "post": {
            "summary": summary,
            "security": secured,
            "parameters": [id_param("Entry id"), csrf_header()],
            "requestBody": { "required": true, "content": { "application/json": { "schema": schema(body) } } },
            "responses": responses(("200", ok("The regrouping and the entries it left", schema("Regrouped"))),
                &write_errors(what))
        }})
    };
    let paths = doc["paths"].as_object_mut().expect("paths");
    paths.insert(
        "/api/v1/commitments/{id}/merge".into(),
        regroup(
            "Merge another entry into this one (one commitment); audit-logged, undoable",
            "MergeRequest",
            "No such entry",
        ),
    );
    paths.insert(
        "/api/v1/commitments/{id}/split".into(),
        regroup(
            "Move some of the entry's sources (commitment ids) into a new entry; audit-logged, undoable",
            "SplitRequest",
            "No such entry",
        ),
    );
    paths.insert(
        "/api/v1/commitments/{id}/detach".into(),
        regroup(
            "Move one source (commitment id) of the entry into an entry of its own; audit-logged, undoable",
            "DetachRequest",
            "No such entry",
        ),
    );
    paths.insert(
        "/api/v1/commitments/{id}/regroups".into(),
        json!({ "get": {
            "summary": "The regroupings that touched an entry, newest first, and the entry it was merged into",
            "parameters": [id_param("Entry id (also one merged away)")],
            "responses": responses(("200", ok("The regroupings", schema("Regroups"))), &[("404", "No such entry")])
        }}),
    );
    let mut undo = regroup(
        "Undo a regrouping: the former grouping exactly, with the review state, edits and log of an entry it removed",
        "Undo",
        "No such regrouping",
    );
    undo["post"]["parameters"] = json!([
        { "name": "id", "in": "path", "required": true, "description": "Regrouping number (`regroup.id`)",
          "schema": { "type": "string" } },
        csrf_header()
    ]);
    paths.insert("/api/v1/regroups/{id}/undo".into(), undo);
    paths.insert(
        "/api/v1/review".into(),
        json!({ "post": {
            "summary": "Approve or reject many entries at once; each is one change in its audit log. Every id is \
                        checked first: an unknown one changes nothing",
            "security": secured,
            "parameters": [csrf_header()],
            "requestBody": { "required": true, "content": { "application/json": { "schema": schema("BulkReview") } } },
            "responses": responses(("200", ok("Each entry's new review state", schema("BulkReviewed"))), &[
                ("400", "A body that is not a bulk review (no ids, too many, another action)"),
                ("401", "No user: no valid Bearer token or live session"),
                ("403", "A session-authenticated write without the session's CSRF token in X-CSRF-Token"),
                ("404", "An id that is no entry"),
                ("413", "A body over 64 KiB"),
                ("415", "A body that is not sent as application/json"),
            ])
        }}),
    );

    let note = nullable(json!({ "type": "string", "maxLength": MAX_NOTE }));
    let record = object(
        &[
            ("id", int()),
            ("at", json!({ "type": "string", "format": "date-time" })),
            ("actor", string()),
            ("kind", one_of(&["merge", "split", "detach", "undo"])),
            ("entry_id", json!({ "type": "string", "description": "the entry acted on; it remains" })),
            (
                "other_id",
                json!({ "type": "string",
                "description": "merge: the entry merged away; split, detach: the new entry; undo: as the regrouping undone" }),
            ),
            ("note", nullable(string())),
            (
                "members",
                json!({ "type": "object", "additionalProperties": array(string()),
                "description": "the membership it left: entry id → commitment ids" }),
            ),
            ("undoes", nullable(int())),
            ("undone_by", nullable(int())),
        ],
        &[],
    );
    let schemas = doc["components"]["schemas"].as_object_mut().expect("schemas");
    schemas.insert("Regroup".into(), record);
    schemas.insert(
        "Regrouped".into(),
        object(&[("regroup", schema("Regroup")), ("entries", array(schema("EntryRow")))], &[]),
    );
    schemas.insert(
        "Regroups".into(),
        object(&[("id", string()), ("merged_into", nullable(string())), ("regroups", array(schema("Regroup")))], &[]),
    );
    schemas.insert(
        "MergeRequest".into(),
        object(
            &[("with", json!({ "type": "string", "description": "the other entry's id" })), ("note", note.clone())],
            &["note"],
        ),
    );
    schemas.insert(
        "SplitRequest".into(),
        object(
            &[
                (
                    "members",
                    json!({ "type": "array", "minItems": 1, "items": string(),
                    "description": "commitment ids (`sources[].commitment_id`) to move; not all of them" }),
                ),
                ("note", note.clone()),
            ],
            &["note"],
        ),
    );
    schemas.insert(
        "DetachRequest".into(),
        object(
            &[
                ("commitment", json!({ "type": "string", "description": "a `sources[].commitment_id` of the entry" })),
                ("note", note.clone()),
            ],
            &["note"],
        ),
    );
    schemas.insert("Undo".into(), object(&[("note", note.clone())], &["note"]));
    schemas.insert(
        "BulkReview".into(),
        object(
            &[
                ("ids", json!({ "type": "array", "minItems": 1, "maxItems": MAX_BULK, "items": string() })),
                ("action", one_of(&["approve", "reject"])),
                ("note", note),
            ],
            &["note"],
        ),
    );
    schemas.insert(
        "BulkReviewed".into(),
        object(&[("reviewed", array(object(&[("id", string()), ("review", one_of(REVIEW_STATES))], &[])))], &[]),
    );
}
