/// A message the generator itself puts on a page, by its id in the catalogs. Each id is made
/// here and listed in `all`, which the English catalog must hold, so that a lookup never
/// comes back empty.
struct MessageID: Hashable, Sendable {
    let id: String
    /// A plural message (its forms chosen by a count), rather than one text.
    let isPlural: Bool

    private init(_ id: String, plural: Bool = false) {
        self.id = id
        isPlural = plural
    }

    /// A section's name in the navigation.
    static func section(_ section: Section) -> MessageID { MessageID("nav.\(section.rawValue)") }
    /// A section's link on the page-not-found page.
    static func notFoundLink(_ section: Section) -> MessageID { MessageID("not_found.link.\(section.rawValue)") }
    static let notFoundTitle = MessageID("not_found.title")
    static let notFoundText = MessageID("not_found.text")

    /// Every id the generator uses.
    static var all: [MessageID] {
        Section.allCases.map(section) + Section.allCases.filter(\.onNotFoundPage).map(notFoundLink) + [notFoundTitle, notFoundText]
    }
}
