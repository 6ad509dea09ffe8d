import Foundation
import PackagePlugin

/// Compiles the default templates (`templates/`), the starter site
/// (`Sources/TransparencyGen/Scaffold/Starter/`) and the starter index
/// (`Sources/TransparencyGen/Scaffold/IndexStarter/`) into TransparencyGen, so that
/// `transparency-gen init` works from the executable alone, wherever it is installed.
/// The files stay plain files in the repository, where staff and reviewers read them.
@main
struct EmbedSiteFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let groups = [
            ("templates", root.appending(path: "templates")),
            ("starter", root.appending(path: "Sources/TransparencyGen/Scaffold/Starter")),
            ("indexStarter", root.appending(path: "Sources/TransparencyGen/Scaffold/IndexStarter")),
        ]
        var inputs: [URL] = []
        var arguments: [String] = []
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSiteFileContents.swift")
        arguments.append(output.path)
        for (name, directory) in groups {
            arguments.append("\(name)=\(directory.path)")
            inputs += files(under: directory)
        }
        return [.buildCommand(
            displayName: "Embedding the default templates and the starter site",
            executable: try context.tool(named: "EmbedSiteFilesTool").url,
            arguments: arguments,
            inputFiles: inputs,
            outputFiles: [output])]
    }

    private func files(under directory: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(
            at: directory, includingPropertiesForKeys: [.isRegularFileKey], options: []) else { return [] }
        return enumerator.compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }
}
