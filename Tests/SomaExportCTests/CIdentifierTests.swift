import Testing
@testable import SomaExportC

@Suite("export-c names")
struct CIdentifierTests {
    @Test("C identifiers are accepted", arguments: ["xor_mlp", "and", "Model2", "m_9x", "a"])
    func accepted(_ name: String) throws {
        try CIdentifier.validate(name)
    }

    static let refused: [(String, String)] = [
        ("", "empty"),
        ("xor-mlp", "not a C identifier (ASCII letters, digits and _, not starting with a digit); try xor_mlp"),
        ("9x", "not a C identifier (ASCII letters, digits and _, not starting with a digit); try m_9x"),
        ("año", "not a C identifier"),
        ("int", "a C keyword"),
        ("_model", "reserved to the C implementation"),
        ("soma_model", "the soma_ prefix belongs to the runtime's own names"),
        (String(repeating: "a", count: 58), "58 characters, at most 57"),
    ]

    @Test("other names are refused with the reason", arguments: refused)
    func refusedName(_ name: String, _ reason: String) {
        #expect {
            try CIdentifier.validate(name)
        } throws: { error in
            (error as? ExportCError)?.description.contains(reason) == true
        }
    }
}
