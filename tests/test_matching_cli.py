"""`claims match`, `claims review --reuse-verdict-from` and `claims import claimreview`
end to end as real processes, and ClaimReview imports on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.engine import Engine

from claims import service
from claims.errors import ImportRefused
from claims.service import Actor, ClaimFilter
from claims.service.external_reviews import import_claimreview, list_external_reviews
from claims.service.matching import checked_before, claim_matches
from tests.test_cli import assert_one_line_error, env, run  # noqa: F401  (fixture)
from tests.test_matching import FIXTURES, claim_with, ingest

POLITIFACT = FIXTURES / "claimreview_politifact.json"
BAD = FIXTURES / "claimreview_bad.jsonl"


def _ids(cli_env: dict[str, str], words: str) -> list[int]:
    listed = json.loads(run(cli_env, "list", "--json").stdout)
    return [c["id"] for c in listed if words in c["text"]]


def test_reuse_verdict_from_the_cli(env: dict[str, str]) -> None:  # noqa: F811
    for name in ("kyiv_first.txt", "kyiv_second.txt"):
        assert run(env, "ingest", str(FIXTURES / name)).returncode == 0
    first, second = _ids(env, "41 people")
    shown = json.loads(run(env, "show", str(second), "--json").stdout)
    assert [(m["claim_id"], m["relation"]) for m in shown["matches"]] == [(first, "same")]
    assert f"checked before: claim {first} (article 1), same" in run(env, "show",
                                                                     str(second)).stdout
    assert run(env, "review", str(first), "--verdict", "true", "--rationale",
               "Confirmed by Kyiv.").returncode == 0
    reused = run(env, "review", str(second), "--reuse-verdict-from", str(first))
    assert reused.returncode == 0, reused.stderr
    assert f"proposed the verdict of claim {first}" in reused.stdout
    shown = json.loads(run(env, "show", str(second), "--json").stdout)
    assert (shown["status"], shown["verdict"], shown["rationale"]) == (
        "needs_approval", "true", "Confirmed by Kyiv.")
    assert shown["history"][-1]["after"]["source_claim_id"] == first

    matched = run(env, "match", "--all")
    assert matched.returncode == 0 and "links" in matched.stdout, matched.stderr
    gone = run(env, "match", "not-same", str(second), str(first))
    assert gone.returncode == 0, gone.stderr
    listed = {c["id"]: c["matches"] for c in json.loads(run(env, "list", "--json").stdout)}
    assert listed[second] == [] and listed[first] == []
    assert_one_line_error(run(env, "match", "not-same", str(second), str(first)), "no link")


def test_import_claimreview_from_the_cli_refuses_a_bad_file_whole(
        env: dict[str, str]) -> None:  # noqa: F811
    assert run(env, "ingest", str(FIXTURES / "kyiv_first.txt")).returncode == 0
    refused = run(env, "import", "claimreview", str(BAD))
    assert_one_line_error(refused, "nothing imported, 2 bad item(s)")
    assert "item 2: url is missing" in refused.stderr
    assert "item 3: not a ClaimReview object" in refused.stderr
    done = run(env, "import", "claimreview", str(POLITIFACT))
    assert done.returncode == 0, done.stderr
    assert "1 reviews imported, 0 already stored, 1 links to claims" in done.stdout
    again = run(env, "import", "claimreview", str(POLITIFACT))
    assert "0 reviews imported, 1 already stored" in again.stdout
    flights = _ids(env, "2,000 flights")[0]
    shown = json.loads(run(env, "show", str(flights), "--json").stdout)
    assert [{k: m[k] for k in ("publisher", "rating", "relation")} for m in shown["matches"]] \
        == [{"publisher": "PolitiFact", "rating": "False", "relation": "same"}]
    assert set(shown["matches"][0]) == {"external_id", "publisher", "rating", "relation",
                                        "score"}


def test_an_imported_claimreview_shows_as_checked_by_on_the_matching_claim(
        engine: Engine, admin: Actor) -> None:
    article = ingest(engine, admin, "kyiv_first.txt")
    report = import_claimreview(engine, admin, POLITIFACT.read_text(encoding="utf-8"))
    assert (report.imported, report.links) == (1, 1)
    flights = claim_with(engine, article, "2,000 flights")
    _, reviews = checked_before(engine, flights)
    assert [(r.publisher, str(r.reviewed_on), r.rating) for r in reviews] == [
        ("PolitiFact", "2024-07-20", "False")]
    assert service.list_claims(engine, ClaimFilter(checked_before=True))[0].id == flights
    # a claim ingested after the import is matched to the stored review too
    second = ingest(engine, admin, "kyiv_second.txt")
    later = claim_with(engine, second, "2,600 flights")
    assert [m["relation"] for m in claim_matches(engine, [later])[later]
            if "external_id" in m] == ["conflict"]


@pytest.mark.parametrize("text, problem", [
    ("", "the file is empty"),
    ('{"@type": "ClaimReview"', "line 1: not JSON"),
    ('[{"@type": "ClaimReview", "claimReviewed": "x", "url": "https://a.example/1", '
     '"author": {"name": "A"}, "reviewRating": {"alternateName": "False"}}, {"@type": "Claim"}]',
     "item 2: not a ClaimReview object"),
    ('{"@type": "ClaimReview", "claimReviewed": "x", "url": "https://a.example/1", '
     '"author": {"name": "A"}, "reviewRating": {"alternateName": "False"}, '
     '"datePublished": "July 2024"}', "datePublished 'July 2024' is not an ISO date"),
])
def test_bad_claimreview_files_are_refused_whole(engine: Engine, admin: Actor, text: str,
                                                 problem: str) -> None:
    with pytest.raises(ImportRefused) as refused:
        import_claimreview(engine, admin, text)
    assert problem in str(refused.value)
    assert list_external_reviews(engine) == []
