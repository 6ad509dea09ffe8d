import Foundation
import PublicLog
import Yams

/// Reads a mapping file of `import csv --mapping` (docs/vendor-export.md): the table it fills
/// and where each column comes from. Every error names the mapping file's line. Whether the
/// table and its columns exist is the database's to say (PublicLog checks it on import).
public enum MappingFile {
    /// The mapping at `url`, named `name` in messages.
    public static func load(_ url: URL, name: String) throws(GeneratorError) -> TableMapping {
        // A CSV given as the mapping would have its cells quoted back in YAML's messages.
        guard !["csv", "txt", "tsv"].contains(url.pathExtension.lowercased()) else {
            throw GeneratorError("--mapping takes the YAML file that says where each column comes from, and \(name) looks like a data file: give the mapping file first (--mapping reads.yaml reads.csv). Nothing was imported.")
        }
        do {
            return try read(url, name: name)
        } catch {
            let ending = " Nothing was imported."
            throw error.message.hasSuffix(ending) ? error : GeneratorError(error.message + ending, kind: error.kind)
        }
    }

    private static func read(_ url: URL, name: String) throws(GeneratorError) -> TableMapping {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw GeneratorError("Cannot read the mapping file \(name): check its name and permissions (it must be UTF-8 text). Nothing was imported.")
        }
        let fields = try YAMLFields.parse(text, file: name, lineOffset: 0)
        try fields.rejectUnknownKeys(["table", "key", "columns"])
        guard let table = try fields.optionalText("table") else {
            throw .at(name, line: fields.line(of: fields.value("table")) ?? 1, "there is no `table:`",
                      fix: "Add a first line `table: reader` naming the table the CSV fills.")
        }
        let key = try fields.optionalTextList("key")
        guard let columnsNode = fields.value("columns"), case .mapping(let columns) = columnsNode, !columns.isEmpty else {
            throw .at(name, line: fields.line(of: fields.value("columns")) ?? 1, "there is no `columns:` mapping of the table's columns",
                      fix: "Add `columns:` and, indented under it, one line per column: `reader_id: CameraID`.")
        }
        let folder = url.deletingLastPathComponent()
        var rules: [ColumnRule] = []
        for (targetNode, ruleNode) in columns {
            let line = targetNode.mark?.line ?? fields.line(of: ruleNode) ?? 1
            guard let target = targetNode.string?.trimmingCharacters(in: .whitespaces), !target.isEmpty else {
                throw .at(name, line: line, "a column's name is empty", fix: "Write `column_name: Source`.")
            }
            rules.append(try rule(target, ruleNode, line: line, file: name, folder: folder))
        }
        return TableMapping(file: name, table: table, tableLine: fields.line(of: fields.value("table")) ?? 1,
                            key: key?.map(\.text), keyLine: fields.line(of: fields.value("key")) ?? 1, columns: rules)
    }

    private static let ruleFields = ["column", "value", "date", "time", "zone", "values", "lookup", "default", "case"]

    private static func rule(_ target: String, _ node: Node, line: Int, file: String, folder: URL) throws(GeneratorError) -> ColumnRule {
        func failure(_ problem: String, _ fix: String) -> GeneratorError {
            .at(file, line: line, "\(target): \(problem)", fix: fix)
        }
        // `reader_id: CameraID`: the CSV column of that name.
        if case .scalar(let scalar) = node {
            let column = scalar.string.trimmingCharacters(in: .whitespaces)
            guard !column.isEmpty else { throw failure("no CSV column is named", "Write the CSV column's header name, or {value: …} for a constant.") }
            return ColumnRule(target: target, line: line, source: .column(column), conversion: .none, textCase: nil, defaultValue: nil)
        }
        let fields = try YAMLFields(file: file, node: node, lineOffset: 0)
        try fields.rejectUnknownKeys(ruleFields)
        let has = Set(fields.keys)
        let source: ColumnRule.Source
        switch (try fields.optionalText("column"), has.contains("value")) {
        case (let column?, false): source = .column(column)
        case (nil, true): source = .constant(try fields.optionalText("value"))
        case (_?, true): throw failure("the rule has both column: and value:", "Give one source: a CSV column, or a constant value.")
        case (nil, false): throw failure("the rule names no source", "Add column: with the CSV column's name, or value: with a constant.")
        }
        let conversions = ["date", "time", "values", "lookup"].filter(has.contains)
        guard conversions.count <= 1 else {
            throw failure("the rule has both \(conversions[0]): and \(conversions[1]):", "Give one of date:, time:, values: or lookup:.")
        }
        if case .constant = source, let conversion = conversions.first {
            throw failure("a value: is stored as written, so \(conversion): has nothing to read", "Write the value as the schema stores it, or read a column.")
        }
        if has.contains("zone"), conversions.first != "time" {
            throw failure("zone: belongs to a time: rule", "Remove zone:, or add time: with the format of the times.")
        }
        func format(_ key: String) throws(GeneratorError) -> CellFormat {
            let pattern = try fields.text(key, example: key == "date" ? "MM/dd/yyyy" : "MM/dd/yyyy HH:mm:ss")
            do {
                return try CellFormat(pattern)
            } catch {
                throw failure("the format of \(key): is not one the import reads: \(error.description)",
                              "Formats are written like MM/dd/yyyy or M/d/yyyy h:mm:ss a (docs/vendor-export.md).")
            }
        }
        var conversion = ColumnRule.Conversion.none
        switch conversions.first {
        case "date":
            conversion = .date(try format("date"))
        case "time":
            let cellFormat = try format("time")
            guard cellFormat.hasTime else {
                throw failure("the time: format has no hour", "Add the hour (HH, or h with a), or use date: for a date.")
            }
            guard let zoneText = try fields.optionalText("zone") else {
                throw failure("a time: rule needs zone:", "Add zone: local (the site's time_zone), zone: UTC, or a zone name such as America/Chicago.")
            }
            conversion = .time(cellFormat, zone: try zone(zoneText, failure))
        case "values":
            guard let node = fields.value("values"), case .mapping(let list) = node else {
                throw failure("values: is not a list of words", "Write values: {Vendor word: schema value, …}, or one `Word: value` line each.")
            }
            var words: [String: String?] = [:]
            for (word, value) in list {
                guard let text = word.string, case .scalar(let scalar) = value else {
                    throw failure("values: is not a list of words", "Write values: {Vendor word: schema value, …}.")
                }
                words[text] = Self.isNull(scalar) ? nil : scalar.string
            }
            conversion = .values(words)
        case "lookup":
            guard let lookup = try fields.nested("lookup") else { throw failure("lookup: is empty", "Write lookup: {file: …, match: …, value: …}.") }
            try lookup.rejectUnknownKeys(["file", "match", "value"])
            func part(_ key: String, _ example: String) throws(GeneratorError) -> String {
                guard let text = try lookup.optionalText(key) else {
                    throw failure("lookup: has no \(key):", "Write lookup: {file: agency_names.csv, match: ExportName, value: AgencyID}, with \(key): \(example).")
                }
                return text
            }
            let lookupFile = try part("file", "the second CSV file")
            conversion = .lookup(file: URL(fileURLWithPath: lookupFile, relativeTo: folder).standardizedFileURL.path, name: lookupFile,
                                 match: try part("match", "its column of the vendor's words"), value: try part("value", "its column of the values"))
        default:
            break
        }
        var textCase: ColumnRule.TextCase?
        if let caseText = try fields.optionalText("case") {
            guard let chosen = ColumnRule.TextCase(rawValue: caseText) else { throw failure("case: is not upper or lower", "Write case: upper or case: lower.") }
            textCase = chosen
        }
        var defaultValue: String??
        if let node = fields.value("default") {
            if case .constant = source { throw failure("a value: is never empty, so default: would never be used", "Remove default:.") }
            guard case .scalar(let scalar) = node else { throw failure("default: is not a single value", "Write default: VALUE, or default: null.") }
            defaultValue = .some(Self.isNull(scalar) ? nil : scalar.string)
        }
        return ColumnRule(target: target, line: line, source: source, conversion: conversion, textCase: textCase, defaultValue: defaultValue)
    }

    private static func zone(_ text: String, _ failure: (String, String) -> GeneratorError) throws(GeneratorError) -> ColumnRule.Zone {
        switch text.lowercased() {
        case "local": return .local
        case "utc", "z": return .utc
        default:
            guard text.contains("/"), let zone = TimeZone(identifier: text) else {
                throw failure("zone: is not local, UTC or a time zone name the system knows", "Write zone: local, zone: UTC, or a name such as America/Chicago.")
            }
            return .named(zone)
        }
    }

    /// YAML's null (`null`, `~`, or nothing), written without quotes.
    private static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
