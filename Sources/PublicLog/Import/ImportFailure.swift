/// How every import error reads: the file, the line (and column), what is wrong, how to fix
/// it, and that nothing was imported; never a cell's value.
enum ImportFailure {
    /// `FILE line N[, column C]: problem. fix Nothing was imported.`
    static func at(_ file: String, line: Int, column: String? = nil, _ problem: String, fix: String) -> PublicLogError {
        PublicLogError("\(file) line \(line)\(column.map { ", column \($0)" } ?? ""): \(problem). \(fix) Nothing was imported.")
    }

    /// The fix for a file that is not CSV as RFC 4180 writes it.
    static let csvFix = "Export the file again, or open and save it as CSV (comma-separated, double quotes around fields that hold commas or line breaks)."
}
