import Foundation

/// A folder of site folders, one per agency (`build-all`): which sites it holds, and running a
/// build for each, a few at a time.
public enum SiteFolders {
    /// The folders directly inside `folder` that hold a `site.yaml`, in name order (code points).
    public static func sites(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            .map { folder.appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent(SiteConfiguration.fileName).path) }
    }

    /// `sites` with each site folder once: an entry that leads to the same folder as an earlier
    /// one (a link `b -> a`) is dropped, and listed with the entry it is the same site as. Two
    /// builds of one site at once would share its staging folder and ledger.
    public static func distinct(_ sites: [URL]) -> (sites: [URL], repeated: [(entry: URL, sameAs: URL)]) {
        var first: [String: URL] = [:]
        var distinct: [URL] = []
        var repeated: [(entry: URL, sameAs: URL)] = []
        for site in sites {
            let folder = site.resolvingSymlinksInPath().standardizedFileURL.path
            if let earlier = first[folder] {
                repeated.append((site, earlier))
            } else {
                first[folder] = site
                distinct.append(site)
            }
        }
        return (distinct, repeated)
    }

    /// Runs `build` for every site, at most `jobs` at once, and returns what each returned (its
    /// failure, or nil), in the order of `sites`.
    public static func buildEach(_ sites: [URL], jobs: Int, _ build: @escaping @Sendable (URL) -> String?) -> [String?] {
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var next = 0
            var values: [String?]
            init(_ count: Int) { values = Array(repeating: nil, count: count) }
        }
        let results = Results(sites.count)
        let workers = (0..<max(1, min(jobs, sites.count))).map { _ in
            Thread {
                while true {
                    results.lock.lock()
                    let index = results.next
                    results.next += 1
                    results.lock.unlock()
                    guard index < sites.count else { return }
                    let failure = build(sites[index])
                    results.lock.lock()
                    results.values[index] = failure
                    results.lock.unlock()
                }
            }
        }
        workers.forEach { $0.start() }
        while workers.contains(where: { !$0.isFinished }) { Thread.sleep(forTimeInterval: 0.05) }
        return results.values
    }
}
