import Foundation

/// A one-page PDF for the demo's sites ("the site's passport"), so the
/// demo's pages show a real download. Written here, not by a library: the
/// page is a few lines of Helvetica, which PDF readers have built in (ISO
/// 32000-1, 9.6.2.2), so the file needs no embedded font; Latin text only
/// for that reason. Not for anything but the demo.
enum DemoSitePassport {
    static func pdf(lines: [String]) -> [UInt8] {
        let text = lines.enumerated().map { index, line in
            let escaped = String(line.unicodeScalars.map { $0.isASCII ? Character($0) : "?" })
                .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
            return "BT /F1 \(index == 0 ? 16 : 11) Tf 56 \(780 - index * 22) Td (\(escaped)) Tj ET"
        }.joined(separator: "\n")
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Length \(text.utf8.count) >>\nstream\n\(text)\nendstream",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }
}
