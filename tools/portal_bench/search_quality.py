"""Labelled queries and their scoring for the search benchmark's quality table (issue 19).

``labelled_queries(records)`` derives, deterministically from the generated corpus, queries of
four kinds, each with the set of result paths a reader wants:

- ``tones``: two words of a title typed with their tone marks, chosen where folding makes them
  ambiguous (other records hold the same letters with other tones: "lừa đảo" and "lúa đạo").
  Relevant: the records holding both words exactly (title, fields or summary). A folded-only
  match is not relevant: the reader typed the tones.
- ``no tones``: three consecutive words of a title without đ, typed without marks. Relevant: the
  records whose title holds those three words in that order (with their tones).
- ``đ``: the same with at least one word written with đ, typed with plain d.
- ``number``: a document number as written. Relevant: the documents carrying it.

``precision(found, relevant, k)`` is the share of the first ``k`` results that are relevant,
out of ``min(k, len(relevant))`` (so a query with one relevant page can score 1 at 5).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

PER_KIND = 20
KINDS = ("tones", "no tones", "đ", "number")
MAX_RELEVANT = 25  # a query every other page answers says nothing about ranking
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Record:
    """What a reader searches an item by: its path as served, title, text, document number."""

    url: str
    title: str
    text: str  # fields and summary, as the quick record holds them
    number: str = ""


@dataclass(frozen=True)
class LabelledQuery:
    kind: str
    query: str
    relevant: frozenset[str]


def words(text: str) -> list[str]:
    """Words as a reader reads them: NFC, lower case."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def fold(word: str) -> str:
    """Tone marks and other combining marks dropped, đ written d."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _has_phrase(haystack: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(haystack[i : i + n] == phrase for i in range(len(haystack) - n + 1))


def _spread(candidates: list, count: int) -> list:
    """``count`` of ``candidates`` taken evenly from a sorted list (deterministic)."""
    if len(candidates) <= count:
        return candidates
    step = len(candidates) / count
    return [candidates[int(i * step)] for i in range(count)]


def _toned(records: list[Record], count: int) -> list[LabelledQuery]:
    exact: dict[str, set[str]] = defaultdict(set)  # word → records holding it exactly
    folded: dict[str, set[str]] = defaultdict(set)  # folded word → records
    for r in records:
        for w in set(words(f"{r.title} {r.text}")):
            exact[w].add(r.url)
            folded[fold(w)].add(r.url)
    found: dict[str, tuple[int, frozenset[str]]] = {}
    for r in records:
        title = words(r.title)
        for a, b in itertools.pairwise(title):
            if a == b or (fold(a) == a and fold(b) == b):
                continue
            relevant = exact[a] & exact[b]
            ambiguous = (folded[fold(a)] & folded[fold(b)]) - relevant
            if ambiguous and 0 < len(relevant) <= MAX_RELEVANT:
                found[f"{a} {b}"] = (len(ambiguous), frozenset(relevant))
    ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], kv[0]))
    chosen = _spread(ranked, count)
    return [LabelledQuery("tones", q, relevant) for q, (_, relevant) in chosen]


def _untoned(records: list[Record], count: int, with_d: bool) -> list[LabelledQuery]:
    titles = [(r.url, words(r.title)) for r in records]
    phrases: set[tuple[str, ...]] = set()
    for _, title in titles:
        for i in range(len(title) - 2):
            phrase = tuple(title[i : i + 3])
            if any(w.isdigit() for w in phrase) or ("đ" in "".join(phrase)) != with_d:
                continue
            if with_d or any(fold(w) != w for w in phrase):
                phrases.add(phrase)
    found = []
    for phrase in sorted(phrases):
        relevant = frozenset(url for url, title in titles if _has_phrase(title, list(phrase)))
        if len(relevant) <= MAX_RELEVANT:
            found.append((" ".join(fold(w) for w in phrase), relevant))
    seen: set[str] = set()
    unique = [(q, r) for q, r in found if not (q in seen or seen.add(q))]
    return [LabelledQuery("đ" if with_d else "no tones", q, r) for q, r in _spread(unique, count)]


def _numbers(records: list[Record], count: int) -> list[LabelledQuery]:
    by_number: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if r.number:
            by_number[r.number].add(r.url)
    chosen = _spread(sorted(by_number), count)
    return [LabelledQuery("number", n, frozenset(by_number[n])) for n in chosen]


def labelled_queries(records: Iterable[Record], per_kind: int = PER_KIND) -> list[LabelledQuery]:
    """Up to ``per_kind`` queries of each kind (fewer when a small corpus has fewer)."""
    records = sorted(records, key=lambda r: r.url)
    return (
        _toned(records, per_kind)
        + _untoned(records, per_kind, with_d=False)
        + _untoned(records, per_kind, with_d=True)
        + _numbers(records, per_kind)
    )


def precision(found: list[str], relevant: Iterable[str], k: int) -> float:
    """Relevant results among the first ``k``, over ``min(k, len(relevant))``."""
    relevant = set(relevant)
    if not relevant:
        return 0.0
    hits = sum(1 for url in found[:k] if url in relevant)
    return hits / min(k, len(relevant))


def summarize(
    runs: Iterable[tuple[LabelledQuery, list[str], list[str]]],
) -> dict[str, dict[str, float]]:
    """kind → {"queries", "ours P@1", "ours P@5", "stock P@1", "stock P@5"} (means), from
    (query, our result paths, stock's result paths)."""
    table: dict[str, dict[str, float]] = {}
    grouped: dict[str, list[tuple[LabelledQuery, list[str], list[str]]]] = defaultdict(list)
    for run in runs:
        grouped[run[0].kind].append(run)
    for kind in KINDS:
        rows = grouped.get(kind, [])
        if not rows:
            continue
        n = len(rows)
        table[kind] = {
            "queries": n,
            "ours P@1": sum(precision(o, q.relevant, 1) for q, o, _ in rows) / n,
            "ours P@5": sum(precision(o, q.relevant, 5) for q, o, _ in rows) / n,
            "stock P@1": sum(precision(s, q.relevant, 1) for q, _, s in rows) / n,
            "stock P@5": sum(precision(s, q.relevant, 5) for q, _, s in rows) / n,
        }
    return table
