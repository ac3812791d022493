//! The server's ingest over a ledger that refuses the write (as a full disk,
//! a lost connection or a refused row would): the upload is one transaction,
//! so the client gets a 500 and nothing of it is stored, and the server goes on.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_server::{AppState, Config, auth};
use pledgewatch_store::Store;
use tower::ServiceExt;

const TEXT: &str = "Sweden will give Ukraine SEK 300 million in humanitarian aid for winter heating, \
                    Development Minister Benjamin Dousa announced on Friday.";

#[tokio::test]
async fn a_failed_write_is_a_500_that_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let store = Store::open(path.to_str().unwrap()).await.unwrap();
    assert!(store.add_user("ann", &auth::hash_password("a passphrase for ingest tests").unwrap()).await.unwrap());
    let token = auth::new_api_token().unwrap();
    store.add_api_token(&auth::digest(&token), "ann").await.unwrap();
    sqlx::any::install_default_drivers();
    let db = sqlx::AnyPool::connect(&format!("sqlite://{}", path.display())).await.unwrap();
    sqlx::query("CREATE TRIGGER refuse BEFORE INSERT ON documents BEGIN SELECT RAISE(ABORT, 'no room (test)'); END")
        .execute(&db)
        .await
        .unwrap();
    let state = AppState::new(store.clone(), RateTable::embedded().clone(), Config::default()).unwrap();
    let router = pledgewatch_server::app(state);
    let post = || {
        Request::builder()
            .method(Method::POST)
            .uri("/api/v1/ingest")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from(TEXT))
            .unwrap()
    };

    let res = router.clone().oneshot(post()).await.unwrap();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body: serde_json::Value =
        serde_json::from_slice(&axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap()).unwrap();
    assert_eq!(body["error"]["code"], "internal", "{body}");
    let counts = store.counts().await.unwrap();
    assert_eq!((counts.documents, counts.commitments), (0, 0));

    // The ledger takes writes again: so does the server.
    sqlx::query("DROP TRIGGER refuse").execute(&db).await.unwrap();
    let res = router.oneshot(post()).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(store.counts().await.unwrap().documents, 1);
    db.close().await;
}
