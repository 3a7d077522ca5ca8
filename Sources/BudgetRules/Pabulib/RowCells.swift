/// One row of a Pabulib file split into its cells, as bytes: quotes removed
/// and `""` read as `"`. A ballot row is read from here without making a
/// string of each cell; header, META and PROJECTS rows (a few hundred in a
/// file) are turned into strings.
struct RowCells {
    private(set) var bytes: [UInt8] = []
    /// Where each cell ends in `bytes`; the next one starts there.
    private(set) var ends: [Int] = []

    var count: Int { ends.count }

    func bounds(_ cell: Int) -> Range<Int> { (cell == 0 ? 0 : ends[cell - 1])..<ends[cell] }

    func isEmpty(_ cell: Int) -> Bool { bounds(cell).isEmpty }

    /// Whether the cell is empty once trimmed as `trimmingCharacters()` trims: only spaces, tabs and CRs.
    func isBlank(_ cell: Int) -> Bool { bytes[bounds(cell)].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }

    func withCell<R, E: Error>(_ cell: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        let range = bounds(cell)
        return try bytes.withUnsafeBufferPointer { (all) throws(E) in try body(UnsafeBufferPointer(rebasing: all[range])) }
    }

    func string(_ cell: Int) -> String { String(decoding: bytes[bounds(cell)], as: UTF8.self) }

    var strings: [String] { (0..<count).map(string) }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    mutating func append(_ cell: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: cell)
        ends.append(bytes.count)
    }

    mutating func appendByte(_ byte: UInt8) { bytes.append(byte) }

    /// Ends a cell whose bytes were appended one by one.
    mutating func closeCell() { ends.append(bytes.count) }

    mutating func removeLast(_ cells: Int) {
        ends.removeLast(cells)
        bytes.removeLast(bytes.count - (ends.last ?? 0))
    }
}

/// Byte strings to integers: project ids and voter ids while a file is read.
///
/// Why not `[String: Int]`: the reader looks up every project a ballot names
/// and every voter id, and making a `String` of each and hashing it with
/// SipHash was a fifth of the time to read a large file. Keys are copied into
/// one byte arena; the hash is seeded per table from the system's random
/// generator, so a file cannot be crafted to make its lookups collide.
struct ByteKeyTable {
    private var arena: [UInt8] = []
    private var keyStart: [Int] = []
    private var keyEnd: [Int] = []
    private var hashes: [UInt64] = []
    private(set) var values: [Int] = []
    /// Open addressing over entry numbers + 1 (0 is an empty slot); a power of two long.
    private var slots: [Int32]
    private let seed: UInt64

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        var generator = SystemRandomNumberGenerator()
        seed = generator.next()
    }

    var count: Int { values.count }

    func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = seed ^ UInt64(truncatingIfNeeded: key.count)
        var index = 0
        while index + 8 <= key.count {
            var word: UInt64 = 0
            for shift in 0..<8 { word |= UInt64(key[index + shift]) << (shift * 8) }
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < key.count {
            tail |= UInt64(key[index]) << shift
            shift += 8
            index += 1
        }
        h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        // MurmurHash3's finaliser: every input bit reaches the low bits the slots use.
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    private func slot(of key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, entry: Int?) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return (slot, nil) }
            let entry = stored - 1
            if hashes[entry] == hash, keyEnd[entry] - keyStart[entry] == key.count,
               arena.withUnsafeBufferPointer({ all in (0..<key.count).allSatisfy { all[keyStart[entry] + $0] == key[$0] } }) {
                return (slot, entry)
            }
            slot = (slot + 1) & mask
        }
    }

    func value(for key: UnsafeBufferPointer<UInt8>) -> Int? {
        slot(of: key, hash: hash(key)).entry.map { values[$0] }
    }

    /// Sets the key's value and returns the one it had, as `Dictionary.updateValue` does.
    @discardableResult
    mutating func updateValue(_ value: Int, for key: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = hash(key)
        let found = slot(of: key, hash: h)
        if let entry = found.entry {
            defer { values[entry] = value }
            return values[entry]
        }
        keyStart.append(arena.count)
        arena.append(contentsOf: key)
        keyEnd.append(arena.count)
        hashes.append(h)
        values.append(value)
        slots[found.slot] = Int32(truncatingIfNeeded: values.count)
        if values.count * 2 > slots.count { grow() }
        return nil
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for entry in values.indices {
            var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: entry + 1)
        }
    }
}
