import PublicLog

/// One column of a data file as the data dictionary describes it.
struct DataColumn: Sendable {
    let name: String
    let type: String
    let meaning: String
    /// What a number counts or measures; empty for text and dates.
    var unit = ""
    /// The part of Minn. Stat. 13.824 that requires the column; empty where the agency publishes it by choice.
    var law = ""
}

/// A column of a CSV file of rows of type `Row`: its dictionary entry and its value in a row,
/// declared together so that the header and the dictionary cannot disagree.
struct CSVColumn<Row> {
    let column: DataColumn
    let value: (Row) -> String

    init(_ name: String, _ type: String, _ meaning: String, unit: String = "", law: String = "",
         _ value: @escaping (Row) -> String) {
        column = DataColumn(name: name, type: type, meaning: meaning, unit: unit, law: law)
        self.value = value
    }
}

/// A file under `data/`, declared once: where it is published, what the data page says of it
/// (its title is the message `data_file.NAME.title` of the catalogs),
/// its columns, and how it is made from the portal. The CSV header, the data dictionary and
/// the list of files the figures digest covers are all derived from these declarations.
struct DataFile: Sendable {
    /// The path in the output, e.g. `data/public-log.csv`.
    let path: String
    let about: String
    let columns: [DataColumn]
    /// Its bytes are public figures read from the operational database: a change in them is a
    /// change of figures (see `PublicationPlanner.figuresDigest`).
    let holdsFigures: Bool
    /// Makes the file's text; nil for a file the renderer writes itself (`summary.json`).
    let make: (@Sendable (Portal) -> String)?

    /// The file name, as the data page names and links it.
    var fileName: String { String(path.split(separator: "/").last ?? "") }

    /// The id of its section on the data page.
    var anchor: String { fileName.replacingOccurrences(of: ".", with: "-") }

    /// A CSV file (RFC 4180, see `CSVTable`) with one row per element of `rows`.
    static func csv<Row>(_ path: String, about: String, holdsFigures: Bool,
                         rows: @escaping @Sendable (Portal) -> [Row], columns: [CSVColumn<Row>]) -> DataFile {
        nonisolated(unsafe) let columns = columns
        return DataFile(path: path, about: about, columns: columns.map(\.column), holdsFigures: holdsFigures) { portal in
            var table = CSVTable(header: columns.map(\.column.name))
            for row in rows(portal) { table.append(columns.map { $0.value(row) }) }
            return table.text
        }
    }

    /// A file of another format, made by `make`, or written by the renderer when `make` is nil.
    static func other(_ path: String, about: String, holdsFigures: Bool = false,
                      make: (@Sendable (Portal) -> String)?) -> DataFile {
        DataFile(path: path, about: about, columns: [], holdsFigures: holdsFigures, make: make)
    }
}
