import Foundation

/// A value worked out on first use, once, from any thread. Rendering carries bookkeeping that only
/// a diagnostic needs (where each value was written, which paths the user wrote); a render without
/// problems never asks, and working it out was a third of rendering a large cluster.
public final class Deferred<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var work: (@Sendable () -> Value)?
    private var cached: Value?

    public init(_ work: @escaping @Sendable () -> Value) { self.work = work }

    public init(value: Value) { cached = value }

    public var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        let value = work!()
        cached = value
        work = nil
        return value
    }
}

extension Deferred: Equatable where Value: Equatable {
    public static func == (a: Deferred, b: Deferred) -> Bool { a.value == b.value }
}

/// The escaped paths (`--set` notation) the user wrote.
public typealias UserWrittenPaths = Deferred<Set<String>>

extension Deferred: ExpressibleByArrayLiteral where Value == Set<String> {
    public convenience init(arrayLiteral paths: String...) { self.init(value: Set(paths)) }

    public func contains(_ path: String) -> Bool { value.contains(path) }
}

/// Where each value was written, by path in `--set` notation.
public typealias LocationMap = Deferred<[String: SourceLocation]>

extension Deferred: ExpressibleByDictionaryLiteral where Value == [String: SourceLocation] {
    public convenience init(dictionaryLiteral elements: (String, SourceLocation)...) {
        self.init(value: Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public subscript(_ path: String) -> SourceLocation? { value[path] }
}

extension Deferred where Value == [String: SourceLocation] {
    /// The position of the value at `path` (escaped `--set` notation), else of the nearest
    /// enclosing value that has one.
    package func nearest(to path: String) -> SourceLocation? {
        var lookup = path
        var location = self[lookup]
        while location == nil, let cut = lookup.lastIndex(where: { $0 == "." || $0 == "[" }) {
            lookup = String(lookup[..<cut])
            location = self[lookup]
        }
        return location
    }
}
