import CSQLite
import Foundation
import PublicLog

/// Writes the sample agency's operational database: the same bytes for the same `now`,
/// time zone and scale. Its "now" is the build's, so the sample always has fresh reads
/// inside the retention horizon and older periods whose reads are already destroyed.
public struct SampleDatabaseWriter: Sendable {
    /// Days of periods of active use before `now` (reads are kept for the last 60 only).
    public static let historyDays = 75

    public let now: Instant
    public let timeZone: AgencyTimeZone
    /// Multiplies the number of reads; 1 is a realistic suburban agency (about half a million).
    public let scale: Double

    public init(now: Instant, timeZone: AgencyTimeZone, scale: Double = 1) {
        self.now = now
        self.timeZone = timeZone
        self.scale = scale
    }

    /// Creates the database at `path`, replacing any file there.
    public func write(to path: String) throws(PublicLogError) {
        try Rows.writeDatabase(at: path, what: "sample") { (rows) throws(SQLiteFailure) in try populate(&rows) }
    }

    private var today: LocalDate { timeZone.localDate(of: now) }

    private func populate(_ rows: inout Rows) throws(SQLiteFailure) {
        var random = SeededGenerator(seed: 13_824)
        let readHorizon = now.adding(seconds: -Int64(RetentionPolicy.statutoryMaximumDays) * 86_400)
        let firstDay = today.adding(days: -Self.historyDays)

        for (id, name, jurisdiction, isPublic, fromAgo, untilAgo) in SampleAgency.sources {
            try rows.source.run([.text(id), .text(name), .text(jurisdiction), .integer(Int64(isPublic)),
                                 .text(today.adding(days: -fromAgo).description),
                                 untilAgo.map { .text(today.adding(days: -$0).description) } ?? .null])
        }

        var plates = PlatePool(random: &random)

        // A camera retired a year ago keeps its place in the list of previous locations.
        try rows.reader.run([.text("FX-00"), .text("fixed"), .text("Camera 0 (retired)"), .text("agency"),
                             .text(today.adding(days: -1400).description), .text(today.adding(days: -380).description),
                             .text(today.adding(days: -1396).description)])
        try rows.location.run([.null, .text("FX-00"), .text("Co Rd 10 near Co Rd 19"), .text("Eastbound traffic"),
                               .real(45.1226), .real(-93.6049), .text(today.adding(days: -1400).description),
                               .text(today.adding(days: -380).description), .integer(0)])

        var fixed = SampleAgency.fixedReaders.map { ($0, false) }
        fixed.append((SampleAgency.securityReader, true))
        for (reader, isSecurity) in fixed {
            let installed = today.adding(days: -reader.installedDaysAgo)
            try rows.reader.run([.text(reader.id), .text("fixed"), .text(reader.label), .text(reader.operatorName),
                                 .text(installed.description), .null,
                                 .text(installed.adding(days: reader.bcaDelayDays).description)])
            // A camera with two sites moved to the second one 20 days ago.
            let moveDay = today.adding(days: -20)
            for (index, site) in reader.sites.enumerated() {
                let placed = index == 0 ? installed : moveDay
                let removed: LocalDate? = index == reader.sites.count - 1 ? nil : moveDay.adding(days: -1)
                try rows.location.run([.null, .text(reader.id), .text(site.description), .text(site.direction),
                                       .real(site.latitude), .real(site.longitude), .text(placed.description),
                                       removed.map { .text($0.description) } ?? .null, .integer(isSecurity ? 1 : 0)])
            }
            for dayOffset in 0..<Self.historyDays {
                let day = firstDay.adding(days: dayOffset)
                let start = timeZone.startOfDay(day)
                let end = timeZone.startOfDay(day.adding(days: 1))
                // Weekends are quieter on these commuter roads.
                let weekend = (day.dayNumber + 4) % 7 >= 5
                let base = random.int(in: reader.dailyReads)
                try rows.period(reader: reader.id, from: start, to: end, reads: Int(Double(base) * (weekend ? 0.7 : 1) * scale),
                                horizon: readHorizon, now: now, plates: &plates, random: &random, mobile: false)
            }
        }

        // The trailer moves every 14 days; the last site is where it stands now.
        let trailerInstalled = today.adding(days: -14 * SampleAgency.trailerSites.count)
        try rows.reader.run([.text("PT-01"), .text("portable"), .text("Trailer 1"), .text("agency"),
                             .text(trailerInstalled.description), .null, .text(trailerInstalled.adding(days: 2).description)])
        for (index, site) in SampleAgency.trailerSites.enumerated() {
            let placed = trailerInstalled.adding(days: 14 * index)
            let last = index == SampleAgency.trailerSites.count - 1
            try rows.location.run([.null, .text("PT-01"), .text(site.description), .text(site.direction),
                                   .real(site.latitude), .real(site.longitude), .text(placed.description),
                                   last ? .null : .text(placed.adding(days: 13).description), .integer(0)])
        }
        for dayOffset in 0..<Self.historyDays {
            let day = firstDay.adding(days: dayOffset)
            guard day >= trailerInstalled else { continue }
            let start = timeZone.startOfDay(day).adding(seconds: 6 * 3600)
            try rows.period(reader: "PT-01", from: start, to: start.adding(seconds: 16 * 3600),
                            reads: Int(Double(random.int(in: 250...600)) * scale), horizon: readHorizon, now: now,
                            plates: &plates, random: &random, mobile: false)
        }

        // Squads: day shifts (07:00-17:00) and night shifts (17:00-03:00, across midnight), some days off.
        for (index, squad) in SampleAgency.squads.enumerated() {
            let installed = today.adding(days: -1200 + 90 * index)
            try rows.reader.run([.text(squad), .text("mobile"), .text("Squad \(squad.dropFirst(3))"), .text("agency"),
                                 .text(installed.description), .null, .text(installed.adding(days: 5).description)])
            for dayOffset in 0...Self.historyDays {
                let day = firstDay.adding(days: dayOffset)
                guard random.chance(0.8) else { continue }
                let night = index % 2 == 1
                let start = timeZone.startOfDay(day).adding(seconds: Int64(night ? 17 : 7) * 3600)
                let minutes = Int64(random.int(in: 540...660))
                try rows.period(reader: squad, from: start, to: start.adding(seconds: minutes * 60),
                                reads: Int(Double(random.int(in: 100...500)) * scale), horizon: readHorizon, now: now,
                                plates: &plates, random: &random, mobile: true)
            }
        }

        // A few reads uploaded outside any period (a squad's reader left on after logout).
        for n in 0..<6 {
            let at = timeZone.startOfDay(today.adding(days: -3 - n)).adding(seconds: 4 * 3600 + Int64(n) * 97)
            try rows.read(reader: "SQ-101", at: at, plate: plates.ordinary(&random), hit: nil, random: &random, mobile: true)
        }

        try rows.accessLog(from: firstDay, to: today, timeZone: timeZone, random: &random)
        try rows.acp.run([.text(today.adding(days: -33).description), .text("ACP-2291")])
    }
}
