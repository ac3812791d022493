//! Lifecycle links and grant equivalents over HTTP: an entry's JSON carries its timeline,
//! progress and proposals, fitting the OpenAPI document; a proposal is accepted through the
//! API (with a token) or the entry page's form (with a session and its CSRF token), and
//! both land in the review log; totals sum grant equivalents and take `measure`.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use jiff::civil::{Date, date};
use pledgewatch_pipeline::RawDocument;
use pledgewatch_pipeline::extract;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_store::Processed;
use serde_json::{Value, json};

use crate::common::*;
use crate::schema_check::violations;

fn conforms(doc: &Value, method: &str, path: &str, res: &Res) -> Value {
    let response = &doc["paths"][path][method]["responses"][res.status.as_str()];
    assert!(response.is_object(), "{method} {path} answered {}, which the document does not list", res.status);
    let body = res.json();
    let broken = violations(doc, &response["content"]["application/json"]["schema"], &body);
    assert!(broken.is_empty(), "{method} {path} ({}) breaks its schema: {broken:#?}\n{body}", res.status);
    body
}

async fn ingest(t: &TestApp, text: &str, on: Date) {
    let raw = RawDocument {
        source: format!("test/{on}.txt"),
        text: text.into(),
        published: Some(on),
        outlet: Some("Test Wire".into()),
        ..Default::default()
    };
    let (document, extraction) = extract::run(raw, RateTable::embedded()).unwrap();
    t.store.write(&[Processed::Document { document, commitments: extraction.commitments }]).await.unwrap();
}

/// Two EIB loans of €250m to Ukraine, then a tranche disbursed that fits both: a proposal.
/// Returns the nearer loan's entry id and the proposal's commitment id.
async fn with_proposal(t: &TestApp) -> (String, String) {
    let loan = |what: &str| {
        format!(
            "EIB approves €250 million loan for Ukraine's {what}\n\n\
             The European Investment Bank approved a €250 million loan to Ukraine for its {what}, the bank said."
        )
    };
    ingest(t, &loan("power grid"), date(2025, 1, 15)).await;
    ingest(t, &loan("railways"), date(2025, 3, 10)).await;
    ingest(
        t,
        "EIB disburses second tranche to Ukraine\n\nThe European Investment Bank disbursed the second tranche of \
         €100 million of its €250 million loan to Ukraine on Thursday.",
        date(2025, 6, 12),
    )
    .await;
    let rail = t.entry_id("donor=EIB&from=2025-03-01&to=2025-03-31").await;
    let d = t.get(&format!("/api/v1/commitments/{rail}")).await.json();
    let proposal = d["lifecycle"]["timeline"].as_array().unwrap().iter().find(|s| s["link"] == "proposed").cloned();
    let cid = proposal.expect("a proposal on the nearer loan")["commitment_id"].as_str().unwrap().to_string();
    (rail, cid)
}

