import CSQLite
import Foundation

/// A mapping file checked against the database's own table and made ready to write rows:
/// each rule's column, type and statement parameter, the lookup files read, and the statements
/// that add a row or bring a stored one up to date (docs/vendor-export.md).
struct MappedTable {
    /// How a column stores what a rule gives it, from the type the schema declares.
    enum Affinity { case integer, real, text }

    /// A value ready to bind: decided once (constants, defaults, looked-up words) or per cell.
    enum Stored: Equatable {
        case null
        case integer(Int64)
        case text([UInt8])
    }

    /// One rule, compiled. A class: the rows of a large file read it millions of times, and a
    /// copy of each rule for each cell cost more than the cell's own work.
    final class Plan {
        let rule: ColumnRule
        let affinity: Affinity
        /// The CSV field the rule reads; nil for a constant.
        var field: Int?
        /// The CSV column's name as the mapping writes it, for messages.
        var columnName: String { if case .column(let name) = rule.source { name } else { rule.target } }
        let constant: Stored?
        let defaultValue: Stored??
        /// Words (matched trimmed, in any case) and what they store.
        let words: [String: Stored]
        var clock: WallClock
        /// What a cell stored as it is must look like: the schema's `_at` columns hold UTC
        /// instants and its `_on` columns dates, which a vendor's own text is not.
        let shape: Shape

        enum Shape { case instant, date, free }

        init(rule: ColumnRule, affinity: Affinity, constant: Stored?, defaultValue: Stored??, words: [String: Stored], clock: WallClock) {
            shape = rule.target.hasSuffix("_at") ? .instant : rule.target.hasSuffix("_on") ? .date : .free
            self.rule = rule
            self.affinity = affinity
            self.constant = constant
            self.defaultValue = defaultValue
            self.words = words
            self.clock = clock
        }
    }

    let mapping: TableMapping
    let plans: [Plan]
    /// Positions in `plans` of the key's columns, and of the others.
    let keyPlans: [Int]
    let otherPlans: [Int]
    /// Foreign keys of the table: column, the table it refers to and that table's column.
    let references: [(column: String, table: String, to: String)]
    /// The table's columns, for naming the ones SQLite's messages name.
    let columnNames: [String]
    let upsert: SQLiteStatement?
    let count: SQLiteStatement?
    let insert: SQLiteStatement?
    let update: SQLiteStatement?
    let total: SQLiteStatement

