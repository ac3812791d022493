//! The OpenAPI 3 description of `/api/v1`, written by hand. `tests/openapi.rs`
//! checks that it documents exactly the routes of [`crate::api::routes`], and
//! `.ci/run` runs Schemathesis against a served ledger, which fails on any
//! response, status code or parameter the document does not describe.
//!
//! The response schemas are closed (`additionalProperties: false`, every
//! field the server always writes `required`, `nullable` where it writes
//! `null`), and the parameter constraints are the constants the parser
//! checks ([`crate::api::params`]): the document is what the server does.

mod history;
mod lifecycle;
mod regroup;

use axum::Json;
use serde_json::{Map, Value, json};

use crate::api::MAX_NOTE;
use crate::api::params::{
    CATEGORIES, CURSOR_PATTERN, DEFAULT_LIMIT, EUROS_PATTERN, GROUPINGS, INSTRUMENTS, MAX_EUROS_LEN, MAX_LIMIT,
    MAX_PARTY, MAX_Q, MEASURES, SORTS, STATUSES,
};
use pledgewatch_store::REVIEW_STATES;

pub async fn handler() -> Json<Value> {
    Json(document())
}

/// An optional query parameter. An empty value (`?to=`) is the parameter
/// left out, as an untouched form field sends it.
fn param(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "allowEmptyValue": true,
            "description": description, "schema": schema })
}

fn id_param(what: &str) -> Value {
    json!({ "name": "id", "in": "path", "required": true, "description": what, "schema": { "type": "string" } })
}

