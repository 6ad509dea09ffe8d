import Foundation

/// Times as vendors write them (spec, import.md), read into the contract's UTC instants
/// (`YYYY-MM-DDTHH:MM:SSZ`, seconds truncated). Nil for anything else, including an
/// impossible date such as February 30.
enum VendorTime {
    /// `M/D/YYYY, h:MM:SS AM UTC` (one-digit month, day and hour; `12:… AM` is midnight), or
    /// ISO 8601 ending in `Z`, with or without fractional seconds.
    static func utc(_ text: String) -> Instant? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let match = text.wholeMatch(of: /(\d{1,2})\/(\d{1,2})\/(\d{4}),? +(\d{1,2}):(\d{2}):(\d{2}) *([AaPp][Mm]) +UTC/) {
            guard let month = Int(match.output.1), let day = Int(match.output.2), let year = Int(match.output.3),
                  let hour12 = Int(match.output.4), (1...12).contains(hour12) else { return nil }
            let afternoon = match.output.7.lowercased() == "pm"
            let hour = hour12 % 12 + (afternoon ? 12 : 0)
            return instant(year, month, day, hour, String(match.output.5), String(match.output.6))
        }
        if let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z/) {
            guard let year = Int(match.output.1), let month = Int(match.output.2), let day = Int(match.output.3),
                  let hour = Int(match.output.4) else { return nil }
            return instant(year, month, day, hour, String(match.output.5), String(match.output.6))
        }
        return nil
    }

    private static func instant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: String, _ second: String) -> Instant? {
        guard (0...23).contains(hour), let m = Int(minute), (0...59).contains(m), let s = Int(second), (0...59).contains(s),
              let date = LocalDate(year: year, month: month, day: day) else { return nil }
        return Instant(iso: "\(date)T\(String(format: "%02d", hour)):\(minute):\(second)Z")
    }

    /// The first time of a time frame: two times separated by a line break or by ` to `.
    static func start(ofFrame text: String) -> Instant? {
        let first = text.components(separatedBy: "\n").first.map { $0.components(separatedBy: " to ").first ?? $0 } ?? text
        return utc(first)
    }
}
