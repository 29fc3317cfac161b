"""The extraction pipeline: read → layout → structure → stages → resolve → Protocol."""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import Any

from .agenda import DraftItem, presenters_in
from .collector import cycles_paused
from .doctree import Document, render
from .layouts import build_layout, source_format
from .models import (
    AgendaItem,
    DateMention,
    Decision,
    Link,
    Meeting,
    NextMeeting,
    Organization,
    Person,
    PersonRef,
    Protocol,
    Section,
    Source,
    Votes,
)
from .names import NameMatch
from .ner import DEFAULT_MODEL, entities, load
from .reader import Decoded, read_bytes
from .resolve import PersonEntry
from .stages import decisions as dec_stage
from .stages import sections as sec_stage
from .stages.assignees import Mention, MentionIndex, assignees
from .stages.card import meeting_card
from .stages.dates import DateHit, find_dates
from .stages.entities import collect, org_of_text
from .stages.header import fields
from .stages.links import LinkHit, find_links
from .stages.next_meetings import find_next
from .stages.organization import settle
from .stages.participants import attendance
from .structure import split, title_sim
from .text import Span, squash


@dataclass
class Timings:
    """Seconds per stage, summed over the documents of a run (for the benchmark)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        yield
        self.seconds[name] += time.perf_counter() - t0


def extract_file(path: Path, model: str | None = DEFAULT_MODEL, timings: Timings | None = None) -> Protocol:
    return extract_bytes(path.read_bytes(), path.name, model, timings)


def extract_text(text: str, file: str = "<text>", model: str | None = DEFAULT_MODEL) -> Protocol:
    return extract_bytes(text.encode("utf-8"), file, model)


def extract_bytes(raw: bytes, file: str, model: str | None = DEFAULT_MODEL,
                  timings: Timings | None = None) -> Protocol:
    with cycles_paused():
        return _extract(raw, file, model, timings or Timings())


def _extract(raw: bytes, file: str, model: str | None, t: Timings) -> Protocol:
    with t.stage("read"):
        decoded = read_bytes(raw)
    with t.stage("layout"):
        lay = build_layout(decoded.layout, decoded.clean, Path(file).suffix)
    with t.stage("parse"):
        tree = split(lay)
    pipe = load(model)
    with t.stage("ner"):
        ner_people, ner_orgs = entities(pipe.nlp, lay.text)
    with t.stage("resolve"):  # rule mentions + NER entities → person and organization entries
        doc = _Doc(decoded, tree, ner_people, ner_orgs)
    with t.stage("rules"):
        protocol = doc.build(file)
    if pipe.warning:
        protocol.warnings.insert(0, pipe.warning)
    return protocol


CARD_REACH = 600
"""Header lines the meeting card reads: a card, its attendance list and the agenda fit many times
over; a text without any TOP heading is all header, and its card is at its top."""


class _Doc:
    """One document in the making: the parse plus the resolved people and organizations."""

    def __init__(self, decoded: Decoded, tree: Document,
                 ner_people: list[tuple[Span, NameMatch]], ner_orgs: list[tuple[Span, str]]) -> None:
        lay = tree.layout
        self.decoded, self.lay, self.tree = decoded, lay, tree
        self.warnings: list[str] = []
        self.all_dates: list[DateHit] = []  # every date of the text, once the meeting's date is known
        self.card = tree.header.blocks[:CARD_REACH]
        header_text = "\n".join(lay.block_text(lay.blocks[i]) for i in self.card)
        first = find_dates(header_text, None)
        self.year = int(first[0].iso[:4]) if first else None
        title_spans = [(lay.blocks[s.heading.index].start, lay.blocks[s.heading.index].end) for s in tree.sections]
        self.header_fields = fields(lay, self.card)  # read once: attendance, card and chair use them
        self.attendance = attendance(lay, self.card, self.header_fields)
        listed = (self.attendance.names + self.attendance.others
                  + [p.name for it in tree.agenda_items for p in it.presenters])
        self.people, self.orgs = collect(lay, listed, ner_people, ner_orgs, title_spans)
        self.people.merge_partial()
        self.mention_spans = sorted(m[0] for e in self.people.entries for m in e.mentions)
        by_start = sorted((m[0][0], m[0][1], k) for k, e in enumerate(self.people.entries) for m in e.mentions)
        self._by_start = by_start, [a for a, _, _ in by_start], list(accumulate((b for _, b, _ in by_start), max))
        self.mentions = MentionIndex(
            [Mention(a, b, e.name) for e in self.people.entries for (a, b), _ in e.mentions]
            + [Mention(a, b, o.canonical.name) for o in self.orgs.entries.values() for a, b in o.mentions])

    @cached_property
    def link_hits(self) -> list[LinkHit]:
        """The links of the text, read once for the meeting's organization and the register (none
        from what the layout left out: an e-mail's addresses are no links of its minutes)."""
        hits = find_links(self.decoded.clean.text)
        if not self.lay.left_out:
            return hits
        origin, left_out = self.decoded.clean.origin, sorted(self.lay.left_out)
        starts = [a for a, _ in left_out]

        def kept(pos: int) -> bool:  # not inside a left-out span (they do not overlap)
            k = bisect_right(starts, pos) - 1
            return k < 0 or pos >= left_out[k][1]

        return [h for h in hits if kept(origin[h.start])]

    def span(self, s: int, e: int) -> list[list[int]]:
        a, b = self.lay.clean.span(s, e)
        return [[a, b]]

    def person_at(self, span: Span) -> PersonEntry | None:
        """The first entry (in entry order) with a mention that overlaps ``span``."""
        items, starts, reach = self._by_start  # reach[i]: the furthest end of items[: i + 1]
        i = bisect_left(starts, span[1]) - 1
        best = None
        while i >= 0 and reach[i] > span[0]:
            if items[i][1] > span[0] and (best is None or items[i][2] < best):
                best = items[i][2]
            i -= 1
        return None if best is None else self.people.entries[best]

    def person_ref(self, span: Span, org_text: str | None = None) -> PersonRef | None:
        entry = self.person_at(span)
        if entry is None:
            return None
        org = org_of_text(self.orgs, org_text, None) if org_text else None
        org_name = org.name if org else (entry.organizations[0] if entry.organizations else None)
        if org and org.name not in entry.organizations:
            entry.organizations.append(org.name)
        return PersonRef(name=entry.name, organization=org_name)

    # -- parts ------------------------------------------------------------------------------

    def build(self, file: str) -> Protocol:
        """Run the stages in order; each reads the tree (and what earlier stages left) and adds
        its part of the output."""
        self.out: dict[str, Any] = {"source": Source(
            file=file, sha256=self.decoded.sha256, format=source_format(self.lay, self.decoded.format),
            encoding=self.decoded.encoding, layout=self.lay.name)}
        for stage in _STAGES:
            stage(self)
        self.out["warnings"] = self.warnings
        return Protocol(**self.out)

    def _card(self) -> None:
        tree, out = self.tree, self.out
        tail = [*(tree.sections[-1].body.blocks if tree.sections else []), *tree.signoff.blocks]
        out["meeting"], out["participants"] = meeting_card(
            self.lay, self.card, self.header_fields, tree.signoff.blocks, tail, self.year, self.attendance,
            self.people, self.orgs, self.person_at, self.span)
        if not tree.sections:
            self.warnings.append("no TOP sections recognised: is this a protocol?")
        if out["meeting"].date is None:
            self.warnings.append("no meeting date found in the header")

    def _agenda(self) -> None:
        self.out["agenda"] = [self._agenda_item(it) for it in self.tree.agenda_items]

    def _body(self) -> None:
        """Sections, the decisions in them and the next meetings they announce."""
        self.out["sections"], self.out["decisions"], self.out["next_meetings"] = self._sections(
            self.out["meeting"], self.out["agenda"])

    def _organization(self) -> None:
        """The organization that holds the meeting (letterhead, title, own web domain), with the
        document's organizations grounded and merged (stages/organization.py)."""
        lay, tree = self.lay, self.tree
        first = min((lay.blocks[s.heading.index].start for s in tree.sections), default=len(lay.text))
        links = [h.url for h in self.link_hits]
        self.out["meeting"].organization = settle(lay.text, lay.text[:first], self.out["meeting"].title, links,
                                                  self.orgs)

    def _registers(self) -> None:
        self.out.update(persons=self._persons(), organizations=self._organizations(), dates=self._dates(),
                        links=self._links())

    def _agenda_item(self, it: DraftItem) -> AgendaItem:
        listed = {p.name: p.name for p in self.out["participants"]}
        presenters = [r for p in it.presenters if (r := self.person_ref(p.name_span, p.org_text) or (
            PersonRef(name=listed[p.name.last], organization=None)
            if p.name.given_only and p.name.last in listed else None))]
        return AgendaItem(number=it.number, title=it.title, details=" ".join(it.details) or None,
                          presenters=presenters, time=it.time, spans=self.span(*it.span))

    def _sections(self, meeting: Meeting, agenda: list[AgendaItem]):
        lay = self.lay
        sections: list[Section] = []
        decisions = [d for r in (self.tree.header, self.tree.agenda)
                     for d in self._decisions(dec_stage.decisions(lay, r, None, meeting.body), None, meeting)]
        for top in self.tree.sections:
            h, body = top.heading, top.body.blocks
            title = squash(lay.of(h.title)).lstrip("–—-:. ") or squash(lay.of(h.title))
            text = "\n".join(render(lay, top.body.nodes))
            found = [(sp, None) for sp in sec_stage.presenter_spans(lay, body, self.mention_spans)]
            if h.aside:
                found = [(p.name_span, p.org_text) for p in presenters_in(lay.of(h.aside), h.aside[0])] + found
            owner = sec_stage.heading_owner(title, self.people)
            if owner is not None:
                found = [(owner.mentions[0][0], None), *found]
            presenters: list[PersonRef] = []
            named: set[str] = set()
            for sp, org_text in found:
                ref = self.person_ref(sp, org_text)
                if ref and ref.name not in named:
                    presenters.append(ref)
                    named.add(ref.name)
            end = lay.blocks[body[-1]].end if body else lay.blocks[h.last].end
            ref = max(range(len(agenda)), key=lambda i: title_sim(title, agenda[i].title), default=None)
            if ref is not None and title_sim(title, agenda[ref].title) < 60:
                ref = None
            sections.append(Section(number=h.number, title=title, text=text, presenters=presenters,
                                    attachments=sec_stage.attachments(text), postponed=sec_stage.postponed(text),
                                    agenda_ref=ref, spans=self.span(lay.blocks[h.index].start, end)))
            decisions += self._decisions(dec_stage.decisions(lay, top.body, h, meeting.body), h.number, meeting)
        self.all_dates = find_dates(lay.text, self.year, meeting.date)  # read once: next meetings, register
        regions = [top.body for top in self.tree.sections] + [self.tree.signoff]
        nexts = [NextMeeting(date=n.date, start_time=n.start_time, end_time=n.end_time, body=n.body,
                             location=n.location, spans=self.span(*n.span))
                 for n in find_next(lay, regions, self.all_dates, meeting.body)]
        return sections, decisions, nexts

    def _decisions(self, drafts: list[dec_stage.DraftDecision], section: str | None,
                   meeting: Meeting) -> list[Decision]:
        """Decisions of one region; those of the header and the agenda stand in no section."""
        return [Decision(section=section, kind=d.kind, label=d.label, text=d.text, vote=d.vote,
                         votes=Votes(**d.votes) if d.votes else None,
                         assignees=assignees(self.lay.text, d.text_span, self.mentions, meeting.body, d.kind == "todo"),
                         spans=self.span(*d.span)) for d in drafts]

    def _persons(self) -> list[Person]:
        listed = {p.name: p.organization for p in self.out["participants"] if p.organization}
        out = []
        for e in sorted(self.people.entries, key=lambda e: min(m[0][0] for m in e.mentions)):
            if listed.get(e.name) not in (None, *e.organizations):  # attendance grouped by organization
                e.organizations.insert(0, listed[e.name])
            # a span must spell the canonical surname (accents included) to ground it
            same = e.last.lower().replace("ß", "ss")
            spans = sorted({self.lay.clean.span(*m[0]) for m in e.mentions if m[1].lower().replace("ß", "ss") == same})
            if not spans:
                continue
            out.append(Person(name=e.name, title=e.title, organizations=e.organizations, variants=e.variants,
                              spans=[list(s) for s in spans]))
        return out

    def _organizations(self) -> list[Organization]:
        out = []
        for o in sorted(self.orgs.entries.values(), key=lambda o: min(o.mentions, default=(10**9, 0))[0]):
            if not o.mentions:
                continue
            spans = sorted({self.lay.clean.span(*m) for m in o.mentions})
            c = o.canonical
            out.append(Organization(name=c.name, abbreviation=c.abbreviation, kind=c.kind, variants=o.variants,
                                    spans=[list(s) for s in spans]))
        return out

    def _dates(self) -> list[DateMention]:
        return [DateMention(date=d.iso, text=squash(d.text), spans=self.span(d.start, d.end))
                for d in self.all_dates]

    def _links(self) -> list[Link]:
        clean = self.decoded.clean
        return [Link(url=h.url, kind=h.kind, spans=[list(clean.span(h.start, h.end))])
                for h in self.link_hits]


_STAGES: tuple[Callable[[_Doc], None], ...] = (
    _Doc._card, _Doc._agenda, _Doc._body, _Doc._organization, _Doc._registers)
"""The stages in order: meeting card and attendance, agenda, TOP sections (with their decisions
and next meetings), the meeting's organization, then the document-wide registers."""

__all__ = ["Timings", "extract_bytes", "extract_file", "extract_text"]
