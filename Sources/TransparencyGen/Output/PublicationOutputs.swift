import Foundation
import PublicLog

/// Every file a publication writes besides its pages, declared once, each in the phase whose
/// inputs it needs. The build runs the phases in order (`SiteBuilder.publish`): a new kind of
/// file is one entry of `all`, and the names it takes are reserved from content pages.
enum PublicationOutputs {
    /// What a phase's files are made from, in the order a build has them.
    enum Phase: Int, CaseIterable, Comparable {
        /// Written into a new staging folder before anything else: it marks the folder as the tool's.
        case staging
        /// The figures alone (the data files). Their digest says whether the figures changed,
        /// before the ledger records the publication.
        case figures
        /// The portal as published, with the ledger's publications (this one last): made with the pages.
        case portal
        /// The catalogs of the data files (`OpenDataCatalogs`), which give each file's size and SHA-256.
        case catalogs
        /// The manifest of every file the phases before it wrote.
        case manifest

        static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }
    }

    /// What the portal phase reads: the published portal, its headline figures, the renderer
    /// of the main language (words, formats, templates) and every page's path in every language.
    struct PortalInputs {
        let portal: Portal
        let headline: HeadlineFigures
        let renderer: SiteRenderer
        /// The key that signs the publication, when site.yaml names one.
        let signer: SSHSigningKey?
        let pagePaths: [String]
    }

    /// What the manifest phase reads: every file written before it, the text of `SHA256SUMS`
    /// for them, and the signing key.
    struct ManifestInputs {
        let entries: [Manifest.Entry]
        let sums: String
        let signer: SSHSigningKey?

        init(entries: [Manifest.Entry], signer: SSHSigningKey?) {
            self.entries = entries
            sums = Manifest.sums(for: entries)
            self.signer = signer
        }
    }

    /// How an output's files are made.
    enum Maker: Sendable {
        /// A fixed text, written when the staging folder is made (never in the manifest).
        case staging(text: String)
        /// A data file of `DataFiles`, made from the figures.
        case figures(DataFile)
        case portal(@Sendable (PortalInputs) throws(GeneratorError) -> [OutputFile])
        case catalogs(@Sendable (OpenDataCatalogs.Inputs) throws(GeneratorError) -> [OutputFile])
        case manifest(@Sendable (ManifestInputs) throws(GeneratorError) -> [OutputFile])
    }

    /// One declared output: its name in messages, the top-level names it takes in the output
    /// folder, and how it is made.
    struct Output: Sendable {
        let name: String
        let takes: [String]
        let maker: Maker

        var phase: Phase {
            switch maker {
            case .staging: .staging
            case .figures: .figures
            case .portal: .portal
            case .catalogs: .catalogs
            case .manifest: .manifest
            }
        }
    }

    /// The marker that tells a folder this tool publishes (`Publisher.checkOutput`).
    static let marker = PublishedFolder.marker
    static let markerText = "Published by transparency-gen. This folder is replaced whole by each build.\n"

    static let all: [Output] = [
        Output(name: "output marker", takes: [marker],
               maker: .staging(text: markerText)),
    ] + DataFiles.all.filter { $0.make != nil && !$0.needsPublications }.map { file in
        Output(name: file.path, takes: [topLevel(file.path)], maker: .figures(file))
    } + DataFiles.all.filter { $0.make != nil && $0.needsPublications }.map { file in
        Output(name: file.path, takes: [topLevel(file.path)], maker: .portal { inputs in file.file(inputs.portal).map { [$0] } ?? [] })
    } + [
        Output(name: DataFiles.summary.path, takes: [topLevel(DataFiles.summary.path)], maker: .portal { inputs in
            [OutputFile(path: DataFiles.summary.path, text: SummaryJSON.text(inputs.portal, inputs.headline))]
        }),
        Output(name: "feed, sitemap and robots.txt", takes: [SiteMap.feed, SiteMap.sitemap, SiteMap.robots], maker: .portal { inputs in
            let renderer = inputs.renderer
            let feeds = Feeds(portal: inputs.portal, messages: renderer.messages, format: renderer.format)
            let sitemap = feeds.sitemap(pages: inputs.pagePaths)
            return [OutputFile(path: SiteMap.feed, text: feeds.atom)]
                + (sitemap.map { [OutputFile(path: SiteMap.sitemap, text: $0)] } ?? [])
                + [OutputFile(path: SiteMap.robots, text: feeds.robots(hasSitemap: sitemap != nil))]
        }),
        Output(name: "templates/assets", takes: [SiteMap.assets], maker: .portal { $0.renderer.assetFiles() }),
        Output(name: "audit reports", takes: [Section.audits.rawValue], maker: .portal { inputs in
            inputs.portal.content.audits.compactMap { published in
                guard let source = published.reportSource else { return nil }
                let content = source.deletingLastPathComponent().deletingLastPathComponent()
                return OutputFile(path: "audits/\(published.audit.id)/\(source.lastPathComponent)", copying: source,
                                  inside: content, kind: .report, name: "content/audits/\(source.lastPathComponent)")
            }
        }),
        Output(name: "allowed_signers", takes: [allowedSigners], maker: .portal { inputs in
            inputs.signer.map { [OutputFile(path: allowedSigners, text: SSHSignature.allowedSigners(agency: inputs.portal.configuration.agencyName, key: $0))] } ?? []
        }),
        Output(name: "data package", takes: [OpenDataCatalogs.dataPackagePath], maker: .catalogs { (inputs) throws(GeneratorError) in
            [try OpenDataCatalogs.dataPackage(inputs)]
        }),
        Output(name: "DCAT-US catalog", takes: [OpenDataCatalogs.dcatPath], maker: .catalogs { OpenDataCatalogs.dcat($0) }),
        Output(name: "manifest", takes: [Manifest.csvPath, Manifest.sumsPath], maker: .manifest { Manifest.files(for: $0.entries, sums: $0.sums) }),
        Output(name: "signature", takes: [signature], maker: .manifest { (inputs) throws(GeneratorError) in
            guard let signer = inputs.signer else { return [] }
            do {
                return [OutputFile(path: signature, text: try SSHSignature.armored(Data(inputs.sums.utf8), key: signer))]
            } catch {
                throw GeneratorError(kind: .output, "Could not sign SHA256SUMS with the key signing_key: names (\(error)). Nothing was published.")
            }
        }),
    ]

    /// `allowed_signers`: the signing key's public line, for `ssh-keygen -Y verify -f allowed_signers`.
    static let allowedSigners = "allowed_signers"
    /// `SHA256SUMS.sig`: the SSH signature of `SHA256SUMS` (never in the manifest, which it signs).
    static let signature = Manifest.sumsPath + ".sig"

    /// The outputs of `phase`, in declaration order.
    static func outputs(in phase: Phase) -> [Output] { all.filter { $0.phase == phase } }

    /// The data files of the figures phase.
    static var figureFiles: [DataFile] {
        all.compactMap { if case .figures(let file) = $0.maker { file } else { nil } }
    }

    /// Every top-level name the outputs take.
    static var takenNames: [String] { all.flatMap(\.takes) }

    /// The top-level names a published folder holds besides the files `SHA256SUMS` lists: the
    /// marker, and the manifest files themselves.
    static var unlistedNames: Set<String> { Set(all.filter { $0.phase == .staging || $0.phase == .manifest }.flatMap(\.takes)) }

    private static func topLevel(_ path: String) -> String { path.split(separator: "/").first.map(String.init) ?? path }
}
