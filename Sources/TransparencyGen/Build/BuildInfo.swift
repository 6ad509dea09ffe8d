/// The version of transparency-gen and the commit it was built from, compiled in by the
/// BuildInfo plugin (`version` from the repository's `VERSION` file, `commit` from `.git`).
public enum BuildInfo {
    /// The generator's name, as pages and `publication.json` give it.
    public static let name = "transparency-gen"

    /// `transparency-gen 0.9.0`: what the pages name as their generator.
    public static var generator: String { "\(name) \(version)" }

    /// `transparency-gen 0.9.0 (commit 0123abc…)`, or `(commit unknown)` when built from a copy without `.git`.
    public static var description: String {
        "\(generator) (commit \(commit.isEmpty ? "unknown" : commit))"
    }
}
