import Testing

@testable import KamajiCAPI
@testable import KamajiModel

/// KF103 finds overlapping IP pool ranges by a sweep over sorted ranges instead of comparing every
/// two clusters; it must find exactly the pairs the comparison of every pair finds.
@Suite struct FleetRangeOverlapTests {
    /// Random IPv4 and IPv6 ranges, many of them nested, touching or equal.
    static func randomUses(count: Int, seed: UInt64) -> [FleetRules.RangeUse] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { index in
            let ipv6 = generator.next() % 4 == 0
            let start = UInt8(generator.next() % 200), width = UInt8(generator.next() % 40)
            let prefix: [UInt8] = ipv6 ? [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] : [10, 0, 0]
            let range = IPRange(
                first: IPAddress(bytes: prefix + [start]), last: IPAddress(bytes: prefix + [start + width]), text: "r\(index)")
            return FleetRules.RangeUse(member: index / 3, index: index % 3, range: range)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func theSweepFindsThePairsEveryComparisonFinds(seed: UInt64) {
        let uses = Self.randomUses(count: 120, seed: seed)
        func key(_ a: FleetRules.RangeUse, _ b: FleetRules.RangeUse) -> [String] { [a.range.text, b.range.text].sorted() }
        var everyPair: Set<[String]> = []
        for (position, a) in uses.enumerated() {
            for b in uses[(position + 1)...] where a.range.overlaps(b.range) { everyPair.insert(key(a, b)) }
        }
        let swept = FleetRules.overlappingRanges(uses).map { key($0.0, $0.1) }
        #expect(swept.count == Set(swept).count, "a pair found twice")
        #expect(Set(swept) == everyPair)
        #expect(!everyPair.isEmpty)
    }
}
