/// Whose figures a ledger holds: the agency and the operational source it was first built
/// from. Period ids are the operational database's own, so two agencies or two databases on
/// one ledger would lend each other's figures; a build of another owner is refused.
public struct LedgerOwner: Sendable, Equatable, CustomStringConvertible {
    /// `agency_name` as site.yaml gives it.
    public let agency: String
    /// The source without anything secret: a file path, `postgresql://HOST:PORT/DB?schema=S`, or `sample`.
    public let source: String
    /// A file source's full path (links resolved), else `source`: a site folder copied
    /// elsewhere that reads the same file is the same owner, as is a tree moved with its file.
    public let sourcePath: String

    public init(agency: String, source: String, sourcePath: String? = nil) {
        self.agency = agency
        self.source = source
        self.sourcePath = sourcePath ?? source
    }

    /// The same agency and the same source, by either of the source's names.
    public func isSame(as other: LedgerOwner) -> Bool {
        agency == other.agency && (source == other.source || sourcePath == other.sourcePath)
    }

    /// As messages name it.
    public var description: String { "\(agency), from \(source)" }
}
