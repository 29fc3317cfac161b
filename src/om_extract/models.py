"""The output contract (shared/spec/output-format.md) as pydantic models: the single definition
of what om-extract writes, validates and documents (``om-extract schema``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Span = tuple[int, int]
"""[start, end) character offsets into the decoded input text."""

Format = Literal["pdf_text", "markdown", "html", "plain"]
"""A text layout: what a text input was converted from, and what a backend parses."""
SourceFormat = Literal["pdf_text", "markdown", "html", "plain", "pdf", "docx", "odt"]
"""``source.format``: the text layout, or the office format read directly."""
LayoutName = Literal["text", "markdown", "html", "latex", "groff", "org", "rst", "asciidoc", "mediawiki", "dokuwiki",
                     "email"]
DecisionKind = Literal["beschluss", "vereinbarung", "todo"]
OrgKind = Literal["internal", "external"]
LinkKind = Literal["url", "email"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Grounded(Model):
    """An item that comes from a place in the text."""

    spans: list[Span] = Field(default_factory=list, description="[start, end) offsets into the decoded input")


class Source(Model):
    file: str
    sha256: str
    format: SourceFormat
    encoding: str
    layout: LayoutName = Field("text", description="the backend that read the input (a markup's \"plain\" format "
                               "names its layout here)")


class Meeting(Model):
    title: str | None = None
    organization: str | None = None
    body: str | None = None
    number: int | None = None
    date: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    location: str | None = None
    participant_count: int | None = None
    moderator: str | None = None
    minute_taker: str | None = None


class PersonRef(Model):
    name: str
    organization: str | None = None


class Participant(Grounded):
    name: str
    organization: str | None = None


class AgendaItem(Grounded):
    number: str | None = None
    title: str
    details: str | None = None
    presenters: list[PersonRef] = Field(default_factory=list)
    time: str | None = None


class Section(Grounded):
    number: str | None = None
    title: str
    text: str = ""
    presenters: list[PersonRef] = Field(default_factory=list)
    attachments: list[int] = Field(default_factory=list)
    postponed: bool = False
    agenda_ref: int | None = None


class Votes(Model):
    yes: int
    no: int
    abstain: int


class Decision(Grounded):
    section: str | None = None
    kind: DecisionKind
    label: str | None
    text: str
    vote: str | None = None
    votes: Votes | None = None
    assignees: list[str] = Field(default_factory=list)


class Person(Grounded):
    name: str
    title: str | None = None
    organizations: list[str] = Field(default_factory=list)
    variants: list[str] = Field(default_factory=list)


class Organization(Grounded):
    name: str
    abbreviation: str | None = None
    kind: OrgKind = "external"
    variants: list[str] = Field(default_factory=list)


class DateMention(Grounded):
    date: str
    text: str


class NextMeeting(Grounded):
    date: str
    start_time: str | None = None
    end_time: str | None = None
    body: str | None = None
    location: str | None = None


class Link(Grounded):
    url: str
    kind: LinkKind


class Protocol(Model):
    """One document's extraction, as written to ``out/<stem>.json``."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    meeting: Meeting = Field(default_factory=Meeting)
    participants: list[Participant] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    next_meetings: list[NextMeeting] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
