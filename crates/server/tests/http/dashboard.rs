//! The dashboard and the ledger answer a tracker's questions (issue 16, item
//! 7): the dashboard takes the ledger's filters, shown as chips that each
//! remove one; every total is split by what it sums, the parts add up to the
//! whole, and a ceiling ("up to") is never in the grants; the ledger shows
//! the count and sums of its filter and sorts by its headers.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::common::*;
use crate::openapi::conforms;

/// A Swedish release with a grant ceiling ("up to SEK 2 billion") and a
/// firm loan guarantee, stored through the API.
const CEILING_AND_LOAN: &str = "Sweden pledges up to SEK 2 billion for Ukraine's energy grid\n\n\
    Stockholm, 12 March 2025 — The Swedish government announced on Wednesday that it will provide up to \
    SEK 2 billion in grants to Ukraine to repair its energy grid.\n\n\
    Sweden also announced a loan guarantee of SEK 500 million for Ukraine's railways.\n";

async fn with_ceiling() -> TestApp {
    let t = app().await;
    let res = t
        .send(
            t.authed(Method::POST, "/api/v1/ingest?date=2025-03-12")
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from(CEILING_AND_LOAN))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.json()["commitments"], 2, "{}", res.text());
    t
}

fn dec(v: &Value) -> Decimal {
    v.to_string().parse().unwrap_or_else(|e| panic!("{v}: {e}"))
}

const PARTS: [&str; 4] = ["grants", "loans", "other", "ceilings"];

/// The parts of `sums["split"]` add up to `sums`, field by field.
fn parts_add_up(sums: &Value) {
    for field in ["entries", "value_eur", "value_usd", "without_eur", "without_usd"] {
        let parts: Decimal = PARTS.iter().map(|p| dec(&sums["split"][p][field])).sum();
        assert_eq!(parts, dec(&sums[field]), "{field} of {sums}");
    }
}

#[tokio::test]
async fn totals_are_split_by_what_they_sum_and_the_parts_add_up() {
    let t = with_ceiling().await;
    let doc = t.get("/api/v1/openapi.json").await.json();
    for by in ["donor", "category", "instrument", "month", "review"] {
        let res = t.get(&format!("/api/v1/totals?by={by}")).await;
        let v = conforms(&doc, "get", "/api/v1/totals", &res);
        parts_add_up(&v["total"]);
        for g in v["groups"].as_array().unwrap() {
            parts_add_up(g);
        }
        assert_eq!(v["total"]["entries"], 5, "{by}");
    }

    // Sweden: a ceiling and a loan guarantee, and no grant at all.
    let se = t.get("/api/v1/totals?donor=SE").await.json();
    let split = &se["total"]["split"];
    assert_eq!(split["ceilings"]["entries"], 1, "{se}");
    assert_eq!(split["loans"]["entries"], 1, "{se}");
    assert_eq!(split["grants"]["entries"], 0, "the ceiling is not in the grants: {se}");
    assert_eq!(dec(&split["grants"]["value_eur"]), Decimal::ZERO);
    assert!(dec(&split["ceilings"]["value_eur"]) > dec(&split["loans"]["value_eur"]), "SEK 2bn > SEK 500m");

    // Over the whole ledger, grants hold Norway's hospitals and Canada's
    // vehicles only: never the Swedish ceiling, though it is a grant.
    let all = t.get("/api/v1/totals?by=instrument").await.json();
    let grant = all["groups"].as_array().unwrap().iter().find(|g| g["key"] == "grant").unwrap();
    assert_eq!(grant["split"]["ceilings"]["entries"], 1, "the ceiling is a grant's, kept apart: {grant}");
    let grants = &all["total"]["split"]["grants"];
    let only_grants = t.get("/api/v1/totals?instrument=grant").await.json()["total"]["value_eur"].clone();
    let in_kind = t.get("/api/v1/totals?instrument=in_kind").await.json()["total"]["value_eur"].clone();
    assert_eq!(
        dec(&grants["value_eur"]),
        dec(&only_grants) + dec(&in_kind) - dec(&grant["split"]["ceilings"]["value_eur"]),
        "grants and aid in kind, less the ceiling"
    );
}

