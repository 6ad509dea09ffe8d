import CSQLite
import Foundation

/// Counts distinct plates per period of active use in one sequential pass over the reads.
///
/// SQLite can only count distinct values per group after sorting the reads by group, or by
/// fetching each read's row through the one index on `(reader_id, read_at)`; at ten million
/// reads either costs several times a plain scan of the table (see BENCHMARKS.md). This tally
/// is the state of two application-defined aggregate functions that `AggregateViews` call:
/// they receive each read's reader, time and plate inside SQLite, assign the read to its
/// periods by the same rule as the SQL join (`started_at <= read_at < ended_at`, compared as
/// bytes like SQLite's BINARY collation), and keep only counts. No plate leaves the function.
///
/// A pass may cover only part of the reads (a range of `read_id`, on a connection of its own):
/// `PeriodTally.combined` then joins the parts. The figures are exact only once every part has
/// been counted and combined.
///
/// Memory: a period's set of plates is freed as soon as the pass has seen as many of its reads
/// as the index-only count said it has, so when reads are stored roughly in time order (as an
/// operational system appends them) only the periods running at one moment hold sets. With
/// parts, a period whose reads lie in two parts keeps its sets until they are combined.
final class PeriodTally {
    /// Each operational hit category with the position of its kind in `PeriodFigure.hitKinds`.
    private static let hitKindOfCategory: [String: Int] = PeriodFigure.kindOfHitCategory.mapValues {
        PeriodFigure.hitKinds.firstIndex(of: $0) ?? 0
    }

    /// The position in `PeriodFigure.hitKinds` of the kind a hit `category` counts in; nil for a
    /// category outside the catalog (it counts as no kind).
    static func hitKind(category: UnsafeRawBufferPointer) -> Int? {
        hitKindOfCategory[String(decoding: category, as: UTF8.self)]
    }

    /// Whether the kind at each position of `PeriodFigure.hitKinds` is one the law lists; a
    /// plate with a hit of one of them is also in the set of plates with hits, after the kinds'.
    private static let isStatutory = PeriodFigure.hitKinds.map(\.isStatutoryHit)
    /// The position of that set in a period's `hitPlates`.
    static let statutorySet = PeriodFigure.hitKinds.count

    private let index: PeriodIndex
    /// How many periods the tally was given, and the positions among them of the periods with
    /// reads (by the index-only count), the only ones a read of the same snapshot can fall in.
    /// The arrays below are by position in `live`: a large agency keeps years of periods whose
    /// reads are destroyed (190,000 of 196,000 at the reference size).
    private let periodCount: Int
    private let live: [Int]
    /// Reads each live period has in the snapshot (from the index-only count); a period's set
    /// is complete when `seen` reaches it.
    private let expected: [Int]
    private var seen: [Int]
    private var open: [PlateSet?]
    /// Distinct plates of each period whose reads this pass saw all of.
    private var completed: [Int?]
    private var hitPlates: [[PlateSet]]
    /// Reads that belong to no period (open or closed) of their reader. Only live periods are
    /// looked in: the count and the pass read one snapshot, so a period the count gave no
    /// reads holds none of the pass's either.
    private var readsInNoPeriod = 0
    /// Set when a pass sees more reads of a period than the index-only count (a defect, never a
    /// data error): the figures would not be exact, so the build must stop.
    private var sawTooMany = false
    /// A read whose `read_at` is not exactly `YYYY-MM-DDTHH:MM:SSZ` passed (set by `TallyFunctions`).
    var sawMalformedTime = false
    private var matches: [Int] = []

    init(periods: [ActivePeriod], readsPerPeriod: [Int64: Int]) {
        periodCount = periods.count
        live = periods.indices.filter { (readsPerPeriod[periods[$0].id] ?? 0) > 0 }
        index = PeriodIndex(periods: live.map { periods[$0] })
        expected = live.map { readsPerPeriod[periods[$0].id] ?? 0 }
        seen = Array(repeating: 0, count: live.count)
        open = Array(repeating: nil, count: live.count)
        completed = Array(repeating: nil, count: live.count)
        hitPlates = Array(repeating: [], count: live.count)
    }

