//! A party in a filter, by id or by name: `?donor=Norway` is `?donor=NO`, as on
//! the command line (`pledgewatch export --donor Norway`); a name no party
//! bears is a 400 with the closest names, not an empty ledger.

use axum::http::StatusCode;

use crate::common::*;

#[tokio::test]
async fn a_donor_or_recipient_is_found_by_name_as_by_id() {
    let t = app().await;
    let norway = t.entry_ids("donor=NO").await;
    assert_eq!(norway.len(), 1);
    for query in ["donor=Norway", "donor=norway", "donor=Norwegian", "donor=Kingdom%20of%20Norway"] {
        assert_eq!(t.entry_ids(query).await, norway, "{query}");
    }
    let to_ukraine = t.entry_ids("recipient=UA").await;
    assert_eq!(to_ukraine.len(), 3);
    assert_eq!(t.entry_ids("recipient=Ukraine").await, to_ukraine);
    assert_eq!(t.entry_ids("donor=Germany&recipient=ukraine").await.len(), 1);
    // Exports and totals take the same filters.
    assert_eq!(t.get("/api/v1/commitments.csv?donor=Germany").await.text().lines().count(), 2);
    let totals = t.get("/api/v1/totals?donor=Canada").await;
    assert_eq!(totals.status, StatusCode::OK, "{}", totals.text());
}

#[tokio::test]
async fn an_unknown_name_is_a_400_with_the_closest_names() {
    let t = app().await;
    for (query, said) in [
        ("donor=Norwy", "unknown donor \"Norwy\": did you mean Norway (NO)"),
        ("recipient=Ukrane", "unknown recipient \"Ukrane\": did you mean Ukraine (UA)"),
        ("donor=Congolese", "donor \"Congolese\" may be CD (Democratic Republic of the Congo) or CG"),
        ("donor=zzxq", "unknown donor \"zzxq\": give an id such as GB"),
    ] {
        for path in ["/api/v1/commitments", "/api/v1/commitments.csv", "/api/v1/totals"] {
            let res = t.get(&format!("{path}?{query}")).await;
            assert_eq!(res.status, StatusCode::BAD_REQUEST, "{path}?{query}: {}", res.text());
            assert_eq!(res.error_code(), "bad_request");
            let message = res.json()["error"]["message"].as_str().unwrap_or_default().to_string();
            assert!(message.contains(said), "{path}?{query}: {message}");
        }
    }
}

#[tokio::test]
async fn the_ledger_page_shows_a_named_party_as_its_id() {
    let t = app().await;
    let page = t.get("/commitments?donor=Norway").await.text();
    assert!(page.contains("<option value=\"NO\" selected>"), "the facet shows the party chosen");
    assert!(page.contains("/api/v1/commitments.csv?donor=NO"), "links carry the id");
    let res = t.get("/commitments?donor=Norwy").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.text().contains("did you mean Norway (NO)"), "{}", res.text());
}
