/// The read side of an operational data source: everything a build reads from it, as counts
/// and public rows only. `OperationalDatabase` (an SQLite file, under SQLite's authorizer) is
/// one; a source on another database server must give the same values from its own views.
public protocol OperationalSource: AnyObject {
    /// Where the data are, as messages name it (a file path).
    var location: String { get }

    /// Everything the public log is compiled from, in one consistent snapshot.
    func snapshot() throws(PublicLogError) -> OperationalSnapshot

    /// Searches and hit dispositions by local day, and searches by group.
    func accountabilityCounts(timeZone: AgencyTimeZone) throws(PublicLogError) -> AccountabilityCounts

    /// Reads still stored although they are older than the retention horizon.
    func readCountPastRetention() throws(PublicLogError) -> Int
}

extension OperationalDatabase: OperationalSource {
    public var location: String { path }
}
