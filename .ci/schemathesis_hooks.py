"""Schemathesis hooks for `.ci/run`'s API contract step.

Three rules of the API depend on the ledger's state, on the built-in lexicon
or on another parameter, which OpenAPI 3.0 cannot state; the document says
them in words and lists the status they answer with:

- a `donor` or `recipient` filter is a party's id or name: one no party
  bears, or several do, is a 400 ("unknown donor …", "donor … may be …");
- a list `cursor` is for the sort it was made with: a well-formed cursor of
  another sort is a 400 ("made for sort=…");
- a review's `figure` edit must name one of the entry's variants (its
  `variants[].figure`): any other string is a 422 ("… is not a figure of this
  entry");
- an edit's or an addition's values are checked as the extractor's output
  (issue 16): a party the lexicon does not know, the same party twice, a code
  not in ISO 4217, an upper bound off a range, a day that does not exist, an
  item class the model lacks, a span not in the document is a 422 with the
  store's message (`review: …`); an addition to a document id that is not
  stored is a 404 ("no document …");
- a view of the ledger `as_of` a past time cannot search words (`q`): the
  full-text index holds the ledger as it stands, so the pair is a 400 ("a
  word search (q) reads the ledger as it stands …"); a diff whose `from` is
  after its `to` is a 400 ("… is after the end …");
- a regrouping must name the entry's own sources and leave it one, and an
  undo must be of the latest regrouping: anything else is a 422 ("… is not a
  source of entry …", "… would be left without a source", "cannot merge …
  with itself", "… was undone already", "… regrouped again after …");
- a lifecycle link decision must name a later report with a proposed link:
  any other commitment id is a 404 ("no lifecycle link for commitment …"),
  and one decided already a 422 ("… is linked, not proposed").

Schemathesis draws such requests as valid ones and would report them as
"valid data rejected". This hook drops exactly those reports, recognised by
operation, status and the server's own error message, and nothing else:
every other check, and every other rejection of valid data, still fails the
run (a dropped report does not hide others of its kind). Schemathesis prints
how many reports the hook dropped. `schemathesis.toml` draws known parties
for half the requests, so that filtering by party is tested too.
"""

import re

import schemathesis

PARTY = re.compile(r'^unknown (donor|recipient) "|^(donor|recipient) ".*" may be .*: give the id$', re.S)
# The store's refusals of an edit's or addition's values (`edit.rs`, `add.rs`).
EDIT = re.compile(
    r"^unknown (donor|recipient|made_in) |^(donor|recipient|made_in) .* may be |is not a positive number|"
    r"is not an ISO 4217 code|is not one of |is not a date|^item |^items: |only for a range|needs an upper bound|"
    r"must be above|not a country|are both |needs a (donor|recipient)|needs both amount and currency|"
    r"has no figure yet|is not a span of document|is not within the sentence|at most \d+ characters",
    re.S,
)
# The store's refusals of a regrouping (`regroup.rs`).
REGROUP = re.compile(
    r"is not a source of entry|would be left without a source|^cannot merge .* with itself|"
    r"is an undo; regroup again|was undone already|was regrouped again after",
    re.S,
)
FILTERED_VIEWS = (
    "/api/v1/commitments",
    "/api/v1/commitments.csv",
    "/api/v1/commitments.xlsx",
    "/api/v1/totals",
    "/api/v1/summary",
)
# The views of the change feed, filtered by party too.
FEED_VIEWS = ("/api/v1/changes", "/changes.atom")
# `q` with `as_of` (`query.rs`, `words_now`).
WORDS_THEN = re.compile(r"^a word search \(q\) reads the ledger as it stands", re.S)

# (method, path, status) -> what the error message of a documented refusal looks like.
STATE_RULES = {
    **{("GET", path, 400): [PARTY, WORDS_THEN] for path in FILTERED_VIEWS},
    **{("GET", path, 400): [PARTY] for path in FEED_VIEWS},
    ("GET", "/api/v1/commitments", 400): [PARTY, WORDS_THEN, re.compile(r'^cursor=".*": made for sort=', re.S)],
    ("GET", "/api/v1/diff", 400): [re.compile(r"^the start .* is after the end ", re.S)],
    ("POST", "/api/v1/commitments/{id}/review", 422): [re.compile(r"is not a figure of this entry"), EDIT],
    ("POST", "/api/v1/documents/{id}/commitments", 422): [EDIT],
    ("POST", "/api/v1/documents/{id}/commitments", 404): [re.compile(r"^no document ")],
    **{("POST", f"/api/v1/commitments/{{id}}/{op}", 422): [REGROUP] for op in ("merge", "split", "detach")},
    ("POST", "/api/v1/regroups/{id}/undo", 422): [REGROUP],
    ("POST", "/api/v1/links/{commitment}", 404): [re.compile(r"^no lifecycle link for commitment ")],
    ("POST", "/api/v1/links/{commitment}", 422): [re.compile(r"^the link of commitment .* not proposed$", re.S)],
}


@schemathesis.hook
def filter_failure(ctx, failure, case, response):
    if failure.code != "ST202":  # Schema-valid request rejected
        return True
    rules = STATE_RULES.get((case.method.upper(), case.operation.path, response.status_code))
    if rules is None:
        return True
    try:
        message = response.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        return True
    return not any(rule.search(message) for rule in rules)


# JSON Lines bodies (ingest) are text on the wire.
schemathesis.serializer.alias("application/x-ndjson", "text/plain")
