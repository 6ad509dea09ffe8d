import Foundation

// Writes a Swift file holding every file of the given folders, base64-encoded (which keeps any
// byte exactly and needs no escaping), sorted by path so the output is deterministic.
// Usage: EmbedSiteFilesTool OUTPUT.swift NAME=DIR...

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("EmbedSiteFilesTool: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else { fail("usage: EmbedSiteFilesTool OUTPUT.swift NAME=DIR...") }

var source = """
    // Generated at build time by the EmbedSiteFiles plugin. Do not edit: edit the files themselves.

    extension EmbeddedSiteFiles {

    """
for group in arguments.dropFirst() {
    guard let equals = group.firstIndex(of: "=") else { fail("expected NAME=DIR, got \(group)") }
    let name = String(group[..<equals])
    let directory = URL(fileURLWithPath: String(group[group.index(after: equals)...])).standardizedFileURL
    guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else {
        fail("cannot read \(directory.path)")
    }
    var entries: [(path: String, data: Data)] = []
    for case let url as URL in enumerator {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
        let path = String(url.standardizedFileURL.path.dropFirst(directory.path.count + 1))
        guard !path.contains("\""), !path.contains("\\") else { fail("file names may not hold quotes or backslashes: \(path)") }
        guard let data = FileManager.default.contents(atPath: url.path) else { fail("cannot read \(url.path)") }
        entries.append((path, data))
    }
    entries.sort { $0.path < $1.path }
    source += "    static let \(name): [File] = [\n"
    for entry in entries {
        source += "        File(path: \"\(entry.path)\", base64: \"\(entry.data.base64EncodedString())\"),\n"
    }
    source += "    ]\n"
}
source += "}\n"

do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
} catch {
    fail("cannot write \(outputPath): \(error)")
}
