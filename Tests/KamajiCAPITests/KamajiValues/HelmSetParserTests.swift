import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

// Unless a test says otherwise, every expected tree here was observed with helm 3.17.2:
//   helm template x <chart with no values.yaml and one template `{{ toJson .Values }}`> --set '<flag>'
// (commands and outputs are listed in docs/helm-values-semantics.md).

private struct MissingFile: Error, CustomStringConvertible {
    var path: String
    var description: String { "open \(path): no such file or directory" }
}

private func parse(_ argument: String, _ kind: SetKind = .typed, files: [String: String] = [:]) throws -> YAMLValue {
    try HelmSetParser.parse(HelmSetFlag(kind, argument)) { path in
        guard let content = files[path] else { throw MissingFile(path: path) }
        return content
    }
}

/// Applies flags in order to `values` (standing for the merged `-f` files) and returns the tree.
private func apply(_ flags: [HelmSetFlag], to values: YAMLValue, defaults: YAMLValue = .null) throws -> YAMLValue {
    var tree = values
    for flag in flags { try HelmSetParser.apply(flag, to: &tree, defaults: defaults) }
    return tree
}

/// The diagnostic a flag fails with, or nil when it does not fail.
private func failure(
    _ argument: String, _ kind: SetKind = .typed, into values: YAMLValue = [:], files: [String: String] = [:]
) -> Diagnostic? {
    var tree = values
    do {
        try HelmSetParser.apply(HelmSetFlag(kind, argument), to: &tree) { path in
            guard let content = files[path] else { throw MissingFile(path: path) }
            return content
        }
        return nil
    } catch {
        #expect(error.diagnostics.count == 1)
        #expect(tree == values, "a failing flag must leave the values unchanged")
        return error.diagnostics.first
    }
}

private func warnings(_ argument: String, into values: YAMLValue = [:]) throws -> [Diagnostic] {
    var tree = values
    return try HelmSetParser.apply(HelmSetFlag(.typed, argument), to: &tree).warnings
}

@Suite struct HelmSetParserTests {
    // MARK: basic syntax

    @Test func dottedPathMakesNestedMaps() throws {
        #expect(try parse("a.b=c") == ["a": ["b": "c"]])
    }

    @Test func commasSeparateAssignments() throws {
        #expect(try parse("a=1,b=2") == ["a": 1, "b": 2])
    }

    @Test func bracesMakeAList() throws {
        #expect(try parse("a={x,y,z}") == ["a": ["x", "y", "z"]])
    }

    @Test func indexMakesAList() throws {
        #expect(try parse("a[0]=x") == ["a": ["x"]])
    }

    @Test func indexThenKeyMakesAListOfMaps() throws {
        #expect(try parse("a[0].b=c") == ["a": [["b": "c"]]])
    }

    @Test func extraEqualsSignsBelongToTheValue() throws {
        #expect(try parse("name=va=lue") == ["name": "va=lue"])
    }

    @Test func emptyValueIsTheEmptyString() throws {
        #expect(try parse("a=") == ["a": ""])
    }

    @Test func trailingCommaIsAccepted() throws {
        #expect(try parse("a=1,") == ["a": 1])
    }

    @Test func emptyFlagSetsNothing() throws {
        #expect(try parse("") == [:])
    }

    @Test func spacesAreKeptInKeysAndValues() throws {
        #expect(try parse(" a = b ") == [" a ": " b "])
        #expect(try parse("a={ x , y }") == ["a": [" x ", " y "]])
    }

    @Test func laterAssignmentsOverwriteAndMerge() throws {
        #expect(try parse("a.b=1,a.c=2") == ["a": ["b": 1, "c": 2]])
        #expect(try apply([HelmSetFlag(.typed, "a.b=1"), HelmSetFlag(.typed, "a.c=2")], to: [:]) == ["a": ["b": 1, "c": 2]])
        #expect(try apply([HelmSetFlag(.typed, "a=1"), HelmSetFlag(.typed, "a=2")], to: [:]) == ["a": 2])
    }

