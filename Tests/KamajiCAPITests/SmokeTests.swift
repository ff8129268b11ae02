import Testing
@testable import KamajiCAPI

@Test func nullsAreDropped() {
    let value: YAMLValue = ["a": .null, "b": ["c": .null, "d": 1]]
    #expect(value.droppingNulls() == ["b": ["d": 1]])
}
