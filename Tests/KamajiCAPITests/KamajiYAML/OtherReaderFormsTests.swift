import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The hand-written matcher against the regular expression it replaces, on the examples that
/// motivated each form and on many strings built from the characters the forms are made of.
struct OtherReaderFormsTests {
    static let regex = try! NSRegularExpression(pattern: OtherReaderForms.pattern)

    static func regexMatches(_ s: String) -> Bool {
        regex.firstMatch(in: s, range: NSRange(location: 0, length: s.utf16.count)) != nil
    }

    @Test("each form", arguments: [
        "~", "<<", "=", "0b101", "-0b1_0", "0o17", "017", "+0_7", "0", "-0", "12_000", "0x1F", "-0xff_FF",
        "1:20", "-190:20:30", "1.5", "1.", "1e3", "1.5E-10", "1_0.0_1e+5", ".5", "-._5e1", "1:20.5", "0:30.",
        ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10 -5", "2001-12-14\t21:59:43Z", "2001-1-4T1:59:43", "2002-12-14 21:59:43.10 Z",
    ])
    func forms(_ s: String) {
        #expect(OtherReaderForms.matches(Array(s.utf8)))
        #expect(Self.regexMatches(s))
    }

    @Test("strings that only look like a form", arguments: [
        "", "+", "-", ".", "0b", "0x", "0o", "08", "0:30", "1:60", "1:123", "1e", "1e+", "e3", ".nan.", "+.nan",
        "..5", "2001-12-1", "2001-12-14T", "2001-12-14 21:59", "2001-12-14 21:59:43 +123", "20011-12-14",
        "2001-12-14x21:59:43", "1.2.3", "10.0.0.1", "1-2", "<", "==", "~~", "-.inf.", "0x1G", "0b2",
    ])
    func lookAlikes(_ s: String) {
        #expect(OtherReaderForms.matches(Array(s.utf8)) == Self.regexMatches(s), "\(s)")
    }

    @Test("agrees with the regular expression on generated strings")
    func generated() {
        let alphabet = Array("0123456789_+-.:eEbxoTtZ \tinfINFaN<=~")
        var generator = SeededGenerator(seed: 0x5EED)
        var disagreements: [String] = []
        var matched = 0
        for _ in 0..<200_000 {
            let length = Int(generator.next() % 14)
            var s = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            // Bias toward digits so longer numeric forms and timestamps come up.
            if generator.next() % 3 == 0 { s = String(generator.next() % 10_000) + s }
            let expected = Self.regexMatches(s)
            if expected { matched += 1 }
            if OtherReaderForms.matches(Array(s.utf8)) != expected { disagreements.append(s) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
        #expect(matched > 1_000, "the generator reaches the forms")
    }
}
