#!/usr/bin/env python3
"""Checks a city's Atom feed and iCalendar file as outside tools read them.

    scripts/check-feeds.py FEED.atom CALENDAR.ics [atom.rng]

The feed: feedparser reads it without complaint (bozo == 0), it is valid
against the Atom RELAX NG schema (RFC 4287; scripts/lib/atom.rng by
default) with lxml, and the RFC's rules beyond the
grammar hold (every entry has an id, an updated date, a title, a summary and
an alternate link; ids are unique). The calendar: the `icalendar` package
parses it, it is a VCALENDAR 2.0 with a PRODID, and every VEVENT has a UID
(unique), DTSTAMP, DTSTART and SUMMARY, and DTEND after DTSTART where given.
Prints "ok" or each problem, and exits 1 when there is any. Needs
feedparser, lxml and icalendar (pip install feedparser lxml icalendar).
"""
import os
import sys

import feedparser
import icalendar
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"


def check_feed(data, schema_path):
    problems = []
    parsed = feedparser.parse(data)
    if parsed.bozo:
        problems.append(f"feedparser: {parsed.bozo_exception}")
    if parsed.version != "atom10":
        problems.append(f"feedparser reads version {parsed.version!r}, not atom10")
    schema = etree.RelaxNG(etree.parse(schema_path))
    document = etree.fromstring(data)
    if not schema.validate(document):
        problems += [f"RELAX NG: line {e.line}: {e.message}" for e in schema.error_log]
    ids = []
    for entry in document.iter(ATOM + "entry"):
        ids.append(entry.findtext(ATOM + "id"))
        for name in ("id", "title", "updated", "summary"):
            if entry.find(ATOM + name) is None:
                problems.append(f"an entry without {name}")
        if not any(link.get("rel", "alternate") == "alternate" for link in entry.iter(ATOM + "link")):
            problems.append(f"entry {ids[-1]} has no alternate link")
    if len(ids) != len(set(ids)):
        problems.append("entry ids repeat")
    return problems, len(ids)


def check_calendar(data):
    problems = []
    calendar = icalendar.Calendar.from_ical(data)
    if calendar.name != "VCALENDAR" or str(calendar.get("VERSION")) != "2.0" or not calendar.get("PRODID"):
        problems.append("not a VCALENDAR 2.0 with a PRODID")
    if b"\r\n" not in data or b"\n" in data.replace(b"\r\n", b""):
        problems.append("lines do not all end in CRLF")
    if any(len(line) > 75 for line in data.split(b"\r\n")):
        problems.append("a line longer than 75 octets")
    uids = []
    for event in calendar.walk("VEVENT"):
        for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if event.get(name) is None:
                problems.append(f"an event without {name}")
        uids.append(str(event.get("UID")))
        if event.get("DTEND") is not None and event.decoded("DTEND") <= event.decoded("DTSTART"):
            problems.append(f"event {uids[-1]} ends before it starts")
    if len(uids) != len(set(uids)):
        problems.append("event UIDs repeat")
    return problems, len(uids)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    schema = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, "lib", "atom.rng")
    feed_problems, entries = check_feed(open(sys.argv[1], "rb").read(), schema)
    calendar_problems, events = check_calendar(open(sys.argv[2], "rb").read())
    problems = feed_problems + calendar_problems
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"ok: {entries} entries, {events} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