    init(_ mapping: TableMapping, connection: SQLiteConnection, siteZone: TimeZone) throws(PublicLogError) {
        self.mapping = mapping
        func mappingError(_ line: Int, _ problem: String, _ fix: String) -> PublicLogError {
            mapping.failure(line: line, problem, fix: fix)
        }
        guard TableMapping.tables.contains(mapping.table) else {
            throw mappingError(mapping.tableLine, "an import does not fill a table named \(mapping.table)",
                               mapping.table == "acp_request"
                                   ? "Safe at Home requests stay in the vendor's system: the generator never reads them."
                                   : "Name one of: \(TableMapping.tables.joined(separator: ", ")).")
        }
        // The table as the database declares it: columns, types, primary key, unique indexes, references.
        var declared: [(name: String, type: String, pk: Int)] = []
        var uniqueKeys: [Set<String>] = []
        var references: [(String, String, String)] = []
        var kind: (type: String, sql: String)?
        var triggers: [String] = []
        do {
            try connection.forEachRow("SELECT type, sql FROM sqlite_master WHERE name = ?", [.text(mapping.table)]) { row in
                kind = (row.text(0) ?? "", row.text(1) ?? "")
            }
            try connection.forEachRow("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name",
                                      [.text(mapping.table)]) { row in
                if let name = row.text(0) { triggers.append(name) }
            }
            try connection.forEachRow("SELECT name, type, pk FROM pragma_table_info(?)", [.text(mapping.table)]) { row in
                declared.append((row.text(0) ?? "", row.text(1) ?? "", Int(row.integer(2) ?? 0)))
            }
            var uniqueIndexes: [String] = []
            try connection.forEachRow("SELECT name FROM pragma_index_list(?) WHERE \"unique\" = 1", [.text(mapping.table)]) { row in
                if let name = row.text(0) { uniqueIndexes.append(name) }
            }
            for index in uniqueIndexes {
                var columns: Set<String> = []
                try connection.forEachRow("SELECT name FROM pragma_index_info(?)", [.text(index)]) { row in
                    if let name = row.text(0) { columns.insert(name) }
                }
                uniqueKeys.append(columns)
            }
            try connection.forEachRow("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?)", [.text(mapping.table)]) { row in
                references.append((row.text(0) ?? "", row.text(1) ?? "", row.text(2) ?? ""))
            }
        } catch {
            throw PublicLogError("Cannot read the columns of \(mapping.table): \(Ledger.reason(error)). Nothing was imported.")
        }
        guard !declared.isEmpty, let kind else {
            throw mappingError(mapping.tableLine, "the database has no table \(mapping.table)",
                               "Import into an operational database (transparency-gen schema), or a new file.")
        }
        // The import writes the schema's plain tables, as the build reads them: a view or virtual
        // table of that name would take the rows elsewhere, and a trigger would write them on.
        guard kind.type == "table", !kind.sql.uppercased().hasPrefix("CREATE VIRTUAL") else {
            throw PublicLogError("The database's \(mapping.table) is not a plain table (a view or a virtual table): the import writes only the operational schema's own tables. Import into a new file. Nothing was imported.")
        }
        if let trigger = triggers.first {
            throw PublicLogError("The database has a trigger on \(mapping.table) (\(trigger)), which would act on every imported row: the import writes only plain tables. Drop the trigger, or import into a new file. Nothing was imported.")
        }
        self.references = references
        columnNames = declared.map(\.name)
        let primaryKey = declared.filter { $0.pk > 0 }.sorted { $0.pk < $1.pk }.map(\.name)
        uniqueKeys.append(Set(primaryKey))

        // Each rule: a column of the table, with the values it may store checked now.
        var plans: [Plan] = []
        var seen: Set<String> = []
        for rule in mapping.columns {
            guard let column = declared.first(where: { $0.name == rule.target }) else {
                throw mappingError(rule.line, "\(mapping.table) has no column \(rule.target)",
                                   "Its columns are \(declared.map(\.name).joined(separator: ", ")).")
            }
            guard seen.insert(rule.target).inserted else {
                throw mappingError(rule.line, "the column \(rule.target) is mapped twice", "Keep one rule for it.")
            }
            let affinity = Self.affinity(ofDeclared: column.type)
            func stored(_ text: String?, _ what: String, line: Int = rule.line) throws(PublicLogError) -> Stored {
                guard let text else { return .null }
                guard let value = Self.stored(Array(text.utf8), affinity: affinity) else {
                    throw mappingError(line, "\(what) of \(rule.target) is not \(affinity == .integer ? "a whole number" : "a number")",
                                       "\(mapping.table).\(rule.target) holds \(affinity == .integer ? "whole numbers" : "numbers").")
                }
                return value
            }
            var words: [String: Stored] = [:]
            switch rule.conversion {
            case .values(let list):
                for (word, value) in list {
                    guard words.updateValue(try stored(value, "a value of values:"), forKey: ImportContext.key(word)) == nil else {
                        throw mappingError(rule.line, "values: lists one word twice (words are matched trimmed and in any case)",
                                           "Keep one entry for each word.")
                    }
                }
            case .lookup(let file, let name, let match, let value):
                words = try Self.lookup(file: file, name: name, match: match, value: value, rule: "\(mapping.file) line \(rule.line)") { text, line throws(PublicLogError) in
                    guard let text else { return .null }
                    guard let value = Self.stored(Array(text.utf8), affinity: affinity) else {
                        throw ImportFailure.at(name, line: line, column: value, "the value is not \(affinity == .integer ? "a whole number" : "a number"), as \(mapping.table).\(rule.target) needs", fix: "Correct the file.")
                    }
                    return value
                }
            case .date, .time:
                if rule.textCase != nil {
                    throw mappingError(rule.line, "\(rule.target): case: is for text; a date or a time has no case", "Remove case: from this rule.")
                }
            case .none:
                break
            }
            var clock = WallClock.utc
            if case .time(_, let zone) = rule.conversion {
                switch zone {
                case .local: clock = WallClock(zone: siteZone)
                case .utc: clock = .utc
                case .named(let named): clock = WallClock(zone: named)
                }
            }
            var constant: Stored?
            if case .constant(let value) = rule.source { constant = try stored(value, "value:") }
            let defaultValue: Stored?? = try rule.defaultValue.map { (value) throws(PublicLogError) in try stored(value, "default:") }
            // A flag that keeps something private fails closed: a default may only keep it private,
            // so that a word the vendor adds (`Yes`, `No`) never publishes what the agency classified.
            if let flag = Self.privacyFlags[mapping.table], flag.column == rule.target, let value = defaultValue, value == .some(.integer(flag.publicValue)) {
                throw mappingError(rule.line, "\(rule.target): a default: of \(flag.publicValue) would publish every row whose word values: does not list",
                                   "List every word the vendor writes in values: and remove default: (or make it \(1 - flag.publicValue)).")
            }
            plans.append(Plan(rule: rule, affinity: affinity, constant: constant, defaultValue: defaultValue, words: words, clock: clock))
        }

        // The key: the columns the mapping lists, or the primary key, all of them filled by a rule.
        let key = mapping.key ?? primaryKey
        if let listed = mapping.key, listed.isEmpty || Set(listed).count != listed.count {
            throw mappingError(mapping.keyLine, listed.isEmpty ? "key: lists no column" : "key: names a column twice",
                               "List each column that identifies a row once, as key: [reader_id, placed_on].")
        }
        if key.isEmpty {
            throw mappingError(mapping.tableLine, "the database's \(mapping.table) has no primary key to tell a new row from a stored one",
                               "List with key: the columns that identify a row, or import into a new file (with the schema's primary keys).")
        }
        for column in key where !seen.contains(column) {
            if mapping.key == nil {
                throw mappingError(mapping.tableLine, "the mapping does not fill \(mapping.table)'s primary key \(column), which tells a new row from one already stored",
                                   "Map \(column) from the export's id, or list with key: the columns that identify a row (as key: [reader_id, placed_on]).")
            }
            throw mappingError(mapping.keyLine, "key: names \(column), which no rule fills", "Map \(column), or leave it out of key:.")
        }
        let keyPlans = key.compactMap { column in plans.firstIndex { $0.rule.target == column } }
        let otherPlans = plans.indices.filter { !keyPlans.contains($0) }
        self.keyPlans = keyPlans
        self.otherPlans = otherPlans
        self.plans = plans

        // The statements. Parameter n is plans[n - 1]'s value.
        let quoted = Self.quoted
        let table = quoted(mapping.table)
        let names = plans.map { quoted($0.rule.target) }
        func parameter(_ plan: Int) -> String { "?\(plan + 1)" }
        let keyMatch = keyPlans.map { "\(names[$0]) IS \(parameter($0))" }.joined(separator: " AND ")
        let changed = otherPlans.map { "\(names[$0]) IS NOT \(parameter($0))" }.joined(separator: " OR ")
        let values = plans.indices.map(parameter).joined(separator: ", ")
        do {
            total = try connection.prepare("SELECT count(*) FROM \(table)")
            if uniqueKeys.contains(Set(key)) {
                // A key the database keeps unique: one statement adds a row or updates it.
                let conflict = "ON CONFLICT (\(keyPlans.map { names[$0] }.joined(separator: ", ")))"
                let action = otherPlans.isEmpty ? "DO NOTHING"
                    : "DO UPDATE SET \(otherPlans.map { "\(names[$0]) = excluded.\(names[$0])" }.joined(separator: ", ")) WHERE \(otherPlans.map { "\(names[$0]) IS NOT excluded.\(names[$0])" }.joined(separator: " OR "))"
                upsert = try connection.prepare("INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(values)) \(conflict) \(action)")
                count = nil
                insert = nil
                update = nil
            } else {
                upsert = nil
                count = try connection.prepare("SELECT count(*) FROM \(table) WHERE \(keyMatch)")
                insert = try connection.prepare("INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(values))")
                update = otherPlans.isEmpty ? nil : try connection.prepare(
                    "UPDATE \(table) SET \(otherPlans.map { "\(names[$0]) = \(parameter($0))" }.joined(separator: ", ")) WHERE \(keyMatch) AND (\(changed))")
            }
        } catch {
            throw PublicLogError("Cannot prepare the import into \(mapping.table): \(error.message). Nothing was imported.")
        }
    }

