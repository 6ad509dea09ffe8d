/// What a PostgreSQL SQLSTATE means, in words a clerk can pass on to the database
/// administrator: messages name the code and this, never the server's own message, which can
/// quote a row.
enum SQLState {
    /// The meaning of `code`: the code's own where it is one a build meets, else its class's.
    static func describe(_ code: String) -> String {
        if let meaning = codes[code] { return meaning }
        return classes[String(code.prefix(2))] ?? "an error of the server"
    }

    private static let codes = [
        "22007": "a date or time in a form its type refuses",
        "22008": "a date or time out of range",
        "22P02": "text its type refuses",
        "22003": "a number out of range",
        "22012": "a division by zero",
        "22P05": "a character the database's encoding cannot hold",
        "23502": "an empty value where one is required",
        "P0001": "an error raised by a function or a row-security policy",
        "42883": "a function or an operator the view needs does not exist",
        "42804": "a value of the wrong type",
        "53100": "the server's disk is full",
        "53200": "the server ran out of memory",
        "55P03": "a lock the query needs is held by another session",
        "40001": "a conflict with another transaction",
    ]

    private static let classes = [
        "22": "a value its type or a check refuses",
        "23": "a value a key or a check refuses",
        "25": "a transaction in the wrong state",
        "40": "a transaction rolled back",
        "42": "a statement the server cannot run as written",
        "53": "the server ran out of a resource",
        "54": "a limit of the server",
        "55": "an object in the wrong state",
        "57": "the server stopped the query",
        "58": "an error of the server's system",
        "P0": "an error raised by a function",
        "XX": "an internal error of the server",
    ]
}
