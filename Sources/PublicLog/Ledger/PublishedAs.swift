/// What a publication's files were made as, and the proof of them (ledger version 9). A build
/// whose inputs are those of the last publication, on the same day, by the same generator, with
/// the same key, makes the same files: it republishes that publication. Anything else is a new
/// one, so that every `SHA256SUMS` ever published is in the chain (`publications.csv`).
public struct PublishedAs: Sendable, Equatable {
    /// The day its figures run to (`as_of`).
    public let asOf: String
    /// The generator that made its files: name, version and commit (`BuildInfo.description`).
    public let generator: String
    /// The OpenSSH public key line that signed it; empty when unsigned.
    public let signingKey: String
    /// The SHA-256 of its `SHA256SUMS`; empty until the build has made its manifest.
    public var sha256sums: String

    public init(asOf: String, generator: String, signingKey: String, sha256sums: String = "") {
        self.asOf = asOf
        self.generator = generator
        self.signingKey = signingKey
        self.sha256sums = sha256sums
    }

    /// True when files made as `other` are these files (given the same inputs).
    public func makesTheSameFiles(as other: PublishedAs) -> Bool {
        asOf == other.asOf && generator == other.generator && signingKey == other.signingKey
    }
}
