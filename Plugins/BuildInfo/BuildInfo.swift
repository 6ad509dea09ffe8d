import Foundation
import PackagePlugin

/// Compiles the version (the repository's `VERSION` file, its one source) and the commit the
/// build is made from into TransparencyGen, for `--version` and the pages' `generator`.
/// The commit is read from `.git` as files, without running git (a source tarball has none:
/// the commit is then unknown).
@main
struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfoValues.swift")
        let git = root.appending(path: ".git")
        // What decides the commit: HEAD, the branch it names and the packed refs; a commit
        // changes one of them, so the file is written again.
        var inputs = [root.appending(path: "VERSION"), git.appending(path: "HEAD"), git.appending(path: "packed-refs")]
        if let head = try? String(contentsOf: git.appending(path: "HEAD"), encoding: .utf8), head.hasPrefix("ref: ") {
            inputs.append(git.appending(path: head.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return [.buildCommand(
            displayName: "Writing the version and commit",
            executable: try context.tool(named: "BuildInfoTool").url,
            arguments: [output.path, root.appending(path: "VERSION").path, git.path],
            inputFiles: inputs.filter { FileManager.default.fileExists(atPath: $0.path) },
            outputFiles: [output])]
    }
}
