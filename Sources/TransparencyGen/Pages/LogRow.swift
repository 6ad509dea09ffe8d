import Mustache
import PublicLog

/// One row of a log table as the templates see it. The log is most of the site's pages, and
/// a fixed set of fields found by a `switch` renders faster than a dictionary per row (the
/// render stage of the reference workload went from 12.6 s to 11.2 s); the names are the same.
struct LogRow: MustacheParent {
    let figures: [String]?
    let periodID: String
    let readerLabel: String
    let readerHref: String
    let readerKind: String
    let partner: Bool
    let location: String?
    let startISO: String
    let endISO: String
    let start: String
    let end: String
    let duration: String
    let databasesKey: String

    static let figureNames = ["plates", "reads", "stolen", "warrant", "license", "investigation", "other"]

    func child(named name: String) -> Any? {
        switch name {
        case "period_id": periodID
        case "reader_label": readerLabel
        case "reader_href": readerHref
        case "reader_kind": readerKind
        case "partner": partner
        case "location": location.orAbsent
        case "start_iso": startISO
        case "end_iso": endISO
        case "start": start
        case "end": end
        case "duration": duration
        case "databases_key": databasesKey
        case "known": figures != nil
        case "plates": figures?[0]
        case "reads": figures?[1]
        case "stolen": figures?[2]
        case "warrant": figures?[3]
        case "license": figures?[4]
        case "investigation": figures?[5]
        case "other": figures?[6]
        default: nil
        }
    }
}
