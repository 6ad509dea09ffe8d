import PublicLog

/// `publication.json`: which publication a copy of the portal is, who made it with what, and
/// the SHA-256 of the previous publication's `SHA256SUMS` (the link of the chain that
/// `publications.csv` lists), keys in a fixed order. Listed in `SHA256SUMS`, so a signature
/// of that file covers it.
enum PublicationJSON {
    static func text(_ portal: Portal) -> String {
        func string(_ value: String) -> String { JSONText.string(value) }
        let publications = portal.publications
        let this = publications.last
        let previous = publications.dropLast().last
        let lines = [
            "\"agency\": \(string(portal.configuration.agencyName))",
            "\"base_url\": \(string(portal.configuration.baseURL ?? ""))",
            "\"publication\": " + (this.map { String($0.number) } ?? "null"),
            "\"published_at\": \(string(this?.publishedAt.description ?? ""))",
            "\"as_of\": \(string(this?.publishedAs?.asOf ?? portal.asOf.description))",
            "\"generator\": {\"name\": \(string(BuildInfo.name)), \"version\": \(string(BuildInfo.version)), \"commit\": \(string(BuildInfo.commit))}",
            "\"previous_sha256sums_sha256\": \(string(previous?.publishedAs?.sha256sums ?? ""))",
            "\"signing_key\": \(string(this?.publishedAs?.signingKey ?? ""))",
        ]
        return "{\n  " + lines.joined(separator: ",\n  ") + "\n}\n"
    }
}
