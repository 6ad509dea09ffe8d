import CSQLite
import Foundation

extension MappedTable {
    /// A row's value for one parameter: bytes of `rowBytes`, a whole number, or NULL.
    enum Bound {
        case null
        case integer(Int64)
        case text(Range<Int>)
    }

    /// The rows in the table now (the summary's rows added are the difference).
    func rowCount() throws(PublicLogError) -> Int {
        do throws(SQLiteFailure) {
            defer { sqlite3_reset(total.handle) }
            guard try total.step() else { return 0 }
            return Int(sqlite3_column_int64(total.handle, 0))
        } catch {
            throw PublicLogError("Cannot count the rows of \(mapping.table): \(error.message). Nothing was imported.")
        }
    }

    /// Writes each row of the CSV file `records` (named `name` in messages) into the table;
    /// counts the rows read and the rows added or changed.
    func importRows(of name: String, _ records: inout CSVRecords, rowsRead: inout Int, changes: inout Int,
                             progress: ((Int) -> Void)?) throws(PublicLogError) {
        func failure(_ line: Int, column: String? = nil, _ problem: String, _ fix: String) -> PublicLogError {
            ImportFailure.at(name, line: line, column: column, problem, fix: fix)
        }
        guard let header = records.next() else {
            if let malformed = records.malformed { throw failure(malformed.line, malformed.problem, ImportFailure.csvFix) }
            throw failure(1, "the file is empty", "The first line names the columns.")
        }
        let names = header.fields.map(ImportContext.key)
        for index in plans.indices {
            guard case .column(let column) = plans[index].rule.source else { continue }
            let matches = names.indices.filter { names[$0] == ImportContext.key(column) }
            guard matches.count == 1 else {
                throw failure(1, column: column, matches.isEmpty ? "the header has no such column" : "the header names this column twice",
                              "Check the column's name in \(mapping.file) (line \(plans[index].rule.line)) against the file's first line.")
            }
            plans[index].field = matches[0]
        }
        var rowBytes: [UInt8] = []
        var bound = [Bound](repeating: .null, count: plans.count)
        while records.advance() {
            if records.isBlankLine { continue }
            guard records.fieldCount == names.count else {
                throw failure(records.recordLine, "the row has \(records.fieldCount) fields and the header \(names.count)",
                              "A field holding a comma or a line break must be in double quotes; export the file again.")
            }
            rowsRead += 1
            if rowsRead % VendorImport.progressEvery == 0 { progress?(rowsRead) }
            rowBytes.removeAll(keepingCapacity: true)
            let problem: (Plan, CellProblem)? = records.fieldBytes.withUnsafeBufferPointer { bytes in
                for (index, plan) in plans.enumerated() {
                    if let problem = fill(&bound[index], plan: plan, from: bytes, records, into: &rowBytes) { return (plan, problem) }
                }
                return nil
            }
            if let (plan, problem) = problem {
                throw failure(records.recordLine, column: plan.columnName, problem.problem, problem.fix)
            }
            // A row without its key could be neither found again nor told from another: an
            // INTEGER key would become a new row id on every import, a TEXT one a NULL id.
            for index in keyPlans {
                guard case .null = bound[index] else { continue }
                throw failure(records.recordLine, column: plans[index].columnName,
                              "the cell is empty, and \(mapping.table).\(plans[index].rule.target) identifies the row",
                              "Every row needs its key; correct the file, or leave the row out.")
            }
            changes += try write(bound, rowBytes) { (problem, fix) in failure(records.recordLine, problem, fix) }
        }
        if let malformed = records.malformed { throw failure(malformed.line, malformed.problem, ImportFailure.csvFix) }
    }

    private struct CellProblem {
        let problem: String
        let fix: String
    }

