/// How a vendor writes a date or a time, in the pattern letters of Unicode's date formats
/// (`MM/dd/yyyy HH:mm:ss`, `M/d/yyyy h:mm:ss a`), as a mapping file gives it (docs/vendor-export.md).
/// Read straight from a cell's bytes: Foundation's `DateFormatter` depends on the locale and
/// is far slower than ten million reads allow.
public struct CellFormat: Sendable, Equatable {
    enum Piece: Equatable {
        case year
        /// A one- or two-digit number (`M`, `d`, `H`, `h`, `m`, `s`), or exactly two (`MM`, `dd`, …).
        case number(Field, exactlyTwo: Bool)
        case fraction
        case meridiem
        case literal([UInt8])
        /// One or more spaces.
        case spaces
    }

    enum Field: Equatable { case month, day, hour24, hour12, minute, second }

    let pieces: [Piece]
    /// The pattern as written, for messages.
    public let pattern: String
    /// Whether the format holds an hour (a time) or only a date.
    public let hasTime: Bool

    /// What is wrong with a pattern, for a message naming the mapping file's line.
    public struct Problem: Error, Equatable {
        public let description: String
    }

    /// The pattern `text`; a problem when it lacks the year, month or day, uses a letter this
    /// reading does not know, or mixes 12- and 24-hour clocks.
    public init(_ text: String) throws(Problem) {
        var pieces: [Piece] = []
        let characters = Array(text)
        var i = 0
        var seen: Set<Character> = []
        while i < characters.count {
            let c = characters[i]
            if c == "'" {
                // 'literal text'; '' is a quote.
                var j = i + 1
                var literal = ""
                if j < characters.count, characters[j] == "'" {
                    pieces.append(.literal(Array("'".utf8)))
                    i = j + 1
                    continue
                }
                while j < characters.count, characters[j] != "'" {
                    literal.append(characters[j])
                    j += 1
                }
                guard j < characters.count else { throw Problem(description: "a quote (') in the format is not closed") }
                pieces.append(.literal(Array(literal.utf8)))
                i = j + 1
                continue
            }
            guard c.isASCII, c.isLetter else {
                if c == " " {
                    while i < characters.count, characters[i] == " " { i += 1 }
                    pieces.append(.spaces)
                } else {
                    pieces.append(.literal(Array(String(c).utf8)))
                    i += 1
                }
                continue
            }
            var run = 1
            while i + run < characters.count, characters[i + run] == c { run += 1 }
            i += run
            guard !seen.contains(c) else { throw Problem(description: "the letter \(c) appears twice in the format") }
            seen.insert(c)
            switch (c, run) {
            case ("y", 4): pieces.append(.year)
            case ("y", _): throw Problem(description: "write the year as yyyy (four digits); a two-digit year is ambiguous")
            case ("S", _): pieces.append(.fraction)
            case ("a", 1): pieces.append(.meridiem)
            case (_, 1...2):
                let fields: [Character: Field] = ["M": .month, "d": .day, "H": .hour24, "h": .hour12, "m": .minute, "s": .second]
                guard let field = fields[c] else { throw Self.unknown(c) }
                pieces.append(.number(field, exactlyTwo: run == 2))
            default:
                throw [Character]("MdHhms").contains(c)
                    ? Problem(description: "\(String(repeating: c, count: run)) is not a format: write \(c) or \(c)\(c)")
                    : Self.unknown(c)
            }
        }
        guard seen.contains("y"), seen.contains("M"), seen.contains("d") else {
            throw Problem(description: "the format needs the year, month and day (yyyy, MM or M, dd or d)")
        }
        if seen.contains("h") != seen.contains("a") {
            throw Problem(description: "an hour of 1–12 (h or hh) needs a for AM or PM, and a needs h or hh (HH is 0–23)")
        }
        if seen.contains("H"), seen.contains("h") { throw Problem(description: "use H (0–23) or h with a (1–12), not both") }
        if (seen.contains("m") || seen.contains("s")), !(seen.contains("H") || seen.contains("h")) {
            throw Problem(description: "minutes or seconds without an hour (H, HH, h or hh)")
        }
        self.pieces = pieces
        pattern = text
        hasTime = seen.contains("H") || seen.contains("h")
    }

    private static func unknown(_ letter: Character) -> Problem {
        Problem(description: "\(letter) is not a format letter (yyyy MM M dd d HH H hh h mm m ss s S a); put other letters in single quotes")
    }

    /// The date and the time of day `text` holds, or nil when it does not match the format
    /// or names an impossible date or time (February 30, 25:00).
    func read(_ text: UnsafeBufferPointer<UInt8>) -> (date: LocalDate, secondOfDay: Int)? {
        var i = 0
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        var afternoon: Bool?
        var twelveHour = false
        for piece in pieces {
            switch piece {
            case .year:
                guard let value = Self.digits(text, &i, 4...4) else { return nil }
                year = value
            case .number(let field, let exactlyTwo):
                guard let value = Self.digits(text, &i, exactlyTwo ? 2...2 : 1...2) else { return nil }
                switch field {
                case .month: month = value
                case .day: day = value
                case .hour24: hour = value
                case .hour12:
                    guard (1...12).contains(value) else { return nil }
                    hour = value
                    twelveHour = true
                case .minute: minute = value
                case .second: second = value
                }
            case .fraction:
                guard Self.digits(text, &i, 1...Int.max) != nil else { return nil }
            case .meridiem:
                guard i + 2 <= text.count, text[i + 1] | 0x20 == UInt8(ascii: "m") else { return nil }
                switch text[i] | 0x20 {
                case UInt8(ascii: "a"): afternoon = false
                case UInt8(ascii: "p"): afternoon = true
                default: return nil
                }
                i += 2
            case .literal(let bytes):
                guard i + bytes.count <= text.count else { return nil }
                for (offset, byte) in bytes.enumerated() where text[i + offset] != byte { return nil }
                i += bytes.count
            case .spaces:
                let start = i
                while i < text.count, text[i] == UInt8(ascii: " ") { i += 1 }
                guard i > start else { return nil }
            }
        }
        guard i == text.count else { return nil }
        if twelveHour, let afternoon { hour = hour % 12 + (afternoon ? 12 : 0) }
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
              let date = LocalDate(year: year, month: month, day: day) else { return nil }
        return (date, hour * 3600 + minute * 60 + second)
    }

    /// A run of ASCII digits whose length is in `count` (the longest the range allows).
    private static func digits(_ text: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ count: ClosedRange<Int>) -> Int? {
        var value = 0
        var length = 0
        while i < text.count, length < count.upperBound, (48...57).contains(text[i]) {
            if length < 18 { value = value * 10 + Int(text[i] - 48) }
            i += 1
            length += 1
        }
        return count.contains(length) ? value : nil
    }
}
