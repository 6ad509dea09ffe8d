import PublicLog

/// The data dictionary: every downloadable file and what each of its columns means, in the
/// page's language (the files themselves, their column names and codes, are one English set).
extension SiteRenderer {
    func dataPage() -> Page {
        let path = "data/index.html"
        return Page(path: path, kind: .data, title: messages(.section(.data)), fields: [
            // schema.org JSON-LD, escaped for a `script` element (`JSONText` escapes `<` and `>`).
            "structured_data": OpenDataCatalogs.dataset(self, siteRoot: Self.root(of: folder(of: language) + path)).compactText,
            "datasets": DataFiles.all.map { file -> [String: Any] in
                [
                    "file": file.fileName, "href": file.path, "title": messages(.dataFileTitle(file)), "about": messages(.dataFileAbout(file)),
                    "anchor": file.anchor,
                    "has_columns": !file.columns.isEmpty,
                    "columns": file.columns.map { column in
                        ["name": column.name, "type": typeName(column.type), "meaning": columnMeaning(column, in: file),
                         "unit": column.unit.isEmpty ? "—" : messages(.dataUnit(column.unit)),
                         "law": column.law.isEmpty ? messages(.dataByChoice) : column.law]
                    },
                ]
            },
        ])
    }

    /// What `column` of `file` means, in the page's language: the dictionary's words, which
    /// the catalogs (`OpenDataCatalogs`) give as each field's description too.
    func columnMeaning(_ column: DataColumn, in file: DataFile) -> String {
        let text = messages(.dataColumn(file, column), ["codes": orList(column.codes), "retention_days": format.number(portal.configuration.retention.days)])
        return column.note.map { "\(text) \(messages($0))" } ?? text
    }

    private func typeName(_ type: ColumnType) -> String {
        if case .oneOf(let codes) = type { return orList(codes) }
        return type.messageName.map { messages(.dataType($0)) } ?? ""
    }

    /// `a, b or c`, with the language's word for "or".
    private func orList(_ codes: [String]) -> String {
        guard let last = codes.last else { return "" }
        guard codes.count > 1 else { return last }
        return messages(.dataCodesOr, ["list": codes.dropLast().joined(separator: ", "), "last": last])
    }
}
