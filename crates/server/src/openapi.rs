//! The OpenAPI 3 description of `/api/v1`, written by hand. `tests/openapi.rs`
//! checks that it documents exactly the routes of [`crate::api::routes`].

use axum::Json;
use serde_json::{Value, json};

use crate::api::params::{CATEGORIES, INSTRUMENTS, MAX_LIMIT, SORTS, STATUSES};

pub async fn handler() -> Json<Value> {
    Json(document())
}

fn param(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema })
}

fn id_param(what: &str) -> Value {
    json!({ "name": "id", "in": "path", "required": true, "description": what, "schema": { "type": "string" } })
}

/// The filters every ledger view takes (lists, exports, totals).
fn filters() -> Vec<Value> {
    let s = json!({ "type": "string" });
    vec![
        param("donor", "Donor id (ISO 3166-1 alpha-2, or EU, EIB, IMF, WB…), case-insensitive", s.clone()),
        param("recipient", "Recipient id", s.clone()),
        param("category", "Category", json!({ "type": "string", "enum": CATEGORIES })),
        param("instrument", "Instrument", json!({ "type": "string", "enum": INSTRUMENTS })),
        param("status", "Status", json!({ "type": "string", "enum": STATUSES })),
        param("review", "Review state", json!({ "type": "string", "enum": pledgewatch_store::REVIEW_STATES })),
        param("from", "Announced on or after", json!({ "type": "string", "format": "date" })),
        param("to", "Announced on or before", json!({ "type": "string", "format": "date" })),
        param("min_eur", "EUR value at least", json!({ "type": "string", "pattern": "^[0-9.]+$" })),
        param("max_eur", "EUR value at most", json!({ "type": "string", "pattern": "^[0-9.]+$" })),
        param(
            "q",
            "Words that must all occur (each in the donor's or recipient's name, a source's title or an evidence span), \
             each from the start of a word (`ukr` finds Ukraine; punctuation is not searched), through a full-text \
             index. A page of a search does bounded work: it may hold fewer entries than `limit`, even none, and \
             still have a `next` that searches further; follow `next` until it is absent",
            json!({ "type": "string", "maxLength": 200 }),
        ),
    ]
}

fn sort() -> Value {
    param("sort", "Order; `-` for descending", json!({ "type": "string", "enum": SORTS, "default": "-date" }))
}

fn with(mut list: Vec<Value>, more: impl IntoIterator<Item = Value>) -> Vec<Value> {
    list.extend(more);
    list
}

