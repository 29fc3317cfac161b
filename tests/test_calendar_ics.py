"""calendar.ics is written by hand; the icalendar library is the oracle: it must read every value
back as written, and for the same events it writes the very same bytes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from icalendar import Calendar, Event, Timezone

from om_extract.corpus.ics import TZ, build_calendar, calendar_name, calendar_slots
from om_extract.corpus.load import Document
from om_extract.corpus.vtimezone import vtimezone
from om_extract.models import Protocol

FIELDS = ("UID", "SUMMARY", "DTSTART", "DTEND", "LOCATION", "DESCRIPTION", "DTSTAMP")


def document(file: str, day: str, **meeting: Any) -> Document:
    nexts = meeting.pop("next_meetings", [])
    data = {
        "source": {"file": file, "sha256": "0" * 64, "format": "plain", "encoding": "utf-8"},
        "meeting": {"date": day, "body": "Arbeitskreis Beispiel"} | meeting,
        "next_meetings": nexts,
    }
    return Document(Protocol.model_validate(data), file.replace(".txt", ".json"))


def icalendar_bytes(documents: list[Document]) -> bytes:
    """The same events written with the icalendar library."""
    slots, _ = calendar_slots(documents)
    calendar = Calendar()
    calendar.add("prodid", "-//om-extract//corpus//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_name(documents))
    for slot in sorted(slots, key=lambda s: (s.day, s.start or time(0, 0), s.uid)):
        event = Event()
        event.add("uid", slot.uid)
        event.add("dtstamp", datetime.combine(slot.stamp, time(0, 0), tzinfo=timezone.utc))
        if slot.start is None:
            event.add("dtstart", slot.day)
            event.add("dtend", slot.day + timedelta(days=1))
        else:
            event.add("dtstart", datetime.combine(slot.day, slot.start, tzinfo=TZ))
            if slot.end is not None and slot.end > slot.start:
                event.add("dtend", datetime.combine(slot.day, slot.end, tzinfo=TZ))
        event.add("summary", slot.summary)
        if slot.location:
            event.add("location", slot.location)
        event.add("description", slot.description)
        calendar.add_component(event)
    if slots:
        days = [slot.day for slot in slots]
        calendar.add_missing_timezones(date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1))
    return calendar.to_ical()


def read_back(ics: bytes) -> list[dict[str, Any]]:
    """Each event's values as icalendar decodes them; a time as ISO text, so the offset counts too."""
    events = []
    for event in Calendar.from_ical(ics).walk("VEVENT"):
        values = {}
        for name in FIELDS:
            if name in event:
                value = event.decoded(name)
                values[name] = value.isoformat() if isinstance(value, date) else str(event[name])
        events.append(values)
    return events