    /// The columns whose value keeps a row out of everything published, by table, and the value
    /// that publishes it.
    static let privacyFlags: [String: (column: String, publicValue: Int64)] = [
        "reader_location": ("security_information", 0),
        "comparison_source": ("existence_public", 1),
    ]

    /// Whether `plan` fills one of `privacyFlags`.
    func isPrivacyFlag(_ plan: Plan) -> Bool { Self.privacyFlags[mapping.table]?.column == plan.rule.target }

    /// A table's or column's name as SQL writes it: in double quotes, each quote doubled.
    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func affinity(ofDeclared type: String) -> Affinity {
        // SQLite's rules of type affinity (§3.1 of its data types page), as far as the schema needs.
        let type = type.uppercased()
        if type.contains("INT") { return .integer }
        if type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB") { return .real }
        return .text
    }

    /// `text` as a column of `affinity` stores it: a whole number as an integer, a decimal
    /// number as its text (SQLite converts it as `CAST` would); nil when it is not such a number.
    static func stored(_ text: [UInt8], affinity: Affinity) -> Stored? {
        text.withUnsafeBufferPointer { buffer in
            switch affinity {
            case .integer: CellText.integer(buffer).map(Stored.integer)
            case .real: CellText.isDecimal(buffer) ? .text(text) : nil
            case .text: .text(text)
            }
        }
    }

