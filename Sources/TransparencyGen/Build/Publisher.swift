import Foundation

/// Writes the site into a staging folder beside the output and swaps it in only when every
/// file is written, so a failed build leaves the published site as it was.
struct Publisher {
    /// Marks a folder as this tool's output, so it never replaces a folder it did not write.
    static let marker = ".transparency-gen-output"

    let output: URL
    let siteDirectory: URL
    var writer: FileWriter = .standard

    private var fileManager: FileManager { .default }

    func stagingURL() -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).staging")
    }

    func previousURL() -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous")
    }

    /// A build stopped between the swap's two renames leaves the old site beside the output:
    /// put it back. Staging debris of an interrupted build is removed.
    func recoverInterruptedSwap() throws(GeneratorError) {
        let previous = previousURL()
        if fileManager.fileExists(atPath: previous.path) {
            if fileManager.fileExists(atPath: output.path) {
                try? fileManager.removeItem(at: previous)
            } else {
                do {
                    try fileManager.moveItem(at: previous, to: output)
                } catch {
                    throw GeneratorError("An earlier build was interrupted while publishing; the previous site is in \(previous.path) and could not be moved back to \(output.path) (\(error.localizedDescription)). Move it back by hand, then build again.")
                }
            }
        }
        try? fileManager.removeItem(at: stagingURL())
    }

    /// Refuses outputs that would overwrite the site itself or a folder the tool did not write.
    func checkOutput() throws(GeneratorError) {
        let out = output.standardizedFileURL.path
        let site = siteDirectory.standardizedFileURL.path
        if out == site || site.hasPrefix(out + "/") || out == "/" {
            throw GeneratorError("The output folder \(out) holds the site itself. Choose a separate folder with --output, e.g. \(site)/public.")
        }
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: out, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw GeneratorError("The output path \(out) is a file, not a folder. Remove it or choose another --output.")
            }
            let entries = (try? fileManager.contentsOfDirectory(atPath: out)) ?? []
            if !entries.isEmpty, !entries.contains(Self.marker) {
                throw GeneratorError("The output folder \(out) already holds files this tool did not publish. It replaces its output folder whole, so choose an empty or new folder with --output (or move those files away).")
            }
        }
    }

    /// A new, empty staging folder beside the output.
    func openStaging() throws(GeneratorError) -> StagingFolder {
        try StagingFolder(url: stagingURL(), writer: writer)
    }

    /// Swaps the staging folder in for the output; on failure the output is as it was.
    func swapIn() throws(GeneratorError) {
        let staging = stagingURL()
        do {
            try swap(staging)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    private func swap(_ staging: URL) throws(GeneratorError) {
        let previous = previousURL()
        try? fileManager.removeItem(at: previous)
        let hadOutput = fileManager.fileExists(atPath: output.path)
        do {
            if hadOutput { try fileManager.moveItem(at: output, to: previous) }
            do {
                try fileManager.moveItem(at: staging, to: output)
            } catch {
                if hadOutput { try? fileManager.moveItem(at: previous, to: output) }
                throw error
            }
        } catch {
            throw GeneratorError("Could not move the new site into place at \(output.path): \(error.localizedDescription). The published site was not changed.")
        }
        try? fileManager.removeItem(at: previous)
    }
}

/// How the publisher writes a file; replaceable so tests can simulate a full disk.
struct FileWriter: Sendable {
    let write: @Sendable (Data, URL) throws -> Void

    static let standard = FileWriter { data, url in try data.write(to: url) }
}