    /// One read of the sequential scan.
    func addRead(reader: UnsafeRawBufferPointer, at time: UnsafeRawBufferPointer, plate: PlateKey) {
        index.periods(of: reader, containing: time, into: &matches)
        if matches.isEmpty { readsInNoPeriod += 1 }
        for slot in matches {
            if seen[slot] >= expected[slot] {
                sawTooMany = true
                continue
            }
            if open[slot] == nil { open[slot] = PlateSet(minimumCapacity: expected[slot]) }
            open[slot]!.insert(plate)
            seen[slot] += 1
            if seen[slot] == expected[slot] {
                completed[slot] = open[slot]?.count
                open[slot] = nil
            }
        }
    }

    /// One hit of the join of `hit` with its read.
    func addHit(reader: UnsafeRawBufferPointer, at time: UnsafeRawBufferPointer, plate: PlateKey, kind: Int) {
        index.periods(of: reader, containing: time, into: &matches)
        for slot in matches {
            if hitPlates[slot].isEmpty { hitPlates[slot] = (0...Self.statutorySet).map { _ in PlateSet() } }
            hitPlates[slot][kind].insert(plate)
            if Self.isStatutory[kind] { hitPlates[slot][Self.statutorySet].insert(plate) }
        }
    }

    /// What the parts of one snapshot's reads (each counted once, by one tally) say together.
    struct Totals {
        /// Distinct plates per period (by its position among the periods the tally was given),
        /// and distinct plates with a hit of each kind (in `PeriodFigure.hitKinds` order, then
        /// of any kind the law lists, at `statutorySet`; empty when the period has no hits).
        var distinctPlates: [Int]
        var hitPlates: [[Int]]
        var readsInNoPeriod: Int
        /// The parts saw a period's reads other than as many times as the index-only count
        /// says (a defect): the figures would not be exact.
        var disagreesWithCount: Bool
    }

    /// Combines `parts`, tallies of disjoint parts of the same reads that together cover them all.
    static func combined(_ parts: [PeriodTally]) -> Totals {
        let slots = parts.first?.expected.indices ?? 0..<0
        let periodCount = parts.first?.periodCount ?? 0
        var totals = Totals(distinctPlates: Array(repeating: 0, count: periodCount),
                            hitPlates: Array(repeating: [], count: periodCount),
                            readsInNoPeriod: parts.reduce(0) { $0 + $1.readsInNoPeriod },
                            disagreesWithCount: parts.contains { $0.sawTooMany })
        for slot in slots {
            let position = parts[0].live[slot]
            let seen = parts.reduce(0) { $0 + $1.seen[slot] }
            if seen != parts[0].expected[slot] { totals.disagreesWithCount = true }
            if let whole = parts.lazy.compactMap({ $0.completed[slot] }).first {
                totals.distinctPlates[position] = whole
            } else {
                var union = PlateSet()
                for part in parts { if let set = part.open[slot] { union.formUnion(set) } }
                totals.distinctPlates[position] = union.count
            }
            let hitSets = parts.map { $0.hitPlates[slot] }.filter { !$0.isEmpty }
            if !hitSets.isEmpty {
                totals.hitPlates[position] = (0...statutorySet).map { kind in
                    var union = PlateSet()
                    for sets in hitSets { union.formUnion(sets[kind]) }
                    return union.count
                }
            }
        }
        return totals
    }
}

/// A plate as the aggregation compares it: state (NULL counts as empty) and number, exact bytes.
struct PlateKey: Hashable {
    /// Short plates (almost all) pack into three words; longer ones keep their bytes. The
    /// first word's top byte is the state's length (0 to 7) for a packed plate, never 0xFF.
    let packed: (UInt64, UInt64, UInt64)
    let long: [UInt8]?

    init(state: UnsafeRawBufferPointer, number: UnsafeRawBufferPointer) {
        if state.count <= 7, number.count <= 15 {
            var words: (UInt64, UInt64, UInt64) = (UInt64(state.count) << 56, UInt64(number.count) << 56, 0)
            for (i, byte) in state.enumerated() { words.0 |= UInt64(byte) << (8 * UInt64(i)) }
            for (i, byte) in number.enumerated() {
                if i < 7 { words.1 |= UInt64(byte) << (8 * UInt64(i)) } else { words.2 |= UInt64(byte) << (8 * UInt64(i - 7)) }
            }
            packed = words
            long = nil
        } else {
            packed = (UInt64.max, UInt64.max, UInt64.max)
            long = [UInt8(truncatingIfNeeded: state.count >> 8), UInt8(truncatingIfNeeded: state.count)]
                + Array(state) + Array(number)
        }
    }

