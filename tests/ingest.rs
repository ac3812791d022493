//! `pledgewatch ingest` and `export` end to end: the binary on folders of
//! documents, the ledger read back through the store.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use jiff::civil::{Date, date};
use pledgewatch_store::{Counts, Entry, Filter, Store, Totals};
use rust_decimal::Decimal;

fn pledgewatch() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pledgewatch"));
    c.env_remove("PLEDGEWATCH_DB");
    c
}

fn ingest(db: impl AsRef<OsStr>, sources: &[&Path]) -> Output {
    pledgewatch().arg("ingest").args(sources).arg("--db").arg(db).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn cluster_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cluster")
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

/// An entry with its variants (figure, sources, documents) and sources (document, commitment).
type LedgerEntry = (Entry, Vec<(String, i64, Vec<String>)>, Vec<(String, String)>);

/// Everything that defines a ledger, in a stable order: entries with their
/// variants and sources, totals and counts (no timestamps).
#[derive(Debug, PartialEq)]
struct Ledger {
    entries: Vec<LedgerEntry>,
    totals: Totals,
    counts: Counts,
}

fn ledger(db: impl AsRef<OsStr>) -> Ledger {
    block_on(async {
        let store = Store::open(db.as_ref().to_str().unwrap()).await.unwrap();
        let mut entries = Vec::new();
        for e in store.entries(&Filter::default()).await.unwrap() {
            let d = store.entry(&e.id).await.unwrap().unwrap();
            let variants = d.variants.into_iter().map(|v| (v.figure, v.n_sources, v.documents)).collect();
            let sources = d.sources.into_iter().map(|s| (s.document_id, s.commitment_id)).collect();
            entries.push((e, variants, sources));
        }
        let totals = store.totals(&Filter::default()).await.unwrap();
        let counts = store.counts().await.unwrap();
        store.close().await;
        Ledger { entries, totals, counts }
    })
}

/// The entry whose sources include the document read from `file`.
fn entry_of<'a>(l: &'a Ledger, db: impl AsRef<OsStr>, file: &str) -> &'a LedgerEntry {
    let doc_id = block_on(async {
        let store = Store::open(db.as_ref().to_str().unwrap()).await.unwrap();
        let text = std::fs::read_to_string(cluster_dir().join(file)).unwrap();
        let raw = pledgewatch_pipeline::read::parse_text(file, &text);
        let id = pledgewatch_pipeline::Document::build(raw).id;
        assert!(store.document(&id).await.unwrap().is_some(), "{file} stored");
        store.close().await;
        id
    });
    l.entries
        .iter()
        .find(|(_, _, sources)| sources.iter().any(|s| s.0 == doc_id))
        .unwrap_or_else(|| panic!("no entry for {file}"))
}

