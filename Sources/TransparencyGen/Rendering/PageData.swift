import Foundation

/// A page's data as a typed value: its stored properties are the template's fields, named in
/// snake_case (`platesLast30Days` is `{{plates_last_30_days}}`). Nested values, arrays of them
/// and optionals follow the same rule; an optional that is nil is present and empty, so a
/// template may test it with `{{#name}}` and the strict field check still knows the name.
protocol PageData {}

/// Turns `PageData` into the fields the Mustache library renders (by reflection: the page
/// types stay plain structs, with no hand-written list of keys to fall out of step).
enum PageFields {
    /// The fields of `value`, a struct.
    static func fields(of value: some PageData) -> [String: Any] {
        (convert(value) as? [String: Any]) ?? [:]
    }

    private static func convert(_ value: Any) -> Any {
        switch value {
        case let text as String: return text
        case let flag as Bool: return flag
        case let number as Int: return number
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { convert($0.value) } ?? absent
        case .collection, .set:
            return mirror.children.map { convert($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            for case let (label?, child) in mirror.children { fields[snakeCase(label)] = convert(child) }
            return fields
        default:
            return value
        }
    }

    /// `platesLast30Days` → `plates_last_30_days`: a word break before each capital and
    /// before a run of digits.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        var previous: Character?
        for character in name {
            if let previous {
                if character.isUppercase || (character.isNumber && !previous.isNumber) { out += "_" }
            }
            out += character.lowercased()
            previous = character
        }
        return out
    }
}
