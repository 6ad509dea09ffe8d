import CSQLite
import Foundation
import PublicLog

/// The spec's reference large agency, for benchmarks: 40 fixed and 80 mobile readers,
/// 60 days of retained reads (about 10 million at the default size, 1 % with hits at the
/// category mix real agencies report: three quarters licence status, 5 % stolen, 1 %
/// warrants), searches of stored data, and a ledger holding five years of earlier figures
/// as monthly publications would have recorded them.
///
/// Everything is a function of `now`, the time zone and `reads`: the same inputs write the
/// same rows on every machine. Reads are inserted in time order across all readers, as an
/// operational system receives them, so one reader's reads are spread through the table.
public struct BenchmarkWorkload: Sendable {
    public static let fixedReaders = 40
    public static let mobileReaders = 80
    public static let historyYears = 5

    public let now: Instant
    public let timeZone: AgencyTimeZone
    /// About how many reads are retained (inside the 60-day horizon).
    public let reads: Int

    public init(now: Instant, timeZone: AgencyTimeZone, reads: Int = 10_000_000) {
        self.now = now
        self.timeZone = timeZone
        self.reads = reads
    }

    private var today: LocalDate { timeZone.localDate(of: now) }
    private var horizon: Instant { now.adding(seconds: -Int64(RetentionPolicy.statutoryMaximumDays) * 86_400) }
    private var firstDay: LocalDate { today.adding(years: -Self.historyYears).adding(days: -RetentionPolicy.statutoryMaximumDays) }
    private var liveDays: Double { Double(RetentionPolicy.statutoryMaximumDays) }

    /// Share of reads from fixed cameras (the rest come from squads).
    private static let fixedShare = 0.65
    private static let shiftChance = 0.8

    private var readsPerFixedDay: Int { Int(Double(reads) * Self.fixedShare / (Double(Self.fixedReaders) * liveDays)) }
    private var readsPerShift: Int {
        Int(Double(reads) * (1 - Self.fixedShare) / (Double(Self.mobileReaders) * Self.shiftChance * liveDays))
    }

    /// One period of active use, with the number of reads it saw.
    struct Period {
        let id: Int64
        let reader: String
        let start: Instant
        let end: Instant
        let reads: Int
        var mobile: Bool { reader.hasPrefix("SQ") }
        /// Still running at `now`: written with no end.
        func isOpen(at now: Instant) -> Bool { end > now }
    }

    /// Every period from the first history day to today, in start order (its id order).
    func periods() -> [Period] {
        var random = SeededGenerator(seed: 0xA1_9812)
        var periods: [Period] = []
        var day = firstDay
        while day <= today {
            var ofDay: [(String, Instant, Instant, Int)] = []
            let midnight = timeZone.startOfDay(day)
            for n in 1...Self.fixedReaders {
                let weekend = (day.dayNumber + 4) % 7 >= 5
                let base = Double(readsPerFixedDay) * Double(random.int(in: 80...120)) / 100
                ofDay.append((Self.fixedID(n), midnight, timeZone.startOfDay(day.adding(days: 1)),
                              Int(base * (weekend ? 0.75 : 1.08))))
            }
            for n in 1...Self.mobileReaders where random.chance(Self.shiftChance) {
                let start = midnight.adding(seconds: Int64(n % 2 == 0 ? 7 : 17) * 3600 + Int64(random.int(in: 0...40)) * 60)
                let minutes = Int64(random.int(in: 540...660))
                let count = Int(Double(readsPerShift) * Double(random.int(in: 60...140)) / 100)
                ofDay.append((Self.mobileID(n), start, start.adding(seconds: minutes * 60), count))
            }
            ofDay.sort { ($0.1, $0.0) < ($1.1, $1.0) }
            for (reader, start, end, count) in ofDay where start < now {
                periods.append(Period(id: Int64(periods.count + 1), reader: reader, start: start, end: end, reads: count))
            }
            day = day.adding(days: 1)
        }
        return periods
    }

    static func fixedID(_ n: Int) -> String { "FX-" + String(100 + n).dropFirst() }
    static func mobileID(_ n: Int) -> String { "SQ-\(200 + n)" }

    /// Writes the operational database at `path`, replacing any file there.
    public func writeDatabase(to path: String) throws(PublicLogError) {
        try Rows.writeDatabase(at: path, what: "benchmark") { (rows) throws(SQLiteFailure) in try populate(&rows) }
    }

