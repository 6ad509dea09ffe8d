import Foundation
import PublicLog

/// The digest of everything a page is rendered from: the generator, the template set (its
/// templates and words), the page's template and every field of its context, walked in a fixed
/// order. Two pages with the same key render the same bytes, so a page whose key is the
/// published page's is carried over instead of rendered again (see `PageCache`).
///
/// A value of a kind the walk does not know makes the page's key nil: such a page is always
/// rendered, never carried over on a guess.
struct PageKey {
    private var bytes: [UInt8] = []

    /// The key of a page rendered with `template` of a set known by `templates` (its identity
    /// and the generator's) from `context`; nil when the context holds a value of another kind.
    static func of(template: String, templates: String, context: [String: Any]) -> String? {
        var key = PageKey()
        key.add(templates)
        key.add(template)
        guard key.add(any: context) else { return nil }
        return key.digest
    }

    /// The SHA-256 of what was added, in hex.
    var digest: String { Digest.sha256(Data(bytes)) }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            add(count: utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func add(_ number: Int64) { add(String(number)) }

    mutating func add(_ flag: Bool) { bytes.append(flag ? 1 : 0) }

    private mutating func add(count: Int) {
        var count = UInt64(count)
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: count))
            count >>= 8
        }
    }

    /// A tag before each value, so that no two different contexts give the same bytes.
    private enum Tag: UInt8 { case text = 1, flag, number, absent, keyed, dictionary, list }

    /// Adds a context value; false for a value of a kind not known here.
    ///
    /// The common kinds are told by their type before any cast: on Linux a cast that fails
    /// (a list tried as a protocol, say) first bridges the value to a Foundation object, which
    /// made keying the pages cost a seventh of a full build.
    @discardableResult
    mutating func add(any value: Any) -> Bool {
        // Each cast below is of the type just matched, so it succeeds without bridging.
        switch ObjectIdentifier(type(of: value)) {
        case Self.dictionaryType: if let dictionary = value as? [String: Any] { return add(dictionary: dictionary) }
        case Self.dictionaryListType: if let list = value as? [[String: Any]] { return add(list: list) }
        case Self.listType: if let list = value as? [Any] { return add(list: list) }
        case Self.rowListType: if let list = value as? [LogRow] { return add(list: list) }
        case Self.cellListType: if let list = value as? [FigureCell] { return add(list: list) }
        case Self.textListType: if let list = value as? [String] { return add(list: list) }
        case Self.rowType, Self.cellType, Self.templateTextType: if let keyed = value as? PageKeyed { return add(keyed: keyed) }
        default: break
        }
        switch value {
        case let text as String:
            bytes.append(Tag.text.rawValue)
            add(text)
        case let flag as Bool:
            bytes.append(Tag.flag.rawValue)
            add(flag)
        case let number as Int:
            bytes.append(Tag.number.rawValue)
            add(Int64(number))
        case is NSNull:
            bytes.append(Tag.absent.rawValue)
        case let keyed as PageKeyed:
            return add(keyed: keyed)
        case let dictionary as [String: Any]:
            return add(dictionary: dictionary)
        case let list as [Any]:
            return add(list: list)
        default:
            return false
        }
        return true
    }

    private static let dictionaryType = ObjectIdentifier([String: Any].self)
    private static let dictionaryListType = ObjectIdentifier([[String: Any]].self)
    private static let listType = ObjectIdentifier([Any].self)
    private static let rowListType = ObjectIdentifier([LogRow].self)
    private static let cellListType = ObjectIdentifier([FigureCell].self)
    private static let textListType = ObjectIdentifier([String].self)
    private static let rowType = ObjectIdentifier(LogRow.self)
    private static let cellType = ObjectIdentifier(FigureCell.self)
    private static let templateTextType = ObjectIdentifier(TemplateText.self)

    private mutating func add(keyed: PageKeyed) -> Bool {
        bytes.append(Tag.keyed.rawValue)
        add(keyed.keyKind)
        keyed.addInputs(to: &self)
        return true
    }

    private mutating func add(dictionary: [String: Any]) -> Bool {
        bytes.append(Tag.dictionary.rawValue)
        add(count: dictionary.count)
        for (name, element) in dictionary.sorted(by: { $0.key < $1.key }) {
            add(name)
            guard add(any: element) else { return false }
        }
        return true
    }

    /// A list, tagged the same whatever its elements' type, so that the same values give the same key.
    private mutating func add<Element>(list: [Element]) -> Bool {
        bytes.append(Tag.list.rawValue)
        add(count: list.count)
        for element in list {
            guard add(any: element) else { return false }
        }
        return true
    }
}

/// A context value that says itself what it renders from (a log row, a figure's cell), so
/// that its key is made from its data rather than from each field a template may ask for.
protocol PageKeyed {
    /// A name of the value's kind, unique among the kinds that add their own inputs.
    var keyKind: String { get }
    /// Adds every input of every field the value gives a template.
    func addInputs(to key: inout PageKey)
}

extension TemplateText: PageKeyed {
    var keyKind: String { "text" }
    func addInputs(to key: inout PageKey) { key.add(renderText) }
}

extension FigureCell: PageKeyed {
    var keyKind: String { "figure cell" }
    func addInputs(to key: inout PageKey) {
        // The labels are the language's words, which the template set's identity covers.
        key.add(Int64(figure.rawValue))
        key.add(value.renderText)
    }
}
