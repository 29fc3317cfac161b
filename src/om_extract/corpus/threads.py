"""threads.json: subjects that recur across meetings, so one can follow a topic through time.

Agenda items, sections and decisions of different documents are linked when their titles are
nearly the same or when they share distinctive terms: capitalised words and compound parts that
few documents use ("Musterdatenbank", "Schweißtechnik"), weighted by their rarity.
A term shared by two headlines (titles, decision labels) is strong evidence; terms of running
text (a decision's first sentence) count only in greater weight, since side issues show up there.
Linked items form a thread; its items are listed in date order with the evidence of each link.
"""

from __future__ import annotations

import math
import re
from collections import Counter, deque
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from .fold import ends, fold
from .load import Document
from .rules import ThreadRules

# Capitalised words and acronyms; hyphenated compounds yield their parts ("KI-Musterdatenbank").
# The look-behind (no letter before the capital) follows the capital, so the search skips from
# capital to capital: twice as fast over the running text of a document as with it in front.
_TERM = re.compile(r"[A-ZÄÖÜ](?<!\w[A-ZÄÖÜ])\w*")
_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,}[a-z]?|[A-Z][a-z]?[A-Z]+")
_SUFFIXES = ("en", "es", "e", "n", "s")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_KIND_ORDER = {"agenda": 0, "section": 1, "decision": 2}
IndexKey = tuple[str, str]  # ("term", stem) or ("title", title content)


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
        self._stems: dict[str, str] = {}  # written word → its stem, "" if it is no term
        self._terms: dict[str, dict[str, str]] = {}  # text → its terms (titles recur)
        frequency: Counter[str] = Counter()  # documents per term
        for doc in documents:
            frequency.update({self._term_stem(word) for word in set(_TERM.findall(_full_text(doc)))} - {""})
        n = len(documents)
        self.weights = {
            term: math.log(n / df) / math.log(n) if n > 1 and df <= rules.max_document_share * n else 0.0
            for term, df in frequency.items()
        }

    def _term_stem(self, word: str) -> str:
        """The stem of a word that can be a term (long enough or an acronym, no stop word), else ""
        (remembered: a document repeats its words, a corpus its documents' words)."""
        stem = self._stems.get(word)
        if stem is None:
            stem = _stem(word) if len(word) >= self.rules.min_term_length or _ACRONYM.fullmatch(word) else ""
            stem = self._stems[word] = "" if stem in self.stop else stem
        return stem

    def terms(self, text: str) -> dict[str, str]:
        """The weighted terms of a text: stem → first written form (remembered, so the same dict
        for the same text: not to be changed)."""
        terms = self._terms.get(text)
        if terms is None:
            terms = self._terms[text] = {}
            for word in _TERM.findall(text):
                stem = self._term_stem(word)
                if stem and stem not in terms and self.weights.get(stem, 0.0) > 0:
                    terms[stem] = word
        return terms


def _items(doc: Document, rules: ThreadRules) -> list[Item]:
    """Sections, decisions, and the agenda items that no section of the same minutes covers."""
    p = doc.protocol
    items = [Item(doc.file, doc.date, "section", s.number, s.title) for s in p.sections]
    sections = [fold(s.title) for s in p.sections]
    for a in p.agenda:
        covered = process.extractOne(
            fold(a.title), sections, scorer=fuzz.token_set_ratio, score_cutoff=rules.agenda_section_min
        )
        if covered is None:
            items.append(Item(doc.file, doc.date, "agenda", a.number, a.title))
    items += [Item(doc.file, doc.date, "decision", d.section, d.label or "", d.text) for d in p.decisions]
    return items


