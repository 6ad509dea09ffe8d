import Foundation
import Testing
import PublicLog
import Samples
import TestSupport
@testable import TransparencyGen

/// What verifying the ledger costs at the reference large agency's size (about 190,000
/// periods): a benchmark, not a timed test. Run it with
/// `LEDGER_BENCHMARK=1 swift test -c release --filter LedgerVerificationBenchmark`.
@Suite("Ledger verification cost")
struct LedgerVerificationBenchmark {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["LEDGER_BENCHMARK"] != nil))
    func verifyingTheReferenceLedger() throws {
        let folder = temporaryFolder("ledger-benchmark")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sealed = folder.appendingPathComponent("sealed.sqlite").path
        let workload = BenchmarkWorkload(now: Instant(secondsSinceEpoch: 1_795_000_000), timeZone: try #require(AgencyTimeZone(identifier: "America/Chicago")))
        try workload.writeLedger(to: sealed)
        // The same ledger as version 5 wrote it: no digests to verify, plain sense only.
        let unsealed = folder.appendingPathComponent("unsealed.sqlite").path
        try FileManager.default.copyItem(atPath: sealed, toPath: unsealed)
        let old = FixtureDatabase(existing: unsealed)
        old.exec("""
            DROP TABLE ledger_seal; DROP TABLE ledger_owner; ALTER TABLE period_figures DROP COLUMN row_digest;
            ALTER TABLE publication DROP COLUMN record_digest; PRAGMA user_version = 5; VACUUM;
            """)
        let periods = old.scalar("SELECT count(*) FROM period_figures") ?? "?"
        old.close()

        var best = (sealed: Double.infinity, unsealed: Double.infinity, seal: Double.infinity)
        for _ in 0..<5 {
            best.sealed = min(best.sealed, try Self.seconds { _ = try Ledger(path: sealed, readOnly: true) })
            best.unsealed = min(best.unsealed, try Self.seconds { _ = try Ledger(path: unsealed, readOnly: true) })
            // A commit's seal: staging nothing still seals the whole ledger (rolled back after).
            let ledger = try Ledger(path: sealed)
            best.seal = min(best.seal, try Self.seconds { try ledger.stage([], at: Instant(secondsSinceEpoch: 1_795_000_000), publication: nil) })
            ledger.rollback()
        }
        print(String(format: "ledger of %@ periods: open %.3f s verified, %.3f s unverified (verification %.3f s); a commit's seal %.3f s",
                     periods, best.sealed, best.unsealed, best.sealed - best.unsealed, best.seal))
    }
}
