"""threads.json: subjects that recur across meetings, so one can follow a topic through time.

Agenda items, sections and decisions of different documents are linked when their titles are
nearly the same or when they share distinctive terms: capitalised words and compound parts that
few documents use ("Lieferantendatenbank", "Zusatzqualifizierung"), weighted by their rarity.
A term shared by two headlines (titles, decision labels) is strong evidence; terms of running
text (a decision's first sentence) count only in greater weight, since side issues show up there.
Linked items form a thread; its items are listed in date order with the evidence of each link.
"""

from __future__ import annotations

import math
import re
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from .fold import ends, fold
from .load import Document
from .rules import ThreadRules

# Capitalised words and acronyms; hyphenated compounds yield their parts ("OM-Lieferantendatenbank").
_TERM = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\wäöüß]*|(?<=-)[A-ZÄÖÜ][\wäöüß]*")
_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,}[a-z]?|[A-Z][a-z]?[A-Z]+")
_SUFFIXES = ("en", "es", "e", "n", "s")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_KIND_ORDER = {"agenda": 0, "section": 1, "decision": 2}


@dataclass(frozen=True)
class Item:
    """An agenda item, section or decision: its headline (title or label) and, for a decision,
    its text, whose first sentence usually names the subject when the label does not."""

    file: str
    date: str | None
    kind: str  # "agenda", "section" or "decision"
    section: str | None
    title: str
    text: str | None = None

    def row(self) -> dict[str, Any]:
        row = {
            "file": self.file,
            "date": self.date,
            "kind": self.kind,
            "section": self.section,
            "title": self.title,
        }
        return row | ({"text": self.text} if self.text is not None else {})

    @property
    def lead(self) -> str:
        return _SENTENCE_END.split(self.text, maxsplit=1)[0] if self.text else ""

    @property
    def order(self) -> tuple[str, str, int, str]:
        return (self.date or "", self.file, _KIND_ORDER[self.kind], self.section or "")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """Fold and strip one inflection ending, so "Netzwerken" and "Netzwerk" meet."""
    word = fold(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 5:
            return word[: -len(suffix)]
    return word


def _person_words(documents: list[Document]) -> set[str]:
    """Words of person names: a shared person is no shared subject."""
    names: set[str] = set()
    for doc in documents:
        p = doc.protocol
        names |= {form for person in p.persons for form in [person.name, *person.variants]}
        names |= {x.name for x in p.participants}
        names |= {ref.name for item in [*p.agenda, *p.sections] for ref in item.presenters}
    return {_stem(word) for name in names for word in name.split()}


def _full_text(doc: Document) -> str:
    p = doc.protocol
    texts = [p.meeting.title or ""]
    texts += [f"{a.title} {a.details or ''}" for a in p.agenda]
    texts += [f"{s.title} {s.text}" for s in p.sections]
    texts += [f"{d.label or ''} {d.text}".strip() for d in p.decisions]
    return "\n".join(texts)


class Vocabulary:
    """Which words are distinctive terms, and how rare each is across the corpus: a term in one
    document weighs 1, a term in every document 0 (ln(N/df) / ln(N)); frequent terms weigh 0."""

    def __init__(self, documents: list[Document], rules: ThreadRules) -> None:
        self.rules = rules
        self.stop = {_stem(w) for w in rules.stopwords} | _person_words(documents)
        frequency: dict[str, int] = {}
        for doc in documents:
            for term in self._candidates(_full_text(doc)):
                frequency[term] = frequency.get(term, 0) + 1
        n = len(documents)
        self.weights = {
            term: math.log(n / df) / math.log(n) if n > 1 and df <= rules.max_document_share * n else 0.0
            for term, df in frequency.items()
        }

    def _candidates(self, text: str) -> dict[str, str]:
        found: dict[str, str] = {}
        for word in _TERM.findall(text):
            if len(word) >= self.rules.min_term_length or _ACRONYM.fullmatch(word):
                stem = _stem(word)
                if stem not in self.stop:
                    found.setdefault(stem, word)
        return found

    def terms(self, text: str) -> dict[str, str]:
        """The weighted terms of a text: stem → first written form."""
        return {
            stem: word for stem, word in self._candidates(text).items() if self.weights.get(stem, 0.0) > 0
        }


def _items(doc: Document, rules: ThreadRules) -> list[Item]:
    """Sections, decisions, and the agenda items that no section of the same minutes covers."""
    p = doc.protocol
    items = [Item(doc.file, doc.date, "section", s.number, s.title) for s in p.sections]
    for a in p.agenda:
        if all(
            fuzz.token_set_ratio(fold(a.title), fold(s.title)) < rules.agenda_section_min for s in p.sections
        ):
            items.append(Item(doc.file, doc.date, "agenda", a.number, a.title))
    items += [Item(doc.file, doc.date, "decision", d.section, d.label or "", d.text) for d in p.decisions]
    return items


@dataclass(frozen=True)
class Link:
    a: int
    b: int
    title_similarity: float
    shared: dict[str, float]  # written term → weight

    @property
    def score(self) -> float:
        return max(self.title_similarity / 100, sum(self.shared.values()))


def _blocks(content: str) -> set[str]:
    """Blocking keys of a title's content: the ends of each of its words."""
    return {key for word in content.split() for key in ends(word, 4)}


def similar_contents(contents: list[str], title_min: float) -> dict[str, list[str]]:
    """Each distinct title content → the contents (itself included) within ``title_min``,
    compared only within shared blocks instead of all pairs."""
    distinct = sorted(set(contents) - {""})
    by_block: dict[str, list[str]] = {}
    for content in distinct:
        for key in _blocks(content):
            by_block.setdefault(key, []).append(content)
    similar: dict[str, list[str]] = {}
    for content in distinct:
        nearby = sorted({other for key in _blocks(content) for other in by_block[key]})
        found = process.extract(
            content, nearby, scorer=fuzz.token_sort_ratio, score_cutoff=title_min, limit=None
        )
        similar[content] = [other for other, _, _ in found]
    return similar


class Linker:
    """Finds the links between items of different documents. Items are visited in date order and
    meet only the items of the last ``link_window`` documents that share a term or a similar
    title with them (an inverted index with a window), so a subject of every meeting costs a
    chain of links, not all pairs."""

    def __init__(self, items: list[Item], vocabulary: Vocabulary, rules: ThreadRules) -> None:
        self.items, self.rules, self.weights = items, rules, vocabulary.weights
        self.headline = [vocabulary.terms(item.title) for item in items]
        self.all_terms = [
            vocabulary.terms(item.lead) | head for item, head in zip(items, self.headline, strict=True)
        ]
        # Titles compared by their weighted terms, so that rapidfuzz forgives spelling slips
        # ("Arbeitsgeberattraktivität") but standing items ("Neues aus der Offensive") match nothing.
        self.contents = [" ".join(sorted(fold(w) for w in head.values())) for head in self.headline]
        self.head_weight = [sum(self.weights[t] for t in head) for head in self.headline]

    def _candidates(self) -> set[tuple[int, int]]:
        """Pairs sharing a term or with similar titles, from different documents, the earlier
        one among the last ``link_window`` documents that hold that term or title."""
        similar = similar_contents(self.contents, self.rules.title_min)
        recent: dict[tuple[str, str], deque[tuple[str, list[int]]]] = {}
        pairs: set[tuple[int, int]] = set()
        for i in sorted(range(len(self.items)), key=lambda k: self.items[k].order):
            file = self.items[i].file
            own = [("term", term) for term in self.all_terms[i]]
            own += [("title", self.contents[i])] if self.contents[i] else []
            looked = own[:-1] if self.contents[i] else own
            looked += [("title", other) for other in similar.get(self.contents[i], ())]
            for key in looked:
                others = [members for f, members in recent.get(key, ()) if f != file]
                for j in (j for members in others[-self.rules.link_window :] for j in members):
                    pairs.add((min(i, j), max(i, j)))
            for key in own:
                posted = recent.setdefault(key, deque(maxlen=self.rules.link_window + 1))
                if posted and posted[-1][0] == file:
                    posted[-1][1].append(i)
                else:
                    posted.append((file, [i]))
        return pairs

    def _shared(self, a: dict[str, str], b: dict[str, str]) -> dict[str, float]:
        return {a[t]: self.weights[t] for t in a.keys() & b.keys()}

    def _link(self, i: int, j: int) -> Link | None:
        title = 0.0
        if min(self.head_weight[i], self.head_weight[j]) >= self.rules.term_weight_min:  # not "Offene Fragen"
            title = fuzz.token_sort_ratio(self.contents[i], self.contents[j])
        in_headlines = sum(self._shared(self.headline[i], self.headline[j]).values())
        shared = self._shared(self.all_terms[i], self.all_terms[j])
        if (
            title >= self.rules.title_min
            or in_headlines >= self.rules.term_weight_min
            or sum(shared.values()) >= self.rules.text_term_weight_min
        ):
            return Link(i, j, title, shared)
        return None

    def links(self) -> list[Link]:
        return [link for i, j in sorted(self._candidates()) if (link := self._link(i, j))]


def _components(size: int, links: list[Link]) -> list[tuple[list[int], list[Link]]]:
    """The linked groups of items, each with the links inside it."""
    parent = list(range(size))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for link in links:
        parent[root(link.a)] = root(link.b)
    groups: dict[int, list[int]] = {}
    for i in range(size):
        groups.setdefault(root(i), []).append(i)
    inside: dict[int, list[Link]] = {}
    for link in links:
        inside.setdefault(root(link.a), []).append(link)
    return [(group, inside[key]) for key, group in groups.items() if len(group) > 1]


def _thread(items: list[Item], members: list[int], inside: list[Link]) -> dict[str, Any]:
    """A thread's JSON: label (its heaviest shared terms), items in date order, and the links."""
    members = sorted(members, key=lambda i: items[i].order)
    position = {index: k for k, index in enumerate(members)}
    weight: dict[str, float] = {}
    for link in inside:
        for term, w in link.shared.items():
            weight[term] = weight.get(term, 0.0) + w
    top = sorted(weight, key=lambda t: (-weight[t], fold(t), t))[:3]
    rows = [
        {
            "items": sorted([position[link.a], position[link.b]]),
            "score": round(link.score, 2),
            "title_similarity": round(link.title_similarity, 1),
            "shared_terms": sorted(link.shared, key=lambda t: (fold(t), t)),
        }
        for link in inside
    ]
    return {
        "label": ", ".join(top) if top else items[members[0]].title,
        "items": [items[i].row() for i in members],
        "links": sorted(rows, key=lambda row: row["items"]),
    }


def find_threads(documents: list[Document], rules: ThreadRules) -> list[dict[str, Any]]:
    """Threads of linked items, earliest first; each spans at least two documents."""
    vocabulary = Vocabulary(documents, rules)
    items = [item for doc in documents for item in _items(doc, rules)]
    links = Linker(items, vocabulary, rules).links()
    threads = [_thread(items, group, inside) for group, inside in _components(len(items), links)]
    return sorted(threads, key=lambda t: (t["items"][0]["date"] or "", t["items"][0]["file"], t["label"]))
