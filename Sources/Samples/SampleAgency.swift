import PublicLog

/// The fictional Elm Creek Police Department: the agency the sample database describes.
/// Its fixed cameras stand at the kind of places the 2024 Corcoran list names.
enum SampleAgency {
    struct Site {
        let description: String
        let direction: String
        let latitude: Double
        let longitude: Double
    }

    struct FixedReader {
        let id: String
        let label: String
        let operatorName: String
        let dailyReads: ClosedRange<Int>
        let installedDaysAgo: Int
        let bcaDelayDays: Int
        let sites: [Site]
    }

    static let fixedReaders: [FixedReader] = [
        FixedReader(id: "FX-01", label: "Camera 1", operatorName: "agency", dailyReads: 900...1500, installedDaysAgo: 980,
                    bcaDelayDays: 4, sites: [Site(description: "Co Rd 30 near Co Rd 101", direction: "Westbound traffic",
                                                  latitude: 45.0955, longitude: -93.5262)]),
        FixedReader(id: "FX-02", label: "Camera 2", operatorName: "agency", dailyReads: 600...1100, installedDaysAgo: 980,
                    bcaDelayDays: 5, sites: [Site(description: "Co Rd 10 near Brockton Ln", direction: "Westbound traffic",
                                                  latitude: 45.1224, longitude: -93.5318)]),
        FixedReader(id: "FX-03", label: "Camera 3", operatorName: "agency", dailyReads: 500...900, installedDaysAgo: 900,
                    bcaDelayDays: 3, sites: [
                        Site(description: "Co Rd 116 near Hackamore Rd", direction: "Northbound traffic",
                             latitude: 45.0652, longitude: -93.5711),
                        Site(description: "Co Rd 116 near Co Rd 117", direction: "Southbound traffic",
                             latitude: 45.1031, longitude: -93.5705),
                    ]),
        FixedReader(id: "FX-04", label: "Camera 4", operatorName: "agency", dailyReads: 700...1300, installedDaysAgo: 700,
                    bcaDelayDays: 6, sites: [Site(description: "Co Rd 50 near Co Rd 19", direction: "Eastbound traffic",
                                                   latitude: 45.1395, longitude: -93.6062)]),
        FixedReader(id: "FX-05", label: "Camera 5", operatorName: "agency", dailyReads: 800...1400, installedDaysAgo: 700,
                    bcaDelayDays: 6, sites: [Site(description: "Co Rd 30 near Co Rd 19", direction: "Eastbound traffic",
                                                  latitude: 45.0958, longitude: -93.6058)]),
        FixedReader(id: "FX-06", label: "Camera 6", operatorName: "agency", dailyReads: 1000...1800, installedDaysAgo: 420,
                    bcaDelayDays: 2, sites: [Site(description: "Co Rd 19 near St Hwy 55", direction: "Northbound traffic",
                                                  latitude: 45.0664, longitude: -93.6049)]),
        FixedReader(id: "HOA-1", label: "Elm Creek Estates HOA camera", operatorName: "partner", dailyReads: 150...300,
                    installedDaysAgo: 300, bcaDelayDays: 7,
                    sites: [Site(description: "Elm Creek Pkwy at Estates Dr", direction: "Both directions",
                                 latitude: 45.1120, longitude: -93.5541)]),
    ]

    /// The camera whose placement the agency classified as security information.
    static let securityReader = FixedReader(
        id: "FX-07", label: "Camera 7", operatorName: "agency", dailyReads: 200...400, installedDaysAgo: 500,
        bcaDelayDays: 3, sites: [Site(description: "Public Works yard, north gate", direction: "Inbound traffic",
                                      latitude: 45.1001, longitude: -93.5602)])

    /// Where the portable trailer stood, two weeks at each, most recent last.
    static let trailerSites: [Site] = [
        Site(description: "Co Rd 19 near Co Rd 117", direction: "Southbound traffic", latitude: 45.1210, longitude: -93.6051),
        Site(description: "Co Rd 10 near Co Rd 19", direction: "Eastbound traffic", latitude: 45.1228, longitude: -93.6046),
        Site(description: "Rolling Hills Rd near Co Rd 116", direction: "Westbound traffic", latitude: 45.0830, longitude: -93.5708),
        Site(description: "Co Rd 101 near Co Rd 10", direction: "Northbound traffic", latitude: 45.1219, longitude: -93.5265),
        Site(description: "Co Rd 19 near St Hwy 55", direction: "Southbound traffic", latitude: 45.0670, longitude: -93.6055),
        Site(description: "Co Rd 30 near Co Rd 116", direction: "Westbound traffic", latitude: 45.0957, longitude: -93.5709),
    ]

    static let squads = ["SQ-101", "SQ-102", "SQ-103", "SQ-104"]

    /// A law enforcement agency the sample agency shares data with, and how often it asks.
    struct SharingPartner {
        let id: String
        let name: String
        let jurisdiction: String
        /// The standing agreement's first and last day, in days before today; nil: none (case by case).
        let fromDaysAgo: Int?
        let untilDaysAgo: Int?
        /// Its share of the searches made for other agencies.
        let weight: Double
    }