#[tokio::test]
async fn an_entry_answers_its_timeline_and_a_proposal_is_accepted_through_the_api() {
    let t = app().await;
    let doc = t.get("/api/v1/openapi.json").await.json();
    let (rail, cid) = with_proposal(&t).await;
    let path = "/api/v1/commitments/{id}";
    let d = conforms(&doc, "get", path, &t.get(&format!("/api/v1/commitments/{rail}")).await);
    assert_eq!(d["grant_equivalent_eur"], Value::Null);
    assert_eq!(d["grant_equivalent_reason"], "terms_not_stated");

    let decide = |action: &str| json!({ "action": action, "note": "same loan" });
    let uri = format!("/api/v1/links/{cid}");
    let anonymous = t
        .send(
            axum::http::Request::post(&uri)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(decide("accept").to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let post = |body: Value, uri: String| {
        t.send(
            t.authed(Method::POST, &uri)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
    };
    let bad = post(json!({ "action": "maybe" }), uri.clone()).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    conforms(&doc, "post", "/api/v1/links/{commitment}", &bad);
    let res = post(decide("accept"), uri.clone()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let body = conforms(&doc, "post", "/api/v1/links/{commitment}", &res);
    assert_eq!((body["entry"].as_str(), body["state"].as_str()), (Some(rail.as_str()), Some("linked")));

    let d = conforms(&doc, "get", path, &t.get(&format!("/api/v1/commitments/{rail}")).await);
    let stages: Vec<(&str, &str)> = d["lifecycle"]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["stage"].as_str().unwrap(), s["link"].as_str().unwrap()))
        .collect();
    assert_eq!(stages, [("announced", "own"), ("disbursed", "linked")]);
    assert_eq!(d["lifecycle"]["progress"][0]["remaining"], json!(150_000_000));
    assert_eq!(d["status"], "disbursed");
    assert!(d["audit"].as_array().unwrap().iter().any(|r| r["action"] == "link_accept"));
    // Decided once: a second decision is refused, an unknown commitment is not found.
    let again = post(decide("reject"), uri).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    conforms(&doc, "post", "/api/v1/links/{commitment}", &again);
    let unknown = post(decide("reject"), "/api/v1/links/nope".into()).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    conforms(&doc, "post", "/api/v1/links/{commitment}", &unknown);
}

#[tokio::test]
async fn the_entry_page_shows_the_timeline_and_its_form_rejects_a_proposal() {
    let t = app().await;
    let (rail, cid) = with_proposal(&t).await;
    let page = t.get(&format!("/commitments/{rail}")).await.text();
    assert!(page.contains(r#"data-testid="timeline""#) && page.contains(r#"data-testid="proposal""#), "{page}");
    assert!(page.contains("Grant equivalent"));
    let (cookie, csrf) = t.login().await;
    let fields = [("csrf", csrf.as_str()), ("commitment", cid.as_str()), ("action", "reject"), ("note", "")];
    let no_csrf = t.post_form(&format!("/commitments/{rail}/links"), Some(&cookie), &fields[1..]).await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
    let res = t.post_form(&format!("/commitments/{rail}/links"), Some(&cookie), &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    let d = t.get(&format!("/api/v1/commitments/{rail}")).await.json();
    assert!(d["lifecycle"]["timeline"].as_array().unwrap().iter().all(|s| s["link"] != "proposed"));
    assert!(d["audit"].as_array().unwrap().iter().any(|r| r["action"] == "link_reject"));
}

#[tokio::test]
async fn totals_sum_grant_equivalents_and_take_a_measure() {
    let t = app().await;
    let doc = t.get("/api/v1/openapi.json").await.json();
    ingest(
        &t,
        "Japan lends Kenya for geothermal power\n\nJapan will lend Kenya ¥10 billion for geothermal power at 0.5% \
         interest with a 30-year maturity and a 10-year grace period, the embassy said.",
        date(2025, 4, 4),
    )
    .await;
    let res = t.get("/api/v1/totals?by=recipient&measure=grant_equivalent").await;
    let body = conforms(&doc, "get", "/api/v1/totals", &res);
    assert_eq!(body["measure"], "grant_equivalent");
    let ke = body["groups"].as_array().unwrap().iter().find(|g| g["key"] == "KE").unwrap();
    let (face, ge) = (ke["value_eur"].as_f64().unwrap(), ke["grant_equivalent_eur"].as_f64().unwrap());
    assert!((ge / face - 0.6733).abs() < 1e-4, "{ge} / {face}");
    let ordered: Vec<f64> =
        body["groups"].as_array().unwrap().iter().map(|g| g["grant_equivalent_eur"].as_f64().unwrap()).collect();
    assert!(ordered.windows(2).all(|w| w[0] >= w[1]), "{ordered:?}");
    let ledger = t.get("/commitments?recipient=KE").await.text();
    assert!(ledger.contains(r#"data-testid="grant-equivalent-total""#), "the ledger states the grant-equivalent sum");
    let bad = t.get("/api/v1/totals?measure=net").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    conforms(&doc, "get", "/api/v1/totals", &bad);
}
