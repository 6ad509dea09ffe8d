/// A kind of site the generator builds, declared once: the page templates its folder must
/// have, the messages its code looks up (which its English catalog must hold), and the command
/// that writes a starter folder of it. The agency portal and the statewide index are two
/// declarations; a third kind of site would be a third, with its own templates and catalogs.
struct SiteKind: Sendable {
    /// What staff call it in messages: "agency portal".
    let name: String
    /// The command that writes a fresh folder of this kind, to copy missing files from.
    let starterCommand: String
    /// The file of its settings (languages among them).
    let settingsFile: String
    /// The templates of its pages (in `templates/`, without `.mustache`).
    let pageTemplates: @Sendable () -> [String]
    /// Every message id its code uses.
    let messages: @Sendable () -> [MessageID]

    /// An agency's portal: the pages of `PageKind`, the messages of `MessageID.all`.
    static let portal = SiteKind(name: "agency portal", starterCommand: "transparency-gen init", settingsFile: SiteConfiguration.fileName,
                                 pageTemplates: { SiteMap.requiredTemplates }, messages: { MessageID.all })

    /// The statewide index: the pages of `IndexPage.Kind`, the messages of `IndexWords.all`.
    static let index = SiteKind(name: "statewide index", starterCommand: "transparency-gen index init", settingsFile: IndexSources.fileName,
                                pageTemplates: { IndexPage.Kind.allCases.map(\.template) }, messages: { IndexWords.all })
}
