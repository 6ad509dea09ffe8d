import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Key pages of the sample portal in a real browser (Debian's headless Chromium) at phone and
/// desktop widths. Screenshots go to `.build/test-artifacts/browser/` for people to look at;
/// they are never committed.
@Suite("Real browser: phone and desktop layouts")
struct BrowserLayoutTests {
    static let chromium: String? = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(Tool.find).first

    static let widths = [320, 375, 768, 1280]
    static let viewportHeight = 800

    @Test(.enabled(if: chromium != nil || Tool.requiredInCI, "chromium is not installed (apt-get install chromium)"))
    func keyPagesFitEveryWidthAndShowTheirMainContent() throws {
        let chromium = try #require(Self.chromium, "chromium is not installed: apt-get install chromium")
        let folder = temporaryFolder("browser")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public")
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: Project.root, output: output,
                                                  now: Instant(iso: "2026-11-21T15:00:00Z")!, sampleScale: 0.05)).build()
        let pages = try Self.keyPages(in: output)
        #expect(pages.count >= 10)

        // One browser run measures every page at every width: each page sits in an iframe of that width,
        // and the wrapper reads the framed document once everything has loaded.
        let probe = folder.appendingPathComponent("probe.html")
        try Data(Self.probePage(output: output, pages: pages).utf8).write(to: probe)
        let dom = try Tool.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                          "--allow-file-access-from-files", "--dump-dom", probe.absoluteString])
        let results = try Self.results(fromDump: dom)
        let artifacts = Project.root.appendingPathComponent(".build/test-artifacts/browser")
        try? FileManager.default.removeItem(at: artifacts)
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        // What was measured, one line per page and width, for reading alongside the screenshots.
        let report = results.map { r in
            "\(r["page"] ?? "?")\t\(r["width"] ?? "?") px\tpage width \(r["scrollWidth"] ?? "?")\ttables scrolling inside their box \(r["scrollingTables"] ?? "?")"
        }.sorted().joined(separator: "\n")
        try Data((report + "\n").utf8).write(to: artifacts.appendingPathComponent("layout.tsv"))
        #expect(results.count == pages.count * Self.widths.count, "the probe measured \(results.count) frames")

        try Self.expectEveryPageFits(results)

        // The issue's test of the home page: on a phone, last month's plates, hits, accuracy, searches and the
        // last audit are all answered within two screens (an iPhone SE screen is 375 by 667 px).
        let home = try #require(results.first { $0["page"] as? String == "index.html" && $0["width"] as? Double == 375 })
        let labels = (home["statsLabels"] as? [String] ?? []).joined(separator: " | ")
        // Issue 26: the readers in service, the request link and the latest audit within the first
        // three screens at 375 px, in each language, the long tables folded below them.
        for page in ["index.html", "es/index.html"] {
            let phone = try #require(results.first { $0["page"] as? String == page && $0["width"] as? Double == 375 })
            let tops = phone["tops"] as? [String: Double] ?? [:]
            for key in ["readers", "request", "audit"] {
                let top = try #require(tops[key], "\(page): no \(key) link found")
                #expect(top < 3 * 667, "\(page) at 375 px: the \(key) link is at \(Int(top)) px, below the first three screens")
            }
        }
        for answer in ["Plates read", "Plates with hits", "confirmed", "Searches", "Last audit"] {
            #expect(labels.contains(answer), "the home page's first figures do not answer \(answer): \(labels)")
        }
        // Issue 26: the map's names never overlap each other or a marker, at any width.
        let maps = results.filter { ($0["page"] as? String)?.hasSuffix("locations/index.html") == true }
        #expect(maps.count == 2 * Self.widths.count && maps.allSatisfy { ($0["mapNames"] as? Double ?? 0) >= 5 }, "the map's names were not measured")
        for map in maps {
            #expect((map["mapOverlaps"] as? [String] ?? []).isEmpty,
                    "\(map["page"] ?? "") at \(map["width"] ?? "") px: map names overlap: \(map["mapOverlaps"] ?? "")")
        }
        let bottom = try #require(home["statsBottom"] as? Double, "the home page has no headline figures")
        #expect(bottom <= 2 * 667, "the headline figures end \(bottom) px down the phone screen, past two screens")

        try Self.screenshots(chromium, output: output, pages: pages, into: artifacts)
    }

    /// Each page at each width: no sideways scrolling, nothing past the right edge, its main
    /// content visible and wide, no table cut off in its box, its heading in the first half screen.
    static func expectEveryPageFits(_ results: [[String: Any]]) throws {
        for result in results {
            let at = "\(result["page"] ?? "?") at \(result["viewport"] ?? "?") px"
            #expect(result["error"] == nil, "\(at): \(result["error"] ?? "")")
            let viewport = try #require(result["viewport"] as? Double, "\(at)")
            #expect(viewport == result["width"] as? Double, "\(at): the frame is not the width asked for")
            let scrollWidth = try #require(result["scrollWidth"] as? Double, "\(at)")
            #expect(scrollWidth <= viewport, "\(at) scrolls sideways: the page is \(scrollWidth) px wide")
            #expect((result["wide"] as? [String] ?? []).isEmpty, "\(at): elements past the right edge: \(result["wide"] ?? "")")
            let main = try #require(result["main"] as? [String: Any], "\(at): no main element")
            #expect(main["display"] as? String != "none" && main["visibility"] as? String == "visible", "\(at): main is hidden")
            #expect((main["width"] as? Double ?? 0) > viewport * 0.8, "\(at): main is only \(main["width"] ?? 0) px wide")
            #expect((main["left"] as? Double ?? -1) >= 0 && (main["right"] as? Double ?? .infinity) <= viewport, "\(at): main is cut off")
            #expect((main["height"] as? Double ?? 0) > 100, "\(at): main is nearly empty")
            #expect(result["scrollingTables"] as? Double == 0, "\(at): a table is cut off and must be scrolled sideways in its box")
            let headingTop = try #require(result["h1Top"] as? Double, "\(at): no h1")
            #expect(headingTop >= 0 && headingTop < Double(Self.viewportHeight) / 2,
                    "\(at): the page heading starts at \(headingTop) px, not in the top half of the first screen")
        }

    }

    /// The statewide index's pages, in both its languages, at every width.
    @Test(.enabled(if: chromium != nil || Tool.requiredInCI, "chromium is not installed (apt-get install chromium)"))
    func theIndexsPagesFitEveryWidth() throws {
        let chromium = try #require(Self.chromium, "chromium is not installed: apt-get install chromium")
        let output = try IndexSiteTests.built().output
        let pages = (FileManager.default.enumerator(atPath: output.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".html") && $0 != SiteMap.notFound }.sorted()
        #expect(pages.count >= 16)
        let folder = temporaryFolder("browser-index")
        defer { try? FileManager.default.removeItem(at: folder) }
        let probe = folder.appendingPathComponent("probe.html")
        try Data(Self.probePage(output: output, pages: pages).utf8).write(to: probe)
        let dom = try Tool.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                          "--allow-file-access-from-files", "--dump-dom", probe.absoluteString])
        let results = try Self.results(fromDump: dom)
        #expect(results.count == pages.count * Self.widths.count, "the probe measured \(results.count) frames")
        try Self.expectEveryPageFits(results)
        let artifacts = Project.root.appendingPathComponent(".build/test-artifacts/browser-index")
        try? FileManager.default.removeItem(at: artifacts)
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        try Self.screenshots(chromium, output: output, pages: ["index.html", "es/index.html"], into: artifacts)
    }

    /// The home page, the first of every other kind of page, and the longest page of the log,
    /// in English and in Spanish (whose words run longer), as the sample publishes both.
    static func keyPages(in output: URL) throws -> [String] {
        let fm = FileManager.default
        var pages = ["index.html", "log/index.html", "locations/index.html", "policy/index.html", "audits/index.html",
                     "data/index.html", "changes/index.html"]
        let all = (fm.enumerator(atPath: output.path)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".html") }.sorted()
        let month = all.filter { $0.hasPrefix("log/20") && $0.hasSuffix("/index.html") && !$0.contains("page-") }
        func size(_ page: String) -> Int {
            (try? fm.attributesOfItem(atPath: output.appendingPathComponent(page).path)[.size] as? Int) ?? 0
        }
        let longest = month.max { size($0) < size($1) }
        let kinds: [(String, String?)] = [
            ("longest month of the log", longest), ("reader page", all.first { $0.hasPrefix("log/readers/") }),
            ("audit page", all.first { $0.hasPrefix("audits/") && $0 != "audits/index.html" }),
            ("content page", all.first { $0.hasPrefix("faq/") }),
        ]
        for (kind, page) in kinds {
            if let page { pages.append(page) } else { Issue.record("no \(kind) was built") }
        }
        pages += pages.map { "es/" + $0 }
        for page in pages where !fm.fileExists(atPath: output.appendingPathComponent(page).path) {
            Issue.record("\(page) was not built")
        }
        return pages
    }

    static func probePage(output: URL, pages: [String]) -> String {
        var frames = ""
        for page in pages {
            for width in widths {
                let src = output.appendingPathComponent(page).absoluteString
                frames += "<iframe data-page=\"\(page)\" width=\"\(width)\" height=\"\(viewportHeight)\" src=\"\(src)\"></iframe>\n"
            }
        }
        return """
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;display:block}</style></head><body>
            \(frames)<pre id="out">not measured</pre>
            <script>
            window.addEventListener('load', function () {
              var results = [];
              document.querySelectorAll('iframe').forEach(function (frame) {
                var r = { page: frame.dataset.page, width: Number(frame.width) };
                try {
                  var d = frame.contentDocument, w = d.defaultView;
                  r.viewport = w.innerWidth;
                  r.scrollWidth = d.documentElement.scrollWidth;
                  var main = d.querySelector('main');
                  if (main) {
                    var b = main.getBoundingClientRect(), s = w.getComputedStyle(main);
                    r.main = { left: b.left, right: b.right, width: b.width, height: b.height, display: s.display, visibility: s.visibility };
                  }
                  var stats = d.querySelector('dl.stats');
                  if (stats) {
                    r.statsBottom = stats.getBoundingClientRect().bottom;
                    r.statsLabels = Array.prototype.map.call(stats.querySelectorAll('dt'), function (dt) { return dt.textContent; });
                  }
                  // Where, down the page, a resident finds the readers, how to request data and the last audit.
                  var found = { readers: d.querySelector('a[href="locations/"]'), request: d.querySelector('.panel a.request'),
                                audit: d.querySelector('dl.stats a[href^="audits/"]') };
                  r.tops = {};
                  Object.keys(found).forEach(function (key) {
                    if (found[key]) r.tops[key] = found[key].getBoundingClientRect().top + w.scrollY;
                  });
                  // The map's names as the browser draws them: no two overlap, nor a name and a marker.
                  r.mapOverlaps = [];
                  var named = Array.prototype.map.call(
                    d.querySelectorAll('svg.map text.map-label:not(.map-halo), svg.map text.map-road-label:not(.map-halo), svg.map g.marker.current circle'),
                    function (e) { var b = e.getBoundingClientRect(); return { name: e.textContent || 'a marker', l: b.left, r: b.right, t: b.top, b: b.bottom, marker: e.tagName === 'circle' }; });
                  r.mapNames = named.filter(function (n) { return !n.marker; }).length;
                  for (var i = 0; i < named.length; i++) {
                    for (var j = i + 1; j < named.length; j++) {
                      var a = named[i], c = named[j];
                      if (a.marker && c.marker) continue;
                      var across = Math.min(a.r, c.r) - Math.max(a.l, c.l), down = Math.min(a.b, c.b) - Math.max(a.t, c.t);
                      if (across > 0.5 && down > 0.5) r.mapOverlaps.push(a.name + ' / ' + c.name);
                    }
                  }
                  var h1 = d.querySelector('h1');
                  if (h1) r.h1Top = h1.getBoundingClientRect().top;
                  // Anything reaching past the right edge, except inside a table's own scrolling region.
                  r.wide = [];
                  d.querySelectorAll('body *').forEach(function (e) {
                    var e1 = e.getBoundingClientRect();
                    if (e1.width > 0 && e1.right > w.innerWidth + 0.5 && !e.closest('.table-scroll')) {
                      r.wide.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' to ' + Math.round(e1.right) + ' px');
                    }
                  });
                  r.wide = r.wide.slice(0, 5);
                  r.scrollingTables = 0;
                  d.querySelectorAll('.table-scroll').forEach(function (e) { if (e.scrollWidth > e.clientWidth) r.scrollingTables++; });
                } catch (e) { r.error = String(e); }
                results.push(r);
              });
              document.getElementById('out').textContent = JSON.stringify(results);
            });
            </script></body></html>
            """
    }

    static func results(fromDump dom: String) throws -> [[String: Any]] {
        let start = try #require(dom.range(of: "<pre id=\"out\">"), "the probe page did not render")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let text = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        let json = try #require(try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "probe said: \(text.prefix(300))")
        return json
    }

    /// Full-length screenshots at 375 and 1280 px, kept under `.build/test-artifacts/browser/`.
    static func screenshots(_ chromium: String, output: URL, pages: [String], into folder: URL) throws {
        let shots = pages.flatMap { page in [(page, 375, 2400), (page, 1280, 1600)] }
        // Two browsers at a time: each spends most of its second starting up.
        DispatchQueue.concurrentPerform(iterations: shots.count) { index in
            let (page, width, height) = shots[index]
            let png = folder.appendingPathComponent(artifactName(page, width))
            _ = try? Tool.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                         "--window-size=\(width),\(height)", "--screenshot=\(png.path)",
                                         output.appendingPathComponent(page).absoluteString])
        }
        for (page, width, _) in shots {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(artifactName(page, width)).path),
                    "no screenshot of \(page) at \(width) px")
        }
    }
}

extension BrowserLayoutTests {
    /// `log/2026-10/index.html` at 375 px is `log-2026-10-375.png`.
    static func artifactName(_ page: String, _ width: Int) -> String {
        let name = page.replacingOccurrences(of: "/index.html", with: "").replacingOccurrences(of: ".html", with: "")
            .replacingOccurrences(of: "/", with: "-")
        return "\(name)-\(width).png"
    }
}

/// Finding and running the command-line tools the site tests drive.
enum Tool {
    /// In CI (`.ci/run` sets `CI`) a missing tool fails the tests that need it instead of skipping them.
    static let requiredInCI = ProcessInfo.processInfo.environment["CI"] != nil

    static func find(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs to completion and returns standard output; standard error is discarded (Chromium is chatty).
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
