import PublicLog

extension SiteRenderer {
    struct PolicyVersionLink: PageData {
        let title: String
        let href: String
        let effectiveOn: String
        let effectiveOnIso: String
        let current: Bool
        let upcoming: Bool
        let shown: Bool
    }

    struct PolicyHeading: PageData {
        let id: String
        let html: String
    }

    /// A version of the policy: its text with anchored headings, and the list of them.
    struct PolicyText: PageData {
        let title: String
        let html: String
        let effectiveOn: String
        let effectiveOnIso: String
        /// A short policy needs no contents list.
        let hasContents: Bool
        let contents: [PolicyHeading]
        let contentLang: String?
        let mainLanguageName: String?
    }

    struct PolicyPageData: PageData {
        let policy: PolicyText?
        let isCurrent: Bool
        let takesEffect: Bool
        let hasCurrent: Bool
        let versions: [PolicyVersionLink]
        let hasHistory: Bool
    }

    private func versionList(root: String, showing shown: PolicyVersion?) -> [PolicyVersionLink] {
        let current = portal.currentPolicy
        return portal.content.policies.map { version in
            PolicyVersionLink(title: version.title, href: "\(root)policy/\(version.id)/", effectiveOn: format.date(version.effectiveOn),
                              effectiveOnIso: version.effectiveOn.description, current: version == current,
                              upcoming: version.effectiveOn > portal.today, shown: version == shown)
        }
    }

    private func policyText(_ version: PolicyVersion) -> PolicyText {
        let (html, headings) = HeadingAnchors.anchor(version.html)
        let mark = mainLanguageText
        return PolicyText(title: version.title, html: html, effectiveOn: format.date(version.effectiveOn),
                          effectiveOnIso: version.effectiveOn.description, hasContents: headings.count >= 3,
                          contents: headings.map { PolicyHeading(id: $0.id, html: $0.html) },
                          contentLang: mark.contentLang, mainLanguageName: mark.mainLanguageName)
    }

    /// `policy/` shows the version in effect, or before any is, the first to take effect (said
    /// so: "Takes effect …"); `policy/<id>/` each version, past and upcoming, when there is more than one.
    func policyPages() -> [Page] {
        let current = portal.currentPolicy
        let first = current ?? portal.content.policies.filter { $0.effectiveOn > portal.today }.min { $0.effectiveOn < $1.effectiveOn }
        let hasHistory = portal.content.policies.count > 1
        var pages = [Page(path: "policy/index.html", kind: .policy, title: messages(.policyTitle), data: PolicyPageData(
            policy: first.map(policyText), isCurrent: current != nil, takesEffect: current == nil, hasCurrent: current != nil,
            versions: versionList(root: "../", showing: first), hasHistory: hasHistory))]
        // With a single version there is no history to link to it: its page would repeat policy/ unlinked.
        for version in portal.content.policies where hasHistory {
            pages.append(Page(path: "policy/\(version.id)/index.html", kind: .policy,
                              title: messages(.policyVersionTitle, ["title": version.title, "date": format.date(version.effectiveOn)]),
                              data: PolicyPageData(policy: policyText(version), isCurrent: version == current,
                                                   takesEffect: version.effectiveOn > portal.today, hasCurrent: current != nil,
                                                   versions: versionList(root: "../../", showing: version), hasHistory: hasHistory)))
        }
        return pages
    }
}