    /// The value `plan` gives for the current record; a problem (never the cell's value) when the cell does not fit.
    private func fill(_ bound: inout Bound, plan: Plan, from bytes: UnsafeBufferPointer<UInt8>, _ records: CSVRecords,
                      into rowBytes: inout [UInt8]) -> CellProblem? {
        func store(_ value: Stored) -> Bound {
            switch value {
            case .null: return .null
            case .integer(let number): return .integer(number)
            case .text(let text):
                let start = rowBytes.count
                rowBytes.append(contentsOf: text)
                return .text(start..<rowBytes.count)
            }
        }
        func append(_ text: UnsafeBufferPointer<UInt8>) -> Bound {
            let start = rowBytes.count
            rowBytes.append(contentsOf: text)
            return .text(start..<rowBytes.count)
        }
        func cased(_ value: Bound) -> Bound {
            guard let textCase = plan.rule.textCase, case .text(let range) = value else { return value }
            return .text(CellText.changeCase(&rowBytes, range: range, to: textCase))
        }
        func needs() -> String { "as \(mapping.table).\(plan.rule.target) needs" }
        guard let field = plan.field else {
            bound = cased(store(plan.constant ?? .null))
            return nil
        }
        let cell = CellText.trimmed(records.range(ofField: field), in: bytes)
        let text = UnsafeBufferPointer(rebasing: bytes[cell])
        if cell.isEmpty {
            bound = plan.defaultValue.map { cased(store($0 ?? .null)) } ?? .null
            return nil
        }
        switch plan.rule.conversion {
        case .none:
            switch plan.affinity {
            case .integer:
                guard let number = CellText.integer(text) else {
                    return CellProblem(problem: "the cell is not a whole number, \(needs())", fix: "Correct the file, or map another column.")
                }
                bound = .integer(number)
            case .real:
                guard CellText.isDecimal(text) else {
                    return CellProblem(problem: "the cell is not a number such as 45.0712, \(needs())", fix: "Correct the file, or map another column.")
                }
                bound = append(text)
            case .text:
                switch plan.shape {
                case .instant where !Instant.isCanonical(UnsafeRawBufferPointer(text)):
                    return CellProblem(problem: "the cell is not a UTC time written YYYY-MM-DDTHH:MM:SSZ, as \(mapping.table).\(plan.rule.target) holds",
                                       fix: "Give the rule time: with the format of the vendor's times and zone: (docs/vendor-export.md).")
                case .date where !CellText.isISODate(text):
                    return CellProblem(problem: "the cell is not a date written YYYY-MM-DD, as \(mapping.table).\(plan.rule.target) holds",
                                       fix: "Give the rule date: with the format of the vendor's dates (docs/vendor-export.md).")
                default:
                    bound = cased(append(text))
                }
            }
        case .date(let format):
            guard let (date, _) = format.read(text) else {
                return CellProblem(problem: "the cell is not a date of the format \(format.pattern), or names a day that does not exist",
                                   fix: "Correct the file, or the format (docs/vendor-export.md).")
            }
            let start = rowBytes.count
            CellText.append(date, to: &rowBytes)
            bound = .text(start..<rowBytes.count)
        case .time(let format, _):
            guard let (date, second) = format.read(text) else {
                return CellProblem(problem: "the cell is not a time of the format \(format.pattern), or names a day or time that does not exist",
                                   fix: "Correct the file, or the format (docs/vendor-export.md).")
            }
            let instant = plan.clock.instant(date, secondOfDay: second)
            // 12/31/9999 23:59 in Chicago is already year 10000 in UTC, which no column can hold.
            guard (1...9999).contains(LocalDate(dayNumber: instant.day).year) else {
                return CellProblem(problem: "once in UTC the time falls outside the years 0001 to 9999 (a vendor's “no end” such as 12/31/9999?)",
                                   fix: "Leave the cell empty where there is no end, or correct it.")
            }
            let start = rowBytes.count
            CellText.append(instant, to: &rowBytes)
            bound = .text(start..<rowBytes.count)
        case .values, .lookup:
            let word = ImportContext.key(String(decoding: text, as: UTF8.self))
            if let value = plan.words[word] ?? plan.defaultValue.map({ $0 ?? .null }) {
                bound = cased(store(value))
                return nil
            }
            if case .lookup(_, let name, _, _) = plan.rule.conversion {
                return CellProblem(problem: "the cell holds a word \(name) does not list",
                                   fix: "Add it to \(name), or give the rule (\(mapping.file) line \(plan.rule.line)) a default:.")
            }
            return CellProblem(problem: "the cell holds a word values: does not list",
                               fix: isPrivacyFlag(plan)
                                   ? "Add it to values: (\(mapping.file) line \(plan.rule.line)) with what it means: this flag keeps rows out of what is published."
                                   : "Add it to values: (\(mapping.file) line \(plan.rule.line)), or give the rule a default:.")
        }
        return nil
    }

