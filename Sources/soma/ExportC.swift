import ArgumentParser
import Foundation
import Soma
import SomaExportC

struct ExportC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-c",
        abstract: "Write a model as C source: const data the C core runs with no loader.",
        discussion: """
            Writes DIR/NAME.h and DIR/NAME.c (each atomically; DIR is created if missing). \
            NAME.c holds the parameters as const binary32 values, exact (hexadecimal float \
            literals), and a ready `const soma_model NAME_model`; NAME.h declares it with \
            NAME_INPUTS and NAME_OUTPUTS. Build them with the core alone — no json-c, no \
            file system, no allocation, no copy at start-up; on a microcontroller the model \
            stays in flash. The results are the same bits as loading the JSON file.

            In this repository: cc -Iinclude app.c NAME.c build/libsoma_core.a -lm
            Installed:          cc app.c NAME.c $(pkg-config --cflags --libs soma-core)

            NAME must be a C identifier (letters, digits, _), not starting with a digit, _ \
            or soma_. docs/embedding.md has a complete example.
            """)

    @Argument(help: "The model file (JSON).")
    var model: String

    @Option(help: "C identifier for the files and symbols: NAME.h, NAME.c, NAME_model.")
    var name: String

    @Option(help: "Folder to write NAME.h and NAME.c into.")
    var out: String

    func validate() throws {
        do { try CIdentifier.validate(name) } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        let file = try at(model) { try ModelFile(contentsOf: URL(fileURLWithPath: model)) }
        let generated = try GeneratedC(model: file, name: name)
        try generated.write(to: URL(fileURLWithPath: out))
        let folder = URL(fileURLWithPath: out)
        print("wrote \(folder.appendingPathComponent("\(name).h").path) and "
              + "\(folder.appendingPathComponent("\(name).c").path) "
              + "(\(generated.parameterCount) parameters, \(generated.parameterCount * 4) bytes of const data)")
    }
}
