import PublicLog

extension SiteRenderer {
    /// The public change log: every publication, newest first, with its input digests.
    func changesPage() -> Page {
        Page(path: "changes/index.html", kind: .changes, title: messages(.changesTitle), fields: [
            "publications": portal.publications.reversed().map { publication -> [String: Any] in
                let date = portal.timeZone.localDate(of: publication.publishedAt)
                return [
                    "number": String(publication.number), "anchor": "publication-\(publication.number)",
                    "date": format.date(date), "timestamp": portal.timeZone.localTimestamp(publication.publishedAt),
                    "changes": changeLines(publication), "content_digest": publication.contentDigest,
                    "figures_digest": publication.figuresDigest,
                ]
            },
            "has_publications": !portal.publications.isEmpty,
        ])
    }

    /// What a publication changed, worded in this site's language. A line recorded as an
    /// English sentence by an older version is shown as written, marked as English.
    func changeLines(_ publication: Publication) -> [[String: Any]] {
        publication.changes.map { change in
            if case .recordedText = change, language != .english { return ["text": change.text(messages, format), "lang": Language.english.code] }
            return ["text": change.text(messages, format), "lang": absent]
        }
    }
}
