import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// `check` warns about dates after the build's day: an audit completed in the future publishes
/// as if it had happened.
@Suite("Dates in the future")
struct FutureDateTests {
    @Test func anAuditCompletedAfterTodayIsWarnedAbout() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        // The fixture's audit was completed on 2024-10-18; checked as of 2024-10-01 it lies ahead.
        let warnings = try SiteBuilder(options: site.options(now: "2024-10-01T18:00:00Z")).check()
        #expect(warnings.contains { $0.contains("Audit 2024-audit: completed_on is 2024-10-18, after today (2024-10-01)") }, "\(warnings)")
        let later = try SiteBuilder(options: site.options(now: PublishingTests.t0)).check()
        #expect(!later.contains { $0.contains("after today") })
    }
}
