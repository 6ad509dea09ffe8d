import ArgumentParser
import Foundation
import PublicLog
import TransparencyGen

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check everything a build would read, and report statutory warnings. Writes nothing.",
        discussion: "Exit status: 0 when there is no error (warnings are printed), 1 with --strict when there are warnings, 2 on errors.")

    @OptionGroup var siteOptions: SiteOptions

    @Flag(name: .long, help: "Exit with status 1 when there are warnings.")
    var strict = false

    func run() throws {
        do {
            let warnings = try SiteBuilder(options: try siteOptions.buildOptions()).check()
            if warnings.isEmpty {
                print("No errors and no warnings.")
            } else {
                print("No errors. \(warnings.count) warning\(warnings.count == 1 ? "" : "s"):")
                for warning in warnings { print("- \(warning)") }
                if strict { throw ExitCode(1) }
            }
        } catch let error as GeneratorError {
            fail(error, code: 2)
        }
    }
}