fn ok(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

fn error(description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
}

fn schema(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn file(mime: &str, description: &str) -> Value {
    json!({ "description": description, "content": { mime: { "schema": { "type": "string", "format": "binary" } } } })
}

/// The whole document.
pub fn document() -> Value {
    let secured = json!([{ "bearer": [] }, { "session": [] }]);
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Pledgewatch API",
            "version": "1",
            "description": "Government support commitments as a ledger: every figure with its sources and evidence. \
                Reading is open; ingest and review need a user (`Authorization: Bearer TOKEN` from \
                `pledgewatch user token NAME`, or a session cookie with its CSRF token in `X-CSRF-Token`). \
                Errors are always `{\"error\":{\"code\",\"message\"}}`. Money is exact decimal; dates are ISO 8601; \
                evidence offsets are Unicode code points into the document text."
        },
        "paths": {
            "/api/v1/commitments": { "get": {
                "summary": "Ledger entries, filtered, sorted and paged by cursor",
                "parameters": with(filters(), [
                    sort(),
                    param("limit", "Page size", json!({ "type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 50 })),
                    param("cursor", "`next_cursor` of the page before", json!({ "type": "string" })),
                ]),
                "responses": { "200": ok("One page", schema("Page")), "400": error("A bad parameter") }
            }},
            "/api/v1/commitments.csv": { "get": {
                "summary": "CSV export of a filtered view (all pages)",
                "parameters": with(filters(), [sort()]),
                "responses": { "200": file("text/csv", "CSV, one row per entry"), "400": error("A bad parameter") }
            }},
            "/api/v1/commitments.xlsx": { "get": {
                "summary": "Excel export of a filtered view (all pages)",
                "parameters": with(filters(), [sort()]),
                "responses": {
                    "200": file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "An Excel workbook"),
                    "400": error("A bad parameter")
                }
            }},
            "/api/v1/commitments/{id}": { "get": {
                "summary": "One entry with its variants, sources (with evidence spans and their text) and review log",
                "parameters": [id_param("Entry id")],
                "responses": { "200": ok("The entry", schema("EntryDetail")), "404": error("No such entry") }
            }},
            "/api/v1/commitments/{id}/review": { "post": {
                "summary": "Approve, reject, edit or reset an entry; every change goes into its audit log",
                "security": secured,
                "parameters": [id_param("Entry id")],
                "requestBody": { "required": true, "content": { "application/json": { "schema": schema("Review") } } },
                "responses": {
                    "200": ok("The new review state and the audit log", json!({ "type": "object", "properties": {
                        "id": { "type": "string" }, "review": { "type": "string" },
                        "audit": { "type": "array", "items": schema("AuditRecord") } } })),
                    "400": error("A malformed review"),
                    "401": error("No user"),
                    "403": error("A session without its CSRF token"),
                    "404": error("No such entry"),
                    "422": error("A value the entry cannot take")
                }
            }},
            "/api/v1/documents/{id}": { "get": {
                "summary": "A stored document: text, segments, and the commitments it states with their evidence spans",
                "parameters": [id_param("Document id (16 hex digits)")],
                "responses": { "200": ok("The document", schema("Document")), "404": error("No such document") }
            }},
            "/api/v1/totals": { "get": {
                "summary": "Exact EUR and USD totals of a filtered view, grouped",
                "parameters": with(filters(), [param("by", "Grouping", json!({ "type": "string",
                    "enum": ["donor", "recipient", "category", "instrument", "status", "review", "month"], "default": "donor" }))]),
                "responses": { "200": ok("Groups and the total", schema("Totals")), "400": error("A bad parameter") }
            }},
            "/api/v1/summary": { "get": {
                "summary": "What the dashboard shows: counts, review states, totals by donor and by month (rejected entries not summed)",
                "responses": { "200": ok("The summary", json!({ "type": "object" })) }
            }},
            "/api/v1/facets": { "get": {
                "summary": "The values each filter takes over the whole ledger, with counts",
                "responses": { "200": ok("Facet values", json!({ "type": "object", "additionalProperties": {
                    "type": "array", "items": schema("FacetValue") } })) }
            }},
            "/api/v1/ingest": { "post": {
                "summary": "Read, extract and store documents (plain text or seed format, an HTML page, or JSON Lines); at most 10 MB",
                "security": secured,
                "parameters": [
                    param("date", "Publication date when the body does not give one", json!({ "type": "string", "format": "date" })),
                    param("title", "Title when the body does not give one", json!({ "type": "string" })),
                    param("url", "URL when the body does not give one", json!({ "type": "string" })),
                    param("outlet", "Outlet when the body does not give one", json!({ "type": "string" })),
                ],
                "requestBody": { "required": true, "content": {
                    "text/plain": { "schema": { "type": "string" } },
                    "text/html": { "schema": { "type": "string" } },
                    "application/x-ndjson": { "schema": { "type": "string" } }
                }},
                "responses": {
                    "200": ok("What was stored", schema("IngestResult")),
                    "401": error("No user"),
                    "403": error("A session without its CSRF token"),
                    "413": error("Body over 10 MB"),
                    "415": error("Another media type")
                }
            }},
            "/api/v1/session": { "get": {
                "summary": "The caller: user name and how they authenticated (and the CSRF token of a session)",
                "responses": { "200": ok("The caller", json!({ "type": "object", "properties": {
                    "user": { "type": "string", "nullable": true }, "via": { "type": "string", "enum": ["session", "token"] },
                    "csrf": { "type": "string" } } })) }
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
    let dec = json!({ "type": "number", "description": "exact decimal" });
    let date = json!({ "type": "string", "format": "date", "nullable": true });
    let party = json!({ "type": "object", "properties": { "id": { "type": "string" }, "name": { "type": "string" } } });
    let converted = json!({ "type": "object", "nullable": true, "properties": {
        "value": dec, "rate": dec, "rate_date": { "type": "string", "format": "date" } } });
    let span = json!({ "type": "object", "properties": {
        "field": { "type": "string" }, "start": { "type": "integer" }, "end": { "type": "integer" },
        "text": { "type": "string", "description": "the text the span covers (in entry details)" } } });
    json!({
        "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "object",
            "required": ["code", "message"], "properties": {
                "code": { "type": "string", "enum": ["bad_request", "unauthorized", "forbidden", "not_found",
                    "method_not_allowed", "payload_too_large", "unsupported_media_type", "unprocessable",
                    "too_many_requests", "unavailable", "internal"] },
                "message": { "type": "string" } } } } },
        "Entry": { "type": "object", "properties": {
            "id": { "type": "string" }, "donor": party, "recipient": party,
            "category": { "type": "string", "enum": CATEGORIES }, "instrument": { "type": "string", "enum": INSTRUMENTS },
            "status": { "type": "string", "enum": STATUSES },
            "amount": { "type": "object", "nullable": true, "properties": {
                "value": dec, "currency": { "type": "string" }, "qualifier": { "type": "string" },
                "upper": dec, "eur": converted, "usd": converted } },
            "announced_on": date, "first_reported": date, "n_sources": { "type": "integer" },
            "confidence": { "type": "number" }, "review": { "type": "string", "enum": pledgewatch_store::REVIEW_STATES } } },
        "Page": { "type": "object", "properties": {
            "entries": { "type": "array", "items": schema("Entry") }, "limit": { "type": "integer" },
            "next_cursor": { "type": "string" }, "next": { "type": "string" } } },
        "EntryDetail": { "allOf": [schema("Entry"), { "type": "object", "properties": {
            "variants": { "type": "array", "items": { "type": "object", "properties": {
                "figure": { "type": "string" }, "value": dec, "currency": { "type": "string" },
                "qualifier": { "type": "string" }, "upper": dec, "value_eur": dec, "value_usd": dec,
                "n_sources": { "type": "integer" }, "first_reported": date,
                "documents": { "type": "array", "items": { "type": "string" } } } } },
            "sources": { "type": "array", "items": { "type": "object", "properties": {
                "commitment_id": { "type": "string" }, "document_id": { "type": "string" },
                "document": { "type": "string", "description": "the document's API URL" },
                "outlet": { "type": "string" }, "url": { "type": "string" }, "title": { "type": "string" },
                "published": date, "figure": { "type": "string" },
                "evidence": { "type": "array", "items": span } } } },
            "audit": { "type": "array", "items": schema("AuditRecord") } } }] },
        "AuditRecord": { "type": "object", "properties": {
            "seq": { "type": "integer" }, "at": { "type": "string", "format": "date-time" }, "actor": { "type": "string" },
            "action": { "type": "string" }, "field": { "type": "string" }, "old_value": { "type": "string" },
            "new_value": { "type": "string" }, "note": { "type": "string" } } },
        "Review": { "type": "object", "required": ["action"], "properties": {
            "action": { "type": "string", "enum": ["approve", "reject", "edit", "reset"] },
            "fields": { "type": "object", "description": "for edit: category, instrument, status or figure (a variant key) → new value",
                "additionalProperties": { "type": "string" } },
            "note": { "type": "string", "maxLength": 2000 } } },
        "Document": { "type": "object", "properties": {
            "id": { "type": "string" }, "source": { "type": "string" }, "url": { "type": "string" },
            "outlet": { "type": "string" }, "title": { "type": "string" }, "published": date,
            "text": { "type": "string" },
            "segments": { "type": "array", "items": { "type": "object", "properties": {
                "kind": { "type": "string", "enum": ["headline", "body", "caption", "byline"] },
                "start": { "type": "integer" }, "end": { "type": "integer" } } } },
            "n_commitments": { "type": "integer" },
            "commitments": { "type": "array", "items": { "type": "object", "properties": {
                "commitment_id": { "type": "string" }, "entry_id": { "type": "string" },
                "evidence": { "type": "array", "items": span } } } } } },
        "Totals": { "type": "object", "properties": {
            "by": { "type": "string" }, "groups": { "type": "array", "items": schema("Group") }, "total": schema("Group") } },
        "Group": { "type": "object", "properties": {
            "key": { "type": "string" }, "name": { "type": "string" }, "entries": { "type": "integer" },
            "value_eur": dec, "value_usd": dec, "without_eur": { "type": "integer" }, "without_usd": { "type": "integer" } } },
        "FacetValue": { "type": "object", "properties": {
            "value": { "type": "string" }, "name": { "type": "string" }, "count": { "type": "integer" } } },
        "IngestResult": { "type": "object", "properties": {
            "stored": { "type": "integer" }, "skipped": { "type": "integer" }, "commitments": { "type": "integer" },
            "documents": { "type": "array", "items": { "type": "object" } },
            "errors": { "type": "array", "items": { "type": "object", "properties": {
                "source": { "type": "string" }, "reason": { "type": "string" } } } } } }
    })
}