#[tokio::test]
async fn the_summary_takes_the_filters_and_splits_by_category_and_instrument() {
    let t = with_ceiling().await;
    let doc = t.get("/api/v1/openapi.json").await.json();
    let res = t.get("/api/v1/summary?donor=Sweden").await;
    let s = conforms(&doc, "get", "/api/v1/summary", &res);
    assert_eq!(s["total"]["entries"], 2, "{s}");
    assert_eq!(s["counts"]["entries"], 5, "the whole ledger's counts");
    parts_add_up(&s["total"]);
    for list in ["by_category", "by_instrument", "by_donor", "by_month"] {
        let n: u64 = s[list].as_array().unwrap().iter().map(|g| g["entries"].as_u64().unwrap()).sum();
        assert_eq!(n, 2, "{list}");
    }
    let totals = t.get("/api/v1/totals?donor=SE").await.json();
    assert_eq!(s["total"], totals["total"], "the dashboard's totals are the API's");
    let bad = t.get("/api/v1/summary?colour=red").await;
    conforms(&doc, "get", "/api/v1/summary", &bad);
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    // The page's JSON twin is the same summary.
    assert_eq!(t.get_json("/?donor=SE").await.json(), s);
}

/// An attribute's value as written in HTML, unescaped (`&` is all a link escapes).
fn unescape(s: &str) -> String {
    s.replace("&#38;", "&").replace("&amp;", "&")
}

/// The `href` of the chip whose text starts with `label`.
fn chip(html: &str, label: &str) -> Option<String> {
    html.split(r#"<a class="chip" href=""#).skip(1).find_map(|rest| {
        let (href, after) = rest.split_once('"')?;
        let text = after.split_once('>')?.1;
        text.starts_with(label).then(|| unescape(href))
    })
}

