import Foundation

/// An Atom 1.0 feed (RFC 4287), written by hand: a few elements, each text
/// XML-escaped, dates in RFC 3339 UTC. Feed readers and `feedparser` read it;
/// the tests check it against the RFC's RELAX NG schema.
package struct AtomFeed {
    package struct Entry {
        package let id: String
        package let title: String
        package let summary: String
        package let link: String
        package let updated: Date
        package let category: String
    }

    package let id: String
    package let title: String
    package let subtitle: String
    package let selfLink: String
    package let alternateLink: String
    package let author: String
    package let language: String
    package let entries: [Entry]

    package func render() -> String {
        let updated = entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        var xml = #"<?xml version="1.0" encoding="utf-8"?>"# + "\n"
        xml += #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\#(Self.escape(language))">"# + "\n"
        xml += "  <id>\(Self.escape(id))</id>\n"
        xml += "  <title>\(Self.escape(title))</title>\n"
        xml += "  <subtitle>\(Self.escape(subtitle))</subtitle>\n"
        xml += "  <updated>\(Self.date(updated))</updated>\n"
        xml += #"  <link rel="self" type="application/atom+xml" href="\#(Self.escape(selfLink))"/>"# + "\n"
        xml += #"  <link rel="alternate" type="text/html" href="\#(Self.escape(alternateLink))"/>"# + "\n"
        xml += "  <author><name>\(Self.escape(author))</name></author>\n"
        xml += "  <generator>Hromada</generator>\n"
        for entry in entries {
            xml += "  <entry>\n"
            xml += "    <id>\(Self.escape(entry.id))</id>\n"
            xml += "    <title>\(Self.escape(entry.title))</title>\n"
            xml += "    <updated>\(Self.date(entry.updated))</updated>\n"
            xml += #"    <link rel="alternate" type="text/html" href="\#(Self.escape(entry.link))"/>"# + "\n"
            xml += #"    <category term="\#(Self.escape(entry.category))"/>"# + "\n"
            xml += "    <summary>\(Self.escape(entry.summary))</summary>\n"
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// RFC 3339 in UTC, to the second.
    package static func date(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// Text and attribute values (`XMLText`).
    package static func escape(_ text: String) -> String { XMLText.escape(text) }
}

/// An iCalendar file (RFC 5545): events with a UID each, so a calendar app
/// that subscribed updates them in place. Lines end in CRLF and are folded
/// at 75 octets without splitting a UTF-8 character.
package struct ICalendar {
    package struct Event {
        package let uid: String
        package let summary: String
        package let description: String
        package let url: String
        package let start: Date
        package let end: Date?
        /// Where it happens, if it has a place (§3.8.7.1 `LOCATION`).
        package let location: String?

        package init(uid: String, summary: String, description: String, url: String, start: Date, end: Date?, location: String? = nil) {
            self.uid = uid
            self.summary = summary
            self.description = description
            self.url = url
            self.start = start
            self.end = end
            self.location = location
        }
    }

    package let name: String
    package let stamp: Date
    package let events: [Event]

    package init(name: String, stamp: Date, events: [Event]) {
        self.name = name
        self.stamp = stamp
        self.events = events
    }

    package func render() -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hromada//Hromada//UK", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + Self.text(name), "X-WR-TIMEZONE:Europe/Kyiv"]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + Self.text(event.uid), "DTSTAMP:" + Self.utc(stamp), "DTSTART:" + Self.utc(event.start)]
            // A moment: an event of no length (RFC 5545 §3.6.1 lets DTEND be left out).
            if let end = event.end, end > event.start { lines.append("DTEND:" + Self.utc(end)) }
            lines += ["SUMMARY:" + Self.text(event.summary), "DESCRIPTION:" + Self.text(event.description)]
            if let location = event.location { lines.append("LOCATION:" + Self.text(location)) }
            lines += ["URL:" + event.url, "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `20270115T080000Z`.
    package static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// TEXT values (§3.3.11): backslash, semicolon, comma and newlines escaped; other control characters dropped.
    package static func text(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space (§3.1).
    package static func fold(_ line: String) -> String {
        var out = "", octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.append(character)
            octets += size
        }
        return out
    }
}
