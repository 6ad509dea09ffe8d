import Foundation
import Mustache
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// The compiled renderer (`CompiledTemplates`, `CompiledRenderer`) against the reference it
/// must match: swift-mustache's own renderer, given the same templates and the same fields.
@Suite("Compiled templates render as the library does")
struct CompiledTemplatesTests {
    static let kind = SiteKind(name: "test site", starterCommand: "none", settingsFile: "none", pageTemplates: { [] }, messages: { [] })

    /// Both engines over the templates `files` (name → text) in a fresh folder.
    static func sets(_ files: [String: String]) throws -> (compiled: TemplateSet, library: TemplateSet, folder: URL) {
        let folder = temporaryFolder("compiled-templates")
        for (name, text) in files {
            let url = folder.appendingPathComponent("\(name).mustache")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let catalog = try MessageCatalog(language: .english, file: "en.yaml", text: "greeting: \"Hello, {name} & <friends>\"\n")
        return (try TemplateSet(directory: folder, catalog: catalog, kind: kind, engine: .compiled),
                try TemplateSet(directory: folder, catalog: catalog, kind: kind, engine: .library), folder)
    }

    /// Templates that exercise each rule the renderer reimplements: lookups up the stack, dotted
    /// and anchored names, sections over every kind of value, standalone and indented partials,
    /// parents with blocks overridden at two levels, CRLF lines, escaping.
    static let templates: [String: String] = [
        "page": """
            <h1>{{title}}</h1> {{{html}}} {{&html}} {{number}} {{flag}} {{absent}}|
            {{#rows}}
              <tr>{{label}} {{title}} {{.label}} {{inner.label}} {{#cells}}[{{.}}]{{/cells}}{{^cells}}none{{/cells}}</tr>
            {{/rows}}
            {{^rows}}no rows{{/rows}}
            {{#empty}}never{{/empty}}{{^empty}}empty{{/empty}}
            {{#flag}}yes{{/flag}}{{^flag}}no{{/flag}} {{#off}}on{{/off}}{{^off}}off{{/off}}
            {{#inner}}{{label}}/{{title}}{{/inner}} {{inner.label}} {{inner.missing.deeper}}
            {{#absent}}gone{{/absent}}{{^absent}}not there{{/absent}} {{#number}}n={{.}}{{/number}} {{#zero}}z={{.}}{{/zero}}
            {{#text}}<{{.}}>{{/text}} {{#words}}{{.}},{{/words}}
              {{>partials/indented}}
            <ul>
              {{#rows}}
              {{>partials/item}}
              {{/rows}}
            </ul>
            {{>t/greeting}}
            {{! a comment }}
            \r\n  {{#flag}}\r\n  crlf\r\n  {{/flag}}\r\n
            """,
        "partials/indented": "first {{title}}\nsecond\n{{#words}}\n{{.}}\n{{/words}}\nlast\n",
        "partials/item": "<li>{{label}}</li>\n<li>{{#cells}}{{.}} {{/cells}}</li>\n",
        "base": "<html>\n  {{$main}}base main{{/main}}\n  <footer>{{$foot}}base foot{{/foot}}</footer>\n</html>\n",
        "middle": "{{<base}}{{$main}}middle main {{title}}\n  {{$inner}}middle inner{{/inner}}\n{{/main}}{{/base}}",
        "child": "{{<middle}}\n{{$inner}}child inner {{#rows}}{{label}};{{/rows}}{{/inner}}\n{{$foot}}child foot{{/foot}}\n{{/middle}}\n",
        "escape": "{{plain}}|{{{plain}}}|<a title=\"{{plain}}\">{{text}}</a>",
    ]

    static var fields: [String: Any] { [
        "name": "Ada", "title": "Quotes \" and 'apostrophes' & <tags>",
        "html": "<b>bold</b>",
        "number": 42, "zero": 0, "flag": true, "off": false, "absent": NSNull(), "empty": [Any](),
        "text": TemplateText("a < b"),
        "words": ["one", "two & three"],
        "inner": ["label": "inner label"] as [String: Any],
        "rows": [
            ["label": "row 1", "cells": [TemplateText("1"), TemplateText("2")]] as [String: Any],
            ["label": "row <2>", "cells": [Any](), "inner": ["label": "row's inner"] as [String: Any]] as [String: Any],
        ],
        "plain": "Ünïcödé “quotes” – \"x\" & 'y' <z> 😀",
    ] }

    @Test func everyRuleRendersAsTheLibraryRendersIt() throws {
        let (compiled, library, folder) = try Self.sets(Self.templates)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(compiled.compiled != nil, "\(compiled.renderingWarnings)")
        #expect(library.compiled == nil)
        for name in ["page", "child", "middle", "base", "escape"] {
            let reference = try library.render(name, Self.fields)
            let rendered = try compiled.render(name, Self.fields)
            #expect(Array(rendered.utf8) == Array(reference.utf8), "\(name)")
        }
        // Spot checks of what the reference itself does, so that a change to both is seen.
        let child = try compiled.render("child", Self.fields)
        #expect(child.contains("child inner row 1;row &lt;2&gt;;") && child.contains("<footer>child foot</footer>"))
        #expect(child.contains("middle main Quotes &quot; and &#39;apostrophes&#39; &amp; &lt;tags&gt;"))
    }

    /// A value that renders as itself and has fields of its own, as the log's figure cells do.
    struct Cell: MustacheParent, MustacheCustomRenderable {
        let renderText: String
        var isNull: Bool { false }
        func child(named name: String) -> Any? { name == "short_label" ? "short" : nil }
    }

    /// The corners a review found where the first compiled renderer parted from the library:
    /// the current value inside an inverted section over an empty list, `{{.}}` at the page's
    /// top, a section over the current value when it renders as itself, and absent list items.
    @Test(arguments: [
        "{{^empty}}[{{.}}]{{/empty}}", "{{^empty}}[{{.title}}]{{/empty}}", "{{^empty}}{{#.}}in{{/.}}{{^.}}not in{{/.}}{{/empty}}",
        "[{{.}}]", "{{#.}}{{title}}{{/.}}",
        "{{#cells}}{{#.}}[{{.short_label}}|{{.}}]{{/.}}{{^.}}none{{/.}}{{/cells}}", "{{#cells}}({{.}}){{/cells}}",
        "{{#holes}}[{{.}}]{{/holes}}", "{{#holes}}{{#.}}T{{/.}}{{^.}}F{{/.}}{{/holes}}", "{{^holes}}none{{/holes}}",
        "{{#title}}{{.}}{{/title}} {{#zero}}{{.}}{{/zero}} {{#ratio}}{{.}}{{/ratio}} {{#nothing}}x{{/nothing}}{{^nothing}}y{{/nothing}}",
    ])
    func cornersRenderAsTheLibraryRendersThem(template: String) throws {
        let (compiled, library, folder) = try Self.sets(["page": template])
        defer { try? FileManager.default.removeItem(at: folder) }
        let fields: [String: Any] = ["empty": [Any](), "title": "T", "zero": 0, "ratio": 0.5, "nothing": [String: Any](),
                                     "cells": [Cell(renderText: "1 & 2"), Cell(renderText: "3")], "holes": [NSNull(), "x"] as [Any]]
        let reference = try library.render("page", fields)
        #expect(Array(try compiled.render("page", fields).utf8) == Array(reference.utf8), "\(reference)")
    }

    /// The shipped templates of both kinds of site compile: otherwise the side-by-side tests below
    /// would compare the library with itself.
    @Test func theShippedTemplatesCompile() throws {
        let languages = try FileManager.default.contentsOfDirectory(atPath: Project.templates.appendingPathComponent("messages").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().compactMap { Language(code: String($0.dropLast(".yaml".count))) }
        #expect(languages.count > 1)
        let portal = try SiteTemplates(folder: Project.templates, languages: languages, publishPartly: languages, kind: .portal)
        #expect(portal.main.compiled != nil, "\(portal.main.renderingWarnings)")
        #expect(portal.translations.allSatisfy { $0.compiled != nil })
        let index = temporaryFolder("index-templates")
        defer { try? FileManager.default.removeItem(at: index) }
        for file in IndexScaffold(now: Instant(secondsSinceEpoch: 0)).files() where file.path.hasPrefix("templates/") {
            let url = index.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url)
        }
        let indexSets = try SiteTemplates(folder: index.appendingPathComponent("templates"), languages: [.english], publishPartly: [], kind: .index)
        #expect(indexSets.main.compiled != nil, "\(indexSets.main.renderingWarnings)")
    }

    /// A partial that leads back to itself is refused before anything renders (the library's
    /// renderer would overflow the stack); nesting past the limit stops the compiled renderer.
    @Test func aPartialThatIncludesItselfIsRefusedAndDeepNestingIsAnError() throws {
        #expect {
            _ = try Self.sets(["page": "<p>\n{{#flag}}{{>again}}{{/flag}}", "again": "x{{>page}}"])
        } throws: { error in
            let message = "\(error)"
            return message.contains("templates/again.mustache") && message.contains("line 1") && message.contains("again → page → again")
                || message.contains("templates/page.mustache") && message.contains("line 2") && message.contains("page → again → page")
        }
        let deep = String(repeating: "{{#flag}}", count: CompiledRenderer.depthLimit + 1) + "x" + String(repeating: "{{/flag}}", count: CompiledRenderer.depthLimit + 1)
        let (compiled, _, folder) = try Self.sets(["page": deep])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(compiled.compiled != nil)
        #expect {
            try compiled.render("page", ["flag": true])
        } throws: { error in
            "\(error)".contains("more than \(CompiledRenderer.depthLimit) deep")
        }
    }

    /// The library's parser traps on a one-character delimiter; such tags are refused first.
    @Test func aSetDelimiterTagIsRefusedWithItsLine() throws {
        #expect {
            _ = try Self.sets(["page": "<p>\n{{=| |=}}|#a||/a|"])
        } throws: { error in
            let message = "\(error)"
            return message.contains("page.mustache") && message.contains("line 2") && message.contains("delimiters")
        }
    }

    @Test func aFieldNoValueHasIsRefusedByBothEngines() throws {
        let (compiled, library, folder) = try Self.sets([
            "page": "{{#rows}}{{label}} {{nowhere}}{{/rows}} {{.anchored}}",
            "inverted": "{{^empty}}{{.not_checked_here}}{{/empty}}{{#.}}{{.checked_here}}{{/.}}",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let fields: [String: Any] = ["rows": [["label": "x"]], "empty": [Any]()]
        for set in [compiled, library] {
            #expect {
                try set.render("page", fields)
            } throws: { error in
                "\(error)".contains("names the field `anchored`")
            }
            #expect {
                try set.render("inverted", fields)
            } throws: { error in
                "\(error)".contains("names the field `checked_here`")
            }
        }
    }

    @Test func aTemplateTheCompilerDoesNotKnowIsRenderedByTheLibrary() throws {
        let (compiled, _, folder) = try Self.sets(["page": "{{#words}}{{.}}{{^last()}}, {{/last()}}{{/words}} {{uppercased(title)}}"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(compiled.compiled == nil)
        #expect(compiled.notCompiled?.what.contains("transform") == true)
        #expect(try compiled.render("page", ["words": ["a", "b"], "title": "x"]) == "a, b X")
        // A site whose templates use one builds, and `check` says why it is slower.
        let site = SiteFixture()
        let page = site.site.appendingPathComponent("templates/page.mustache")
        try (String(contentsOf: page, encoding: .utf8) + "<!-- {{lowercased(page_title)}} -->\n").write(to: page, atomically: true, encoding: .utf8)
        PublishingTests.purgeFixture(site.databasePath)
        let warnings = try SiteBuilder(options: site.options(now: PublishingTests.t0)).check()
        #expect(warnings.contains { $0.contains("templates/page.mustache uses a transform ({{lowercased(page_title)}})") && $0.contains("twice as long") },
                "\(warnings)")
        try site.build(now: PublishingTests.t0)
        #expect(site.outputText("index.html") != nil)
    }

    /// The library compares whole Characters, so a quote followed by a combining mark is one
    /// Character and stays unescaped, ending an attribute; the compiled renderer escapes bytes.
    @Test func aQuoteFollowedByACombiningMarkIsStillEscaped() throws {
        let (compiled, _, folder) = try Self.sets(["page": "<a title=\"{{label}}\">{{label}}</a>"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = try compiled.render("page", ["label": "x\"\u{301} onmouseover=alert(1) <\u{301}b>"])
        #expect(html == "<a title=\"x&quot;\u{301} onmouseover=alert(1) &lt;\u{301}b&gt;\">x&quot;\u{301} onmouseover=alert(1) &lt;\u{301}b&gt;</a>")
    }

    /// Every page and file of the sample portal, in every language it publishes, is the same
    /// from both engines, byte for byte.
    @Test func theSamplePortalIsTheSameFromBothEngines() throws {
        func build(_ engine: TemplateSet.Engine) throws -> [String: Data] {
            let output = temporaryFolder("sample-\(engine)").appendingPathComponent("public")
            defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
            var options = BuildOptions(siteDirectory: Project.root, output: output, now: SamplePortal.now, sampleScale: 0.05)
            options.templateEngine = engine
            _ = try SiteBuilder(options: options).build()
            return SiteFixture.files(in: output)
        }
        let compiled = try build(.compiled)
        let library = try build(.library)
        #expect(compiled.count > 100)
        #expect(compiled.keys.sorted() == library.keys.sorted())
        let different = compiled.keys.sorted().filter { compiled[$0] != library[$0] }
        #expect(different.isEmpty, "\(different.prefix(10))")
    }

    /// The same for a statewide index built from three portals, in two languages.
    @Test func theStatewideIndexIsTheSameFromBothEngines() throws {
        let built = try IndexSiteTests.built()
        let output = built.folder.appendingPathComponent("public-library")
        defer { try? FileManager.default.removeItem(at: output) }
        var builder = IndexBuilder(sourcesFile: built.folder.appendingPathComponent("sources.yaml"), output: output,
                                   now: Instant(iso: IndexTests.now)!)
        builder.templateEngine = .library
        _ = try builder.build()
        let compiled = SiteFixture.files(in: built.output), library = SiteFixture.files(in: output)
        #expect(compiled.count > 20)
        #expect(compiled.keys.sorted() == library.keys.sorted())
        let different = compiled.keys.sorted().filter { compiled[$0] != library[$0] }
        #expect(different.isEmpty, "\(different.prefix(10))")
    }
}
