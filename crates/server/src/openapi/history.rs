//! The history routes (`api/history.rs`) in the OpenAPI document: the diff
//! between two times, the change feed and its Atom twin.

use serde_json::{Value, json};

use super::{BAD_PARAMETER, array, filters, nullable, object, ok, one_of, param, responses, schema, string};
use crate::api::history::CHANGE_CURSOR_PATTERN;
use crate::api::params::{CHANGE_FILTERS, DEFAULT_LIMIT, MAX_LIMIT};

/// What made a version.
const CAUSES: &[&str] =
    &["ingest", "add", "review", "edit", "merge", "split", "detach", "undo", "reconvert", "migration"];

fn date_time(description: &str) -> Value {
    json!({ "type": "string", "format": "date-time", "description": description })
}

/// Adds the paths and schemas to `doc`.
pub fn extend(doc: &mut Value) {
    let change_filters: Vec<Value> =
        filters().into_iter().filter(|p| CHANGE_FILTERS.contains(&p["name"].as_str().unwrap_or(""))).collect();
    let mut feed_params = change_filters.clone();
    feed_params.extend([
        param(
            "since",
            "A cursor (`next` of the page before, or a change's `cursor`): the changes after it. Absent: from the \
             first change. Opaque: keep it as given",
            json!({ "type": "string", "pattern": CHANGE_CURSOR_PATTERN }),
        ),
        param(
            "limit",
            "Page size",
            json!({ "type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT }),
        ),
    ]);
    let paths = doc["paths"].as_object_mut().expect("paths");
    paths.insert(
        "/api/v1/diff".into(),
        json!({ "get": {
            "summary": "What changed in the ledger after `from` up to `to`: each entry added, changed (field: old → new), \
                rejected, merged into another, split off another, or removed, compared as it stood at `from` with how it \
                stands at `to`",
            "parameters": [
                { "name": "from", "in": "query", "required": true, "description": "The start (RFC 3339)",
                  "schema": { "type": "string", "format": "date-time" } },
                param("to", "The end (RFC 3339); absent: now", json!({ "type": "string", "format": "date-time" })),
            ],
            "responses": responses(("200", ok("The changes, by entry id", schema("Diff"))),
                &[("400", "A time that is not an RFC 3339 date-time, no `from`, or a `from` after `to`")])
        }}),
    );
    paths.insert(
        "/api/v1/changes".into(),
        json!({ "get": {
            "summary": "The change feed: every new version of a ledger entry (added, changed, removed by a merge), in the \
                order the ledger made them, filtered on the entry's values in that version, a page at a time after a \
                cursor. Poll with `since=next` to follow the ledger",
            "parameters": feed_params,
            "responses": responses(("200", ok("A page of changes", schema("Changes"))), &[BAD_PARAMETER])
        }}),
    );
    paths.insert(
        "/changes.atom".into(),
        json!({ "get": {
            "summary": "The newest 50 changes of the change feed as an Atom feed (RFC 4287), with the same filters, \
                for any feed reader; each item links to the entry's page",
            "parameters": change_filters,
            "responses": responses(
                ("200", json!({ "description": "An Atom feed", "content": { "application/atom+xml": {
                    "schema": { "type": "string" } } } })),
                &[BAD_PARAMETER])
        }}),
    );
    let field = object(&[("field", string()), ("old", nullable(string())), ("new", nullable(string()))], &[]);
    let schemas = doc["components"]["schemas"].as_object_mut().expect("schemas");
    schemas.insert(
        "Change".into(),
        object(
            &[
                (
                    "cursor",
                    json!({ "type": "string", "description": "the feed read after this change is `since=cursor`" }),
                ),
                ("at", date_time("when the ledger made the change")),
                ("entry_id", string()),
                ("kind", one_of(&["added", "changed", "removed"])),
                ("cause", one_of(CAUSES)),
                (
                    "actor",
                    nullable(json!({ "type": "string", "description": "the reviewer, for a change a person made" })),
                ),
                ("fields", array(field.clone())),
                ("entry", schema("EntryRow")),
            ],
            &[],
        ),
    );
    schemas.insert(
        "Changes".into(),
        object(
            &[
                ("changes", array(schema("Change"))),
                ("next", json!({ "type": "string", "description": "`since` for the changes after this page" })),
                ("more", json!({ "type": "boolean", "description": "more changes wait after this page" })),
                ("next_url", json!({ "type": "string", "description": "this feed read on from `next`" })),
            ],
            &[],
        ),
    );
    schemas.insert(
        "Diff".into(),
        object(
            &[
                ("from", date_time("the start")),
                ("to", date_time("the end")),
                (
                    "changes",
                    array(object(
                        &[
                            ("entry_id", string()),
                            ("kind", one_of(&["added", "changed", "rejected", "merged", "split", "removed"])),
                            ("merged_into", nullable(string())),
                            ("split_from", nullable(string())),
                            ("fields", array(field)),
                            ("causes", array(one_of(CAUSES))),
                            ("at", date_time("its last change in the window")),
                            ("entry", schema("EntryRow")),
                        ],
                        &[],
                    )),
                ),
            ],
            &[],
        ),
    );
}
