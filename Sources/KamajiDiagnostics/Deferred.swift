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

/// The paths the user wrote.
public typealias UserWrittenPaths = Deferred<Set<ValuePath>>

extension Deferred: ExpressibleByArrayLiteral where Value == Set<ValuePath> {
    public convenience init(arrayLiteral paths: ValuePath...) { self.init(value: Set(paths)) }

    public func contains(_ path: ValuePath) -> Bool { value.contains(path) }
}

/// Where each value was written, by its path.
public typealias LocationMap = Deferred<[ValuePath: SourceLocation]>

extension Deferred: ExpressibleByDictionaryLiteral where Value == [ValuePath: SourceLocation] {
    public convenience init(dictionaryLiteral elements: (ValuePath, SourceLocation)...) {
        self.init(value: Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public subscript(_ path: ValuePath) -> SourceLocation? { value[path] }
}

extension Deferred where Value == [ValuePath: SourceLocation] {
    /// The position of the value at `path`, else of the nearest enclosing value that has one.
    package func nearest(to path: ValuePath) -> SourceLocation? {
        let locations = value
        for enclosing in path.selfAndAncestors {
            if let location = locations[enclosing] { return location }
        }
        return nil
    }
}