    private func populate(_ rows: inout Rows) throws(SQLiteFailure) {
        var random = SeededGenerator(seed: 0xB3_4C11)
        for (id, name, jurisdiction, isPublic, fromAgo, untilAgo) in SampleAgency.sources {
            try rows.source.run([.text(id), .text(name), .text(jurisdiction), .integer(Int64(isPublic)),
                                 .text(firstDay.adding(days: -fromAgo).description),
                                 untilAgo.map { .text(today.adding(days: -$0).description) } ?? .null])
        }
        try writeReaders(&rows)
        let periods = periods()
        for period in periods {
            try rows.periodInsert.run([.text(period.reader), .text(period.start.description),
                                       period.isOpen(at: now) ? .null : .text(period.end.description)])
        }
        try writeReads(periods.filter { $0.end > horizon }, &rows)
        try rows.accessLog(from: firstDay, to: today, timeZone: timeZone, perDay: 6...30, random: &random)
    }

    private func writeReaders(_ rows: inout Rows) throws(SQLiteFailure) {
        let installed = firstDay.adding(days: -30)
        for n in 1...Self.fixedReaders {
            let id = Self.fixedID(n)
            try rows.reader.run([.text(id), .text("fixed"), .text("Camera \(n)"), .text(n % 13 == 0 ? "partner" : "agency"),
                                 .text(installed.description), .null, .text(installed.adding(days: 3).description)])
            // Every fifth camera moved once, two years ago; two cameras' places are security information.
            let latitude = 44.85 + Double(n % 8) * 0.045
            let longitude = -93.45 - Double(n / 8) * 0.06
            let moved = n % 5 == 0
            let moveDay = today.adding(days: -730)
            try rows.location.run([.null, .text(id), .text("County Road \(n * 3) near Main Street"), .text("Northbound traffic"),
                                   .real(latitude), .real(longitude), .text(installed.description),
                                   moved ? .text(moveDay.adding(days: -1).description) : .null,
                                   .integer(n == 7 || n == 29 ? 1 : 0)])
            if moved {
                try rows.location.run([.null, .text(id), .text("Highway \(n + 100) near County Road \(n * 2)"),
                                       .text("Southbound traffic"), .real(latitude + 0.01), .real(longitude - 0.01),
                                       .text(moveDay.description), .null, .integer(0)])
            }
        }
        for n in 1...Self.mobileReaders {
            try rows.reader.run([.text(Self.mobileID(n)), .text("mobile"), .text("Squad \(200 + n)"), .text("agency"),
                                 .text(installed.description), .null, .text(installed.adding(days: 5).description)])
        }
    }

    /// Inserts reads one local day at a time, sorted by time across readers. Each period's
    /// reads come from a generator seeded by its id, so a period spanning midnight yields
    /// the same reads whichever day asks.
    private func writeReads(_ live: [Period], _ rows: inout Rows) throws(SQLiteFailure) {
        var seedRandom = SeededGenerator(seed: 0xC0_FFEE)
        let plates = PlatePool(random: &seedRandom, regulars: 250_000, hot: 6_000)
        guard let first = live.first else { return }
        var day = timeZone.localDate(of: max(first.start, horizon))
        var pending = live[...]
        var active: [Period] = []
        while day <= today {
            let dayStart = timeZone.startOfDay(day)
            let dayEnd = timeZone.startOfDay(day.adding(days: 1))
            while let next = pending.first, next.start < dayEnd {
                active.append(next)
                pending = pending.dropFirst()
            }
            var reads: [(at: Instant, reader: String, plate: PlatePool.Plate, hits: [String]?, mobile: Bool, seed: UInt64)] = []
            for period in active {
                var random = SeededGenerator(seed: UInt64(period.id) &* 0x9E37_79B9)
                let last = min(period.end, now)
                let span = period.end.secondsSinceEpoch - period.start.secondsSinceEpoch
                for _ in 0..<period.reads {
                    let at = period.start.adding(seconds: Int64(random.next() % UInt64(span)))
                    let isHit = random.chance(0.01)
                    let plate = isHit ? nil : plates.ordinary(&random)
                    let hot = isHit ? plates.hotPlate(&random) : nil
                    let seed = random.next()
                    guard at >= dayStart, at < dayEnd, at >= horizon, at < last else { continue }
                    reads.append((at, period.reader, hot?.plate ?? plate!, hot?.categories, period.mobile, seed))
                }
            }
            reads.sort { ($0.at, $0.reader, $0.seed) < ($1.at, $1.reader, $1.seed) }
            for read in reads {
                var random = SeededGenerator(seed: read.seed)
                try rows.read(reader: read.reader, at: read.at, plate: read.plate, hit: read.hits, random: &random,
                              mobile: read.mobile)
            }
            active.removeAll { $0.end <= dayEnd }
            day = day.adding(days: 1)
        }
    }

