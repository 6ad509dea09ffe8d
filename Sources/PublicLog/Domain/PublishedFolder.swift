/// A folder a build published: it holds this marker file, so that a build replaces only its own
/// output, and the import never writes an operational database into one.
public enum PublishedFolder {
    public static let marker = ".transparency-gen-output"
}
