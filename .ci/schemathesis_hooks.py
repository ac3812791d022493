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
  entry").

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
FILTERED_VIEWS = ("/api/v1/commitments", "/api/v1/commitments.csv", "/api/v1/commitments.xlsx", "/api/v1/totals")

# (method, path, status) -> what the error message of a documented refusal looks like.
STATE_RULES = {
    **{("GET", path, 400): [PARTY] for path in FILTERED_VIEWS},
    ("GET", "/api/v1/commitments", 400): [PARTY, re.compile(r'^cursor=".*": made for sort=', re.S)],
    ("POST", "/api/v1/commitments/{id}/review", 422): [re.compile(r"is not a figure of this entry")],
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
