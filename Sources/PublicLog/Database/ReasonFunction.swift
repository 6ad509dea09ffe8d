import CSQLite

/// The SQL function `AggregateViews.reasonGroup(reason)`: the code of a reason's group under
/// the site's rules (`ReasonRules`). SQLite passes each reason to it inside the aggregate view's
/// query and keeps only the code it returns; the reason is neither kept nor returned.
final class ReasonFunction: @unchecked Sendable {
    let rules: ReasonRules

    init(rules: ReasonRules) {
        self.rules = rules
    }

    /// Registers the function on `connection`; `self` must outlive the connection's use.
    func register(on connection: SQLiteConnection) throws(SQLiteFailure) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        guard sqlite3_create_function_v2(connection.handle, AggregateViews.reasonGroup, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                         context, { ctx, _, values in
            guard let ctx, let values, let context = sqlite3_user_data(ctx) else { return }
            let function = Unmanaged<ReasonFunction>.fromOpaque(context).takeUnretainedValue()
            // A value that is not text (a number typed as the reason) is read as SQLite's text of
            // it, whole: by its length, so that a NUL inside it does not cut it short.
            let reason = sqlite3_value_text(values[0]).map { text in
                String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(values[0]))), as: UTF8.self)
            }
            let code = function.rules.group(of: reason).code
            sqlite3_result_text(ctx, code, -1, sqliteTransient)
        }, nil, nil, nil) == SQLITE_OK else { throw connection.lastError }
    }
}
