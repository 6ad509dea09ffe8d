import Mustache

/// Text handed to a template as itself: swift-mustache renders a value of this type without
/// the dynamic casts and `String(describing:)` it applies to any other value, which matters
/// for the fields of the log's hundreds of thousands of rows. Still HTML-escaped by `{{ }}`.
struct TemplateText: MustacheCustomRenderable, Sendable {
    let renderText: String

    var isNull: Bool { false }

    init(_ text: String) { renderText = text }
}

extension TemplateText: RenderedAsItself {}