    // MARK: escapes

    @Test func escapedDotStaysInTheKey() throws {
        #expect(try parse(#"a\.b=c"#) == ["a.b": "c"])
    }

    @Test func keysWithDotsAndSlashesLikeKubernetesLabels() throws {
        #expect(try parse(#"labels.cluster\.x-k8s\.io/name=x"#) == ["labels": ["cluster.x-k8s.io/name": "x"]])
    }

    @Test func escapedCommaStaysInTheValue() throws {
        #expect(try parse(#"a=x\,y"#) == ["a": "x,y"])
        #expect(try parse(#"a={x\,y,z}"#) == ["a": ["x,y", "z"]])
        #expect(try parse(#"a[0]=x\,y,b=z"#) == ["a": ["x,y"], "b": "z"])
    }

    @Test func escapedBackslashAndOtherEscapes() throws {
        #expect(try parse(#"a=x\\y"#) == ["a": #"x\y"#])
        #expect(try parse(#"a\=b=c"#) == ["a=b": "c"])
        #expect(try parse(#"a\[0]=c"#) == ["a[0]": "c"])
    }

    @Test func trailingBackslashIsDropped() throws {
        #expect(try parse(#"a=x\"#) == ["a": "x"])
        #expect(try parse(#"a[0]=x\"#) == ["a": ["x"]])
    }

    @Test func bracketsAndBracesInsideTextAreLiteral() throws {
        #expect(try parse("a]=c") == ["a]": "c"])
        #expect(try parse("a=b]") == ["a": "b]"])
        #expect(try parse("a=x{y}") == ["a": "x{y}"])
    }

    // MARK: typed values

    @Test(arguments: [
        ("a=true", YAMLValue.bool(true)),
        ("a=TRUE", .bool(true)),
        ("a=False", .bool(false)),
        ("a=null", .null),
        ("a=NuLL", .null),
        ("a=falſe", .bool(false)), // Go's EqualFold folds the long s to s
        ("a=0", .int(0)),
        ("a=-0", .int(0)),
        ("a=-5", .int(-5)),
        ("a=+5", .int(5)),
        ("a=123456789012", .int(123_456_789_012)),
        ("a=9223372036854775807", .int(Int.max)),
        ("a=-9223372036854775808", .int(Int.min)),
        ("a=9223372036854775808", .string("9223372036854775808")),
        ("a=0123", .string("0123")),
        ("a=-0123", .int(-123)), // only a first character "0" keeps it text
        ("a=+0123", .int(123)),
        ("a=-", .string("-")),
        ("a=00", .string("00")),
        ("a=1.5", .string("1.5")),
        ("a=1e3", .string("1e3")),
        ("a=0x10", .string("0x10")),
        ("a=1_000", .string("1_000")),
        ("a=yes", .string("yes")),
    ])
    func typedValuesFollowHelm(flag: String, expected: YAMLValue) throws {
        #expect(try parse(flag) == ["a": expected])
    }

    @Test func typedValuesInsideLists() throws {
        #expect(try parse("a[0]=1,a[1]=true,a[2]=null") == ["a": [1, true, .null]])
        #expect(try parse("a={1,true,null,01}") == ["a": [1, true, .null, "01"]])
    }

    @Test func setStringKeepsEverythingText() throws {
        #expect(try parse("a=true,b=5,c=null,d={1,2}", .string) == ["a": "true", "b": "5", "c": "null", "d": ["1", "2"]])
        #expect(try parse("a[0]=01,b.c=true", .string) == ["a": ["01"], "b": ["c": "true"]])
    }

    // MARK: --set-file

    @Test func setFileReadsTheFileAsAString() throws {
        let files = ["f/content.txt": "line1\nline2\n", "f/truefile.txt": "true"]
        #expect(try parse("a=f/content.txt", .file, files: files) == ["a": "line1\nline2\n"])
        #expect(try parse("a=f/truefile.txt", .file, files: files) == ["a": "true"])
        #expect(try parse("a={f/content.txt,f/truefile.txt}", .file, files: files) == ["a": ["line1\nline2\n", "true"]])
        #expect(try parse("a[0]=f/truefile.txt,b.c=f/truefile.txt", .file, files: files) == ["a": ["true"], "b": ["c": "true"]])
    }