    static func == (a: PlateKey, b: PlateKey) -> Bool {
        a.packed == b.packed && a.long == b.long
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(packed.0)
        hasher.combine(packed.1)
        hasher.combine(packed.2)
        if let long { hasher.combine(long) }
    }
}

/// The distinct plates of one period (or of one kind of hit in it). The tally inserts every
/// read, ten million a build at the reference size, and Swift's `Set` hashes each with SipHash
/// (seeded, to resist chosen keys): here packed plates go into an open-addressing table of
/// their three words, hashed with three multiplications, and the rare plates too long to pack
/// into a `Set` beside it. The keys come from the agency's own database, so a contrived run of
/// colliding plates could only make a build slower, never its counts wrong.
struct PlateSet {
    /// Slots of packed keys; an empty slot's first word is `empty`, which no packed key has.
    private var slots: [(UInt64, UInt64, UInt64)]
    private var packedCount = 0
    private var long: Set<[UInt8]> = []
    private static let empty: (UInt64, UInt64, UInt64) = (.max, 0, 0)

    init(minimumCapacity: Int = 0) {
        var capacity = 8
        while capacity * 3 < minimumCapacity * 4 { capacity <<= 1 }
        slots = Array(repeating: Self.empty, count: capacity)
    }

    /// Distinct plates inserted.
    var count: Int { packedCount + long.count }

    mutating func insert(_ key: PlateKey) {
        if let bytes = key.long {
            long.insert(bytes)
            return
        }
        if (packedCount + 1) * 4 > slots.count * 3 { grow() }
        if place(key.packed) { packedCount += 1 }
    }

    /// Puts `words` in its slot; false when it was there already.
    private mutating func place(_ words: (UInt64, UInt64, UInt64)) -> Bool {
        let mask = slots.count - 1
        var index = Self.hash(words) & mask
        while true {
            let slot = slots[index]
            if slot.0 == Self.empty.0 {
                slots[index] = words
                return true
            }
            if slot == words { return false }
            index = (index + 1) & mask
        }
    }

    /// Inserts every plate of `other`.
    mutating func formUnion(_ other: PlateSet) {
        for words in other.slots where words.0 != Self.empty.0 {
            if (packedCount + 1) * 4 > slots.count * 3 { grow() }
            if place(words) { packedCount += 1 }
        }
        long.formUnion(other.long)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Self.empty, count: old.count * 2)
        for words in old where words.0 != Self.empty.0 { _ = place(words) }
    }

    private static func hash(_ words: (UInt64, UInt64, UInt64)) -> Int {
        var h = words.0 &* 0x9E37_79B9_7F4A_7C15
        h ^= words.1 &* 0xC2B2_AE3D_27D4_EB4F
        h ^= words.2 &* 0x1656_67B1_9E37_79F9
        // A finalizer, so that the table's mask (the low bits) sees every byte of the plate.
        h ^= h >> 32
        h &*= 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }
}

/// Every period by reader, sorted by start, to find the periods a read falls in.
struct PeriodIndex {
    /// One reader's periods. A class, so that finding a read's periods takes one reference to
    /// them rather than a copy of five arrays (five retains and releases per read).
    private final class ReaderPeriods {
        let id: [UInt8]
        /// Slots (positions in the periods the index was given) in start order.
        var slots: [Int] = []
        var starts: [BoundText] = []
        /// Nil end: still open, so unbounded.
        var ends: [BoundText?] = []
        /// The latest end among periods 0...i (nil = unbounded), to stop the backward walk.
        var latestEnd: [BoundText?] = []
        var overlapping = false
        var cursor = 0

        init(id: [UInt8]) { self.id = id }
    }

    private let readers: [ReaderPeriods]
    /// Open addressing over the readers' ids (FNV-1a, linear probing): a position in `readers`
    /// plus one, 0 for an empty slot. Ten million reads each look their reader up here.
    private let table: [Int32]
    private let mask: Int

