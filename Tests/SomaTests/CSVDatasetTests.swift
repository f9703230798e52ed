import Foundation
import Testing
import Soma

@Suite("Reading a user's CSV")
struct CSVDatasetTests {
    @Test func classNamesBecomeSortedClasses() throws {
        let data = try CSVDataset.parse("a,b,kind\n1,2,dog\n3,4,cat\n5,6,dog\n", name: "pets.csv", label: "kind")
        #expect(data.featureNames == ["a", "b"])
        #expect(data.features == [1, 2, 3, 4, 5, 6])
        #expect(data.targets == .classes([1, 0, 1], names: ["cat", "dog"]))
    }

    @Test func wholeNumberLabelsAreClassesInNumericOrder() throws {
        let data = try CSVDataset.parse("x,y\n0.5,10\n1.5,2\n2.5,10\n", name: "n.csv")
        #expect(data.targets == .classes([1, 0, 1], names: ["2", "10"]))
    }

    @Test func fractionalLabelsAreRegression() throws {
        let data = try CSVDataset.parse("x,y\n1,0.25\n2,1.5\n", name: "r.csv")
        #expect(data.targets == .values([0.25, 1.5]))
        let forced = try CSVDataset.parse("x,y\n1,3\n2,4\n", name: "r.csv", kind: .regression)
        #expect(forced.targets == .values([3, 4]))
    }

    @Test func labelColumnMayBeAnywhereAndFieldsMayBeQuoted() throws {
        let data = try CSVDataset.parse("label,x\n\"a, b\",1\r\nc,2\r\n\n", name: "q.csv", label: "label")
        #expect(data.features == [1, 2])
        #expect(data.targets == .classes([0, 1], names: ["a, b", "c"]))
    }

    @Test("bad input names the file and line", arguments: [
        ("a,b,c\n1,2,x\n3,4\n", "data.csv line 3: 2 columns, expected 3"),
        ("a,b,c\n1,2,x\n1,oops,y\n", "data.csv line 3: column 'b': 'oops' is not a finite number"),
        ("a,b,c\n1,nan,x\n", "data.csv line 2: column 'b': 'nan' is not a finite number"),
        ("", "data.csv: empty file, expected a header row"),
        ("a,b,c\n", "data.csv: no data rows after the header"),
        ("a,b\n1,x\n", "data.csv: no column named 'c'"),
        ("a,a,c\n1,2,x\n", "data.csv line 1: column 'a' appears twice"),
        ("a,b,c\n1,2,\n", "data.csv line 2: label 'c' is empty"),
        ("a,b,c\n\"1,2,x\n", "data.csv line 2: a quoted field is not closed"),
        ("a,b,c\n1,2,x\n1,2,x,4\n", "data.csv line 3: 4 columns, expected 3"),
        ("a,b,c\noops,2,x,4\n", "data.csv line 2: 4 columns, expected 3"),
        ("a,b,c\n1,2\r,x\n", "data.csv line 2: column 'b': '2\r' is not a finite number"),
        ("a,b,c\n1,1e40,x\n", "data.csv line 2: column 'b': '1e40' is not a finite number"),
        ("a,b,c\n1,\t ,x\n", "data.csv line 2: column 'b': '' is not a finite number"),
        ("a,b,c\n1,é,x\n", "data.csv line 2: column 'b': 'é' is not a finite number"),
        ("a,b,c\n1,2,\"x\"y\n", "data.csv line 2: text after a closing quote"),
    ])
    func badInput(_ text: String, _ message: String) {
        let error = #expect(throws: DataError.self) { try CSVDataset.parse(text, name: "data.csv", label: "c") }
        #expect(error?.description.hasPrefix(message) == true, "got: \(error?.description ?? "")")
    }

    @Test("byte-level and Character-level rows read the same values", arguments: [
        ("a,b,c\n 1.5 ,\t-2,x\r\n3,4,\"y\"\n\n\t\n5,+6,x\n\n\n", [Float(1.5), -2, 3, 4, 5, 6], [0, 1, 0]),
        ("a,b,c\n1,2,é\n3,4,\"e\"\n", [1, 2, 3, 4], [1, 0]),
        ("a,b,c\r\n1,2,x\r\n3,4,y", [1, 2, 3, 4], [0, 1]),
    ])
    func plainAndQuotedLines(_ text: String, _ features: [Float], _ classes: [Int]) throws {
        let data = try CSVDataset.parse(text, name: "data.csv")
        #expect(data.features == features)
        if case .classes(let got, _) = data.targets { #expect(got == classes) } else { Issue.record("not classes") }
    }

    @Test func regressionLabelThatIsNotANumberNamesItsLine() {
        let error = #expect(throws: DataError.self) {
            try CSVDataset.parse("x,y\n1,2\n\n2,abc\n", name: "r.csv", kind: .regression)
        }
        #expect(error?.description == "r.csv line 4: label 'abc' is not a number")
    }

    @Test func shippedDataSetsHaveTheirKnownShapes() throws {
        let iris = try BuiltinDataset.iris.load()
        #expect(iris.count == 150 && iris.featureCount == 4)
        #expect(iris.classNames == ["setosa", "versicolor", "virginica"])
        #expect(Array(iris.row(0)) == [5.1, 3.5, 1.4, 0.2])
        let digits = try BuiltinDataset.digits.load()
        #expect(digits.count == 1_797 && digits.featureCount == 64)
        #expect(digits.classNames == (0...9).map(String.init))
        #expect(digits.features.allSatisfy { $0 >= 0 && $0 <= 16 && $0 == $0.rounded() })
    }
}
