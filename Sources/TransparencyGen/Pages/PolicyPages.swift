import PublicLog

extension SiteRenderer {
    private func versionList(root: String, showing shown: PolicyVersion?) -> [[String: Any]] {
        let current = portal.currentPolicy
        return portal.content.policies.map { version in
            [
                "title": version.title, "href": "\(root)policy/\(version.id)/",
                "effective_on": format.date(version.effectiveOn), "effective_on_iso": version.effectiveOn.description,
                "current": version == current, "upcoming": version.effectiveOn > portal.today, "shown": version == shown,
            ]
        }
    }

    /// A version's template fields: its text with anchored headings, and the list of them.
    private func policyFields(_ version: PolicyVersion) -> [String: Any] {
        let (html, headings) = HeadingAnchors.anchor(version.html)
        return mainLanguageText.merging([
            "title": version.title, "html": html, "effective_on": format.date(version.effectiveOn),
            "effective_on_iso": version.effectiveOn.description,
            // A short policy needs no contents list.
            "has_contents": headings.count >= 3,
            "contents": headings.map { ["id": $0.id, "html": $0.html] },
        ]) { _, own in own }
    }

    /// `policy/` shows the version in effect, or before any is, the first to take effect (said
    /// so: "Takes effect …"); `policy/<id>/` each version, past and upcoming, when there is more than one.
    func policyPages() -> [Page] {
        let current = portal.currentPolicy
        let first = current ?? portal.content.policies.filter { $0.effectiveOn > portal.today }.min { $0.effectiveOn < $1.effectiveOn }
        var pages = [Page(path: "policy/index.html", kind: .policy, title: messages(.policyTitle), fields: [
            "policy": first.map(policyFields).orAbsent,
            "is_current": current != nil, "takes_effect": current == nil, "has_current": current != nil, "versions": versionList(root: "../", showing: first),
            "has_history": portal.content.policies.count > 1,
        ])]
        // With a single version there is no history to link to it: its page would repeat policy/ unlinked.
        for version in portal.content.policies where portal.content.policies.count > 1 {
            pages.append(Page(path: "policy/\(version.id)/index.html", kind: .policy,
                              title: messages(.policyVersionTitle, ["title": version.title, "date": format.date(version.effectiveOn)]),
                              fields: [
                                  "policy": policyFields(version),
                                  "is_current": version == current, "takes_effect": version.effectiveOn > portal.today, "has_current": current != nil,
                                  "versions": versionList(root: "../../", showing: version),
                                  "has_history": portal.content.policies.count > 1,
                              ]))
        }
        return pages
    }
}
