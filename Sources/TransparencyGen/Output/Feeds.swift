import PublicLog

/// The Atom feed of publications (one, in the site's main language) and, when the site's
/// address is known, the sitemap.
struct Feeds {
    let portal: Portal
    /// The main language's words and conventions.
    let messages: Messages
    let format: Format

    private var base: String { portal.configuration.baseURL ?? "" }

    private var tagAuthority: String { Self.tagAuthority(baseURL: portal.configuration.baseURL) }

    /// `tag:` URIs need an authority: the site's host, else a name that cannot clash (every
    /// kind of site's feed names its entries so).
    static func tagAuthority(baseURL: String?) -> String {
        guard let url = baseURL, let host = url.split(separator: "/").dropFirst().first else { return "transparency-gen.invalid" }
        return String(host)
    }

    var atom: String {
        let publications = portal.publications.reversed()
        let updated = publications.first?.publishedAt ?? portal.now
        let firstDate = portal.publications.first.map { portal.timeZone.localDate(of: $0.publishedAt).description } ?? "2000-01-01"
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>\(XMLText.escape(messages(.feedTitle, ["agency": portal.configuration.agencyName])))</title>
            <subtitle>\(XMLText.escape(messages(.feedSubtitle)))</subtitle>
            <id>tag:\(tagAuthority),\(firstDate):alpr-portal</id>
            <updated>\(updated)</updated>
            <author><name>\(XMLText.escape(portal.configuration.agencyName))</name></author>
            <link rel="alternate" type="text/html" href="\(XMLText.escape(base))changes/"/>

            """
        for publication in publications {
            let changes = publication.changes.map { $0.text(messages, format) }
            let title = messages(.feedEntryTitle, ["number": String(publication.number), "change": changes.first ?? ""])
            out += """
                <entry>
                <title>\(XMLText.escape(title))</title>
                <id>tag:\(tagAuthority),\(firstDate):publication-\(publication.number)</id>
                <updated>\(publication.publishedAt)</updated>
                <link rel="alternate" type="text/html" href="\(XMLText.escape(base))changes/#publication-\(publication.number)"/>
                <summary>\(XMLText.escape(changes.joined(separator: " ")))</summary>
                </entry>

                """
        }
        return out + "</feed>\n"
    }

    /// Nil without `base_url`: a sitemap needs absolute addresses.
    func sitemap(pages: [String]) -> String? {
        guard let base = portal.configuration.baseURL else { return nil }
        let urls = pages.sorted().map { page -> String in
            let path = pageAddress(page)
            return "<url><loc>\(XMLText.escape(base + path))</loc></url>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            \(urls.joined(separator: "\n"))
            </urlset>

            """
    }

    func robots(hasSitemap: Bool) -> String {
        "User-agent: *\nAllow: /\n" + (hasSitemap ? "Sitemap: \(base)sitemap.xml\n" : "")
    }
}
