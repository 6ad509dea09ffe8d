import PublicLog

/// The data dictionary: every downloadable file and what each of its columns means, in the
/// page's language (the files themselves, their column names and codes, are one English set).
extension SiteRenderer {
    struct ColumnLine: PageData {
        let name: String
        let type: String
        let meaning: String
        let unit: String
        let law: String
    }

    struct Dataset: PageData {
        let file: String
        let href: String
        let title: String
        let about: String
        let anchor: String
        let hasColumns: Bool
        let columns: [ColumnLine]
    }

    struct DataPageData: PageData {
        /// schema.org JSON-LD, escaped for a `script` element (`JSONText` escapes `<` and `>`).
        let structuredData: String
        let datasets: [Dataset]
    }

    func dataPage() -> Page {
        let path = "data/index.html"
        let datasets = DataFiles.all.map { file in
            Dataset(file: file.fileName, href: file.path, title: messages(.dataFileTitle(file)), about: messages(.dataFileAbout(file)),
                    anchor: file.anchor, hasColumns: !file.columns.isEmpty,
                    columns: file.columns.map { column in
                        ColumnLine(name: column.name, type: typeName(column.type), meaning: columnMeaning(column, in: file),
                                   unit: column.unit.isEmpty ? "—" : messages(.dataUnit(column.unit)),
                                   law: column.law.isEmpty ? messages(.dataByChoice) : column.law)
                    })
        }
        return Page(path: path, kind: .data, title: messages(.section(.data)), data: DataPageData(
            structuredData: OpenDataCatalogs.dataset(self, siteRoot: Self.root(of: folder(of: language) + path)).compactText,
            datasets: datasets))
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
