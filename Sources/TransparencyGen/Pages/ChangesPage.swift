import PublicLog

extension SiteRenderer {
    struct ChangeLine: PageData {
        let text: String
        /// `en` for a line recorded as an English sentence by an older version, on another language's page.
        let lang: String?
    }

    struct PublicationEntry: PageData {
        let number: String
        let anchor: String
        let date: String
        let timestamp: String
        let changes: [ChangeLine]
        let contentDigest: String
        let figuresDigest: String
    }

    struct ChangesPageData: PageData {
        let publications: [PublicationEntry]
        let hasPublications: Bool
    }

    /// The public change log: every publication, newest first, with its input digests.
    func changesPage() -> Page {
        let publications = portal.publications.reversed().map { publication in
            PublicationEntry(number: String(publication.number), anchor: "publication-\(publication.number)",
                             date: format.date(portal.timeZone.localDate(of: publication.publishedAt)),
                             timestamp: portal.timeZone.localTimestamp(publication.publishedAt), changes: changeLines(publication),
                             contentDigest: publication.contentDigest, figuresDigest: publication.figuresDigest)
        }
        return Page(path: "changes/index.html", kind: .changes, title: messages(.changesTitle),
                    data: ChangesPageData(publications: publications, hasPublications: !publications.isEmpty))
    }

    /// What a publication changed, worded in this site's language. A line recorded as an
    /// English sentence by an older version is shown as written, marked as English.
    func changeLines(_ publication: Publication) -> [ChangeLine] {
        publication.changes.map { change in
            if case .recordedText = change, language != .english { return ChangeLine(text: change.text(messages, format), lang: Language.english.code) }
            return ChangeLine(text: change.text(messages, format), lang: nil)
        }
    }
}
