import Foundation
import Testing
@testable import KamajiDiagnostics
@testable import KamajiValues
@testable import KamajiModel

/// A long list of pools is decoded item by item, each with a context of its own, on all cores; what
/// it reports must be exactly what decoding the list item by item in one context reports.
@Suite struct ConcurrentDecodingTests {
    /// The decoding under test: `[NodePoolValues]` through the decoder, as `ChartValues` decodes it.
    struct Pools: Decodable {
        var nodePools: [NodePoolValues]
    }

    /// The reference: the same list decoded one item after the other in one context, the way
    /// `Array`'s own `init(from:)` does it.
    struct PoolsOneByOne: Decodable {
        var nodePools: [NodePoolValues] = []
        enum CodingKeys: String, CodingKey { case nodePools }
        init(from decoder: Decoder) throws {
            var list = try decoder.container(keyedBy: CodingKeys.self).nestedUnkeyedContainer(forKey: .nodePools)
            while !list.isAtEnd { nodePools.append(try list.decode(NodePoolValues.self)) }
        }
    }

    static let poolCount = 100

    static func file(_ extra: (Int) -> String) -> String {
        "nodePools:\n" + (0..<poolCount).map { i in "- name: pool-\(i)\n  numCPUs: \(i % 7 + 1)\n" + extra(i) }.joined()
    }

    /// Both decodings of `text`: the diagnostics (warnings included) and the pools when it decoded.
    static func decodeBothWays(_ text: String) throws -> (concurrent: [Diagnostic], oneByOne: [Diagnostic], pools: [[NodePoolValues]]) {
        let parsed = try ValuesLoader.parse(text, file: "pools.yaml")
        let decoder = ValuesDecoder(locations: parsed.locations)
        var pools: [[NodePoolValues]] = []
        func diagnostics(_ decode: () throws(DiagnosticError) -> ([NodePoolValues], [Diagnostic])) -> [Diagnostic] {
            do {
                let (decoded, warnings) = try decode()
                pools.append(decoded)
                return warnings
            } catch {
                return error.diagnostics
            }
        }
        let concurrent = diagnostics { () throws(DiagnosticError) in
            let (value, warnings) = try decoder.decode(Pools.self, from: parsed.value)
            return (value.nodePools, warnings)
        }
        let oneByOne = diagnostics { () throws(DiagnosticError) in
            let (value, warnings) = try decoder.decode(PoolsOneByOne.self, from: parsed.value)
            return (value.nodePools, warnings)
        }
        return (concurrent, oneByOne, pools)
    }

    @Test func problemsInTwoOfAHundredPoolsAreThoseOfADecodeItemByItem() throws {
        #expect(Self.poolCount >= Parallel.minimumCount, "the list must be long enough to be decoded on all cores")
        let text = Self.file { i in
            switch i {
            case 3: return "  numCPU: 4\n  diskGiB: lots\n  users: 5\n"  // unknown key, wrong type, wrong container
            case 70: return "  memoryMiB: [1]\n  replicas: \"3\"\n  users:\n  - name: 1\n    sshAuthorizedKeys: x\n"
            default: return ""
            }
        }
        let (concurrent, oneByOne, _) = try Self.decodeBothWays(text)
        #expect(concurrent.count >= 5)
        #expect(concurrent.map(\.description) == oneByOne.map(\.description))
        #expect(concurrent.map(\.path) == oneByOne.map(\.path))
        #expect(concurrent.map(\.location) == oneByOne.map(\.location))
        #expect(concurrent.contains { $0.path == "nodePools[3].numCPU" && $0.hint?.contains("numCPUs") == true })
        #expect(concurrent.contains { $0.path.hasPrefix("nodePools[70].") })
    }

    @Test func aListWithoutProblemsDecodesAsItemByItem() throws {
        let (concurrent, oneByOne, pools) = try Self.decodeBothWays(Self.file { _ in "" })
        #expect(concurrent.isEmpty && oneByOne.isEmpty)
        #expect(pools.count == 2 && pools[0] == pools[1] && pools[0].count == Self.poolCount)
        #expect(pools[0].map(\.name) == (0..<Self.poolCount).map { "pool-\($0)" })
    }

    @Test func problemsPastTheCapAreCountedAsItemByItem() throws {
        // Every pool has more problems than the cap allows in all, so the cap is reached inside one
        // pool's own context and again while the contexts are taken over.
        let perPool = ValuesDecodingContext.maxReported / 3 + 1
        let text = Self.file { _ in (0..<perPool).map { "  extra\($0): 1\n" }.joined() + "  diskGiB: lots\n  memoryMiB: lots\n" }
        let (concurrent, oneByOne, _) = try Self.decodeBothWays(text)
        #expect(concurrent.last?.code == .inputLimit)
        #expect(concurrent.map(\.description) == oneByOne.map(\.description))
    }
}