def one_break(text: str) -> str:
    """A line break as calendar text has it: CR LF and a lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def awkward_documents() -> list[Document]:
    """Long lines with multi-byte characters and escapes at every place of the fold, an all-day
    meeting, timed ones in summer and in winter time, one whose end is not after its start."""
    docs = [
        document(
            "sitzung-sommer.txt",
            "2024-07-11",
            title="Sitzung; Haushalt, Satzung \\ Beiträge\nZweiter Teil\rDritter Teil",
            start_time="18:30",
            end_time="20:00",
            location="Gemeindehaus Süd, Raum 2; Eingang über den Hof \\ Hinterhaus\r\nErdgeschoss",
            next_meetings=[
                {"date": "2024-01-18", "start_time": "09:15", "end_time": "11:00", "location": "Rathaus, Saal Ö"},
                {"date": "2024-12-05", "body": "Große Runde", "location": "Übungsraum"},
                {"date": "2024-10-27", "start_time": "14:00", "end_time": "13:00"},
                {"date": "2025-03"},
            ],
        ),
        document("ganztags.txt", "2024-03-31"),
    ]
    for pad in range(52, 80):  # the fold point moves across each kind of character
        for i, tail in enumerate(("äöüß Straße", "€ und €", "\\; und \\,", "𝄞 Zeichen", "a\\b\\c,d")):
            docs.append(
                document(
                    f"lang-{pad}-{i}.txt",
                    f"2023-{1 + pad % 12:02}-{1 + i:02}",
                    title="Ü" * (pad % 3) + "x" * pad + tail * 9,
                    start_time=None if pad % 4 == 0 else f"{8 + i}:{pad % 60:02}",
                    location=("ä" * (pad % 5)) + "y" * pad + tail,
                )
            )
    return docs


def test_bytes_match_the_icalendar_library() -> None:
    docs = awkward_documents()
    ics, events, warnings = build_calendar(docs)
    assert ics == icalendar_bytes(docs)
    assert events == len(read_back(ics)) == 2 + 3 + 28 * 5
    assert warnings == ["sitzung-sommer.txt: next meeting 2025-03 has no day, left out of calendar.ics"]
    all_day = [document("a.txt", "2022-05-05"), document("b.txt", "2021-11-11", location="Keller, hinten")]
    assert build_calendar(all_day)[0] == icalendar_bytes(all_day)  # no timed event: no VTIMEZONE
    assert b"VTIMEZONE" not in build_calendar(all_day)[0]
    assert build_calendar([])[0] == icalendar_bytes([])


def test_values_read_back_as_written() -> None:
    docs = awkward_documents()
    ics = build_calendar(docs)[0]
    ours = read_back(ics)
    assert ours == read_back(icalendar_bytes(docs))  # event by event, field by field
    slots, _ = calendar_slots(docs)
    by_uid = {event["UID"]: event for event in ours}
    for slot in slots:
        event = by_uid[slot.uid]
        assert event["SUMMARY"] == one_break(slot.summary)
        assert event.get("LOCATION") == (one_break(slot.location) if slot.location else None)
        assert event["DESCRIPTION"] == slot.description
    summer = by_uid[next(s.uid for s in slots if s.day == date(2024, 7, 11))]
    assert (summer["DTSTART"], summer["DTEND"]) == ("2024-07-11T18:30:00+02:00", "2024-07-11T20:00:00+02:00")
    assert summer["DTSTAMP"] == "2024-07-11T00:00:00+00:00"
    winter = by_uid[next(s.uid for s in slots if s.day == date(2024, 1, 18))]
    assert (winter["DTSTART"], winter["DTEND"]) == ("2024-01-18T09:15:00+01:00", "2024-01-18T11:00:00+01:00")
    whole = by_uid[next(s.uid for s in slots if s.day == date(2024, 12, 5))]
    assert (whole["DTSTART"], whole["DTEND"]) == ("2024-12-05", "2024-12-06")
    backwards = by_uid[next(s.uid for s in slots if s.day == date(2024, 10, 27))]
    assert "DTEND" not in backwards  # an end before the start is left out
    lines = ics.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in ics.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) == 75  # folded (a continuation's blank counts), each piece whole UTF-8
    assert max(len(line) for line in lines if not line.startswith(b" ")) == 74
    assert all(line.decode("utf-8") for line in lines[:-1])


def test_a_written_backslash_n_stays() -> None:
    """Here the bytes differ from the library's, which read the backslash and N as a line break."""
    docs = [document("pfad.txt", "2024-02-02", title="Ablage \\\\Server\\Neu\\n", location="C:\\N")]
    event = read_back(build_calendar(docs)[0])[0]
    assert (event["SUMMARY"], event["LOCATION"]) == ("Ablage \\\\Server\\Neu\\n", "C:\\N")


@pytest.mark.parametrize("first, last", [(2017, 2023), (2024, 2025), (1995, 1998), (1979, 1982), (1944, 1950)])
def test_vtimezone_matches_the_icalendar_library(first: int, last: int) -> None:
    start, end = date(first, 1, 1), date(last, 1, 1)
    ours = ("\r\n".join(vtimezone(TZ, start, end)) + "\r\n").encode()
    theirs = Timezone.from_tzid("Europe/Berlin", first_date=start, last_date=end).to_ical()
    assert Timezone.from_ical(ours).to_ical() == theirs


def test_the_calendar_is_named_after_the_one_organization_of_its_meetings() -> None:
    one = [document("a.txt", "2024-05-06", organization="Kanuclub Beispiel e.V."),
           document("b.txt", "2024-06-03", organization="Kanuclub Beispiel e.V."), document("c.txt", "2024-07-01")]
    assert b"X-WR-CALNAME:Kanuclub Beispiel e.V.: Sitzungen\r\n" in build_calendar(one)[0]
    assert icalendar_bytes(one) == build_calendar(one)[0]
    two = [*one, document("d.txt", "2024-08-05", organization="Ruderverein Beispiel")]
    assert b"X-WR-CALNAME:Sitzungen\r\n" in build_calendar(two)[0]
    odd = [document("e.txt", "2024-09-02", organization="Verein für Kultur,\nSport; Spiel")]
    name = Calendar.from_ical(build_calendar(odd)[0])["X-WR-CALNAME"]
    assert str(name) == "Verein für Kultur, Sport; Spiel: Sitzungen"  # read back as written, on one line


def test_a_date_slip_does_not_stretch_the_time_zone() -> None:
    """Years far off ("0024", "2204") keep their events; the VTIMEZONE stays within ZONE_YEARS."""
    docs = [document("a.txt", "0024-05-06", start_time="19:00"), document("b.txt", "2204-05-06", start_time="19:00"),
            document("c.txt", "2024-05-06", start_time="19:00")]
    ics, events, _ = build_calendar(docs)
    assert events == 3
    assert b"COMMENT:This timezone only works from 1900-01-01 to 2101-01-01." in ics
    assert [e["DTSTART"][:4] for e in read_back(ics)] == ["0024", "2024", "2204"]