    @Test func setFileWithEmptyValueReadsNothing() throws {
        // The reader would throw for "": helm never opens a file for `a=`.
        #expect(try parse("a=", .file) == ["a": ""])
    }

    @Test func setFileMissingFileIsAnIODiagnostic() throws {
        let diagnostic = try #require(failure("a=f/missing.txt", .file))
        #expect(diagnostic.code == .io)
        #expect(diagnostic.path == "a")
        #expect(diagnostic.location?.file == "--set-file #1 (a)")
        #expect(diagnostic.message.contains("f/missing.txt"))
        #expect(diagnostic.message.contains("no such file"))
        #expect(diagnostic.hint?.contains("--set-file") == true)
    }

    @Test func setFileMissingFileInsideAList() throws {
        let files = ["f/content.txt": "x"]
        let diagnostic = try #require(failure("m.k={f/content.txt,f/missing.txt}", .file, files: files))
        #expect(diagnostic.code == .io)
        #expect(diagnostic.path == "m.k[1]")
    }

    @Test func setFileWithoutReaderFailsClearly() {
        var tree: YAMLValue = [:]
        #expect(throws: DiagnosticError.self) { try HelmSetParser.apply(HelmSetFlag(.file, "a=x"), to: &tree) }
    }

    // MARK: list braces

    @Test func emptyBracesAreAListOfOneEmptyString() throws {
        #expect(try parse("a={}") == ["a": [""]])
    }

    @Test func parsingGoesOnRightAfterAClosingBrace() throws {
        #expect(try parse("a={x}b=1") == ["a": ["x"], "b": 1])
        #expect(try parse("a={x},b=1") == ["a": ["x"], "b": 1])
        #expect(try parse("a[0]={x,y}") == ["a": [["x", "y"]]])
    }

    // MARK: indexes on a fresh tree (sparse lists, as in Helm)

    @Test func indexesBeyondTheEndPadWithNulls() throws {
        #expect(try parse("a[2]=x") == ["a": [.null, .null, "x"]])
        #expect(try parse("a[1].b=x") == ["a": [.null, ["b": "x"]]])
        #expect(try parse("a[+1]=x") == ["a": [.null, "x"]])
    }

