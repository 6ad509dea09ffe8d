import Foundation

// Writes a Swift file with the version (from the VERSION file) and the commit HEAD names in
// the given .git folder ("" when there is none).
// Usage: BuildInfoTool OUTPUT.swift VERSION-FILE GIT-DIR

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("BuildInfoTool: \(message)\n".utf8))
    exit(1)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 3 else { fail("usage: BuildInfoTool OUTPUT.swift VERSION-FILE GIT-DIR") }
let (outputPath, versionPath, gitPath) = (arguments[0], arguments[1], arguments[2])

guard let versionText = try? String(contentsOfFile: versionPath, encoding: .utf8) else { fail("cannot read \(versionPath)") }
let version = versionText.trimmingCharacters(in: .whitespacesAndNewlines)
guard !version.isEmpty, version.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter || ".+~-".contains($0)) }) else {
    fail("\(versionPath) must hold one version such as 1.2.0")
}

func text(_ path: String) -> String? {
    (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
}

func isCommit(_ text: String) -> Bool { text.count == 40 && text.allSatisfy(\.isHexDigit) }

/// The commit HEAD names: a detached HEAD is one; a branch is its ref file or its line in packed-refs.
func commit(gitDirectory: String) -> String? {
    var directory = gitDirectory
    // A worktree's or submodule's .git is a file naming the real folder.
    if let pointer = text(directory), pointer.hasPrefix("gitdir: ") {
        let target = String(pointer.dropFirst(8))
        directory = target.hasPrefix("/") ? target : URL(fileURLWithPath: gitDirectory).deletingLastPathComponent().appendingPathComponent(target).path
    }
    guard let head = text(directory + "/HEAD") else { return nil }
    if isCommit(head) { return head }
    guard head.hasPrefix("ref: ") else { return nil }
    let ref = String(head.dropFirst(5))
    if let loose = text(directory + "/" + ref), isCommit(loose) { return loose }
    for line in (text(directory + "/packed-refs") ?? "").split(separator: "\n") {
        let parts = line.split(separator: " ")
        if parts.count == 2, parts[1] == ref, isCommit(String(parts[0])) { return String(parts[0]) }
    }
    return nil
}

let source = """
    // Generated at build time by the BuildInfo plugin from VERSION and .git. Do not edit.

    extension BuildInfo {
        public static let version = "\(version)"
        public static let commit = "\(commit(gitDirectory: gitPath) ?? "")"
    }

    """
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
} catch {
    fail("cannot write \(outputPath): \(error)")
}
