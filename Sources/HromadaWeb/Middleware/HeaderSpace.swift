extension Substring {
    /// The text without the spaces and tabs HTTP allows around a header's
    /// values (RFC 9110 §5.6.3, "OWS"). Foundation's `trimmingCharacters`
    /// goes through NSString and a character set for each call; on the
    /// headers every request reads (X-Forwarded-For, Authorization) it was
    /// 3 % of a signature's request-side CPU (issue 25).
    package var trimmingHeaderSpace: String {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension String {
    package var trimmingHeaderSpace: String { self[...].trimmingHeaderSpace }
}
