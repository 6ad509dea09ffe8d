import Testing
@testable import PublicLog

/// The tally's set of plates counts exactly what Swift's `Set` counts, whatever the keys.
@Suite("Plate set")
struct PlateSetTests {
    static func key(_ state: String, _ number: String) -> PlateKey {
        Array(state.utf8).withUnsafeBytes { s in Array(number.utf8).withUnsafeBytes { n in PlateKey(state: s, number: n) } }
    }

    @Test func countsTheDistinctPlatesAsASetDoes() {
        var generator = SystemRandomNumberGenerator()
        let states = ["", "MN", "WI", "IA", "ND", "LONGSTATE"]
        let letters = Array("ABC0123456789 -")
        for capacity in [0, 1, 100, 5_000] {
            var tally = PlateSet(minimumCapacity: capacity)
            var reference: Set<String> = []
            for _ in 0..<20_000 {
                let state = states.randomElement(using: &generator)!
                // Lengths 0 to 20: empty, packed (up to 15 bytes) and too long to pack; many repeats.
                let number = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
                tally.insert(Self.key(state, number))
                reference.insert("\(state)\u{0}\(number)")
            }
            #expect(tally.count == reference.count, "capacity \(capacity)")
        }
    }

    @Test func keysThatDifferOnlyInWhereStateEndsAreDifferent() {
        var tally = PlateSet()
        for (state, number) in [("MN", "ABC"), ("M", "NABC"), ("", "MNABC"), ("MNA", "BC"), ("MN", "ABC")] {
            tally.insert(Self.key(state, number))
        }
        #expect(tally.count == 4)
    }
}