#[test]
fn one_deal_reported_many_ways_is_one_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let out = ingest(&db, &[&cluster_dir()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let l = ledger(&db);

    let (deal, variants, sources) = entry_of(&l, &db, "01-export-finance.txt");
    for file in ["02-up-to.txt", "03-initial-tranche.txt", "04-in-euros.txt", "05-billion-in-words.txt"] {
        assert_eq!(entry_of(&l, &db, file).0.id, deal.id, "{file} reports the deal");
    }
    assert_eq!((deal.donor.id.as_str(), deal.recipient.id.as_str()), ("GB", "UA"));
    assert_eq!(deal.n_sources, 5);
    assert_eq!(sources.len(), 5);
    assert_eq!(deal.instrument, "export_finance");
    assert_eq!(deal.announced_on, Some(date(2025, 3, 2)));
    let amount = deal.amount.as_ref().unwrap();
    assert_eq!(
        (amount.value, amount.currency.as_str(), amount.qualifier.as_str()),
        (Decimal::from(1_600_000_000), "GBP", "exact")
    );
    let eur = amount.eur.as_ref().unwrap();
    assert_eq!(eur.rate_date, date(2025, 2, 28));
    let mut figures: Vec<(&str, i64)> = variants.iter().map(|v| (v.0.as_str(), v.1)).collect();
    figures.sort();
    assert_eq!(
        figures,
        [
            ("exact 1160000000 GBP", 1),
            ("exact 1600000000 GBP", 2),
            ("exact 1900000000 EUR", 1),
            ("up_to 1600000000 GBP", 1)
        ]
    );

    // Look-alikes between the same parties in the same days stay apart.
    for file in ["10-lookalike-loan.txt", "11-lookalike-earlier-contract.txt"] {
        let (e, _, sources) = entry_of(&l, &db, file);
        assert_ne!(e.id, deal.id, "{file}");
        assert_eq!(sources.len(), 1, "{file}");
    }
    assert_eq!(entry_of(&l, &db, "12-other-donor.txt").0.donor.id, "FR");

    // Ingesting again stores nothing and changes nothing.
    let again = ingest(&db, &[&cluster_dir()]);
    assert!(again.status.success());
    assert!(stdout(&again).contains(" 0 stored, 8 skipped, 0 errors"), "{}", stdout(&again));
    assert_eq!(ledger(&db), l);
}

const DONORS: &[(&str, &str)] = &[
    ("Germany", "€"),
    ("France", "€"),
    ("The UK", "£"),
    ("Canada", "C$"),
    ("Norway", "NOK "),
    ("Sweden", "SEK "),
    ("The Netherlands", "€"),
    ("Poland", "PLN "),
    ("Denmark", "DKK "),
    ("The United States", "$"),
    ("Spain", "€"),
];

/// A folder of `n` commitments, each reported by two or three documents with
/// different figures, some documents twice under other names, and a gzipped
/// JSON Lines file of more reports.
fn corpus(dir: &Path, n: usize) {
    let day = |k: usize, plus: i64| -> Date {
        date(2021, 1, 4).checked_add(jiff::Span::new().days(k as i64 * 5 + plus)).unwrap()
    };
    let mut jsonl = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    for k in 0..n {
        let (donor, cur) = DONORS[k % DONORS.len()];
        let m = 20 + (k * 37) % 900;
        let shells = 1000 * (1 + k % 17);
        let docs = [
            (
                day(k, 0),
                format!("{donor} will give Ukraine {cur}{m}m in military aid, the government announced on Monday."),
            ),
            (
                day(k, 2),
                format!(
                    "{donor} will provide Ukraine with up to {cur}{m}m for {shells} artillery shells, officials said."
                ),
            ),
            (
                day(k, 3),
                format!(
                    "Ukraine is to receive {shells} artillery shells and {cur}{m}m of military aid from {donor}, a minister said."
                ),
            ),
        ];
        for (i, (on, text)) in docs.iter().enumerate().take(2 + k % 2) {
            if k % 5 == 4 && i == 2 {
                let line = serde_json::json!({ "id": format!("j{k}"), "date": on.to_string(), "text": text });
                writeln!(jsonl, "{line}").unwrap();
                continue;
            }
            let body = format!(" date {on} \n{text}\n");
            std::fs::write(dir.join(format!("c{k:04}-{i}.txt")), &body).unwrap();
            if k % 9 == 0 && i == 0 {
                std::fs::write(dir.join(format!("copy-c{k:04}.txt")), &body).unwrap();
            }
        }
    }
    std::fs::write(dir.join("more.jsonl.gz"), jsonl.finish().unwrap()).unwrap();
}

/// A small deterministic random number generator (xorshift), seeded per run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn killed_ingest_then_rerun_gives_the_same_ledger_as_one_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.db");
    let crashed = dir.path().join("crashed.db");
    kill_and_rerun(dir.path(), clean.to_str().unwrap(), crashed.to_str().unwrap());
}

#[test]
fn killed_ingest_then_rerun_gives_the_same_ledger_on_postgres() {
    let Ok(url) = std::env::var("PLEDGEWATCH_TEST_POSTGRES") else {
        eprintln!("PostgreSQL tests not run: set PLEDGEWATCH_TEST_POSTGRES");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (clean, crashed) = (pg_schema(&url, "clean"), pg_schema(&url, "crashed"));
    kill_and_rerun(dir.path(), &clean.1, &crashed.1);
    for (schema, _) in [clean, crashed] {
        block_on(async {
            let admin = sqlx::AnyPool::connect(&url).await.unwrap();
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&admin).await.unwrap();
            admin.close().await;
        });
    }
}

/// A fresh schema on the server at `url`: (its name, the URL that uses it).
fn pg_schema(url: &str, tag: &str) -> (String, String) {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    let schema = format!("pw_ingest_{tag}_{}_{nanos}", std::process::id());
    block_on(async {
        sqlx::any::install_default_drivers();
        let admin = sqlx::AnyPool::connect(url).await.unwrap();
        sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&admin).await.unwrap();
        admin.close().await;
    });
    let sep = if url.contains('?') { '&' } else { '?' };
    let with_schema = format!("{url}{sep}options=-c%20search_path%3D{schema}");
    (schema, with_schema)
}

