import ArgumentParser
import Foundation
import Soma

extension Soma.Lesson: ExpressibleByArgument {}

struct Lesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Walk the course's examples in order: perceptron, xor, activations, graph, mlp.",
        discussion: """
            Without a name, lists the lessons. Each lesson prints what the course notes print \
            and one sentence of what it shows; the tests pin the notes' numbers.

            Examples:
              soma lesson                          # the list
              soma lesson perceptron               # AND, NAND, OR with the slides' weights
              soma lesson graph                    # 220; 2.2, 110, 200; 715; chain rule
              soma lesson graph --svg graph.svg    # draw the supermarket graphs
              soma lesson mlp                      # one training step, node by node
            """)

    @Argument(help: "The lesson to run; without one, the list.")
    var name: Soma.Lesson?

    @Option(help: ArgumentHelp("With `graph`: also write the graph as SVG, values above each edge, gradients below.",
                               valueName: "file"))
    var svg: String?

    func validate() throws {
        if svg != nil && name != .graph { throw ValidationError("--svg goes with the graph lesson: soma lesson graph --svg FILE") }
    }

    func run() throws {
        guard let name else {
            for (k, lesson) in Soma.Lesson.allCases.enumerated() {
                print("\(k + 1). \(lesson.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))\(lesson.title)")
            }
            print("Run one with: soma lesson NAME")
            return
        }
        // The drawing first, so a path that cannot be written fails before any output.
        if let svg {
            let data = Data(GraphLesson().diagram.svg.utf8)
            try at(svg) { try AtomicFile.write(data, to: URL(fileURLWithPath: svg)) }
        }
        for line in name.transcript { print(line) }
        if let svg { print("wrote \(svg)") }
    }
}
