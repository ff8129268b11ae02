import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation

/// An IPv4 or IPv6 address as its bytes (4 or 16), ordered numerically within a family. Parsed by
/// hand so the checks run the same on every platform, without the C library's `inet_pton`.
package struct IPAddress: Hashable, Comparable, CustomStringConvertible {
    package var bytes: [UInt8]

    package var isIPv4: Bool { bytes.count == 4 }
    package var bitCount: Int { bytes.count * 8 }

    package init(bytes: [UInt8]) { self.bytes = bytes }

    package init?(_ text: String) {
        if text.contains(":") {
            guard let bytes = Self.parseIPv6(text) else { return nil }
            self.bytes = bytes
        } else {
            guard let bytes = Self.parseIPv4(Substring(text)) else { return nil }
            self.bytes = bytes
        }
    }

    package static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let value = UInt8(part) else {
                return nil
            }
            bytes.append(value)
        }
        return bytes
    }

    /// Hex groups with at most one `::`, optionally ending in a dotted IPv4 address.
    package static func parseIPv6(_ text: String) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ half: String, allowIPv4: Bool) -> [UInt8]? {
            if half.isEmpty { return [] }
            var bytes: [UInt8] = []
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (index, part) in parts.enumerated() {
                if allowIPv4 && index == parts.count - 1 && part.contains(".") {
                    guard let v4 = parseIPv4(part) else { return nil }
                    bytes += v4
                } else {
                    guard (1...4).contains(part.count), let value = UInt16(part, radix: 16) else { return nil }
                    bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return bytes
        }
        guard let head = groups(halves[0], allowIPv4: halves.count == 1) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1], allowIPv4: true), head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    /// The address with the bits after the first `prefix` set to 0 (`fill` false) or 1 (`fill` true).
    package func masked(prefix: Int, fill: Bool) -> IPAddress {
        var bytes = self.bytes
        for index in bytes.indices {
            let keep = min(8, max(0, prefix - index * 8))
            let mask: UInt8 = keep == 8 ? 0xFF : ~(0xFF >> UInt8(keep))
            bytes[index] = fill ? (bytes[index] | ~mask) : (bytes[index] & mask)
        }
        return IPAddress(bytes: bytes)
    }

    package static func < (a: IPAddress, b: IPAddress) -> Bool {
        a.bytes.count != b.bytes.count ? a.bytes.count < b.bytes.count : a.bytes.lexicographicallyPrecedes(b.bytes)
    }

    package var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }
}

/// A contiguous block of addresses: a CIDR (`10.0.0.0/24`), a range (`10.0.0.10-10.0.0.20`), or
/// one address, the three forms Cluster API's in-cluster IPAM pool accepts.
package struct IPRange: Equatable, CustomStringConvertible {
    package var first: IPAddress
    package var last: IPAddress
    package var text: String

    /// A CIDR block only, as Kubernetes' pod and service networks are written.
    package init?(cidr text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(String(parts[0])), let prefix = Int(parts[1]),
            (0...address.bitCount).contains(prefix)
        else { return nil }
        self.init(first: address.masked(prefix: prefix, fill: false), last: address.masked(prefix: prefix, fill: true), text: text)
    }

    package init(first: IPAddress, last: IPAddress, text: String) {
        self.first = first
        self.last = last
        self.text = text
    }

    /// Any of the pool forms.
    package init?(poolEntry text: String) {
        if text.contains("/") {
            self.init(cidr: text)
            return
        }
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(bounds.count), let first = IPAddress(bounds[0]),
            let last = IPAddress(bounds[bounds.count - 1]), first.bytes.count == last.bytes.count, first <= last
        else { return nil }
        self.init(first: first, last: last, text: text)
    }

    package func overlaps(_ other: IPRange) -> Bool {
        first.bytes.count == other.first.bytes.count && first <= other.last && other.first <= last
    }

    package func contains(_ address: IPAddress) -> Bool {
        address.bytes.count == first.bytes.count && first <= address && address <= last
    }

    package var description: String { text }
}

/// A Kubernetes version `v1.32.0`, and the version a VM template name carries
/// (`ubuntu-2404-kube-v1.32.0`).
package struct KubernetesVersion: Equatable, CustomStringConvertible {
    package var major: Int
    package var minor: Int
    package var patch: Int?

    /// A semantic version with an optional leading `v`, as Cluster API requires it: `v1.32.0`,
    /// `1.32.0`, `v1.33.0-rc.1`.
    package init?(semantic text: String) {
        var text = Substring(text)
        if text.hasPrefix("v") { text = text.dropFirst() }
        let core = text.prefix { $0 != "-" && $0 != "+" }
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3,
            numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } && ($0 == "0" || !$0.hasPrefix("0")) })
        else { return nil }
        major = Int(numbers[0])!
        minor = Int(numbers[1])!
        patch = Int(numbers[2])!
    }

    /// The version as Cluster API stores a machine's: with the leading `v` (its webhooks add a
    /// missing one, and the Kamaji provider does the same for the control plane).
    package static func withV(_ text: String) -> String {
        text.hasPrefix("v") ? text : "v" + text
    }

    package init(major: Int, minor: Int, patch: Int?) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// The first `1.N` or `1.N.P` in a name, not preceded by a digit or a dot, so an OS release such
    /// as `22.04` is not taken for one.
    package static func embedded(in name: String) -> KubernetesVersion? {
        let characters = Array(name)
        var index = 0
        while index < characters.count {
            let startsToken = index == 0 || !(characters[index - 1].isNumber || characters[index - 1] == ".")
            if startsToken, characters[index] == "1", index + 2 < characters.count, characters[index + 1] == "." {
                var numbers: [Int] = []
                var cursor = index + 1
                while cursor < characters.count, characters[cursor] == ".", numbers.count < 2 {
                    var digits = ""
                    cursor += 1
                    while cursor < characters.count, characters[cursor].isASCII, characters[cursor].isNumber {
                        digits.append(characters[cursor])
                        cursor += 1
                    }
                    guard let number = Int(digits) else { break }
                    numbers.append(number)
                }
                if let minor = numbers.first {
                    return KubernetesVersion(major: 1, minor: minor, patch: numbers.count > 1 ? numbers[1] : nil)
                }
            }
            index += 1
        }
        return nil
    }

    package var description: String { "v\(major).\(minor)" + (patch.map { ".\($0)" } ?? "") }
}

import Foundation
