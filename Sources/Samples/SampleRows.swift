import CSQLite
import Foundation
import PublicLog

/// Prepared inserts for the sample and benchmark databases.
struct Rows {
    /// Creates a database with the operational schema at `path` (replacing any file there) and
    /// fills it in one transaction; `what` names it in the error ("sample", "benchmark").
    static func writeDatabase(at path: String, what: String,
                              _ populate: (inout Rows) throws(SQLiteFailure) -> Void) throws(PublicLogError) {
        try? FileManager.default.removeItem(atPath: path)
        do {
            let db = try SQLiteConnection.open(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            try db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;")
            try db.execute(OperationalSchema.sql)
            try db.execute("BEGIN")
            var rows = try Rows(db: db)
            try populate(&rows)
            try db.execute("COMMIT")
        } catch {
            throw PublicLogError("Could not write the \(what) database at \(path): \(error.message).")
        }
    }

    let reader: SQLiteStatement
    let location: SQLiteStatement
    let source: SQLiteStatement
    let periodInsert: SQLiteStatement
    let readInsert: SQLiteStatement
    let hitInsert: SQLiteStatement
    let access: SQLiteStatement
    let sharingAgency: SQLiteStatement
    let acp: SQLiteStatement
    private let db: SQLiteConnection
    private var readID: Int64 = 0

    init(db: SQLiteConnection) throws(SQLiteFailure) {
        self.db = db
        reader = try db.prepare(OperationalSchema.Insert.reader)
        location = try db.prepare(OperationalSchema.Insert.readerLocation)
        source = try db.prepare(OperationalSchema.Insert.comparisonSource)
        periodInsert = try db.prepare(OperationalSchema.Insert.activePeriod)
        readInsert = try db.prepare(OperationalSchema.Insert.plateRead)
        hitInsert = try db.prepare(OperationalSchema.Insert.hit)
        access = try db.prepare(OperationalSchema.Insert.dataAccess)
        sharingAgency = try db.prepare(OperationalSchema.Insert.sharingAgency)
        acp = try db.prepare(OperationalSchema.Insert.acpRequest)
    }

    /// One period with its reads spread over it; a period still running at `now` stays open,
    /// and reads before the horizon are already destroyed, as the operational system would.
    mutating func period(reader: String, from start: Instant, to end: Instant, reads: Int, horizon: Instant, now: Instant,
                         plates: inout PlatePool, random: inout SeededGenerator, mobile: Bool) throws(SQLiteFailure) {
        guard start < now else { return }
        let open = end > now
        try periodInsert.run([.text(start.description), open ? .null : .text(end.description)].withReader(reader))
        let lastInstant = open ? now : end
        let span = lastInstant.secondsSinceEpoch - start.secondsSinceEpoch
        guard span > 0 else { return }
        let count = open ? Int(Double(reads) * Double(span) / Double(end.secondsSinceEpoch - start.secondsSinceEpoch)) : reads
        var offsets = (0..<count).map { _ in Int64(random.next() % UInt64(span)) }
        offsets.sort()
        if count > 0 { offsets[0] = 0 }  // a read exactly at the start belongs to the period
        for offset in offsets {
            let at = start.adding(seconds: offset)
            if random.chance(0.01) {
                let hot = plates.hotPlate(&random)
                guard at >= horizon else { continue }
                try read(reader: reader, at: at, plate: hot.plate, hit: hot.categories, random: &random, mobile: mobile)
            } else {
                let plate = plates.ordinary(&random)
                guard at >= horizon else { continue }
                try read(reader: reader, at: at, plate: plate, hit: nil, random: &random, mobile: mobile)
            }
        }
    }

    mutating func read(reader: String, at: Instant, plate: PlatePool.Plate, hit categories: [String]?,
                       random: inout SeededGenerator, mobile: Bool) throws(SQLiteFailure) {
        readID += 1
        let lat: SQLValue = mobile ? .real(45.05 + Double(random.int(in: 0...900)) / 10_000) : .null
        let lon: SQLValue = mobile ? .real(-93.62 + Double(random.int(in: 0...1000)) / 10_000) : .null
        try readInsert.run([.integer(readID), .text(reader), .text(at.description), .text(plate.number),
                            plate.state.map { .text($0) } ?? .null, lat, lon, .text("img/\(reader)/\(readID).jpg")])
        for category in categories ?? [] {
            let source = switch category {
            case "active_investigation": random.chance(0.3) ? "task-force-list" : "mn-bca-hotfile"
            case "warrant": random.chance(0.5) ? "ncic-via-bca" : "mn-bca-hotfile"
            default: "mn-bca-hotfile"
            }
            let disposition: SQLValue = random.weighted([
                (.text("confirmed"), 55.0), (.text("misread"), 8), (.text("not_current"), 12),
                (.text("no_action"), 20), (.text("pending"), 3), (.null, 2),
            ])
            try hitInsert.run([.integer(readID), .text(source), .text(category),
                               .text("HOTLIST-\(readID)-\(category)"), disposition])
        }
    }

    /// The sample agency's sharing agencies, then its audit trail: `perDay` searches a day, about
    /// 5 % for other agencies (each for an agency whose agreement covers the day, or that has
    /// none), and about 6 % with no case number recorded (audits never have one).
    func accessLog(from first: LocalDate, to last: LocalDate, timeZone: AgencyTimeZone, perDay: ClosedRange<Int> = 1...7,
                   random: inout SeededGenerator) throws(SQLiteFailure) {
        let partners = SampleAgency.sharingPartners
        for partner in partners {
            try sharingAgency.run([.text(partner.id), .text(partner.name), .text(partner.jurisdiction),
                                   partner.fromDaysAgo.map { .text(last.adding(days: -$0).description) } ?? .null,
                                   partner.untilDaysAgo.map { .text(last.adding(days: -$0).description) } ?? .null])
        }
        let users = ["det.ramirez", "det.olson", "sgt.nguyen", "ofc.berg", "records.lind"]
        var day = first
        var caseNumber = 24_000
        var credit: [String: Double] = [:]
        // How each search was made comes from a generator of its own, so that the searches
        // themselves stay those of earlier samples.
        var scope = SeededGenerator(seed: 0x5EA2C4)
        while day <= last {
            let daysAgo = last.dayNumber - day.dayNumber
            let available = partners.filter { partner in
                (partner.fromDaysAgo.map { $0 >= daysAgo } ?? true) && (partner.untilDaysAgo.map { $0 <= daysAgo } ?? true)
            }
            for index in 0..<random.int(in: perDay) {
                caseNumber += 1
                let purpose = random.weighted([("criminal_investigation", 80.0), ("missing_person", 5), ("amber_alert", 1),
                                               ("audit", 6), ("other", 8)])
                let at = timeZone.startOfDay(day).adding(seconds: Int64(random.int(in: 8 * 3600...20 * 3600)))
                var partner: SampleAgency.SharingPartner?
                if purpose != "audit", !available.isEmpty, random.chance(0.05) {
                    // Smooth weighted round robin: over a few dozen searches every partner gets its share.
                    for candidate in available { credit[candidate.id, default: 0] += candidate.weight }
                    let chosen = available.max { (credit[$0.id] ?? 0, $1.id) < (credit[$1.id] ?? 0, $0.id) } ?? available[0]
                    credit[chosen.id, default: 0] -= available.reduce(0) { $0 + $1.weight }
                    partner = chosen
                }
                let recorded = purpose != "audit" && !random.chance(0.06)
                try access.run([.text(at.description), .text(users[random.int(in: 0...(users.count - 1))]),
                                recorded ? .text("ECPD-\(caseNumber)") : .null, .text(purpose),
                                partner.map { .text($0.name) } ?? .null, .text("plate search case \(caseNumber)"),
                                partner.map { .text($0.id) } ?? .null]
                               + SampleAgency.searchScope(at: at, purpose: purpose, forPartner: partner != nil, case: caseNumber,
                                                          daysAgo: daysAgo, firstOfDay: index == 0, random: &scope))
            }
            day = day.adding(days: 1)
        }
    }
}

private extension Array where Element == SQLValue {
    func withReader(_ reader: String) -> [SQLValue] { [.text(reader)] + self }
}
