import Foundation
import PublicLog

/// What a column holds, as the data dictionary names it: the message `data.type.NAME` of the
/// catalogs, or for `oneOf` its codes (a contract, so in English) joined by the language's "or".
enum ColumnType: Sendable, Equatable {
    case text, wholeNumber, number, date, dateTime, month, degrees, code
    /// One of a few codes, listed as the type: `fixed, portable or mobile`.
    case oneOf([String])

    /// Its message's id; nil for `oneOf`, which lists its codes instead.
    var messageName: String? {
        switch self {
        case .text: "text"
        case .wholeNumber: "whole_number"
        case .number: "number"
        case .date: "date"
        case .dateTime: "date_time"
        case .month: "month"
        case .degrees: "degrees"
        case .code: "code"
        case .oneOf: nil
        }
    }

    static let named: [ColumnType] = [.text, .wholeNumber, .number, .date, .dateTime, .month, .degrees, .code]
}

/// One column of a data file as the data dictionary describes it. Its words are messages of
/// the catalogs whose ids derive from the file and the column (see `MessageID.dataColumn`), so
/// a new column asks for its explanation in every language.
struct DataColumn: Sendable {
    /// Its name in the file's header (a contract, in English).
    let name: String
    let type: ColumnType
    /// What a number counts or measures (the message `data.unit.UNIT`); empty for text and dates.
    let unit: String
    /// The part of Minn. Stat. 13.824 that requires the column; empty where the agency publishes it by choice.
    let law: String
    /// Codes its meaning lists as `{codes}`, in the order they sort.
    let codes: [String]
    /// A sentence the dictionary adds after its meaning (the unknown-count note of the figures).
    let note: MessageID.Fixed?
}

/// A column of a CSV file of rows of type `Row`: its dictionary entry and its value in a row,
/// declared together so that the header and the dictionary cannot disagree.
struct CSVColumn<Row> {
    let column: DataColumn
    let value: (Row) -> String

    init(_ name: String, _ type: ColumnType, unit: String = "", law: String = "", codes: [String] = [],
         note: MessageID.Fixed? = nil, _ value: @escaping (Row) -> String) {
        column = DataColumn(name: name, type: type, unit: unit, law: law,
                            codes: codes.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }, note: note)
        self.value = value
    }
}

/// A file under `data/`, declared once: where it is published, its columns, and how it is made
/// from the portal. Its title and what the data page says of it are the messages
/// `data_file.KEY.title` and `data_file.KEY.about` of the catalogs. The CSV header, the data
/// dictionary and the list of files the figures digest covers are all derived from these declarations.
struct DataFile: Sendable {
    /// The path in the output, e.g. `data/public-log.csv`.
    let path: String
    let columns: [DataColumn]
    /// Its bytes are public figures read from the operational database: a change in them is a
    /// change of figures (see `PublicationPlanner.FiguresDigest`).
    let holdsFigures: Bool
    /// Made with the portal's publications (the portal phase of `PublicationOutputs`), not
    /// from the figures alone: the files that name this publication and the ones before.
    var needsPublications = false
    /// Makes the file's bytes from the portal, handing them piece by piece to the consumer it
    /// is given; nil for a file the renderer writes itself (`summary.json`).
    let make: (@Sendable (Portal, _ consume: (Data) throws -> Void) throws -> Void)?

    /// The file made from `portal`, as a stream of its bytes; nil for one the renderer writes itself.
    func file(_ portal: Portal) -> OutputFile? {
        guard let make else { return nil }
        return OutputFile(path: path) { consume in try make(portal, consume) }
    }

    /// The file name, as the data page names it.
    var fileName: String { Self.fileName(of: path) }

    /// The same file made with the portal's publications.
    func withPublications() -> DataFile {
        var file = self
        file.needsPublications = true
        return file
    }

    /// The id of its section on the data page.
    var anchor: String { Self.anchor(of: path) }

    /// Its name in message ids: `searches-by-day.csv` is `searches_by_day_csv`.
    var messageKey: String { Self.messageKey(of: path) }

    /// The names of a data file at `path`, whatever kind of site publishes it (a portal's
    /// `DataFile`s, the index's tables): its file name, its section's id, its key in message ids.
    static func fileName(of path: String) -> String { String(path.split(separator: "/").last ?? "") }
    static func anchor(of path: String) -> String { fileName(of: path).replacingOccurrences(of: ".", with: "-") }
    static func messageKey(of path: String) -> String { anchor(of: path).replacingOccurrences(of: "-", with: "_") }

    /// How many bytes of a CSV file are made before they are handed on.
    static let csvPiece = 1 << 20

    /// A CSV file (RFC 4180, see `CSVTable`) with one row per element of `rows`, handed on in
    /// pieces of about `csvPiece` bytes.
    static func csv<Row>(_ path: String, holdsFigures: Bool,
                         rows: @escaping @Sendable (Portal) -> [Row], columns: [CSVColumn<Row>]) -> DataFile {
        nonisolated(unsafe) let columns = columns
        return DataFile(path: path, columns: columns.map(\.column), holdsFigures: holdsFigures) { portal, consume in
            var table = CSVTable(header: columns.map(\.column.name))
            for row in rows(portal) {
                table.append(columns.map { $0.value(row) })
                if table.count >= csvPiece { try consume(table.takeData()) }
            }
            try consume(table.takeData())
        }
    }

    /// A file of another format, made by `make`, or written by the renderer when `make` is nil.
    static func other(_ path: String, holdsFigures: Bool = false, make: (@Sendable (Portal) -> String)?) -> DataFile {
        guard let make else { return DataFile(path: path, columns: [], holdsFigures: holdsFigures, make: nil) }
        return DataFile(path: path, columns: [], holdsFigures: holdsFigures) { @Sendable portal, consume in
            try consume(Data(make(portal).utf8))
        }
    }
}
