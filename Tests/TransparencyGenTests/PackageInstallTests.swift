import Foundation
import Testing
import TestSupport

/// The `.deb` staff install (spec, "Installing without a Swift toolchain"; `Packaging/build.sh`),
/// used as they use it: unpacked into an empty folder and run with an environment that holds no
/// Swift toolchain. `.ci/run` builds the package and names it in `TRANSPARENCY_GEN_DEB`; outside
/// CI the test runs when `Packaging/out/` holds a package of the repository's version.
@Suite("The installed package")
struct PackageInstallTests {
    static let version = (try? String(contentsOf: Project.root.appendingPathComponent("VERSION"), encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""

    static let deb: String? = {
        if let named = ProcessInfo.processInfo.environment["TRANSPARENCY_GEN_DEB"] { return named }
        let built = Project.root.appendingPathComponent("Packaging/out/transparency-gen_\(version)_amd64.deb").path
        return FileManager.default.fileExists(atPath: built) ? built : nil
    }()

    /// The environment of a user who installed the package: no toolchain on the PATH, no library path.
    static let userEnvironment = ["PATH": "/usr/bin:/bin", "HOME": temporaryFolder("package-home").path, "LANG": "C.UTF-8"]

    struct Run {
        let status: Int32
        let output: String
    }

    static func run(_ executable: String, _ arguments: [String], in folder: URL? = nil,
                    environment: [String: String] = userEnvironment) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// `dpkg-deb -x` of the package into an empty folder.
    static func unpacked(_ deb: String) throws -> URL {
        let folder = temporaryFolder("package-root")
        let result = try run("/usr/bin/dpkg-deb", ["-x", deb, folder.path], environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "dpkg-deb -x: \(result.output)")
        return folder
    }

    /// The package's fields (`dpkg-deb --field`).
    static func field(_ name: String, of deb: String) throws -> String {
        try run("/usr/bin/dpkg-deb", ["--field", deb, name], environment: ProcessInfo.processInfo.environment)
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.enabled(if: deb != nil || Tool.requiredInCI, "no package: run Packaging/build.sh"))
    func itsControlFieldsNameTheVersionAndOnlyDebianLibraries() throws {
        let deb = try #require(Self.deb, "TRANSPARENCY_GEN_DEB is not set: .ci/run builds the package with Packaging/build.sh")
        #expect(try Self.field("Package", of: deb) == "transparency-gen")
        #expect(try Self.field("Version", of: deb) == Self.version)
        #expect(try Self.field("Architecture", of: deb) == "amd64")
        let depends = try Self.field("Depends", of: deb)
        let names = depends.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? "" }
        #expect(names.contains("libsqlite3-0"), "Depends: \(depends)")
        #expect(names.contains { $0.hasPrefix("libcmark") }, "Depends: \(depends)")
        #expect(names.contains("libc6"), "Depends: \(depends)")
        #expect(!depends.lowercased().contains("swift"), "Depends: \(depends)")
        // Every package it depends on is one this Debian knows.
        for name in names {
            let known = try Self.run("/usr/bin/dpkg-query", ["-W", "-f=${Package}", name], environment: ProcessInfo.processInfo.environment)
            #expect(known.status == 0 && known.output == name, "\(name) is not an installed Debian package")
        }
        let size = try #require(FileManager.default.attributesOfItem(atPath: deb)[.size] as? Int)
        #expect(size <= 40_000_000, "the package is \(size) bytes; the issue allows 40 MB")
    }

    @Test(.enabled(if: deb != nil || Tool.requiredInCI, "no package: run Packaging/build.sh"))
    func itHoldsTheBinaryAManualPagePerCommandCompletionsAndTheGuides() throws {
        let deb = try #require(Self.deb, "TRANSPARENCY_GEN_DEB is not set")
        let listing = try Self.run("/usr/bin/dpkg-deb", ["--contents", deb], environment: ProcessInfo.processInfo.environment).output
        let paths = Set(listing.split(separator: "\n").compactMap { line in line.split(separator: " ").last.map { String($0.dropFirst()) } })
        for path in ["/usr/bin/transparency-gen", "/usr/share/man/man1/transparency-gen.1.gz",
                     "/usr/share/bash-completion/completions/transparency-gen", "/usr/share/zsh/vendor-completions/_transparency-gen",
                     "/usr/share/fish/vendor_completions.d/transparency-gen.fish", "/usr/share/doc/transparency-gen/copyright",
                     "/usr/share/doc/transparency-gen/README.md", "/usr/share/doc/transparency-gen/docs/vendor-export.md"] {
            #expect(paths.contains(path), "the package has no \(path)")
        }
        // One manual page for each command the binary itself declares (its help, as JSON).
        let root = try Self.unpacked(deb)
        let binary = root.appendingPathComponent("usr/bin/transparency-gen").path
        let commands = try Self.subcommands(of: binary)
        #expect(commands.contains("build") && commands.contains("import"), "no commands read from the binary's help")
        for command in commands {
            #expect(paths.contains("/usr/share/man/man1/transparency-gen.\(command).1.gz"), "no manual page for \(command)")
        }
        // The manual page is one (mdoc), and documents the command's own options.
        let page = try Self.run("/bin/sh", ["-c", "gzip -dc '\(root.path)/usr/share/man/man1/transparency-gen.import.1.gz'"]).output
        #expect(page.contains(".Dt TRANSPARENCY-GEN.IMPORT 1") && page.contains("mapping"), "transparency-gen.import.1 is not the import command's page")
        // The bash completion is valid bash and offers every command.
        let bash = root.appendingPathComponent("usr/share/bash-completion/completions/transparency-gen").path
        #expect(try Self.run("/bin/bash", ["-n", bash]).status == 0, "the bash completion script is not valid bash")
        let completion = try String(contentsOfFile: bash, encoding: .utf8)
        for command in commands where !completion.contains(command) { Issue.record("the bash completion does not offer \(command)") }
    }

    /// The subcommands the binary declares, from swift-argument-parser's help as JSON.
    static func subcommands(of binary: String) throws -> [String] {
        let json = try run(binary, ["--experimental-dump-help"]).output
        let help = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let command = help?["command"] as? [String: Any]
        return (command?["subcommands"] as? [[String: Any]] ?? []).compactMap { $0["commandName"] as? String }
    }

    @Test(.enabled(if: deb != nil || Tool.requiredInCI, "no package: run Packaging/build.sh"))
    func unpackedWithNoToolchainItStartsInitialisesBuildsAndChecksASite() throws {
        let deb = try #require(Self.deb, "TRANSPARENCY_GEN_DEB is not set")
        let root = try Self.unpacked(deb)
        let binary = root.appendingPathComponent("usr/bin/transparency-gen").path

        // No library from the Swift toolchain: every one ldd finds is the system's.
        let libraries = try Self.run("/usr/bin/ldd", [binary]).output
        for line in libraries.split(separator: "\n") {
            #expect(!line.contains("not found") && !line.contains("swift") && !line.contains("libFoundation") && !line.contains("libdispatch"),
                    "ldd: \(line)")
        }

        let version = try Self.run(binary, ["--version"])
        #expect(version.status == 0)
        let words = version.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(words.hasPrefix("transparency-gen \(Self.version) (commit "), "--version: \(words)")
        let commit = words.split(separator: " ").last.map { String($0.dropLast()) } ?? ""
        #expect(commit.count == 40 && commit.allSatisfy(\.isHexDigit), "--version names no commit: \(words)")
        if Tool.requiredInCI, let head = try? Self.run("/usr/bin/git", ["-C", Project.root.path, "rev-parse", "HEAD"],
                                                       environment: ProcessInfo.processInfo.environment).output {
            #expect(commit == head.trimmingCharacters(in: .whitespacesAndNewlines), "the package was not built from this commit")
        }

        let folder = temporaryFolder("package-user")
        defer { try? FileManager.default.removeItem(at: folder) }
        let initialised = try Self.run(binary, ["init", "alpr-portal"], in: folder)
        #expect(initialised.status == 0, "init: \(initialised.output)")
        let site = folder.appendingPathComponent("alpr-portal")
        // The starter still holds its [[placeholders]], which a real build refuses to publish.
        let built = try Self.run(binary, ["build", "--allow-placeholders"], in: site)
        #expect(built.status == 0, "build: \(built.output)")
        let home = try String(contentsOf: site.appendingPathComponent("public/index.html"), encoding: .utf8)
        #expect(home.contains("<meta name=\"generator\" content=\"transparency-gen \(Self.version)\">"), "the pages do not name the version that built them")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("public/data/public-log.csv").path))
        // check finds no error in the new site, and warns of the starter's text still to replace.
        let checked = try Self.run(binary, ["check"], in: site)
        #expect(checked.status == 0, "check: \(checked.output)")
        #expect(checked.output.contains("No errors") && checked.output.contains("starter"), "check: \(checked.output)")
    }
}