#[tokio::test]
async fn the_dashboard_filters_like_the_ledger_with_chips_that_remove_one_each() {
    let t = with_ceiling().await;
    let res = t.get("/?donor=SE&category=financial&from=2025-01-01").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let html = res.text();
    assert_eq!(chip(&html, "Donor: Sweden").as_deref(), Some("/?category=financial&from=2025-01-01"));
    assert_eq!(chip(&html, "Category: financial").as_deref(), Some("/?donor=SE&from=2025-01-01"));
    assert_eq!(chip(&html, "From: 2025-01-01").as_deref(), Some("/?donor=SE&category=financial"));
    assert!(html.contains(r#"<option value="SE" selected>"#), "the form shows the filter");
    let unfiltered = t.get("/").await.text();
    assert!(chip(&unfiltered, "Donor").is_none(), "no chips without filters");

    // The cards of the filtered view: Sweden's ceiling and loan, no grant.
    let card = |html: &str, basis: &str| -> String {
        let start = html.find(&format!(r#"data-basis="{basis}""#)).unwrap();
        html[start..].split("</div>\n  </div>").next().unwrap().to_string()
    };
    assert!(card(&html, "ceilings").contains("≤ €"), "{}", card(&html, "ceilings"));
    assert!(card(&html, "ceilings").contains("1 entry"));
    assert!(card(&html, "loans").contains("1 entry"));
    assert!(card(&html, "grants").contains("0 entries"), "{}", card(&html, "grants"));
    assert!(html.contains(r#"data-series="ceilings""#), "the cumulative chart has the ceiling's line");
    assert!(!html.contains(r#"data-series="grants""#), "and no grant line for Sweden");
    let bad = t.get("/?donor=Atlantis").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_ledger_shows_the_count_and_sums_of_its_filter() {
    let t = with_ceiling().await;
    let html = t.get("/commitments?donor=SE&limit=1").await.text();
    assert!(html.contains("<strong>2</strong> entries match"), "every page's count, not this page's");
    let sums = html.split(r#"data-testid="matched""#).nth(1).unwrap().split("</section>").next().unwrap();
    let totals = t.get("/api/v1/totals?donor=SE").await.json();
    let exact = |part: &str| format!("EUR {}", totals["total"]["split"][part]["value_eur"]);
    for part in ["ceilings", "loans"] {
        let li = sums.split(&format!(r#"class="sum-{part}""#)).nth(1).unwrap().split("</li>").next().unwrap();
        assert!(li.contains("1 entry"), "{li}");
        let shown = li.split("title=\"").nth(1).unwrap().split('"').next().unwrap().replace(',', "");
        assert_eq!(shown, exact(part), "{li}");
    }
    let grants = sums.split(r#"class="sum-grants""#).nth(1).unwrap().split("</li>").next().unwrap();
    assert!(grants.contains("0 entries") && grants.contains("€0"), "{grants}");
}

/// The `href` and `aria-sort` of the header `label` of the entries table.
fn header(html: &str, label: &str) -> (Option<String>, Option<String>) {
    let thead = html.split("<thead>").nth(1).unwrap().split("</thead>").next().unwrap();
    let th = thead.split("<th ").find(|th| th.contains(&format!(">{label}"))).unwrap_or_else(|| panic!("{label}"));
    let attr = |name: &str| th.split(&format!("{name}=\"")).nth(1).map(|r| unescape(r.split('"').next().unwrap()));
    (attr("href"), attr("aria-sort"))
}

#[tokio::test]
async fn the_ledger_sorts_by_its_headers_and_keeps_the_filters() {
    let t = with_ceiling().await;
    let html = t.get("/commitments?recipient=UA").await.text();
    assert_eq!(
        header(&html, "Announced"),
        (Some("/commitments?recipient=UA&sort=date".into()), Some("descending".into()))
    );
    let (eur, sorted) = header(&html, "EUR");
    assert_eq!((eur.as_deref(), sorted), (Some("/commitments?recipient=UA&sort=-value_eur"), None));
    assert_eq!(header(&html, "Amount as stated").0, None, "figures in many currencies do not sort");
    assert_eq!(header(&html, "Donor → recipient").0.as_deref(), Some("/commitments?recipient=UA&sort=donor"), "A to Z");
    assert_eq!(header(&html, "Sources").0.as_deref(), Some("/commitments?recipient=UA&sort=-sources"), "most first");

    let by_value = t.get(eur.as_deref().unwrap()).await.text();
    assert_eq!(
        header(&by_value, "EUR"),
        (Some("/commitments?recipient=UA&sort=value_eur".into()), Some("descending".into()))
    );
    assert_eq!(header(&by_value, "Announced").1, None);
    let ids = |html: &str| -> Vec<String> {
        html.split(r#"<a href="/commitments/"#).skip(1).map(|r| r.split('"').next().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&by_value), t.entry_ids("recipient=UA&sort=-value_eur").await, "largest first");
    let ascending = t.get("/commitments?recipient=UA&sort=value_eur").await.text();
    assert_eq!(header(&ascending, "EUR").1.as_deref(), Some("ascending"));
    let mut reversed = ids(&by_value);
    reversed.reverse();
    assert_eq!(ids(&ascending), reversed);
    // The filter form keeps the sort; a chip keeps it too.
    assert!(by_value.contains(r#"<input type="hidden" name="sort" value="-value_eur">"#));
    assert_eq!(chip(&by_value, "Recipient: Ukraine").as_deref(), Some("/commitments?sort=-value_eur"));
}

/// Every column sorts through the API too, page by page: a text key (a donor's
/// name) travels in the cursor as hex, so every entry comes once, in order.
#[tokio::test]
async fn every_sort_pages_through_the_api() {
    let t = with_ceiling().await;
    let doc = t.get("/api/v1/openapi.json").await.json();
    let every = t.entry_ids("").await.len();
    for sort in pledgewatch_server::api::params::SORTS {
        let whole = t.entry_ids(&format!("sort={sort}")).await;
        assert_eq!(whole.len(), every, "{sort}");
        let mut paged = Vec::new();
        let mut uri = format!("/api/v1/commitments?sort={sort}&limit=1");
        loop {
            let res = t.get(&uri).await;
            let v = conforms(&doc, "get", "/api/v1/commitments", &res);
            paged.extend(v["entries"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()));
            match v["next"].as_str() {
                Some(next) => uri = next.to_string(),
                None => break,
            }
        }
        assert_eq!(paged, whole, "{sort}");
    }
    let names: Vec<String> = t.get("/api/v1/commitments?sort=donor").await.json()["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["donor"]["name"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "A to Z");
}