@dataclass(frozen=True)
class Link:
    a: int
    b: int
    title_similarity: float
    shared: dict[str, float]  # written term → weight; one dict for the links of two shapes

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
        # Items of one headline and lead (a subject of every meeting) have the same terms, keys
        # and links: they are worked out once per such shape, not once per item or pair.
        shapes: dict[tuple[str, str], int] = {}
        self.shape = [shapes.setdefault((item.title, item.lead), len(shapes)) for item in items]
        self.headline = [vocabulary.terms(title) for title, _ in shapes]
        self.all_terms = [
            vocabulary.terms(lead) | head for (_, lead), head in zip(shapes, self.headline, strict=True)
        ]
        # Titles compared by their weighted terms, so that rapidfuzz forgives spelling slips
        # ("Arbeitsgeberattraktivität") but standing items ("Neues aus der Offensive") match nothing.
        self.contents = [" ".join(sorted(fold(w) for w in head.values())) for head in self.headline]
        self.head_weight = [sum(self.weights[t] for t in head) for head in self.headline]
        self.evidence: dict[tuple[int, int], tuple[float, dict[str, float]] | None] = {}

    def _keys(self, similar: dict[str, list[str]]) -> list[tuple[list[IndexKey], list[IndexKey]]]:
        """Per shape, the index keys its items are posted under and those they look up: their
        terms, their own title, and the titles similar to it."""
        keys = []
        for terms, content in zip(self.all_terms, self.contents, strict=True):
            own = [("term", term) for term in terms]
            looked = own + [("title", other) for other in similar.get(content, ())]
            keys.append(([*own, ("title", content)] if content else own, looked))
        return keys

    def _candidates(self) -> set[tuple[int, int]]:
        """Pairs sharing a term or with similar titles, from different documents, the earlier
        one among the last ``link_window`` documents that hold that term or title."""
        keys = self._keys(similar_contents(self.contents, self.rules.title_min))
        recent: dict[IndexKey, deque[tuple[str, list[int]]]] = {}
        pairs: set[tuple[int, int]] = set()
        for i in sorted(range(len(self.items)), key=lambda k: self.items[k].order):
            file = self.items[i].file
            own, looked = keys[self.shape[i]]
            earlier: set[int] = set()
            for key in looked:
                others = [members for f, members in recent.get(key, ()) if f != file]
                for members in others[-self.rules.link_window :]:
                    earlier.update(members)
            pairs.update((j, i) if j < i else (i, j) for j in earlier)
            for key in own:
                posted = recent.setdefault(key, deque(maxlen=self.rules.link_window + 1))
                if posted and posted[-1][0] == file:
                    posted[-1][1].append(i)
                else:
                    posted.append((file, [i]))
        return pairs

    def _shared(self, a: dict[str, str], b: dict[str, str]) -> dict[str, float]:
        return {a[t]: self.weights[t] for t in a.keys() & b.keys()}

    def _evidence(self, s: int, t: int) -> tuple[float, dict[str, float]] | None:
        """Title similarity and shared terms when items of shapes ``s`` and ``t`` are linked."""
        title = 0.0
        if min(self.head_weight[s], self.head_weight[t]) >= self.rules.term_weight_min:  # not "Offene Fragen"
            title = fuzz.token_sort_ratio(self.contents[s], self.contents[t])
        in_headlines = sum(self._shared(self.headline[s], self.headline[t]).values())
        shared = self._shared(self.all_terms[s], self.all_terms[t])
        if (
            title >= self.rules.title_min
            or in_headlines >= self.rules.term_weight_min
            or sum(shared.values()) >= self.rules.text_term_weight_min
        ):
            return title, shared
        return None

    def _link(self, i: int, j: int) -> Link | None:
        shapes = self.shape[i], self.shape[j]
        if shapes not in self.evidence:
            self.evidence[shapes] = self._evidence(*shapes)
        found = self.evidence[shapes]
        return None if found is None else Link(i, j, *found)

    def links(self) -> list[Link]:
        found = [link for i, j in self._candidates() if (link := self._link(i, j))]
        return sorted(found, key=lambda link: (link.a, link.b))


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