    /// Writes a ledger at `path` (replacing any file there) holding what monthly builds
    /// would have recorded before the retention horizon: every period's figures and the
    /// daily hit dispositions, one publication per month.
    public func writeLedger(to path: String) throws(PublicLogError) {
        try? FileManager.default.removeItem(atPath: path)
        let ledger = try Ledger(path: path)
        let history = periods().filter { $0.start < horizon && $0.end <= horizon }
        var byMonth: [YearMonth: [Period]] = [:]
        for period in history { byMonth[timeZone.localDate(of: period.start).yearMonth, default: []].append(period) }
        for (number, month) in byMonth.keys.sorted().enumerated() {
            let periods = byMonth[month] ?? []
            var dispositions: [LocalDate: DailyDispositions] = [:]
            let entries = periods.map { period in
                var random = SeededGenerator(seed: UInt64(period.id) &* 0x5851_F42D)
                let figures = Self.figures(reads: period.reads, random: &random)
                let day = timeZone.localDate(of: period.start)
                for _ in 0..<PeriodFigure.hitKinds.reduce(0, { $0 + figures[$1] }) {
                    let disposition = random.weighted([(HitDisposition.confirmed, 55.0), (.misread, 8), (.notCurrent, 12),
                                                       (.noAction, 20), (.pending, 5)])
                    dispositions[day, default: DailyDispositions()].hits[disposition, default: 0] += 1
                }
                return LogEntry(periodID: period.id, reader: Reader(id: period.reader, kind: period.mobile ? .mobile : .fixed,
                                                                   label: period.reader, operator: .agency, installedOn: nil,
                                                                   decommissionedOn: nil, bcaNotifiedOn: nil),
                                location: nil, startedAt: period.start, endedAt: period.end, startOffsetSeconds: 0, endOffsetSeconds: 0,
                                startDate: day, endDate: timeZone.localDate(of: period.end), figures: figures,
                                provenance: .operational, databasesCompared: [])
            }
            let firstOfMonth = month.firstDay
            let publishedAt = timeZone.startOfDay(firstOfMonth.adding(days: 40)).adding(seconds: 9 * 3600)
            let publication = Publication(
                number: number + 1, publishedAt: publishedAt, contentDigest: "benchmark-\(month)",
                figuresDigest: "benchmark-\(month)", periodsAdded: entries.count, periodsRevised: 0,
                changes: [.periodsAdded(entries.count)], auditIDs: [], policyIDs: [], sharingAgencies: [])
            try ledger.stage(entries, accountability: AccountabilityCounts(dispositions: dispositions),
                             liveFrom: firstOfMonth, at: publishedAt, publication: publication)
            try ledger.commit()
        }
    }

    /// Plausible figures for a period of `reads` reads whose reads are gone: about three in
    /// four reads are distinct plates, 1 % have hits at the statute's mix.
    static func figures(reads: Int, random: inout SeededGenerator) -> PeriodFigures {
        var counts: [PeriodFigure: Int] = [:]
        for _ in 0..<max(0, reads / 100 + random.int(in: -2...2)) {
            let kind = random.weighted([(PeriodFigure.licenseSuspendedRevoked, 75.0), (.stolen, 5), (.warrant, 1),
                                        (.activeInvestigation, 4), (.other, 15)])
            counts[kind, default: 0] += 1
        }
        counts[.plates] = reads * 3 / 4 + random.int(in: 0...max(1, reads / 50))
        counts[.reads] = reads
        // Each hit drawn above is another plate's: plates with hits are the statutory kinds' hits.
        counts[.platesWithHits] = PeriodFigure.hitKinds.filter(\.isStatutoryHit).reduce(0) { $0 + (counts[$1] ?? 0) }
        return PeriodFigures(counts)
    }
}
