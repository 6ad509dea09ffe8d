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
                    "changes": publication.changes, "content_digest": publication.contentDigest,
                    "figures_digest": publication.figuresDigest,
                ]
            },
            "has_publications": !portal.publications.isEmpty,
        ])
    }
}
