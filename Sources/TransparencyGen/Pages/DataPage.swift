import PublicLog

/// The data dictionary: every downloadable file and what each of its columns means.
extension SiteRenderer {
    func dataPage() -> Page {
        Page(path: "data/index.html", kind: .data, title: messages(.section(.data)), fields: [
            "datasets": DataFiles.all.map { file -> [String: Any] in
                [
                    "file": file.fileName, "title": messages(.dataFileTitle(file.fileName)), "about": file.about,
                    "anchor": file.anchor,
                    "has_columns": !file.columns.isEmpty,
                    "columns": file.columns.map {
                        ["name": $0.name, "type": $0.type, "meaning": $0.meaning, "unit": $0.unit.isEmpty ? "—" : $0.unit,
                         "law": $0.law.isEmpty ? messages(.dataByChoice) : $0.law]
                    },
                ]
            },
        ])
    }
}