    /// A lookup file's words (its `match` column, trimmed, in any case) and what each stores.
    private static func lookup(file: String, name: String, match: String, value: String, rule: String,
                               _ store: (String?, Int) throws(PublicLogError) -> Stored) throws(PublicLogError) -> [String: Stored] {
        // A lookup file is a small file the records unit keeps: a device or a pipe would never end.
        let type = (try? FileManager.default.attributesOfItem(atPath: file)[.type]) as? FileAttributeType
        guard type == .typeRegular, let handle = FileHandle(forReadingAtPath: file) else {
            throw PublicLogError("\(rule): cannot read \(name), the rule's lookup file. Check its name (a path relative to the mapping file) and permissions. Nothing was imported.")
        }
        var records = CSVRecords(reading: handle)
        func failure(_ line: Int, column: String? = nil, _ problem: String, _ fix: String) -> PublicLogError {
            ImportFailure.at(name, line: line, column: column, problem, fix: fix)
        }
        guard let header = records.next() else {
            throw failure(records.malformed?.line ?? 1, records.malformed?.problem ?? "the file is empty", "The first line names the columns.")
        }
        let keys = header.fields.map(ImportContext.key)
        guard let matchIndex = keys.firstIndex(of: ImportContext.key(match)) else {
            throw failure(1, column: match, "the header has no such column", "Check lookup:'s match: against the file's first line.")
        }
        guard let valueIndex = keys.firstIndex(of: ImportContext.key(value)) else {
            throw failure(1, column: value, "the header has no such column", "Check lookup:'s value: against the file's first line.")
        }
        var words: [String: Stored] = [:]
        while let record = records.next() {
            if record.fields == [""] { continue }
            guard record.fields.count == header.fields.count else {
                throw failure(record.line, "the row has \(record.fields.count) fields and the header \(header.fields.count)",
                              "A field holding a comma must be in double quotes.")
            }
            let word = ImportContext.key(record.fields[matchIndex])
            guard !word.isEmpty else { continue }
            let text = record.fields[valueIndex].trimmingCharacters(in: .whitespacesAndNewlines)
            let stored = try store(text.isEmpty ? nil : text, record.line)
            if let earlier = words[word], earlier != stored {
                throw failure(record.line, column: match, "the word is listed on an earlier line with another value", "Keep one line for each word.")
            }
            words[word] = stored
        }
        if let malformed = records.malformed { throw failure(malformed.line, malformed.problem, "Save the file as CSV.") }
        return words
    }
}