    /// Adds the row, or brings the stored row of its key up to date; returns the rows changed (0 or 1).
    private func write(_ bound: [Bound], _ rowBytes: [UInt8],
                       _ failure: (String, String) -> PublicLogError) throws(PublicLogError) -> Int {
        let connection = sqlite3_db_handle(total.handle)
        func run(_ statement: SQLiteStatement) throws(PublicLogError) -> Bool {
            let handle = statement.handle
            sqlite3_reset(handle)
            let parameters = Int(sqlite3_bind_parameter_count(handle))
            rowBytes.withUnsafeBufferPointer { bytes in
                for (index, value) in bound.prefix(parameters).enumerated() {
                    let parameter = Int32(index + 1)
                    switch value {
                    case .null: sqlite3_bind_null(handle, parameter)
                    case .integer(let number): sqlite3_bind_int64(handle, parameter, number)
                    case .text(let range):
                        // An empty text still needs a non-null pointer, or SQLite binds NULL.
                        let start = bytes.baseAddress.map { UnsafeRawPointer($0 + range.lowerBound) } ?? UnsafeRawPointer(bitPattern: 1)
                        sqlite3_bind_text(handle, parameter, start?.assumingMemoryBound(to: CChar.self), Int32(range.count), sqliteTransient)
                    }
                }
            }
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            default:
                let error = SQLiteFailure(code: sqlite3_extended_errcode(connection), message: String(cString: sqlite3_errmsg(connection)))
                sqlite3_reset(handle)
                throw constraintFailure(error, bound, rowBytes, failure)
            }
        }
        if let upsert {
            _ = try run(upsert)
            return Int(sqlite3_changes(connection))
        }
        guard let count, let insert else { return 0 }
        _ = try run(count)
        let stored = sqlite3_column_int64(count.handle, 0)
        sqlite3_reset(count.handle)
        switch stored {
        case 0:
            _ = try run(insert)
            return 1
        case 1:
            guard let update else { return 0 }
            _ = try run(update)
            return Int(sqlite3_changes(connection))
        default:
            let key = keyPlans.map { plans[$0].rule.target }.joined(separator: ", ")
            throw failure("the database holds \(stored) rows of \(mapping.table) with this row's \(key)",
                          "List more columns in key: (\(mapping.file) line \(mapping.keyLine)), so that one row has one key.")
        }
    }

    /// What a failed write says, by the kind of SQLite's failure and the columns it names; never
    /// SQLite's message itself, which may quote a value.
    private func constraintFailure(_ error: SQLiteFailure, _ bound: [Bound], _ rowBytes: [UInt8],
                                   _ failure: (String, String) -> PublicLogError) -> PublicLogError {
        guard error.code & 0xFF == SQLITE_CONSTRAINT else {
            // A trigger or a function can put a row's value in SQLite's message: only its code is said.
            return PublicLogError("Cannot import into \(mapping.table): writing a row failed (SQLite error \(error.code)). Nothing was imported.")
        }
        // The table's columns that SQLite's message names (it names columns, or a CHECK's text).
        let words = Set(error.message.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
        let named = columnNames.filter(words.contains).map { column in
            guard let plan = plans.first(where: { $0.rule.target == column }) else { return "\(column) (which the mapping leaves out)" }
            return plan.field == nil ? column : "\(column) (from \(plan.columnName))"
        }
        let columns = named.isEmpty ? "" : ": \(named.joined(separator: ", "))"
        // SQLite's extended codes (C macros Swift does not import).
        switch error.code {
        case 787:
            let missing = missingReferences(bound, rowBytes)
            let refers = (missing.isEmpty ? references.map { ($0.column, $0.table) } : missing)
                .map { "\($0.0) → \($0.1)" }.joined(separator: ", ")
            return failure("the row refers to a row that is not stored (\(refers))",
                           "Import the table it refers to first (readers, hot lists and reads before what refers to them), or correct the file.")
        case 275:
            return failure("a value is not one the schema allows\(columns)",
                           "Map the vendor's words to the schema's values with values: (transparency-gen schema lists them).")
        case 1299:
            return failure("a value the schema requires is empty\(columns)", "Fill the cell, give the rule a default:, or map the column.")
        case 1555, 2067:
            return failure("another row already has this row's unique value\(columns)",
                           "Each row needs its own id; check the mapping's key.")
        default:
            return failure("the row could not be stored (SQLite error \(error.code)\(columns))",
                           "Check the row against the operational schema (transparency-gen schema).")
        }
    }

    /// The references of the row whose row is not stored: each mapped column that refers to
    /// another table, looked up there with the row's value.
    private func missingReferences(_ bound: [Bound], _ rowBytes: [UInt8]) -> [(String, String)] {
        let connection = sqlite3_db_handle(total.handle)
        return references.filter { reference in
            guard let index = plans.firstIndex(where: { $0.rule.target == reference.column }) else { return false }
            var statement: OpaquePointer?
            let parent = Self.quoted(reference.table)
            let column = reference.to.isEmpty ? "rowid" : Self.quoted(reference.to)
            guard sqlite3_prepare_v2(connection, "SELECT 1 FROM \(parent) WHERE \(column) = ?", -1, &statement, nil) == SQLITE_OK,
                  let statement else { return false }
            defer { sqlite3_finalize(statement) }
            switch bound[index] {
            case .null: return false
            case .integer(let number): sqlite3_bind_int64(statement, 1, number)
            case .text(let range):
                sqlite3_bind_text(statement, 1, String(decoding: rowBytes[range], as: UTF8.self), -1, sqliteTransient)
            }
            return sqlite3_step(statement) != SQLITE_ROW
        }.map { ($0.column, $0.table) }
    }
}
