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
    private(set) var values: [Int] = []
    /// Open addressing, a power of two long. A slot holds the entry number + 1
    /// in its low 32 bits (0: empty) and the key's hash in its high 32, so a
    /// probe compares keys only when the hashes agree.
    private var slots: [UInt64]
    private let seed: UInt64

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
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
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = slots[slot]
            if stored == 0 { return (slot, nil) }
            if stored >> 32 == tag {
                let entry = Int(truncatingIfNeeded: stored & 0xFFFF_FFFF) - 1
                let start = keyStart[entry]
                if keyEnd[entry] - start == key.count,
                   arena.withUnsafeBufferPointer({ all in key.elementsEqual(UnsafeBufferPointer(rebasing: all[start..<start + key.count])) }) {
                    return (slot, entry)
                }
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
        values.append(value)
        // Entries are counted in 32 bits: the reader refuses a file with more ballots first.
        slots[found.slot] = (h >> 32) << 32 | UInt64(truncatingIfNeeded: values.count)
        if values.count * 2 > slots.count { grow() }
        return nil
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for stored in old where stored != 0 {
            let entry = Int(truncatingIfNeeded: stored & 0xFFFF_FFFF) - 1
            let start = keyStart[entry]
            let h = arena.withUnsafeBufferPointer { hash(UnsafeBufferPointer(rebasing: $0[start..<keyEnd[entry]])) }
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = stored
        }
    }
}

/// Which voter ids the ballots so far had, and the line of each one's last
/// ballot: pabutools counts a voter's second ballot, and the reader warns.
///
/// Why not only a hash table: with tens of thousands of voters every lookup
/// is a cache miss, a sixth of reading a large file. Real files list their
/// voters in increasing order, and ids in strictly increasing order cannot
/// repeat, so while they come in order it is enough to compare each with
/// the one before. The first id out of order moves them all into the table.
struct VoterRegistry {
    private var table = ByteKeyTable()
    private var inOrder = true
    private var arena: [UInt8] = []
    private var ends: [Int] = []
    private var lines: [Int] = []

    mutating func reserve(_ voters: Int) {
        ends.reserveCapacity(voters)
        lines.reserveCapacity(voters)
    }

    /// Records a ballot of `id` on `line`; returns the line of the id's previous ballot.
    mutating func record(_ id: UnsafeBufferPointer<UInt8>, line: Int) -> Int? {
        if inOrder {
            if follows(id) {
                arena.append(contentsOf: id)
                ends.append(arena.count)
                lines.append(line)
                return nil
            }
            inOrder = false
            table = ByteKeyTable(capacity: ends.count * 2)
            arena.withUnsafeBufferPointer { all in
                for index in ends.indices {
                    let start = index == 0 ? 0 : ends[index - 1]
                    table.updateValue(lines[index], for: UnsafeBufferPointer(rebasing: all[start..<ends[index]]))
                }
            }
            arena = []
            ends = []
            lines = []
        }
        return table.updateValue(line, for: id)
    }

    /// Whether `id` comes after the last id recorded, shorter ids first and
    /// then byte by byte (numeric order for plain numbers; any strict order will do).
    private func follows(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let end = ends.last else { return true }
        let start = ends.count > 1 ? ends[ends.count - 2] : 0
        let length = end - start
        if id.count != length { return id.count > length }
        return arena.withUnsafeBufferPointer { all in
            for offset in 0..<length where all[start + offset] != id[offset] { return id[offset] > all[start + offset] }
            return false
        }
    }
}
