import Foundation
import KamajiYAML

/// A values tree's passwords, collected on first use (a problem to describe) and then kept: the
/// contexts that decode a list's items on several threads share one, so a list with a problem in
/// every item walks the tree once, not once per item.
package final class SecretTextsOfTree: @unchecked Sendable {
    private let root: YAMLValue
    private let lock = NSLock()
    private var collected: SecretTexts?

    package init(_ root: YAMLValue) { self.root = root }

    package var texts: SecretTexts {
        lock.withLock {
            if let collected { return collected }
            let texts = SecretTexts(root)
            collected = texts
            return texts
        }
    }
}
