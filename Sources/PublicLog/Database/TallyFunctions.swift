import CSQLite

/// The two aggregate functions the tally views call, registered on PublicLog's own
/// connection. Each call sees one read (or one hit with its read) inside SQLite and hands
/// the bytes to the current `PeriodTally`; the function's result is a count only.
final class TallyFunctions {
    static let plates = "public_period_plates"
    static let hitPlates = "public_period_hit_plates"
    /// The first `read_id` of the part of the reads this connection tallies, and the one after
    /// its last: constants of the running statement, so that SQLite seeks to the part.
    static let firstReadID = "public_tally_first_read_id"
    static let endReadID = "public_tally_end_read_id"
    /// 1 when its argument is exactly `YYYY-MM-DDTHH:MM:SSZ`, a real date and time; else 0
    /// (`Instant.isCanonical`: the one definition of a contract time, in SQL too).
    static let isUTCTime = "public_is_utc_time"

    /// The tally the running statement feeds; nil outside `OperationalDatabase.readFigures`.
    var current: PeriodTally?
    /// The `read_id`s the plate tally view passes to `current`: all of them unless the reads
    /// are split between connections.
    var readIDs: Range<Int64> = Int64.min..<Int64.max
    private var counted: Int64 = 0

    /// Registers the functions on `connection`; `self` must outlive the connection.
    func register(on connection: SQLiteConnection) throws(SQLiteFailure) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC
        guard sqlite3_create_function_v2(connection.handle, Self.plates, 4, flags, context, nil, { ctx, _, values in
            guard let ctx, let values, let functions = TallyFunctions.of(ctx), let tally = functions.current else { return }
            functions.counted += 1
            // The read's time, checked here where every read passes once: a bad one is found by its id afterwards.
            if !Instant.isCanonical(text(values[1])) { tally.sawMalformedTime = true }
            tally.addRead(reader: text(values[0]), at: text(values[1]),
                          plate: PlateKey(state: text(values[2]), number: text(values[3])))
        }, { ctx in
            TallyFunctions.finish(ctx)
        }, nil) == SQLITE_OK else { throw connection.lastError }
        guard sqlite3_create_function_v2(connection.handle, Self.hitPlates, 5, flags, context, nil, { ctx, _, values in
            guard let ctx, let values, let functions = TallyFunctions.of(ctx), let tally = functions.current else { return }
            functions.counted += 1
            // Categories outside the figure catalog count as no kind of hit.
            guard let kind = PeriodTally.hitKind(category: text(values[4])) else { return }
            tally.addHit(reader: text(values[0]), at: text(values[1]),
                         plate: PlateKey(state: text(values[2]), number: text(values[3])), kind: kind)
        }, { ctx in
            TallyFunctions.finish(ctx)
        }, nil) == SQLITE_OK else { throw connection.lastError }
        guard sqlite3_create_function_v2(connection.handle, Self.isUTCTime, 1, flags, nil, { ctx, _, values in
            guard let ctx, let values else { return }
            let isText = sqlite3_value_type(values[0]) == SQLITE_TEXT
            sqlite3_result_int(ctx, isText && Instant.isCanonical(text(values[0])) ? 1 : 0)
        }, nil, nil, nil) == SQLITE_OK else { throw connection.lastError }
        guard sqlite3_create_function_v2(connection.handle, Self.firstReadID, 0, SQLITE_UTF8, context, { ctx, _, _ in
            guard let ctx, let functions = TallyFunctions.of(ctx) else { return }
            sqlite3_result_int64(ctx, functions.readIDs.lowerBound)
        }, nil, nil, nil) == SQLITE_OK else { throw connection.lastError }
        guard sqlite3_create_function_v2(connection.handle, Self.endReadID, 0, SQLITE_UTF8, context, { ctx, _, _ in
            guard let ctx, let functions = TallyFunctions.of(ctx) else { return }
            sqlite3_result_int64(ctx, functions.readIDs.upperBound)
        }, nil, nil, nil) == SQLITE_OK else { throw connection.lastError }
    }

    private static func of(_ ctx: OpaquePointer) -> TallyFunctions? {
        sqlite3_user_data(ctx).map { Unmanaged<TallyFunctions>.fromOpaque($0).takeUnretainedValue() }
    }

    private static func finish(_ ctx: OpaquePointer?) {
        guard let ctx, let functions = of(ctx) else { return }
        guard functions.current != nil else {
            sqlite3_result_error(ctx, "the period tally was read outside a build", -1)
            return
        }
        sqlite3_result_int64(ctx, functions.counted)
        functions.counted = 0
    }
}

/// A text argument's bytes (NULL reads as empty), valid until the next call on the value.
private func text(_ value: OpaquePointer?) -> UnsafeRawBufferPointer {
    guard let pointer = sqlite3_value_text(value) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_value_bytes(value)))
}
