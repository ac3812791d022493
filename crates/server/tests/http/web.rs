//! The web pages: every page renders, has its JSON twin, escapes document
//! text, and carries the security headers; review through the forms.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use pledgewatch_store::SearchLimits;

use crate::common::*;

#[tokio::test]
async fn every_page_renders() {
    let t = app().await;
    let id = t.entry_id("donor=NO").await;
    let doc = t.first_source_document(&id).await;
    let pages = [
        "/".to_string(),
        "/commitments".into(),
        "/commitments?donor=NO&category=humanitarian&q=hospital&sort=-value_eur".into(),
        format!("/commitments/{id}"),
        "/review".into(),
        "/review?state=approved".into(),
        format!("/documents/{doc}"),
        "/login".into(),
        "/watch".into(),
    ];
    for p in &pages {
        let res = t.get(p).await;
        assert_eq!(res.status, StatusCode::OK, "{p}: {}", res.text());
        assert!(res.header(header::CONTENT_TYPE).starts_with("text/html"), "{p}");
        let html = res.text();
        assert!(html.starts_with("<!doctype html>") && html.contains("</html>"), "{p}");
        // No inline script anywhere; the queue's one script is the server's own file.
        let scripts = html.matches("<script").count();
        let own = html.matches("<script src=\"/static/review.js\" defer></script>").count();
        assert_eq!((scripts, own), (own, usize::from(p.starts_with("/review"))), "{p}: only the queue's own script");
    }
    let dash = t.get("/").await.text();
    assert_eq!(
        dash.matches("<svg").count()
            - dash.matches("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"").count(),
        3,
        "three charts: by donor, cumulative, by month"
    );
    assert!(dash.contains("Norway"), "the donor chart names donors");
    let ledger = t.get("/commitments?donor=NO").await.text();
    assert!(ledger.contains("/api/v1/commitments.csv?donor=NO"), "download links keep the view");
    assert!(ledger.contains("/api/v1/commitments.xlsx?donor=NO"));
    let detail = t.get(&format!("/commitments/{id}")).await.text();
    assert!(detail.contains("<mark class=\"ev-field\" title=\"amount\">"), "evidence is marked");
    assert_eq!(detail.matches("class=\"stated\"").count(), 2, "both figures, side by side");

    assert_eq!(t.get("/static/app.css").await.status, StatusCode::OK);
    assert_eq!(t.get("/favicon.svg").await.status, StatusCode::OK);
}

#[tokio::test]
async fn each_page_has_a_json_twin() {
    let t = app().await;
    let id = t.entry_id("donor=NO").await;
    let doc = t.first_source_document(&id).await;
    let twins = [
        ("/".to_string(), "/api/v1/summary".to_string()),
        ("/commitments?donor=NO".into(), "/api/v1/commitments?donor=NO".into()),
        (format!("/commitments/{id}"), format!("/api/v1/commitments/{id}")),
        ("/review".into(), "/api/v1/commitments?review=unreviewed&sort=date&limit=20".into()),
        (format!("/documents/{doc}"), format!("/api/v1/documents/{doc}")),
        ("/login".into(), "/api/v1/session".into()),
        ("/watch".into(), "/api/v1/watch".into()),
    ];
    for (page, api) in twins {
        let a = t.get_json(&page).await;
        assert_eq!(a.status, StatusCode::OK, "{page}");
        assert!(a.header(header::CONTENT_TYPE).starts_with("application/json"), "{page}");
        assert_eq!(a.json(), t.get(&api).await.json(), "{page} and {api}");
        // The page names its twin.
        assert!(t.get(&page).await.text().contains(&format!("href=\"{}", api.split('&').next().unwrap())), "{page}");
    }
}

/// The sources `watch` follows, with their errors; what a feed says is escaped.
#[tokio::test]
async fn the_watch_page_lists_sources_and_errors() {
    let t = app().await;
    assert!(t.get("/watch").await.text().contains("No source is followed"));
    let url = "https://example.gov/feed.xml?a=1&b=<2>";
    t.store.watch_register(url, "feed", Some("Foreign Ministry"), Some("GB")).await.unwrap();
    t.store.watch_failed(url, "not an RSS or Atom feed: <html>").await.unwrap();
    let page = t.get("/watch").await.text();
    assert!(page.contains("Foreign Ministry") && page.contains(">GB<") && page.contains(">failed<"), "{page}");
    assert!(page.contains("not an RSS or Atom feed: &#60;html&#62;"), "{page}");
    assert!(!page.contains("b=<2>"), "the address is escaped: {page}");
}

#[tokio::test]
async fn document_text_is_escaped() {
    let t = app().await;
    let id = t.entry_id("donor=DE").await;
    let detail = t.get(&format!("/commitments/{id}")).await.text();
    assert!(detail.contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;"), "{detail}");
    assert!(detail.contains("&lt;b&gt;bold&lt;/b&gt;"));
    assert!(!detail.contains("<script>") && !detail.contains("<b>bold"));
    let doc = t.first_source_document(&id).await;
    let page = t.get(&format!("/documents/{doc}")).await.text();
    assert!(page.contains("&lt;script&gt;") && !page.contains("<script>"));
    // The title is in the page head and the ledger too.
    for p in ["/commitments?donor=DE", "/review"] {
        assert!(!t.get(p).await.text().contains("<script>"), "{p}");
    }
    // And a search for markup is shown back escaped.
    let res = t.get("/commitments?q=%3Cscript%3E").await.text();
    assert!(
        res.contains("value=\"&#60;script&#62;\"") || res.contains("value=\"&lt;script&gt;\""),
        "the query is escaped in the form: {res}"
    );
}

#[tokio::test]
async fn security_headers_and_errors() {
    let t = app().await;
    for p in ["/", "/api/v1/commitments", "/nope", "/api/v1/nope"] {
        let res = t.get(p).await;
        let csp = res.header(header::CONTENT_SECURITY_POLICY);
        assert!(csp.contains("default-src 'self'") && csp.contains("script-src 'self';"), "{p}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{p}: no inline script may run: {csp}");
        assert_eq!(res.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert_eq!(res.header(header::X_FRAME_OPTIONS), "DENY");
    }
    let res = t.get("/nope").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.header(header::CONTENT_TYPE).starts_with("text/html"));
    let res = t.get_json("/nope").await;
    assert_eq!(res.error_code(), "not_found");
    let res = t.get("/api/v1/nope").await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::NOT_FOUND, "not_found"));
    let res = t.send(Request::delete("/api/v1/commitments").body(Body::empty()).unwrap()).await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"));
    let res = t.get("/commitments?category=tanks").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.text().contains("expected one of"), "the HTML error says why");
    // A form body over 64 KB is refused before it is read whole.
    let id = t.entry_id("donor=CA").await;
    let big = format!("csrf=x&action=approve&note={}", "a".repeat(pledgewatch_server::FORM_LIMIT));
    let res = t.post_form(&format!("/commitments/{id}/review"), None, &[("x", &big)]).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn review_through_the_forms_shows_in_the_audit_log() {
    let t = app().await;
    let id = t.entry_id("donor=CA").await;
    let uri = format!("/commitments/{id}/review");

    let res = t.post_form(&uri, None, &[("csrf", "x"), ("action", "approve")]).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "no session");
    assert!(res.text().contains("href=\"/login\""), "the page offers to log in");

    let (cookie, csrf) = t.login().await;
    let page = t
        .send(Request::get(format!("/commitments/{id}")).header(header::COOKIE, &cookie).body(Body::empty()).unwrap())
        .await;
    assert_eq!(hidden(&page.text(), "csrf"), csrf, "the forms carry the session's token");

    let res = t.post_form(&uri, Some(&cookie), &[("csrf", "stale"), ("action", "approve")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "CSRF token checked");
    let res = t.post_form(&uri, Some(&cookie), &[("action", "approve")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "CSRF token required");

    let res = t
        .post_form(
            &uri,
            Some(&cookie),
            &[
                ("csrf", &csrf),
                ("action", "edit"),
                ("category", "military"),
                ("instrument", "in_kind"),
                ("status", "announced"),
                ("note", "donated vehicles"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    assert_eq!(res.header(header::LOCATION), format!("/commitments/{id}#review"));
    let res = t
        .post_form(
            &uri,
            Some(&cookie),
            &[("csrf", &csrf), ("action", "approve"), ("return_to", "https://evil.example/")],
        )
        .await;
    assert_eq!(res.header(header::LOCATION), format!("/commitments/{id}#review"), "only local redirects");

    let page = t.get(&format!("/commitments/{id}")).await.text();
    let log = &page[page.find("data-testid=\"audit-log\"").unwrap()..];
    assert!(log.contains(&format!("<td>{USER}</td>")), "who");
    assert!(log.contains("grant → in_kind") && log.contains("donated vehicles"), "what and why");
    assert!(page.contains("data-testid=\"review-state\">approved<"));
    let approved = t.get("/review?state=approved").await.text();
    assert!(approved.contains(&format!("/commitments/{id}")));
    let res = t.post_form(&uri, Some(&cookie), &[("csrf", &csrf), ("action", "edit"), ("category", "military")]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "an edit that changes nothing");
}

/// A text file has no title or outlet field: its byline names the outlet and its
/// headline stands for the title. The file's name is never shown as either.
#[tokio::test]
async fn text_sources_are_named_by_byline_and_headline_never_by_file_name() {
    let t = app().await;
    let id = t.entry_id("donor=NO").await;
    let detail = t.get(&format!("/commitments/{id}")).await.text();
    assert!(detail.contains("<strong>Fjord Evening Post</strong>"), "the outlet of the byline");
    assert!(detail.contains("<strong>Nordic Ledger</strong>"));
    assert!(detail.contains("Norway pledges NOK 500 million for Ukrainian hospitals"), "the headline as title");
    let doc = t.first_source_document(&id).await;
    let page = t.get(&format!("/documents/{doc}")).await.text();
    let h1 = &page[page.find("<h1>").unwrap()..page.find("</h1>").unwrap()];
    assert!(!h1.contains("untitled") && !h1.contains(".txt"), "{h1}");
    assert!(h1.contains("hospitals"), "the headline: {h1}");
    assert!(!page.contains("unknown outlet"), "the byline's outlet");
    for p in [format!("/commitments/{id}"), "/review".to_string()] {
        let html = t.get(&p).await.text();
        for (file, _) in FIXTURES {
            assert!(!html.contains(&format!("<strong>{file}")), "{p} names a source by its file {file}");
            assert!(!html.contains(&format!("— {file}")), "{p} names a source by its file {file}");
        }
    }
}

/// The ledger's optional columns: ticked checkboxes (`cols`, repeated as a
/// form sends it) add their headers and cells; links keep the choice; an
/// unknown column is a 400 that names it; the JSON twin is unchanged.
#[tokio::test]
async fn the_ledger_shows_the_optional_columns_ticked() {
    let t = app().await;
    let plain = t.get("/commitments?donor=CA").await.text();
    assert!(!plain.contains("<th>Evidence</th>") && !plain.contains("td class=\"extra"));
    assert!(plain.contains("name=\"cols\" value=\"evidence\">"), "the chooser, unticked");

    let res = t.get("/commitments?donor=CA&cols=items&cols=evidence&cols=sources").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let html = res.text();
    for h in [
        "<th scope=\"col\">Items</th>",
        "<th scope=\"col\">Sources</th>",
        "<td colspan=\"11\" class=\"extra evidence\">",
    ] {
        assert!(html.contains(h), "{h}");
    }
    assert!(!html.contains("<th scope=\"col\">Supplier</th>"));
    assert!(html.contains("name=\"cols\" value=\"items\" checked>"), "the chooser remembers");
    let evidence = html.split("class=\"extra evidence\">").nth(1).unwrap();
    assert!(evidence.split("</td>").next().unwrap().contains("armoured vehicles"), "{evidence}");
    let items = html.split("<td class=\"extra items\">").nth(1).unwrap();
    assert!(items.split("</td>").next().unwrap().contains("armoured vehicles ["), "{items}");
    assert!(html.contains("href=\"/commitments?cols=items,sources,evidence\""), "the chip and Clear keep the columns");

    let res = t.get("/commitments?cols=colour").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.text().contains("colour"));
    let twin = t.get_json("/commitments?donor=CA&cols=items").await.json();
    assert_eq!(twin, t.get("/api/v1/commitments?donor=CA").await.json());
}

/// Issue 19, item 8: the ledger page of a word in more entries than a search
/// reads through its index says "more than" that many instead of counting
/// and summing every match (seconds for a word in every entry of a large
/// ledger); a rarer word is counted and summed as before, and the exact
/// totals stay one link away.
#[tokio::test]
async fn a_common_word_is_not_summed_on_the_ledger_page() {
    let t = app_with_search_limits(SearchLimits { max_matches: 1, ..SearchLimits::default() }).await;
    let entries = |q: &'static str| {
        let t = &t;
        async move {
            t.get(&format!("/api/v1/commitments?q={q}&limit=100")).await.json()["entries"].as_array().unwrap().len()
        }
    };
    assert!(entries("ukraine").await > 1, "the fixture has several entries to Ukraine");
    assert_eq!(entries("canada").await, 1);

    let common = t.get("/commitments?q=ukraine").await.text();
    assert!(common.contains("The words are in <strong>more than 1</strong> entries"), "{common}");
    assert!(!common.contains("entries match") && !common.contains("Grant equivalent"), "nothing counted");
    assert!(common.contains("href=\"/api/v1/totals?q=ukraine\""), "the exact totals are linked");
    let totals = t.get("/api/v1/totals?q=ukraine").await.json();
    assert_eq!(totals["total"]["entries"].as_u64(), Some(entries("ukraine").await as u64), "and exact");

    let rare = t.get("/commitments?q=canada").await.text();
    assert!(rare.contains("<strong>1</strong> entry matches"), "{rare}");
    assert!(!rare.contains("more than"));
}