    init(periods: [ActivePeriod]) {
        var readers: [ReaderPeriods] = []
        var readerSlot: [String: Int] = [:]
        let ordered = periods.enumerated().sorted {
            ($0.element.readerID, $0.element.startedAt, $0.element.id) < ($1.element.readerID, $1.element.startedAt, $1.element.id)
        }
        for (slot, period) in ordered {
            let r: Int
            if let known = readerSlot[period.readerID] {
                r = known
            } else {
                r = readers.count
                readerSlot[period.readerID] = r
                readers.append(ReaderPeriods(id: Array(period.readerID.utf8)))
            }
            let periods = readers[r]
            let start = BoundText(period.startedAt)
            let end = period.endedAt.map(BoundText.init)
            switch periods.latestEnd.last {
            case .none:
                periods.latestEnd.append(end)
            case .some(.none):
                periods.overlapping = true
                periods.latestEnd.append(nil)
            case .some(.some(let latest)):
                if start < latest { periods.overlapping = true }
                periods.latestEnd.append(end.map { $0 < latest ? latest : $0 })
            }
            periods.slots.append(slot)
            periods.starts.append(start)
            periods.ends.append(end)
        }
        var size = 8
        while size < readers.count * 2 { size *= 2 }
        var table = [Int32](repeating: 0, count: size)
        for (position, reader) in readers.enumerated() {
            var probe = Int(truncatingIfNeeded: reader.id.withUnsafeBytes(Self.hash)) & (size - 1)
            while table[probe] != 0 { probe = (probe + 1) & (size - 1) }
            table[probe] = Int32(position + 1)
        }
        self.readers = readers
        self.table = table
        mask = size - 1
    }

    /// The periods of the reader whose id is `bytes`, if it has any.
    private func reader(_ bytes: UnsafeRawBufferPointer) -> ReaderPeriods? {
        var probe = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        while table[probe] != 0 {
            let candidate = readers[Int(table[probe]) - 1]
            if candidate.id.elementsEqual(bytes) { return candidate }
            probe = (probe + 1) & mask
        }
        return nil
    }

    /// The slots of `reader`'s periods with `start <= time < end` (no end: still open). Moves
    /// the reader's cursor (the period the last read fell in), shared by every copy of the
    /// index: an index belongs to one tally, used on one thread (`ReaderPeriods` is a class, so
    /// the compiler keeps the index from being sent to another).
    func periods(of reader: UnsafeRawBufferPointer, containing time: UnsafeRawBufferPointer, into result: inout [Int]) {
        result.removeAll(keepingCapacity: true)
        guard let periods = self.reader(reader) else { return }
        let cursor = periods.cursor
        if !periods.overlapping, cursor < periods.slots.count,
           periods.starts[cursor].compare(time) <= 0,
           periods.ends[cursor].map({ $0.compare(time) > 0 }) ?? true {
            result.append(periods.slots[cursor])
            return
        }
        // The last period starting at or before `time`, then back while an earlier one may still run.
        var low = 0
        var high = periods.starts.count
        while low < high {
            let mid = (low + high) / 2
            if periods.starts[mid].compare(time) <= 0 { low = mid + 1 } else { high = mid }
        }
        var i = low - 1
        while i >= 0 {
            if let latest = periods.latestEnd[i], latest.compare(time) <= 0 { break }
            if periods.ends[i].map({ $0.compare(time) > 0 }) ?? true {
                result.append(periods.slots[i])
                periods.cursor = i
            }
            if !periods.overlapping { break }
            i -= 1
        }
    }

    /// FNV-1a: a fixed hash for reader ids (compared exactly after the lookup).
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h
    }
}

/// A period's start or end as the text SQLite compares a read's time with
/// (`YYYY-MM-DDTHH:MM:SSZ`, 20 bytes), held in place rather than as an array of its own: the
/// index holds three per period, 600,000 at the reference size.
struct BoundText: Comparable {
    private let bytes: (UInt64, UInt64, UInt64)
    private let count: Int

    init(_ instant: Instant) {
        // An instant's canonical text is 20 bytes for every year an operational row can hold
        // (1 to 9999); the 24 bytes held here leave room to spare.
        let text = Array(instant.description.utf8.prefix(24))
        var bytes: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { $0.copyBytes(from: text) }
        self.bytes = bytes
        count = text.count
    }

    /// Byte order, then length: SQLite's BINARY collation.
    func compare(_ other: UnsafeRawBufferPointer) -> Int {
        withUnsafeBytes(of: bytes) { mine in
            let n = min(count, other.count)
            if n > 0, let pa = mine.baseAddress, let pb = other.baseAddress {
                let c = memcmp(pa, pb, n)
                if c != 0 { return Int(c) }
            }
            return count - other.count
        }
    }

    static func < (a: BoundText, b: BoundText) -> Bool {
        withUnsafeBytes(of: b.bytes) { a.compare(UnsafeRawBufferPointer(rebasing: $0.prefix(b.count))) } < 0
    }

    static func == (a: BoundText, b: BoundText) -> Bool { a.count == b.count && a.bytes == b.bytes }
}
