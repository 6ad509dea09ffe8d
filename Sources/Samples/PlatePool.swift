import PublicLog

/// The sample's plates: regular commuters who pass the same cameras again and again,
/// occasional visitors, and a small hot list whose category mix follows what real agencies
/// report (about three quarters licence status, 5 % stolen, 1 % warrants).
struct PlatePool {
    struct Plate {
        let state: String?
        let number: String
    }

    struct HotPlate {
        let plate: Plate
        let categories: [String]
    }

    private(set) var regulars: [Plate] = []
    private(set) var hot: [HotPlate] = []

    /// `regulars` plates pass again and again; `hot` plates are on a hot list.
    init(random: inout SeededGenerator, regulars regularCount: Int = 6000, hot hotCount: Int = 400) {
        for _ in 0..<regularCount { regulars.append(Self.makePlate(&random)) }
        // The same number in two states: two plates, not one.
        regulars.append(Plate(state: "WI", number: regulars[0].number))
        for _ in 0..<hotCount {
            var categories = [random.weighted([
                ("license_status", 75.0), ("stolen_vehicle", 3), ("stolen_plate", 2), ("warrant", 1),
                ("active_investigation", 4), ("missing_person", 2), ("amber_alert", 0.5), ("other", 12.5),
            ])]
            if random.chance(0.01) { categories.append(categories[0] == "warrant" ? "license_status" : "warrant") }
            hot.append(HotPlate(plate: Self.makePlate(&random), categories: categories))
        }
    }

    func ordinary(_ random: inout SeededGenerator) -> Plate {
        random.chance(0.55) ? regulars[random.int(in: 0...(regulars.count - 1))] : Self.makePlate(&random)
    }

    func hotPlate(_ random: inout SeededGenerator) -> HotPlate {
        hot[random.int(in: 0...(hot.count - 1))]
    }

    private static func makePlate(_ random: inout SeededGenerator) -> Plate {
        let letters = Array("ABCDEFGHJKLMNPRSTUVWXYZ")
        let state: String? = random.weighted([("MN", 90.0), ("WI", 4), ("IA", 2), ("ND", 1), ("SD", 1), ("IL", 1), ("", 1)])
        var number = ""
        for _ in 0..<3 { number.append(letters[random.int(in: 0...(letters.count - 1))]) }
        number += String(random.int(in: 100...999))
        return Plate(state: state == "" ? nil : state, number: number)
    }
}
