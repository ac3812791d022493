//! Issue 16, items 1 and 3 over HTTP: every field of an entry edited through
//! the entry page's form and the JSON review route (EUR recomputed, the audit
//! log, totals that follow), and a missed commitment added from a sentence of
//! a document page or through the API; every write needs a session with its
//! CSRF token, or an API token.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use jiff::civil::date;
use pledgewatch_pipeline::rates::RateTable;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::common::*;
use crate::openapi::conforms;

fn eur(value: i64, currency: &str, on: jiff::civil::Date) -> String {
    RateTable::embedded().convert(Decimal::from(value), currency, on).eur.unwrap().value.to_string()
}

/// A JSON number as an exact decimal's text.
fn number(v: &Value) -> String {
    v.to_string().parse::<Decimal>().map(|d| d.normalize().to_string()).unwrap_or_else(|_| v.to_string())
}

async fn page(t: &TestApp, uri: &str, cookie: &str) -> String {
    t.send(Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap()).await.text()
}

#[tokio::test]
async fn the_entry_form_edits_every_field() {
    let t = app().await;
    let id = t.entry_id("donor=CA").await;
    let uri = format!("/commitments/{id}/review");
    let (cookie, csrf) = t.login().await;
    let html = page(&t, &format!("/commitments/{id}"), &cookie).await;
    // Donor and recipient come with a type-ahead list of the lexicon's parties.
    assert!(html.contains(r#"name="donor" list="parties" value="Canada (CA)""#), "the current donor");
    assert!(html.contains(r#"<option value="Ukraine (UA)">"#), "the parties to pick from");
    assert!(html.contains(r#"name="amount" inputmode="decimal" value="200000000""#));
    let total_before = t.get("/api/v1/totals?by=donor").await.json()["total"]["value_eur"].clone();

    let no_session = t.post_form(&uri, None, &[("action", "edit"), ("donor", "Ukraine")]).await;
    assert_eq!(no_session.status, StatusCode::UNAUTHORIZED);
    let no_csrf = t.post_form(&uri, Some(&cookie), &[("action", "edit"), ("donor", "Ukraine")]).await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);

    // A name nobody bears is refused with the closest names, and nothing changes.
    let res = t.post_form(&uri, Some(&cookie), &[("csrf", &csrf), ("action", "edit"), ("donor", "Ukrain")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().contains("unknown donor &#34;Ukrain&#34;: did you mean Ukraine (UA)?"), "{}", res.text());

    // The reversed parties and a new amount, as the form posts them (unchanged fields included).
    let fields = [
        ("csrf", csrf.as_str()),
        ("action", "edit"),
        ("donor", "Ukraine (UA)"),
        ("recipient", "Canada (CA)"),
        ("qualifier", "exact"),
        ("amount", "250000000"),
        ("currency", "CAD"),
        ("upper", ""),
        ("announced_on", "2024-10-21"),
        ("category", "military"),
        ("items", "50 vehicle"),
        ("supplier", "Roshel"),
        ("made_in", ""),
        ("note", "roles reversed"),
    ];
    let res = t.post_form(&uri, Some(&cookie), &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    let detail = t.get(&format!("/api/v1/commitments/{id}")).await.json();
    assert_eq!((detail["donor"]["id"].as_str(), detail["recipient"]["id"].as_str()), (Some("UA"), Some("CA")));
    let on = date(2024, 10, 21);
    assert_eq!(number(&detail["amount"]["eur"]["value"]), eur(250_000_000, "CAD", on), "EUR at that day's rate");
    let changed: Vec<String> = detail["audit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| format!("{} {}", a["action"].as_str().unwrap(), a["field"].as_str().unwrap_or("")))
        .collect();
    for want in ["edit donor", "edit recipient", "edit amount", "recompute value_eur", "edit supplier", "review review"]
    {
        assert!(changed.iter().any(|c| c == want), "{want} in {changed:?}");
    }
    assert!(!changed.iter().any(|c| c == "edit currency" || c == "edit category"), "unchanged: {changed:?}");
    // The page shows it, and the totals follow.
    let html = t.get(&format!("/commitments/{id}")).await.text();
    assert!(html.contains("Canada (CA) → Ukraine (UA)") && html.contains("roles reversed"), "the audit log");
    // The form as it now shows — a typed amount is none of the reported
    // figures — saved again changes nothing (it used to pick the first
    // reported figure over the typed amount).
    let form = page(&t, &format!("/commitments/{id}"), &cookie).await;
    let shown = |name: &str| {
        let at = form.find(&format!(r#"name="{name}""#)).unwrap_or_else(|| panic!("{name}"));
        let tag = &form[at..at + form[at..].find('>').unwrap()];
        tag.split(r#"value=""#).nth(1).map(|v| v.split('"').next().unwrap().to_string()).unwrap_or_default()
    };
    // What a browser sends for the figure: the selected option, else the first.
    let select = &form[form.find(r#"name="figure""#).unwrap()..];
    let options: Vec<&str> = select[..select.find("</select>").unwrap()].split("<option ").skip(1).collect();
    let chosen = options.iter().find(|o| o.contains(" selected")).or(options.first()).unwrap();
    let figure = chosen.split(r#"value=""#).nth(1).unwrap().split('"').next().unwrap().to_string();
    let mut again: Vec<(String, String)> =
        ["donor", "recipient", "amount", "currency", "upper", "announced_on", "items", "supplier", "made_in"]
            .iter()
            .map(|n| (n.to_string(), shown(n)))
            .collect();
    again.extend([
        ("figure".into(), figure),
        ("qualifier".into(), "exact".into()),
        ("csrf".into(), csrf.clone()),
        ("action".into(), "edit".into()),
    ]);
    let again: Vec<(&str, &str)> = again.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let res = t.post_form(&uri, Some(&cookie), &again).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "nothing to change: {}", res.text());
    let total_after = t.get("/api/v1/totals?by=donor").await.json()["total"]["value_eur"].clone();
    assert_ne!(total_after, total_before);
    assert_eq!(t.entry_ids("donor=UA").await, [id]);
}

#[tokio::test]
async fn the_review_api_takes_every_field() {
    let t = app().await;
    let doc = t.get("/api/v1/openapi.json").await.json();
    let id = t.entry_id("donor=DE").await;
    let uri = format!("/api/v1/commitments/{id}/review");
    let review = "/api/v1/commitments/{id}/review";
    let send = |body: Value| {
        t.authed(Method::POST, &uri).header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string()))
    };
    let bad = t.send(send(json!({ "action": "edit", "fields": { "currency": "EUX", "donor": "FR" } })).unwrap()).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    conforms(&doc, "post", review, &bad);
    let fields = json!({
        "donor": "EU", "amount": "300,000,000", "announced_on": "2025-06-10", "qualifier": "up_to",
        "items": "up_to 20 energy_equipment", "made_in": "Germany", "supplier": "Siemens Energy"
    });
    let res = t.send(send(json!({ "action": "edit", "fields": fields, "note": "per the EIB" })).unwrap()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let body = conforms(&doc, "post", review, &res);
    let fields: Vec<&str> = body["audit"].as_array().unwrap().iter().filter_map(|a| a["field"].as_str()).collect();
    for f in ["donor", "amount", "announced_on", "qualifier", "items", "made_in", "supplier", "value_eur", "value_usd"]
    {
        assert!(fields.contains(&f), "{f} logged: {fields:?}");
    }
    let detail = conforms(&doc, "get", "/api/v1/commitments/{id}", &t.get(&format!("/api/v1/commitments/{id}")).await);
    assert_eq!(detail["donor"]["id"], "EU");
    assert_eq!(number(&detail["amount"]["eur"]["value"]), "300000000", "euros are euros");
    assert_eq!(detail["amount"]["qualifier"], "up_to");
    assert_eq!(detail["announced_on"], "2025-06-10");
}

#[tokio::test]
async fn a_missed_commitment_is_added_from_a_sentence_of_the_document_page() {
    let t = app().await;
    let entry = t.entry_id("donor=CA").await;
    let doc_id = t.first_source_document(&entry).await;
    let (cookie, csrf) = t.login().await;
    let anonymous = t.get(&format!("/documents/{doc_id}")).await.text();
    assert!(!anonymous.contains("class=\"sentence\""), "sentences are links for reviewers only");
    let html = page(&t, &format!("/documents/{doc_id}"), &cookie).await;
    // Each sentence links to its add form; the one with the figure proposes its fields.
    let link = html
        .split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().replace("&amp;", "&"))
        .filter(|h| h.contains("?sentence="))
        .find(|h| {
            let (s, e) = h.split("sentence=").nth(1).unwrap().trim_end_matches("#add").split_once('-').unwrap();
            let (s, e): (usize, usize) = (s.parse().unwrap(), e.parse().unwrap());
            e - s > 60
        })
        .expect("the figure's sentence is a link");
    let form = page(&t, &link, &cookie).await;
    assert!(form.contains("data-testid=\"add-form\""), "{form}");
    for proposed in [
        r#"name="donor" list="parties" value="Canada (CA)""#,
        r#"name="recipient" list="parties" value="Ukraine (UA)""#,
        r#"name="amount" inputmode="decimal" value="200000000""#,
        r#"name="currency" value="CAD""#,
        r#"name="items" value="50 vehicle""#,
    ] {
        assert!(form.contains(proposed), "proposed: {proposed}");
    }
    let sentence = hidden(&form, "sentence");
    let figure = hidden(&form, "figure");
    assert!(!figure.is_empty(), "the figure's span");
    let uri = format!("/documents/{doc_id}/commitments");
    let post = [
        ("sentence", sentence.as_str()),
        ("figure", figure.as_str()),
        ("donor", "Canada (CA)"),
        ("recipient", "Ukraine (UA)"),
        ("amount", "200000000"),
        ("currency", "CAD"),
        ("qualifier", "exact"),
        ("upper", ""),
        ("announced_on", "2024-10-21"),
        ("category", "military"),
        ("instrument", "in_kind"),
        ("status", "delivered"),
        ("items", "50 vehicle"),
        ("note", "the delivery"),
    ];
    assert_eq!(t.post_form(&uri, None, &post).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(t.post_form(&uri, Some(&cookie), &post).await.status, StatusCode::FORBIDDEN);
    let with_csrf: Vec<(&str, &str)> = post.iter().copied().chain([("csrf", csrf.as_str())]).collect();
    let mut bad = with_csrf.clone();
    bad.retain(|(f, _)| *f != "recipient");
    bad.push(("recipient", "Canada"));
    let res = t.post_form(&uri, Some(&cookie), &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "the same party twice");
    let res = t.post_form(&uri, Some(&cookie), &with_csrf).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    let added =
        res.header(header::LOCATION).trim_start_matches("/commitments/").trim_end_matches("#review").to_string();
    let detail = t.get(&format!("/api/v1/commitments/{added}")).await.json();
    assert_eq!(detail["status"], "delivered");
    let log = &detail["audit"][0];
    assert_eq!(
        (log["action"].as_str(), log["actor"].as_str(), log["note"].as_str()),
        (Some("add"), Some(USER), Some("the delivery"))
    );
    let fields: Vec<&str> =
        detail["sources"][0]["evidence"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["statement", "amount"]);
    assert!(
        t.get(&format!("/documents/{doc_id}")).await.text().contains(&format!("by {USER}")),
        "marked as added by hand"
    );
}

#[tokio::test]
async fn the_api_adds_with_a_token_or_a_session_and_its_csrf_header() {
    let t = app().await;
    let doc = t.get("/api/v1/openapi.json").await.json();
    let entry = t.entry_id("donor=NO").await;
    let doc_id = t.first_source_document(&entry).await;
    let text = t.get(&format!("/api/v1/documents/{doc_id}")).await.json()["text"].as_str().unwrap().to_string();
    let spans = pledgewatch_pipeline::propose::sentence_spans(&text);
    let (start, end) = *spans.last().unwrap();
    let path = "/api/v1/documents/{id}/commitments";
    let uri = format!("/api/v1/documents/{doc_id}/commitments");
    let body = json!({
        "sentence": { "start": start, "end": end },
        "fields": { "donor": "Norway", "recipient": "UA", "category": "humanitarian", "items": "medical" },
        "note": "paid through the WHO"
    })
    .to_string();
    let post = || Request::post(&uri).header(header::CONTENT_TYPE, "application/json");
    let res = t.send(post().body(Body::from(body.clone())).unwrap()).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    conforms(&doc, "post", path, &res);
    let (cookie, csrf) = t.login().await;
    let res = t.send(post().header(header::COOKIE, &cookie).body(Body::from(body.clone())).unwrap()).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = t
        .send(
            post()
                .header(header::COOKIE, &cookie)
                .header("x-csrf-token", &csrf)
                .body(Body::from(body.clone()))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let added = conforms(&doc, "post", path, &res);
    assert_eq!(added["audit"][0]["action"], "add");
    let bad = body.replace("\"Norway\"", "\"Norwey\"");
    let res = t
        .send(
            t.authed(Method::POST, &uri)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(bad))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(conforms(&doc, "post", path, &res)["error"]["message"].as_str().unwrap().contains("Norway"));
    let missing = t
        .send(
            t.authed(Method::POST, "/api/v1/documents/0000000000000000/commitments")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    conforms(&doc, "post", path, &missing);
}
