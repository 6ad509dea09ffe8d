import Foundation
import PublicLog
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file of the site folder (configuration, content, templates, assets, audit reports)
/// only when it is what such a file can be: a regular file that is not a link of either kind,
/// inside the folder it belongs to, no larger than its kind allows, never an SQLite database,
/// and of its kind's format. A link or a copy of the operational database placed in
/// `content/` is therefore refused, never published; so is a pipe, which would hang the build.
enum SiteFile {
    /// What a file is for, which fixes its size limit and the formats it may have.
    enum Kind: Sendable, Equatable {
        /// `site.yaml`, Markdown and Mustache: UTF-8 text, at most 4 MiB.
        case text
        /// An audit's full report: a PDF (it starts with `%PDF-`), at most 50 MiB.
        case report
        /// A file of `templates/assets/`: a stylesheet, image, font or text file by its
        /// extension (`allowedAssetExtensions`), at most 5 MiB.
        case asset

        var limit: Int {
            switch self {
            case .text: 4 << 20
            case .report: 50 << 20
            case .asset: 5 << 20
            }
        }

        var limitText: String { "\(limit >> 20) MiB" }
    }

    static let allowedAssetExtensions: Set<String> = [
        "css", "svg", "png", "jpg", "jpeg", "gif", "webp", "ico", "woff", "woff2", "txt",
    ]

    static let sqliteHeader = Data("SQLite format 3\u{0}".utf8)
    static let pdfHeader = Data("%PDF-".utf8)

    /// The bytes of `url`, which must lie inside `root`; `name` is how messages call the file
    /// (its path in the site folder).
    static func read(_ url: URL, inside root: URL, kind: Kind, name: String) throws(GeneratorError) -> Data {
        func refuse(_ problem: String, _ fix: String) -> GeneratorError {
            .at(name, line: nil, problem, fix: fix)
        }
        guard let rootPath = realPath(root.path), let parentPath = realPath(url.deletingLastPathComponent().path) else {
            throw refuse("cannot be found or its folder cannot be read", "Check that the file exists and is readable.")
        }
        guard parentPath == rootPath || parentPath.hasPrefix(rootPath + "/") else {
            throw refuse("is reached through a link to a folder outside \(root.lastPathComponent)/",
                         "Put the file itself in the folder, not a link to another place.")
        }
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ELOOP {
                throw refuse("is a symbolic link", "Put the file itself in the folder instead of a link to it.")
            }
            throw refuse("cannot be read (\(String(cString: strerror(errno))))", "Check that the file exists and that this user may read it.")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw refuse("is not a regular file (it is a folder, a pipe or a device)", "Replace it with an ordinary file.")
        }
        guard info.st_nlink == 1 else {
            throw refuse("is a hard link: the same file also has another name somewhere else",
                         "Put a copy of the file here instead (cp, not ln).")
        }
        guard Int(info.st_size) <= kind.limit else {
            throw refuse("is larger than \(kind.limitText), the most a file of this kind may be",
                         "Publish a smaller file (for a report, a compressed PDF).")
        }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw refuse("cannot be read (\(error.localizedDescription))", "Check the file's permissions.")
        }
        guard data.count <= kind.limit else {
            throw refuse("is larger than \(kind.limitText), the most a file of this kind may be", "Publish a smaller file.")
        }
        guard !data.starts(with: sqliteHeader) else {
            throw refuse("is an SQLite database, which is never published", "Remove it from the site folder.")
        }
        switch kind {
        case .text:
            break
        case .report:
            guard data.starts(with: pdfHeader) else {
                throw refuse("is not a PDF file (a report must be a PDF, which starts with %PDF-)",
                             "Export the report as PDF, or remove `report:` from the audit.")
            }
        case .asset:
            guard allowedAssetExtensions.contains(url.pathExtension.lowercased()) else {
                let allowed = allowedAssetExtensions.sorted().joined(separator: ", ")
                throw refuse("is not a kind of file the site's assets may hold (\(allowed))",
                             "Remove it from templates/assets/, or rename it if it is one of those kinds.")
            }
        }
        return data
    }

    /// UTF-8 text of a `.text` file.
    static func text(_ url: URL, inside root: URL, name: String) throws(GeneratorError) -> String {
        let data = try read(url, inside: root, kind: .text, name: name)
        guard let text = String(data: data, encoding: .utf8) else {
            throw .at(name, line: nil, "cannot be read as UTF-8 text", fix: "Save the file as UTF-8.")
        }
        return ReservedCharacters.cleaned(text)
    }

    /// Refuses a path that exists and is not a regular file (a pipe, a device, a folder):
    /// opening one would hang or fail obscurely. `what` names it ("The operational database").
    static func requireRegularFile(_ url: URL, what: String, kind: GeneratorError.Kind) throws(GeneratorError) {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw GeneratorError(kind: kind,
                                 "\(what) \(url.path) is not a regular file (it is a folder, a pipe or a device). Give the path of the SQLite file itself.")
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
