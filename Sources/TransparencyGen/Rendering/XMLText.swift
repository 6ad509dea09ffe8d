/// Text escaped for XML content and attribute values (SVG, Atom, sitemap, HTML written by code,
/// and, with the apostrophe, every `{{field}}` of a template): one escaper for all of them.
///
/// By bytes, not `Character`s: Foundation's and the Mustache library's replacements compare
/// whole Characters, so a `"` or `<` that forms one grapheme with its neighbour (a combining
/// mark, a joiner, a modifier) was left as it is, and a quote could end an attribute early.
public enum XMLText {
    /// `&`, `<`, `>` and `"` as references.
    public static func escape(_ text: String) -> String {
        var bytesOf = text
        return bytesOf.withUTF8 { bytes in
            guard bytes.contains(where: { replacement(for: $0, apostrophe: false) != nil }) else { return text }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 16)
            append(bytes, to: &output, apostrophe: false)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Appends `bytes` to `output` escaped; `apostrophe` adds `'` (as the Mustache library's
    /// table for templates has it). Runs of other bytes are copied whole.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], apostrophe: Bool) {
        var runStart = 0
        for index in 0..<bytes.count {
            guard let replacement = replacement(for: bytes[index], apostrophe: apostrophe) else { continue }
            if index > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            runStart = index + 1
        }
        if bytes.count > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    private static func replacement(for byte: UInt8, apostrophe: Bool) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'") where apostrophe: "&#39;"
        default: nil
        }
    }
}