fn csrf_header() -> Value {
    json!({ "name": "X-CSRF-Token", "in": "header", "required": false,
            "description": "The session's CSRF token (`csrf` of `/api/v1/session`); needed with a session cookie, \
                            ignored with a Bearer token",
            "schema": { "type": "string" } })
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn one_of(values: &[&str]) -> Value {
    json!({ "type": "string", "enum": values })
}

fn date() -> Value {
    json!({ "type": "string", "format": "date" })
}

fn int() -> Value {
    json!({ "type": "integer" })
}

/// Exact decimals are written as JSON numbers with all their digits.
fn dec() -> Value {
    json!({ "type": "number", "description": "exact decimal" })
}

fn array(items: Value) -> Value {
    json!({ "type": "array", "items": items })
}

fn nullable(mut schema: Value) -> Value {
    schema["nullable"] = json!(true);
    schema
}

fn schema(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// A closed object: exactly these properties, all of them always present
/// except those named in `optional`.
/// The fields of an entry read from its reports (lists and details carry them).
const FULL_RECORD: [&str; 8] =
    ["items", "supplier", "made_in", "announced_by", "period", "source_urls", "outlets", "evidence_sentence"];

fn object(properties: &[(&str, Value)], optional: &[&str]) -> Value {
    let required: Vec<&str> = properties.iter().map(|(k, _)| *k).filter(|k| !optional.contains(k)).collect();
    let properties: Map<String, Value> = properties.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    json!({ "type": "object", "additionalProperties": false, "required": required, "properties": properties })
}

/// The filters every ledger view takes (lists, exports, totals).
fn filters() -> Vec<Value> {
    let party = json!({ "type": "string", "maxLength": MAX_PARTY });
    let euros = json!({ "type": "string", "pattern": EUROS_PATTERN, "maxLength": MAX_EUROS_LEN });
    vec![
        param(
            "donor",
            "Donor: an id (ISO 3166-1 alpha-2, or EU, EIB, IMF, WB…) or a name (Britain, World Bank), \
             case-insensitive; a name no party bears, or several do, is a 400 with the closest names",
            party.clone(),
        ),
        param("recipient", "Recipient: an id or a name, as for donor", party),
        param("category", "Category", one_of(CATEGORIES)),
        param("instrument", "Instrument", one_of(INSTRUMENTS)),
        param("status", "Status", one_of(STATUSES)),
        param("review", "Review state", one_of(REVIEW_STATES)),
        param("from", "Announced on or after", date()),
        param("to", "Announced on or before", date()),
        param("min_eur", "EUR value at least (digits, optionally grouped by `,` or `_`)", euros.clone()),
        param("max_eur", "EUR value at most (digits, optionally grouped by `,` or `_`)", euros),
        param(
            "q",
            "Words that must all occur (each in the donor's or recipient's name, a source's title or an evidence span), \
             each from the start of a word (`ukr` finds Ukraine; punctuation is not searched), through a full-text \
             index. A page of a search does bounded work: it may hold fewer entries than `limit`, even none, and \
             still have a `next` that searches further; follow `next` until it is absent",
            json!({ "type": "string", "maxLength": MAX_Q }),
        ),
        param(
            "as_of",
            "The ledger as it stood at this time (RFC 3339): each entry's version then, filtered and summed as the \
             ledger is now; an entry merged away since is there, one added since is not. Words (`q`) are looked up \
             in the index of the ledger as it stands, so `q` with `as_of` is a 400",
            json!({ "type": "string", "format": "date-time" }),
        ),
    ]
}

/// A code-point offset in a document (a document is at most an ingest body long).
fn offset() -> Value {
    json!({ "type": "integer", "minimum": 0, "maximum": crate::INGEST_LIMIT })
}

/// The fields a review's edit (with `figure`, a variant key) or an addition takes.
fn edit_fields(figure: bool) -> Value {
    let decimal = |what: &str| {
        json!({ "type": "string", "maxLength": 40,
        "description": format!("{what}: a positive number (1500000, 1,500,000 or 1.5e6)") })
    };
    let party = |what: &str| {
        json!({ "type": "string", "maxLength": MAX_PARTY,
        "description": format!("{what}: a party's id or name from the actor lexicon (GB, Britain, \"Germany (DE)\", World Bank); \
            never free text: a name no party bears is a 422 with the closest names") })
    };
    let mut p = json!({
        "category": one_of(CATEGORIES), "instrument": one_of(INSTRUMENTS), "status": one_of(STATUSES),
        "donor": party("donor"), "recipient": party("recipient"),
        "amount": decimal("amount"),
        "currency": { "type": "string", "pattern": "^[A-Za-z]{3}$", "description": "ISO 4217 code" },
        "qualifier": one_of(pledgewatch_store::edit::QUALIFIERS),
        "upper": { "type": "string", "maxLength": 40, "description": "upper bound, only for qualifier range; empty clears it" },
        "announced_on": date(),
        "items": { "type": "string", "maxLength": 2000,
            "description": "items as `[qualifier] [count or low..high] class`, separated by `;` (\"50 vehicle; up_to 1000 artillery_round\"); empty: none" },
        "supplier": { "type": "string", "maxLength": 200, "description": "empty: none" },
        "made_in": { "type": "string", "maxLength": MAX_PARTY, "description": "a country's id or name; empty: none" },
    });
    if figure {
        p["figure"] = json!({ "type": "string", "description": "a variant key of the entry (`variants[].figure`); \
            EUR/USD of a new amount or date are converted at that date's ECB rate" });
    }
    p
}

fn sort() -> Value {
    param("sort", "Order; `-` for descending", json!({ "type": "string", "enum": SORTS, "default": "-date" }))
}

fn with(mut list: Vec<Value>, more: impl IntoIterator<Item = Value>) -> Vec<Value> {
    list.extend(more);
    list
}

/// An ingest body: any bytes are a request the server takes (what cannot be
/// read is listed in the answer's `errors`), so the schema constrains nothing.
fn upload(what: &str) -> Value {
    json!({ "description": format!("{what}; any bytes (what cannot be read is listed in `errors`)") })
}

fn ok(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

fn file(mime: &str, description: &str) -> Value {
    json!({ "description": description, "content": { mime: { "schema": { "type": "string", "format": "binary" } } } })
}

/// Responses: the success and the errors, each `(status, description)` with
/// the one error shape. Every route but this document's reads the ledger,
/// so each may fail with a 500 (the details go to the server's log).
fn responses(success: (&str, Value), errors: &[(&str, &str)]) -> Value {
    let mut out = Map::new();
    out.insert(success.0.to_string(), success.1);
    for (status, description) in
        errors.iter().chain(&[("500", "A fault on the server's side (the details are in its log)")])
    {
        out.insert(
            status.to_string(),
            json!({ "description": description,
                    "content": { "application/json": { "schema": schema("Error") } } }),
        );
    }
    Value::Object(out)
}

const BAD_PARAMETER: (&str, &str) = ("400", "A parameter the server does not know, given twice, or with a bad value");
const SEARCH_TIMEOUT: (&str, &str) =
    ("503", "A word search (`q`) ran past its time bound (PostgreSQL); narrow the words or the filters and retry");

/// The whole document.
pub fn document() -> Value {
    let mut doc = base();
    regroup::extend(&mut doc);
    history::extend(&mut doc);
    lifecycle::extend(&mut doc);
    doc
}

fn base() -> Value {
    let secured = json!([{ "bearer": [] }, { "session": [] }]);
    let unauthorized = ("401", "No user: no valid Bearer token or live session");
    let forbidden = ("403", "A session-authenticated write without the session's CSRF token in X-CSRF-Token");
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Pledgewatch API",
            "version": "1",
            "description": "Government support commitments as a ledger: every figure with its sources and evidence. \
                Reading is open; ingest and review need a user (`Authorization: Bearer TOKEN` from \
                `pledgewatch user token NAME`, or a session cookie with its CSRF token in `X-CSRF-Token`). \
                Errors are always `{\"error\":{\"code\",\"message\"}}`. Money is exact decimal; dates are ISO 8601; \
                evidence offsets are Unicode code points into the document text. Query parameters are taken as \
                sent (not trimmed); an empty value is the parameter left out; an unknown or repeated one is a 400."
        },
        "paths": {
            "/api/v1/commitments": { "get": {
                "summary": "Ledger entries, filtered, sorted and paged by cursor",
                "parameters": with(filters(), [
                    sort(),
                    param("limit", "Page size", json!({ "type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                        "default": DEFAULT_LIMIT })),
                    param("cursor", "`next_cursor` of the page before. A cursor is for the sort it was made with: \
                        one of another sort is a 400", json!({ "type": "string", "pattern": CURSOR_PATTERN })),
                ]),
                "responses": responses(("200", ok("One page", schema("Page"))), &[BAD_PARAMETER, SEARCH_TIMEOUT])
            }},
            "/api/v1/commitments.csv": { "get": {
                "summary": "CSV export of a filtered view (all pages)",
                "parameters": with(filters(), [sort()]),
                "responses": responses(("200", file("text/csv", "CSV, one row per entry, with its full record (items, supplier, made_in, announcer, period, source_urls, outlets, evidence, confidence, review)")), &[BAD_PARAMETER, SEARCH_TIMEOUT])
            }},
            "/api/v1/commitments.xlsx": { "get": {
                "summary": "Excel export of a filtered view (all pages)",
                "parameters": with(filters(), [sort()]),
                "responses": responses(
                    ("200", file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "An Excel workbook")),
                    &[BAD_PARAMETER, SEARCH_TIMEOUT])
            }},
            "/api/v1/commitments/{id}": { "get": {
                "summary": "One entry with its variants, sources (with evidence spans and their text) and review log",
                "parameters": [id_param("Entry id"), param("as_of", "The entry as it stood at this time (RFC 3339): \
                    its values, sources and variants then, and its review log up to then",
                    json!({ "type": "string", "format": "date-time" }))],
                "responses": responses(("200", ok("The entry", schema("EntryDetail"))),
                    &[BAD_PARAMETER, ("404", "No such entry (at `as_of`: none then)")])
            }},
            "/api/v1/commitments/{id}/review": { "post": {
                "summary": "Approve, reject, edit or reset an entry; every change goes into its audit log",
                "security": secured,
                "parameters": [id_param("Entry id"), csrf_header()],
                "requestBody": { "required": true, "content": { "application/json": { "schema": schema("Review") } } },
                "responses": responses(("200", ok("The new review state and the audit log", schema("Reviewed"))), &[
                    ("400", "A body that is not a review"),
                    unauthorized,
                    forbidden,
                    ("404", "No such entry"),
                    ("413", "A body over 64 KiB"),
                    ("415", "A body that is not sent as application/json"),
                    ("422", "A value the extractor would not give: a figure that is not one of the entry's variants, \
                        a donor or recipient no party bears (the message names the closest), the same party twice, \
                        a currency not in ISO 4217, an upper bound off a range, a day that does not exist, an item \
                        class the model lacks"),
                ])
            }},
            "/api/v1/documents/{id}": { "get": {
                "summary": "A stored document: text, segments, and the commitments it states with their evidence spans",
                "parameters": [id_param("Document id (16 hex digits)")],
                "responses": responses(("200", ok("The document", schema("Document"))), &[("404", "No such document")])
            }},
            "/api/v1/documents/{id}/commitments": { "post": {
                "summary": "Add a commitment the extractor missed, from a sentence of the document: stored with its \
                    evidence spans, marked as added by the caller, merged into the ledger and logged",
                "security": secured,
                "parameters": [id_param("Document id (16 hex digits)"), csrf_header()],
                "requestBody": { "required": true, "content": { "application/json": { "schema": schema("Addition") } } },
                "responses": responses(("201", ok("The commitment, its ledger entry and the entry's audit log", schema("Added"))), &[
                    ("400", "A body that is not an addition"),
                    unauthorized,
                    forbidden,
                    ("404", "No such document"),
                    ("413", "A body over 64 KiB"),
                    ("415", "A body that is not sent as application/json"),
                    ("422", "A value the extractor would not give (see the review's 422), or a span that is not in the text"),
                ])
            }},
            "/api/v1/totals": { "get": {
                "summary": "Exact EUR and USD totals of a filtered view, grouped; each group and the total split by what \
                    it sums (grants, loans, other, ceilings)",
                "parameters": with(filters(), [param("by", "Grouping",
                    json!({ "type": "string", "enum": GROUPINGS, "default": "donor" })),
                    param("measure", "What orders the groups: the face value (`value_eur`) or the grant equivalent \
                        (`grant_equivalent_eur`, OECD DAC method); both sums are in every group",
                    json!({ "type": "string", "enum": MEASURES, "default": "face" }))]),
                "responses": responses(("200", ok("Groups and the total", schema("Totals"))), &[BAD_PARAMETER, SEARCH_TIMEOUT])
            }},
            "/api/v1/summary": { "get": {
                "summary": "What the dashboard shows for a filtered view: the whole ledger's counts, review states, and \
                    totals (each split by what it sums) by donor, month, category and instrument; rejected entries are \
                    not summed unless `review` asks for them",
                "parameters": filters(),
                "responses": responses(("200", ok("The summary", schema("Summary"))), &[BAD_PARAMETER, SEARCH_TIMEOUT])
            }},
            "/api/v1/facets": { "get": {
                "summary": "The values each filter takes over the whole ledger, with counts",
                "responses": responses(("200", ok("Facet values", schema("Facets"))), &[])
            }},
            "/api/v1/ingest": { "post": {
                "summary": "Read, extract and store documents (plain text or seed format, an HTML page, or JSON Lines); at most 10 MiB. \
                    A document that cannot be read is listed in `errors`, and the others are stored",
                "security": secured,
                "parameters": [
                    param("date", "Publication date when the body does not give one", date()),
                    param("title", "Title when the body does not give one", string()),
                    param("url", "URL when the body does not give one", string()),
                    param("outlet", "Outlet when the body does not give one", string()),
                    csrf_header(),
                ],
                "requestBody": { "required": true, "content": {
                    "text/plain": { "schema": upload("a text, or the seed format") },
                    "text/html": { "schema": upload("an HTML page") },
                    "application/x-ndjson": { "schema": upload("JSON Lines, one document a line") }
                }},
                "responses": responses(("200", ok("What was stored", schema("IngestResult"))), &[
                    BAD_PARAMETER,
                    unauthorized,
                    forbidden,
                    ("413", "A body over 10 MiB"),
                    ("415", "Another media type"),
                ])
            }},
            "/api/v1/session": { "get": {
                "summary": "The caller: user name and how they authenticated (and the CSRF token of a session)",
                "security": [{}, { "bearer": [] }, { "session": [] }],
                "responses": responses(("200", ok("The caller", schema("Session"))),
                    &[("401", "An Authorization header that is not a valid Bearer token")])
            }},
            "/api/v1/watch": { "get": {
                "summary": "The sources `pledgewatch watch` follows: each one's last poll, last new item, counts and last error",
                "responses": responses(("200", ok("The sources, by address", schema("WatchStatus"))), &[])
            }},
            "/api/v1/openapi.json": { "get": {
                "summary": "This document",
                "responses": { "200": ok("OpenAPI 3", json!({ "type": "object" })) }
            }}
        },
        "components": {
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer" },
                "session": { "type": "apiKey", "in": "cookie", "name": crate::auth::SESSION_COOKIE }
            },
            "schemas": schemas()
        }
    })
}

fn schemas() -> Value {
    let party = object(&[("id", string()), ("name", string())], &[]);
    let converted = nullable(object(&[("value", dec()), ("rate", dec()), ("rate_date", date())], &[]));
    let qualifier = one_of(&["exact", "approx", "up_to", "at_least", "more_than", "less_than", "range"]);
    let figure = nullable(object(
        &[
            ("value", dec()),
            ("currency", string()),
            ("qualifier", qualifier.clone()),
            ("upper", nullable(dec())),
            ("eur", converted.clone()),
            ("usd", converted),
        ],
        &[],
    ));
    let span = object(&[("field", string()), ("start", int()), ("end", int())], &[]);
    let item = object(
        &[
            ("item", json!({ "type": "string", "description": "the item as the text names it" })),
            ("class", string()),
            ("quantity", nullable(dec())),
            ("qualifier", nullable(qualifier.clone())),
            ("upper", nullable(dec())),
        ],
        &[],
    );
    let named_in = object(&[("name", string()), ("country", string())], &[]);
    let announcer = object(
        &[
            ("name", string()),
            ("role", nullable(string())),
            ("title", nullable(string())),
            ("country", nullable(string())),
        ],
        &[],
    );
    let entry = [
        ("id", string()),
        ("donor", party.clone()),
        ("recipient", party),
        ("category", one_of(CATEGORIES)),
        ("instrument", one_of(INSTRUMENTS)),
        ("status", one_of(STATUSES)),
        ("amount", figure),
        ("announced_on", nullable(date())),
        ("first_reported", nullable(date())),
        ("n_sources", int()),
        ("confidence", json!({ "type": "number" })),
        ("review", one_of(REVIEW_STATES)),
        lifecycle::entry_fields()[0].clone(),
        lifecycle::entry_fields()[1].clone(),
        // The full record, read from the entry's reports (the one stating its figure first).
        ("items", array(item)),
        ("supplier", nullable(named_in.clone())),
        ("made_in", nullable(named_in)),
        ("announced_by", nullable(announcer)),
        (
            "period",
            nullable(json!({ "type": "string", "description": "a multi-year period, START/END (end exclusive)" })),
        ),
        ("source_urls", json!({ "type": "array", "items": string(), "description": "every source's address, once" })),
        ("outlets", json!({ "type": "array", "items": string(), "description": "every source's outlet, once" })),
        ("evidence_sentence", nullable(json!({ "type": "string", "description": "the sentence that states it" }))),
    ];
    let variant = object(
        &[
            (
                "figure",
                json!({ "type": "string", "description": "the variant key, as a review's `figure` edit takes it" }),
            ),
            ("value", dec()),
            ("currency", string()),
            ("qualifier", qualifier),
            ("upper", nullable(dec())),
            ("value_eur", nullable(dec())),
            ("value_usd", nullable(dec())),
            ("n_sources", int()),
            ("first_reported", nullable(date())),
            ("documents", array(string())),
        ],
        &[],
    );
    let source = object(
        &[
            ("commitment_id", string()),
            ("document_id", string()),
            ("document", json!({ "type": "string", "description": "the document's API URL" })),
            ("outlet", nullable(string())),
            ("url", nullable(string())),
            ("title", nullable(string())),
            ("published", nullable(date())),
            ("figure", nullable(json!({ "type": "string", "description": "the variant key of the figure it states" }))),
            (
                "evidence",
                array(object(
                    &[
                        ("field", string()),
                        ("start", int()),
                        ("end", int()),
                        ("text", json!({ "type": "string", "description": "the text the span covers" })),
                    ],
                    &["text"],
                )),
            ),
        ],
        &[],
    );
    let mut detail = entry.to_vec();
    detail.extend([
        ("variants", array(variant)),
        ("sources", array(source)),
        ("audit", array(schema("AuditRecord"))),
        ("lifecycle", schema("Lifecycle")),
    ]);
    let sums = [
        ("entries", int()),
        ("value_eur", dec()),
        ("value_usd", dec()),
        ("without_eur", json!({ "type": "integer", "description": "entries without a EUR value, not summed" })),
        ("without_usd", json!({ "type": "integer", "description": "entries without a USD value, not summed" })),
    ];
    let mut group = vec![("key", string()), ("name", string())];
    group.extend(sums.iter().cloned());
    group.extend(lifecycle::sum_fields());
    group.push(("split", schema("Split")));
    let mut total = sums.to_vec();
    total.extend(lifecycle::sum_fields());
    total.push(("split", schema("Split")));
    let facet = array(schema("FacetValue"));
    let note = nullable(json!({ "type": "string", "maxLength": MAX_NOTE }));
    json!({
        "Error": object(&[("error", object(&[
            ("code", one_of(&["bad_request", "unauthorized", "forbidden", "not_found", "method_not_allowed",
                "payload_too_large", "unsupported_media_type", "unprocessable", "too_many_requests", "weak_password",
                "unavailable", "internal"])),
            ("message", string()),
        ], &[]))], &[]),
        "Entry": object(&entry, &[]),
        // An entry as a regrouping answers it: its ledger row, without the full record.
        "EntryRow": object(&entry.iter().filter(|(k, _)| !FULL_RECORD.contains(k)).cloned().collect::<Vec<_>>(), &[]),
        "Page": object(&[
            ("entries", array(schema("Entry"))),
            ("limit", int()),
            ("next_cursor", json!({ "type": "string", "description": "the next page's `cursor`; absent on the last page" })),
            ("next", json!({ "type": "string", "description": "the next page's API URL; absent on the last page" })),
        ], &["next_cursor", "next"]),
        "EntryDetail": object(&detail, &[]),
        "AuditRecord": object(&[
            ("seq", int()),
            ("at", json!({ "type": "string", "format": "date-time" })),
            ("actor", string()),
            ("action", json!({ "type": "string",
                "enum": ["review", "edit", "recompute", "reset", "add", "merge", "split", "detach", "undo",
                    "link_accept", "link_reject"],
                "description": "`recompute`: EUR/USD converted again after a new amount or date; `add`: a commitment \
                    added by hand; `merge`, `split`, `detach`, `undo`: a regrouping of entries; `link_accept`, \
                    `link_reject`: a reviewer's decision on a later report proposed as a stage of the entry" })),
            ("field", nullable(string())),
            ("old_value", nullable(string())),
            ("new_value", nullable(string())),
            ("note", nullable(string())),
        ], &[]),
        "Review": { "oneOf": [
            object(&[
                ("action", one_of(&["approve", "reject", "reset"])),
                ("fields", json!({ "type": "object", "maxProperties": 0, "description": "none: only an edit has fields" })),
                ("note", note.clone()),
            ], &["fields", "note"]),
            object(&[
                ("action", one_of(&["edit"])),
                ("fields", json!({ "type": "object", "minProperties": 1, "additionalProperties": false,
                    "description": "the fields to set, all or none (one transaction)",
                    "properties": edit_fields(true) })),
                ("note", note.clone()),
            ], &["note"]),
        ]},
        "Addition": object(&[
            ("sentence", json!({ "description": "the sentence that states it, in code points of the document's `text` (one of its sentences as the page offers them, at most 5,000 code points)",
                "type": "object", "additionalProperties": false, "required": ["start", "end"],
                "properties": { "start": offset(), "end": offset() } })),
            ("figure", json!({ "description": "the figure's span within the sentence, when known",
                "type": "object", "additionalProperties": false, "required": ["start", "end"],
                "properties": { "start": offset(), "end": offset() } })),
            ("fields", json!({ "type": "object", "additionalProperties": false, "required": ["donor", "recipient"],
                "description": "the commitment's fields, checked as an edit's; the date defaults to the document's, \
                    category to other, instrument to unspecified, status to announced",
                "properties": edit_fields(false) })),
            ("note", note),
        ], &["figure", "note"]),
        "Added": object(&[
            ("commitment_id", string()),
            ("entry_id", json!({ "type": "string", "description": "the ledger entry it joined (new, or one reporting the same commitment)" })),
            ("audit", array(schema("AuditRecord"))),
        ], &[]),
        "Reviewed": object(&[
            ("id", string()),
            ("review", one_of(REVIEW_STATES)),
            ("audit", array(schema("AuditRecord"))),
        ], &[]),
        "Document": object(&[
            ("id", string()),
            ("source", json!({ "type": "string", "description": "where it was read from" })),
            ("url", nullable(string())),
            ("outlet", nullable(string())),
            ("title", nullable(string())),
            ("published", nullable(date())),
            ("text", string()),
            ("segments", array(object(&[
                ("kind", one_of(&["headline", "body", "caption", "byline"])),
                ("start", int()),
                ("end", int()),
            ], &[]))),
            ("n_commitments", int()),
            ("commitments", array(object(&[
                ("commitment_id", string()),
                ("entry_id", string()),
                ("evidence", array(span)),
            ], &[]))),
        ], &[]),
        "Totals": object(&[
            ("by", one_of(GROUPINGS)),
            ("measure", one_of(MEASURES)),
            ("groups", array(schema("Group"))),
            ("total", schema("Total")),
        ], &[]),
        "Group": object(&group, &[]),
        "Total": object(&total, &[]),
        "Split": {
            "description": "The same sums by what they add up; each entry counts in one part, and the parts add up to \
                the whole. `grants`: grants and aid in kind; `loans`: loans, guarantees and export finance (to be \
                repaid); `other`: another or no stated instrument; `ceilings`: bounds (\"up to\", \"less than\"), \
                whatever the instrument, never in another part",
            "type": "object", "additionalProperties": false,
            "required": ["grants", "loans", "other", "ceilings"],
            "properties": {
                "grants": schema("Sums"), "loans": schema("Sums"), "other": schema("Sums"), "ceilings": schema("Sums")
            }
        },
        "Sums": object(&sums, &[]),
        "Summary": object(&[
            ("counts", object(&[
                ("documents", int()), ("commitments", int()), ("entries", int()), ("variants", int()),
                ("errors", json!({ "type": "integer", "description": "inputs that could not be read" })),
            ], &[])),
            ("review", array(schema("Group"))),
            ("total", schema("Total")),
            ("by_donor", array(schema("Group"))),
            ("by_month", array(schema("Group"))),
            ("by_category", array(schema("Group"))),
            ("by_instrument", array(schema("Group"))),
        ], &[]),
        "WatchStatus": object(&[("sources", array(object(&[
            ("url", string()),
            ("kind", one_of(&["feed", "page"])),
            ("outlet", nullable(string())),
            ("country", nullable(string())),
            ("last_poll_at", nullable(json!({ "type": "string", "format": "date-time" }))),
            ("last_status", nullable(one_of(&["new", "unchanged", "not_modified", "failed"]))),
            ("last_new_at", nullable(json!({ "type": "string", "format": "date-time" }))),
            ("items", json!({ "type": "integer", "description": "items stored from this source, ever" })),
            ("polls", int()),
            ("failures", int()),
            ("last_error", nullable(string())),
            ("last_error_at", nullable(json!({ "type": "string", "format": "date-time" }))),
        ], &[])))], &[]),
        "Facets": object(&[
            ("donor", facet.clone()), ("recipient", facet.clone()), ("category", facet.clone()),
            ("instrument", facet.clone()), ("status", facet.clone()), ("review", facet),
        ], &[]),
        "FacetValue": object(&[("value", string()), ("name", string()), ("count", int())], &[]),
        "IngestResult": object(&[
            ("stored", int()),
            ("skipped", json!({ "type": "integer", "description": "documents already in the ledger" })),
            ("commitments", int()),
            ("documents", array(object(&[
                ("id", string()),
                ("title", nullable(string())),
                ("published", nullable(date())),
                ("commitments", array(string())),
            ], &[]))),
            ("errors", array(object(&[("source", string()), ("reason", string())], &[]))),
        ], &[]),
        "Session": object(&[
            ("user", nullable(json!({ "type": "string", "description": "null when nobody is logged in" }))),
            ("via", one_of(&["session", "token"])),
            ("csrf", json!({ "type": "string", "description": "a session's CSRF token, for X-CSRF-Token" })),
        ], &["via", "csrf"]),
    })
}
