import CSQLite

/// The rule SQLite enforces on every statement prepared on the operational database:
/// public tables may be read by PublicLog's own statements and aggregate views, never from
/// inside a view or trigger of the file's own; PRIVATE tables only from inside PublicLog's
/// aggregate views; nothing may be written, attached, created or changed; and `acp_request`
/// (Safe at Home requests, whose very existence is private) may not be read at all.
/// `OperationalDatabase.checkSchema` has refused, before the guard is installed, a file
/// whose tables are views, virtual tables or have computed columns.
///
/// A CTE named like an aggregate view would look to SQLite like that view, so after each
/// prepare the guard also checks that every view credited with a private read was itself
/// read as a `temp` table by the statement.
final class AccessGuard: @unchecked Sendable {
    static let publicTables: Set<String> = ["reader", "reader_location", "active_period", "comparison_source", "sharing_agency"]
    static let privateTables: Set<String> = ["plate_read", "hit", "data_access"]
    static let forbiddenTables: Set<String> = ["acp_request"]
    /// Functions the aggregate queries need; everything else is refused.
    static let allowedFunctions: Set<String> = [
        "count", "sum", "total", "min", "max", "coalesce", "ifnull", "length", "substr", "lower", "upper", "typeof", "trim", "strftime",
        AggregateViews.reasonGroup,
        TallyFunctions.plates, TallyFunctions.hitPlates, TallyFunctions.firstReadID, TallyFunctions.endReadID, TallyFunctions.isUTCTime,
    ]
    static let allowedPragmas: Set<String> = ["table_info"]

    let aggregateViews: Set<String>
    private(set) var refusals: [String] = []
    private var viewsCreditedWithPrivateReads: Set<String> = []
    private var viewsRead: Set<String> = []

    init(aggregateViews: Set<String>) {
        self.aggregateViews = aggregateViews
    }

    /// Installs the guard on `connection`. The guard must outlive the connection's use.
    func install(on connection: SQLiteConnection) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_set_authorizer(connection.handle, { context, action, a1, a2, a3, a4 in
            guard let context else { return SQLITE_DENY }
            let guardian = Unmanaged<AccessGuard>.fromOpaque(context).takeUnretainedValue()
            return guardian.decide(
                action: action,
                a1.map { String(cString: $0) }, a2.map { String(cString: $0) },
                database: a3.map { String(cString: $0) }, inner: a4.map { String(cString: $0) })
        }, context)
    }

    /// Clears the per-statement record; call before each prepare.
    func beginStatement() {
        viewsCreditedWithPrivateReads = []
        viewsRead = []
        refusals = []
    }

    /// After a successful prepare: a view credited with a private read must have been read itself.
    var impersonatedView: String? {
        viewsCreditedWithPrivateReads.subtracting(viewsRead).sorted().first
    }

    func decide(action: Int32, _ a1: String?, _ a2: String?, database: String?, inner: String?) -> Int32 {
        switch action {
        case SQLITE_SELECT, SQLITE_TRANSACTION:
            return SQLITE_OK
        case SQLITE_READ:
            return decideRead(table: a1 ?? "", database: database, inner: inner)
        case SQLITE_FUNCTION:
            return allow(Self.allowedFunctions.contains((a2 ?? "").lowercased()), "function \(a2 ?? "?")")
        case SQLITE_PRAGMA:
            // Only read-only introspection pragmas, without a value to set.
            return allow(Self.allowedPragmas.contains((a1 ?? "").lowercased()), "pragma \(a1 ?? "?")")
        default:
            return allow(false, "action \(action)")
        }
    }

    private func decideRead(table: String, database: String?, inner: String?) -> Int32 {
        if Self.forbiddenTables.contains(table) {
            return allow(false, "table \(table)")
        }
        if database == "temp", aggregateViews.contains(table) {
            viewsRead.insert(table)
            return SQLITE_OK
        }
        guard database == "main" || database == nil else {
            return allow(false, "table \(table) in \(database ?? "?")")
        }
        // A read attributed to a view that is not one of PublicLog's is the file's own view
        // reaching the table: it could carry any column anywhere, so it is refused.
        if Self.publicTables.contains(table), inner == nil || aggregateViews.contains(inner ?? "") {
            return SQLITE_OK
        }
        if Self.privateTables.contains(table), let inner, aggregateViews.contains(inner) {
            viewsCreditedWithPrivateReads.insert(inner)
            return SQLITE_OK
        }
        return allow(false, inner.map { "table \(table) through view \($0)" } ?? "table \(table)")
    }

    private func allow(_ allowed: Bool, _ what: @autoclosure () -> String) -> Int32 {
        if allowed { return SQLITE_OK }
        refusals.append(what())
        return SQLITE_DENY
    }
}