    /// A county sheriff and two neighbouring cities with standing agreements, a Wisconsin
    /// sheriff whose agreement ended, and a federal task force served case by case.
    static let sharingPartners: [SharingPartner] = [
        SharingPartner(id: "hennepin-so", name: "Hennepin County Sheriff's Office", jurisdiction: "minnesota",
                       fromDaysAgo: 1900, untilDaysAgo: nil, weight: 35),
        SharingPartner(id: "maple-grove-pd", name: "Maple Grove Police Department", jurisdiction: "minnesota",
                       fromDaysAgo: 1100, untilDaysAgo: nil, weight: 25),
        SharingPartner(id: "rogers-pd", name: "Rogers Police Department", jurisdiction: "minnesota",
                       fromDaysAgo: 700, untilDaysAgo: nil, weight: 15),
        SharingPartner(id: "st-croix-so-wi", name: "St. Croix County Sheriff's Office, Wisconsin", jurisdiction: "other_state",
                       fromDaysAgo: 1300, untilDaysAgo: 40, weight: 15),
        SharingPartner(id: "fbi-safe-streets", name: "FBI Safe Streets Task Force, Minneapolis", jurisdiction: "federal",
                       fromDaysAgo: nil, untilDaysAgo: nil, weight: 10),
    ]

    /// (source_id, name, jurisdiction, public, from (days ago), until (days ago) or nil)
    static let sources: [(String, String, String, Int, Int, Int?)] = [
        ("mn-bca-hotfile", "Minnesota License Plate Data File (BCA)", "state", 1, 2600, nil),
        ("ncic-via-bca", "NCIC Vehicle and Wanted Person Files (via BCA)", "federal", 1, 2600, nil),
        ("hennepin-warrants", "Hennepin County Warrant List", "local", 1, 1500, 50),
        ("ecpd-investigative", "Elm Creek PD Investigative Hot List", "local", 1, 40, nil),
        ("task-force-list", "Regional Task Force Watch List", "local", 0, 900, nil),
    ]

    /// How a search was made, as the vendor's audit log records it: the vendor's id, the
    /// reason typed, the kind of search, how many agencies' data it reached and the oldest
    /// instant searched. Most searches look at this agency's own data, a few reach hundreds or
    /// thousands of agencies; about 3 % have a blank reason; the first search of four days of the
    /// last 60 has a reason holding a word of a reason rule, and that of two days reached back
    /// past the 60 days kept (`daysAgo`: the search's day, counted back from the last).
    static func searchScope(at accessed: Instant, purpose: String, forPartner: Bool, case number: Int, daysAgo: Int,
                            firstOfDay: Bool, random: inout SeededGenerator) -> [SQLValue] {
        let kind = random.weighted([("plate_lookup", 62.0), ("vehicle_search", 18), ("visual", 6), ("freeform", 5),
                                    ("multi_location", 4), ("convoy", 2), ("api", 2), ("other", 1)])
        let networks = random.weighted([(1, 86.0), (random.int(in: 2...10), 6), (random.int(in: 11...100), 4),
                                        (random.int(in: 101...1000), 2.5), (random.int(in: 1001...4800), 1.5)])
        let daysBack = firstOfDay && [12, 41].contains(daysAgo) ? 75 + daysAgo : random.int(in: 1...30)
        let reasons: [String] = switch purpose {
        case "missing_person": ["Missing adult, last seen vehicle", "Endangered missing person", "Welfare check on missing juvenile"]
        case "amber_alert": ["AMBER alert vehicle"]
        case "audit": ["Biennial audit sample", "Supervisor audit of searches"]
        case "other": ["Stolen plates recovered", "Crash follow-up, vehicle left scene", "Training"]
        default: ["Stolen vehicle", "Burglary suspect vehicle", "Hit and run", "Robbery suspect vehicle", "Fraud investigation",
                  "Assault suspect vehicle", "Warrant service", "Catalytic converter thefts", forPartner ? "Request from partner agency" : "Theft from auto"]
        }
        let flagged = ["Stolen vehicle seen near protest at the capitol", "Assist HSI with stolen vehicle ring",
                       "Vandalism at rally on Main St", "Threats to family planning clinic staff"]
        let reason: SQLValue
        if firstOfDay, let index = [5, 19, 33, 47].firstIndex(of: daysAgo) {
            reason = .text(flagged[index])
        } else if random.chance(0.04) {
            reason = random.weighted([(SQLValue.null, 1.0), (.text(""), 1), (.text(" \t"), 1)])
        } else {
            reason = .text(reasons[random.int(in: 0...(reasons.count - 1))])
        }
        return [.text("FLK-\(number)"), reason, .text(kind), .integer(Int64(networks)),
                .text(accessed.adding(seconds: -Int64(daysBack) * 86_400 - Int64(random.int(in: 0...86_399))).description)]
    }
}