    @Test func nestedIndexes() throws {
        #expect(try parse("a[0][1]=x") == ["a": [[.null, "x"]]])
        #expect(try parse("a[1][0].b=x") == ["a": [.null, [["b": "x"]]]])
        #expect(try parse("k0.k1" + String(repeating: "[0]", count: 40) + "=1")
            == ["k0": ["k1": (0..<40).reduce(YAMLValue.int(1)) { inner, _ in .sequence([inner]) }]])
    }

    @Test func severalIndexesOfOneList() throws {
        #expect(try parse("a[0].b=1,a[0].c=2") == ["a": [["b": 1, "c": 2]]])
        #expect(try parse("a[1]=x,a[0].b=1") == ["a": [["b": 1], "x"]])
    }

    @Test func largestAllowedIndexIs65536() throws {
        let tree = try parse("a[65536]=x")
        let list = try #require(tree["a"]?.sequence)
        #expect(list.count == 65537)
        #expect(list.last == "x")
        #expect(list.dropLast().allSatisfy { $0 == .null })
    }

    // MARK: indexes into the user's existing list (Helm edits it in place)

    private static let userList: YAMLValue = [
        "a": [["p": 1, "q": 2], "str", ["p": 3]],
        "nn": .null,
        "m": ["k": 1],
        "e": [:],
    ]

    @Test func indexChangesOneFieldOfTheUsersListElement() throws {
        let tree = try apply([HelmSetFlag(.typed, "a[0].p=9")], to: Self.userList)
        #expect(tree["a"] == [["p": 9, "q": 2], "str", ["p": 3]])
    }

    @Test func indexIntoANonMapElementReplacesIt() throws {
        let tree = try apply([HelmSetFlag(.typed, "a[1].p=9")], to: Self.userList)
        #expect(tree["a"] == [["p": 1, "q": 2], ["p": 9], ["p": 3]])
    }

    @Test func indexBeyondTheUsersListExtendsIt() throws {
        let tree = try apply([HelmSetFlag(.typed, "a[5]=x")], to: Self.userList)
        #expect(tree["a"] == [["p": 1, "q": 2], "str", ["p": 3], .null, .null, "x"])
    }

    @Test func emptyValueAtTheEndForAnExistingElementIsSet() throws {
        let tree = try apply([HelmSetFlag(.typed, "a[0].q=")], to: Self.userList)
        #expect(tree["a"] == [["p": 1, "q": ""], "str", ["p": 3]])
    }

    @Test func emptyValueAtTheEndForANewElementIsDroppedWithAWarning() throws {
        var tree = Self.userList
        let outcome = try HelmSetParser.apply(HelmSetFlag(.typed, "a[4].q="), to: &tree)
        #expect(tree == Self.userList)
        #expect(outcome.warnings.count == 1)
        #expect(outcome.warnings.first?.path == "a[4]")
        #expect(outcome.warnings.first?.severity == .warning)
    }

    @Test func dotWithNothingAfterAnElementMakesItAnEmptyMap() throws {
        let tree = try apply([HelmSetFlag(.typed, "a[1].")], to: Self.userList)
        #expect(tree["a"] == [["p": 1, "q": 2], [:], ["p": 3]])
    }

    @Test func indexWithoutValueKeepsTheUsersList() throws {
        #expect(try apply([HelmSetFlag(.typed, "a[0]")], to: Self.userList) == Self.userList)
    }

    @Test func setIntoAnExistingMap() throws {
        #expect(try apply([HelmSetFlag(.typed, "m.k=")], to: Self.userList)["m"] == ["k": ""])
        #expect(try apply([HelmSetFlag(.typed, "m.k=null")], to: Self.userList)["m"] == ["k": .null])
        #expect(try apply([HelmSetFlag(.typed, "a=null")], to: Self.userList)["a"] == .null)
        #expect(try apply([HelmSetFlag(.typed, "nn=1")], to: Self.userList)["nn"] == 1)
    }

    @Test func emptyKeyUnderAnExistingNonEmptyMapIsIgnored() throws {
        var tree = Self.userList
        let outcome = try HelmSetParser.apply(HelmSetFlag(.typed, "m.=1"), to: &tree)
        #expect(tree == Self.userList)
        #expect(outcome.warnings.count == 1)
        #expect(try apply([HelmSetFlag(.typed, "m.j.")], to: Self.userList) == Self.userList)
        #expect(try apply([HelmSetFlag(.typed, "x.y.")], to: Self.userList) == Self.userList)
    }

    @Test func earlierFlagsShapeLaterOnes() throws {
        // --set 'a[0]=s' --set 'a[0].b=2': the string element is replaced by a map.
        #expect(try apply([HelmSetFlag(.typed, "a[0]=s"), HelmSetFlag(.typed, "a[0].b=2")], to: [:]) == ["a": [["b": 2]]])
    }

    // MARK: the deliberate difference: an index changes the chart default's list as it stands

    private static let defaults: YAMLValue = [
        "nodePools": [
            ["name": "pool-a", "replicas": 3, "numCPUs": 2, "nameServers": ["8.8.8.8"]],
            ["name": "pool-b", "replicas": 1, "numCPUs": 4],
        ],
        "cluster": ["controlPlane": ["extraArgs": ["--a", "--b"], "labels": ["cni": "calico"]]],
        "scalar": "x",
    ]

    @Test func indexIntoTheDefaultListChangesOneField() throws {
        // helm 3.17.2 gives nodePools: [null, {numCPUs: 8}] here (helm issue 11734); we keep the rest.
        let tree = try apply([HelmSetFlag(.typed, "nodePools[1].numCPUs=8")], to: [:], defaults: Self.defaults)
        #expect(tree == ["nodePools": [
            ["name": "pool-a", "replicas": 3, "numCPUs": 2, "nameServers": ["8.8.8.8"]],
            ["name": "pool-b", "replicas": 1, "numCPUs": 8],
        ]])
    }

    @Test func indexReplacingADefaultElementKeepsTheOthers() throws {
        // helm 3.17.2 gives nodePools: ["x"].
        let tree = try apply([HelmSetFlag(.typed, "nodePools[0]=x")], to: [:], defaults: Self.defaults)
        #expect(tree["nodePools"] == ["x", ["name": "pool-b", "replicas": 1, "numCPUs": 4]])
    }

    @Test func indexWithoutValueLeavesTheDefaultList() throws {
        // helm 3.17.2 gives nodePools: [] (the defaults are wiped).
        let tree = try apply([HelmSetFlag(.typed, "nodePools[0]")], to: [:], defaults: Self.defaults)
        #expect(tree["nodePools"] == Self.defaults["nodePools"])
    }

    @Test func indexIntoADeeperDefaultListThroughMissingMaps() throws {
        let tree = try apply([HelmSetFlag(.typed, "cluster.controlPlane.extraArgs[1]=--c")], to: [:], defaults: Self.defaults)
        #expect(tree == ["cluster": ["controlPlane": ["extraArgs": ["--a", "--c"]]]])
    }

    @Test func indexIntoADeeperDefaultListThroughTheUsersMaps() throws {
        let user: YAMLValue = ["cluster": ["controlPlane": ["replicas": 3]]]
        let tree = try apply([HelmSetFlag(.typed, "cluster.controlPlane.extraArgs[2]=--c")], to: user, defaults: Self.defaults)
        #expect(tree == ["cluster": ["controlPlane": ["replicas": 3, "extraArgs": ["--a", "--b", "--c"]]]])
    }

    @Test func theUsersOwnListWinsOverTheDefaultList() throws {
        // Same as helm 3.17.2: -f gave nodePools, so the index edits the user's list.
        let user: YAMLValue = ["nodePools": [["name": "u0", "numCPUs": 1], ["name": "u1", "numCPUs": 2]]]
        let tree = try apply([HelmSetFlag(.typed, "nodePools[1].numCPUs=8")], to: user, defaults: Self.defaults)
        #expect(tree["nodePools"] == [["name": "u0", "numCPUs": 1], ["name": "u1", "numCPUs": 8]])
    }

    @Test func aDefaultThatIsNotAListIsNotUsed() throws {
        let tree = try apply([HelmSetFlag(.typed, "scalar[1]=y")], to: [:], defaults: Self.defaults)
        #expect(tree == ["scalar": [.null, "y"]])
    }

    // MARK: limits

    @Test func nestingLimitIsThirtyDots() throws {
        let thirty = (0..<31).map { "k\($0)" }.joined(separator: ".") + "=1"
        #expect(failure(thirty) == nil)
        let thirtyOne = (0..<32).map { "k\($0)" }.joined(separator: ".") + "=1"
        let diagnostic = try #require(failure(thirtyOne))
        #expect(diagnostic.code == .inputLimit)
        #expect(diagnostic.message.contains("30"))
    }

    @Test func aDotRightAfterAnIndexIsNotCounted() throws {
        let ok = "a[0]" + (0..<31).map { ".k\($0)" }.joined() + "=1"
        #expect(failure(ok) == nil)
        let tooDeep = "a[0]" + (0..<32).map { ".k\($0)" }.joined() + "=1"
        #expect(failure(tooDeep)?.code == .inputLimit)
    }

    @Test(arguments: ["a[65537]=x", "a[100000000]=x"])
    func indexAboveTheLimitIsRejected(flag: String) throws {
        let diagnostic = try #require(failure(flag))
        #expect(diagnostic.code == .inputLimit)
        #expect(diagnostic.path.hasPrefix("a["))
        #expect(diagnostic.message.contains("65536"))
        #expect(diagnostic.hint?.contains("65536") == true)
    }

    @Test func indexTooLargeForAnIntegerIsRejected() throws {
        let diagnostic = try #require(failure("a[99999999999999999999]=x"))
        #expect(diagnostic.code == .inputLimit)
        #expect(diagnostic.message.contains("out of range"))
    }

    @Test func negativeIndexIsRejected() throws {
        let diagnostic = try #require(failure("a[-1]=x"))
        #expect(diagnostic.code == .setSyntax)
        #expect(diagnostic.path == "a[-1]")
        #expect(diagnostic.message.contains("negative -1 index not allowed"))
        #expect(diagnostic.hint == "list indexes start at 0")
    }

    // MARK: malformed flags: each Helm error is a Diagnostic naming the flag, the path and a fix

    @Test(arguments: [
        // flag, path, words Helm's own message has
        ("a", "a", "key \"a\" has no value"),
        ("a.b", "a.b", "key \"b\" has no value"),
        ("a,b=1", "a", "cannot end with ,"),
        (",", "", "cannot end with ,"),
        ("a=x,,b=y", "", "cannot end with ,"),
        ("a[0", "a", "unclosed"),
        ("a[x]=x", "a", "\"x\" is not a number"),
        ("a[]=x", "a", "\"\" is not a number"),
        ("a[ 1]=x", "a", "\" 1\" is not a number"),
        ("a[0\\]]=c", "a", "\"0]\" is not a number"),
        ("a[0]x=1", "a[0]", "unexpected text \"x\""),
        ("a={x,y", "a", "list must terminate with '}'"),
        ("a={x}}", "}", "key \"}\" has no value"),
        ("a={x,{y}}", "}", "key \"}\" has no value"),
        ("a.=x", "a", "key map \"a\" has no value"),
        ("a..b=c", "a", "key map \"a\" has no value"),
    ])
    func syntaxErrors(flag: String, path: String, words: String) throws {
        let diagnostic = try #require(failure(flag), "helm rejects --set '\(flag)'")
        #expect(diagnostic.code == .setSyntax)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.path == path)
        #expect(diagnostic.location?.file.hasPrefix("--set #1") == true)
        #expect(!diagnostic.description.contains("--set \""), "the flag's text is never repeated: a value in it may be a password")
        #expect(diagnostic.message.contains(words))
        #expect(diagnostic.hint?.isEmpty == false)
    }

    @Test func errorsNameTheFlagTheyCameFrom() throws {
        let diagnostic = try #require(failure("a", .string))
        #expect(diagnostic.location == SourceLocation(flag: "--set-string", position: 1, key: "a"))
        #expect(diagnostic.description.hasPrefix("--set-string #1 (a): error: a: at character 1 of the flag: "))
        #expect(try #require(failure("ok=1,b[x]=1")).message.hasPrefix("at character 8 of the flag"))
    }

    @Test func emptyKeyMapOnAnEmptyExistingMapIsRejected() throws {
        let diagnostic = try #require(failure("e.=1", into: ["e": [:]]))
        #expect(diagnostic.message.contains("key map \"e\" has no value"))
    }

    // MARK: type clashes with values already there (Helm: "unable to parse key: interface conversion")

    /// existing values, flag, path, what the diagnostic says the path holds.
    static let clashes: [(YAMLValue, String, String, String)] = [
        (["a": 1], "a.b=2", "a", "it holds an integer, not"),
        (["a": ["x"]], "a.b=2", "a", "a list"),
        (["a": ["b": 1]], "a[0]=2", "a", "a map"),
        (["a": "s"], "a[0].b=2", "a", "it holds a string, not"),
        (["a": ["s"]], "a[0][0]=2", "a[0]", "it holds a string, not"),
        (["a": [["p": 1]]], "a[0][0]=1", "a[0]", "a map"),
        (["vSphere": "not-a-map"], "vSphere.server=x", "vSphere", "a string"),
    ]

    @Test(arguments: clashes)
    func typeClashes(values: YAMLValue, flag: String, path: String, holds: String) throws {
        let diagnostic = try #require(failure(flag, into: values))
        #expect(diagnostic.code == .typeMismatch)
        #expect(diagnostic.path == path)
        #expect(diagnostic.message.contains(holds))
        #expect(diagnostic.hint?.contains(path) == true)
    }

    @Test func typeClashWithinOneFlag() throws {
        // --set 'a=1,a.b=2' fails in helm too.
        #expect(failure("a=1,a.b=2")?.code == .typeMismatch)
    }

    @Test(arguments: ["nn.b=1", "nn[0]=1", "cluster.controlPlane.replicas=5"])
    func setIntoANullFromAValuesFileFails(flag: String) throws {
        let values: YAMLValue = ["nn": .null, "cluster": .null]
        let diagnostic = try #require(failure(flag, into: values))
        #expect(diagnostic.code == .typeMismatch)
        #expect(diagnostic.message.contains("null"))
        #expect(diagnostic.hint?.contains("null") == true)
    }

    // MARK: flags Helm half-ignores: same values as Helm, plus a warning

    @Test func indexWithoutValueMakesAnEmptyList() throws {
        #expect(try parse("a[0]") == ["a": []])
        #expect(try parse("a[0].") == ["a": []])
        #expect(try parse("x.a[0]") == ["x": ["a": []]])
        #expect(try warnings("a[0]").map(\.path) == ["a[0]"])
    }

    @Test func emptyValueForANewElementAtTheEndIsLost() throws {
        #expect(try parse("a[0].b=") == ["a": []])
        #expect(try parse("a[0].b=,c=1") == ["a": [["b": ""]], "c": 1])
    }

    @Test func pathEndingInADotSetsNothing() throws {
        #expect(try parse("a.") == [:])
        #expect(try warnings("a.").map(\.path) == ["a"])
    }

    @Test func emptyKeyIsIgnored() throws {
        #expect(try parse("=x") == [:])
        let found = try warnings("=x")
        #expect(found.count == 1)
        #expect(found.first?.code == .setSyntax)
        #expect(found.first?.location?.file == "--set #1")
    }

    @Test func wellFormedFlagsGiveNoWarnings() throws {
        #expect(try warnings("a.b=1,c[0].d=x,e={1,2},f=") == [])
    }

    // MARK: outcome and API edges

    @Test func outcomeListsTheAssignedPaths() throws {
        var tree: YAMLValue = [:]
        let outcome = try HelmSetParser.apply(HelmSetFlag(.typed, #"a.b=1,c[2].d=x,e={1,2},l\.x=1"#), to: &tree)
        #expect(outcome.assignedPaths.map(\.description) == ["a.b", "c[2].d", "e", #"l\.x"#])
    }

    @Test func nullValuesTreeIsAnEmptyMap() throws {
        var tree: YAMLValue = .null
        try HelmSetParser.apply(HelmSetFlag(.typed, "a=1"), to: &tree)
        #expect(tree == ["a": 1])
    }

    @Test func nonMapValuesTreeIsAUsageError() {
        var tree: YAMLValue = ["x"]
        #expect(throws: DiagnosticError.self) { try HelmSetParser.apply(HelmSetFlag(.typed, "a=1"), to: &tree) }
        #expect(tree == ["x"])
    }

    @Test func aFlagIsNamedByPositionNeverByItsText() {
        #expect(HelmSetFlag(.typed, "a=1", position: 2).description == "--set #2")
        #expect(HelmSetFlag(.string, "a=1").description == "--set-string #1")
        #expect(HelmSetFlag(.typed, "a=1", position: 3, flagName: "--new-set").location(key: "a").description == "--new-set #3 (a)")
        #expect(HelmSetFlag.numbered(.file, ["a=p", "b=q"]).map(\.description) == ["--set-file #1", "--set-file #2"])
    }
}