/// Ingests a generated corpus into `clean` in one run, and into `crashed` in
/// runs killed (SIGKILL) at random points and a last run to completion; the
/// two ledgers must be the same.
fn kill_and_rerun(dir: &Path, clean: &str, crashed: &str) {
    let docs = dir.join("docs");
    std::fs::create_dir(&docs).unwrap();
    corpus(&docs, 500);

    let out = ingest(clean, &[&docs]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let expected = ledger(clean);
    assert!(expected.counts.entries >= 500 && expected.counts.entries < expected.counts.commitments);
    let seed = std::env::var("PLEDGEWATCH_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    eprintln!("crash test seed {seed} (set PLEDGEWATCH_CRASH_SEED to repeat)");
    let mut rng = Rng(seed);
    let total = expected.counts.documents;
    // Kill each run at a random point: once the ledger holds a random number of
    // documents, a random few milliseconds later (mid-batch, mid-transaction).
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let watcher = rt.block_on(Store::open(crashed)).unwrap();
    let stored = || rt.block_on(watcher.counts()).unwrap().documents;
    let mut partial = Vec::new();
    while partial.len() < 5 {
        let before = stored();
        if total - before < 50 {
            break;
        }
        // At most a batch or so further, so that several runs are killed.
        let target = before + 1 + rng.below((total - before - 20).min(300) as u64) as i64;
        let mut child = pledgewatch()
            .arg("ingest")
            .arg(&docs)
            .arg("--db")
            .arg(crashed)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        while stored() < target && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(rng.below(100)));
        child.kill().unwrap(); // SIGKILL, or nothing if it has finished
        child.wait().unwrap();
        partial.push(stored());
    }
    rt.block_on(watcher.close());
    eprintln!("documents stored after each kill: {partial:?} of {total}");
    assert!(partial.iter().any(|&n| n > 0 && n < total), "no kill landed in the middle of a run");
    let out = ingest(crashed, &[&docs]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(ledger(crashed), expected);
}

#[test]
fn unreadable_inputs_are_recorded_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::copy(cluster_dir().join("01-export-finance.txt"), docs.join("good.txt")).unwrap();
    std::fs::write(docs.join("bad-utf8.txt"), b" date 2025-03-02 \nThe UK will \xff\xfe send aid.").unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(std::fs::read(cluster_dir().join("04-in-euros.txt")).unwrap().repeat(20).as_slice()).unwrap();
    let gz = gz.finish().unwrap();
    std::fs::write(docs.join("truncated.txt.gz"), &gz[..gz.len() / 2]).unwrap();
    std::fs::write(
        docs.join("junk.bin"),
        (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect::<Vec<u8>>(),
    )
    .unwrap();
    std::fs::write(docs.join("lines.jsonl"), "{\"text\": \"France will give Ukraine €195m in military aid.\", \"date\": \"2025-03-03\"}\n{\"text\": 5}\nnot json\n").unwrap();

    let db = dir.path().join("ledger.db");
    let out = ingest(&db, &[&docs]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bad-utf8.txt"), "{stderr}");
    assert!(stdout(&out).contains("7 documents read, 2 stored, 0 skipped, 5 errors"), "{}", stdout(&out));

    let errors = block_on(async {
        let store = Store::open(db.to_str().unwrap()).await.unwrap();
        let e = store.errors().await.unwrap();
        store.close().await;
        e
    });
    let sources: Vec<String> =
        errors.iter().map(|e| Path::new(&e.source).file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(sources, ["bad-utf8.txt", "junk.bin", "lines.jsonl:2", "lines.jsonl:3", "truncated.txt.gz"]);
    assert!(errors[0].reason.contains("UTF-8"), "{}", errors[0].reason);
    let counts = ledger(&db).counts;
    assert_eq!((counts.documents, counts.errors), (2, 5));

    // Again: the good documents are skipped, the bad ones recorded once more (same rows).
    let out = ingest(&db, &[&docs]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("0 stored, 2 skipped, 5 errors"), "{}", stdout(&out));
    assert_eq!(ledger(&db).counts.errors, 5);
}

/// `n` JSON Lines documents in one file, each with a commitment.
fn many_documents(path: &Path, n: usize) {
    let mut out = String::new();
    for k in 0..n {
        let text = format!("France will give Ukraine €{}m in military aid, the minister said on day {k}.", 10 + k);
        out.push_str(&serde_json::json!({ "id": format!("d{k}"), "date": "2025-03-02", "text": text }).to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

/// Runs `cmd` to its end, or kills it after `limit` and fails the test: a
/// run that never ends must not hang the suite.
fn output_within(mut cmd: Command, dir: &Path, limit: Duration) -> Output {
    let (out, err) = (dir.join("stdout.txt"), dir.join("stderr.txt"));
    let mut child =
        cmd.stdout(std::fs::File::create(&out).unwrap()).stderr(std::fs::File::create(&err).unwrap()).spawn().unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!(
                "still running after {limit:?}: killed. stderr: {}",
                String::from_utf8_lossy(&std::fs::read(&err).unwrap())
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output { status, stdout: std::fs::read(&out).unwrap(), stderr: std::fs::read(&err).unwrap() }
}

/// What a database refusing every document says (a full disk, a lost
/// connection, a constraint, all end the same way: the transaction fails).
const REFUSED: &str = "no room for documents (test)";

/// Ingests more documents than may be in flight (so that a reader left alone
/// fills its channel and blocks) into a ledger whose `documents` table
/// refuses every insert: the run must stop, exit non-zero, name the failed
/// batch and the database's message, and leave the ledger as it was.
fn failed_write_stops_the_run(dir: &Path, db: &str, refuse: &[&str]) {
    block_on(async {
        Store::open(db).await.unwrap().close().await;
        let url = if db.starts_with("postgres") { db.to_string() } else { format!("sqlite://{db}") };
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        for sql in refuse {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
        pool.close().await;
    });
    let docs = dir.join("docs.jsonl");
    many_documents(&docs, 600);
    let mut cmd = pledgewatch();
    cmd.arg("ingest").arg(&docs).arg("--db").arg(db);
    let out = output_within(cmd, dir, Duration::from_secs(60));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("writing documents 1–200 (") && stderr.contains("docs.jsonl:1 …"), "{stderr}");
    assert!(stderr.contains(REFUSED), "{stderr}");
    assert_eq!(ledger(db).counts.documents, 0);
}

#[test]
fn a_failed_write_stops_the_run_with_a_named_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let trigger =
        format!("CREATE TRIGGER refuse BEFORE INSERT ON documents BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END");
    failed_write_stops_the_run(dir.path(), db.to_str().unwrap(), &[&trigger]);
}

#[test]
fn a_failed_write_stops_the_run_on_postgres() {
    let Ok(url) = std::env::var("PLEDGEWATCH_TEST_POSTGRES") else {
        eprintln!("PostgreSQL tests not run: set PLEDGEWATCH_TEST_POSTGRES");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (schema, db) = pg_schema(&url, "refusing");
    let function = format!(
        "CREATE FUNCTION {schema}.refuse() RETURNS trigger LANGUAGE plpgsql AS \
         $$ BEGIN RAISE EXCEPTION '{REFUSED}'; END $$"
    );
    let trigger = format!(
        "CREATE TRIGGER refuse BEFORE INSERT ON {schema}.documents FOR EACH ROW EXECUTE FUNCTION {schema}.refuse()"
    );
    failed_write_stops_the_run(dir.path(), &db, &[&function, &trigger]);
    block_on(async {
        let admin = sqlx::AnyPool::connect(&url).await.unwrap();
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&admin).await.unwrap();
        admin.close().await;
    });
}

fn export(db: impl AsRef<OsStr>, args: &[&str]) -> Output {
    pledgewatch().arg("export").arg("--db").arg(db).args(args).output().unwrap()
}

#[test]
fn exports_reproduce_the_totals() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    assert!(ingest(&db, &[&cluster_dir()]).status.success());
    let l = ledger(&db);

    let csv_path = dir.path().join("ledger.csv");
    let out = export(&db, &["--format", "csv", "-o", csv_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (eur, usd, ids) = (col("value_eur"), col("value_usd"), col("entry_id"));
    // Each row carries the full record: the deal of five reports counts its missiles,
    // names each outlet once and quotes the sentence of one report.
    let (items, evidence, review) = (col("items"), col("evidence"), col("review"));
    for c in ["supplier", "made_in", "announcer", "period", "source_urls", "outlets", "confidence"] {
        col(c);
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), l.entries.len());
    let sum =
        |c: usize| rows.iter().filter(|r| !r[c].is_empty()).map(|r| r[c].parse::<Decimal>().unwrap()).sum::<Decimal>();
    assert_eq!(sum(eur), l.totals.value_eur);
    assert_eq!(sum(usd), l.totals.value_usd);
    let mut exported: Vec<&str> = rows.iter().map(|r| &r[ids]).collect();
    exported.sort();
    let mut stored: Vec<&str> = l.entries.iter().map(|e| e.0.id.as_str()).collect();
    stored.sort();
    assert_eq!(exported, stored);
    let deal =
        rows.iter().find(|r| r[items].contains("5000 air defence missiles [missile]")).expect("the deal's items");
    assert!(deal[evidence].contains("£1.6bn") || deal[evidence].contains("1.6"), "{:?}", &deal[evidence]);
    assert!(rows.iter().all(|r| r[review] == *"unreviewed" && !r[evidence].is_empty()));

    // Filters narrow the rows; JSON Lines to stdout.
    let out = export(&db, &["--format", "jsonl", "--donor", "fr"]);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    assert_eq!((lines[0]["donor"].as_str(), lines[0]["value_eur"].as_str()), (Some("FR"), Some("195000000")));
    let out = export(
        &db,
        &[
            "--format",
            "jsonl",
            "--donor",
            "GB",
            "--category",
            "financial",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-01",
        ],
    );
    assert_eq!(stdout(&out).lines().count(), 1);
    let out = export(&db, &["--format", "csv", "--review", "approved"]);
    assert_eq!(stdout(&out).lines().count(), 1, "only the header");

    let xlsx = dir.path().join("ledger.xlsx");
    assert!(export(&db, &["--format", "xlsx", "-o", xlsx.to_str().unwrap()]).status.success());
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK\x03\x04"), "a zip container");

    let parquet = dir.path().join("ledger.parquet");
    let out = export(&db, &["--format", "parquet", "-o", parquet.to_str().unwrap()]);
    if cfg!(feature = "parquet") {
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let bytes = std::fs::read(&parquet).unwrap();
        assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    } else {
        assert_eq!(out.status.code(), Some(2));
    }
}

/// Four `ingest` processes fill one PostgreSQL ledger at once, as a team
/// scaling out across machines would: each gets a quarter of the corpus and
/// some documents go to two of them. The ledger must equal one
/// single-process run: nothing doubled, no merge lost.
#[test]
fn four_concurrent_ingests_give_the_ledger_of_one_run_on_postgres() {
    let Ok(url) = std::env::var("PLEDGEWATCH_TEST_POSTGRES") else {
        eprintln!("PostgreSQL tests not run: set PLEDGEWATCH_TEST_POSTGRES");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let all = dir.path().join("all");
    std::fs::create_dir(&all).unwrap();
    corpus(&all, 300);
    let quarters: Vec<PathBuf> = (0..4).map(|q| dir.path().join(format!("q{q}"))).collect();
    for q in &quarters {
        std::fs::create_dir(q).unwrap();
    }
    let mut names: Vec<_> = std::fs::read_dir(&all).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    let mut shared = 0;
    for (i, name) in names.iter().enumerate() {
        std::fs::copy(all.join(name), quarters[i % 4].join(name)).unwrap();
        // Every seventh document goes to a second process too.
        if i % 7 == 0 {
            std::fs::copy(all.join(name), quarters[(i + 1) % 4].join(name)).unwrap();
            shared += 1;
        }
    }
    assert!(shared > 20);

    let (one_schema, one) = pg_schema(&url, "single");
    let (four_schema, four) = pg_schema(&url, "four");
    let out = ingest(&one, &[&all]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let expected = ledger(&one);
    assert!(expected.counts.entries >= 300 && expected.counts.entries < expected.counts.commitments);

    // The schema is made once, so that the four start on the same ledger.
    block_on(async { Store::open(&four).await.unwrap().close().await });
    let children: Vec<_> = quarters
        .iter()
        .map(|q| {
            pledgewatch()
                .arg("ingest")
                .arg(q)
                .arg("--db")
                .arg(&four)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    // An entry is named after its first member, which depends on who came
    // first; everything else must be the same.
    let (got, want) = (canonical(ledger(&four)), canonical(expected));
    assert_eq!((&got.totals, &got.counts), (&want.totals, &want.counts));
    for (g, w) in got.entries.iter().zip(&want.entries) {
        assert_eq!(g, w);
    }
    block_on(async {
        let admin = sqlx::AnyPool::connect(&url).await.unwrap();
        for schema in [one_schema, four_schema] {
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&admin).await.unwrap();
        }
        admin.close().await;
    });
}

/// A ledger without entry ids, entries in the order of their sources.
fn canonical(mut l: Ledger) -> Ledger {
    for (entry, variants, sources) in &mut l.entries {
        entry.id.clear();
        variants.iter_mut().for_each(|v| v.2.sort());
        variants.sort();
        sources.sort();
    }
    l.entries.sort_by(|a, b| a.2.cmp(&b.2));
    l
}
