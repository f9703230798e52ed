/// The course, runnable: the lessons in the notes' order, each printing what
/// the notes print and a sentence of what it shows (`soma lesson NAME`).
public enum Lesson: String, CaseIterable, Sendable {
    case perceptron
    case xor
    case activations
    case graph
    case mlp

    /// One line for the list of lessons.
    public var title: String {
        switch self {
        case .perceptron: return "AND, NAND and OR from one perceptron; what the bias means"
        case .xor: return "why one line cannot separate XOR, and XOR as AND(NAND, OR)"
        case .activations: return "step, sigmoid, tanh and ReLU on [-1, 1, 2]"
        case .graph: return "backpropagation on a computational graph: the supermarket examples, the chain rule"
        case .mlp: return "one training step of a small network, node by node"
        }
    }

    /// The sentence printed after the lesson: what it shows.
    public var shows: String {
        switch self {
        case .perceptron:
            return "One unit, a weighted sum plus a bias then a step, becomes AND, NAND or OR by its weights alone; "
                + "the bias is minus the threshold the weighted sum must exceed."
        case .xor:
            return "A perceptron separates with one straight line and XOR needs two, so XOR takes a second layer."
        case .activations:
            return "Sigmoid and tanh are smooth steps whose slope learning can follow; ReLU passes positives "
                + "and stops negatives."
        case .graph:
            return "Backpropagation is the chain rule node by node: each node multiplies the gradient from its "
                + "output by its local derivative, so addition passes it on and multiplication swaps its inputs."
        case .mlp:
            return "Training is a forward pass, a backward pass through the same nodes and a step down the gradient; "
                + "the trainer's Dense layers compute these same bits."
        }
    }

    /// The lesson's own lines (computed now, the same every run).
    public var lines: [String] {
        switch self {
        case .perceptron: return PerceptronLesson().lines
        case .xor: return XORLesson().lines
        case .activations: return ActivationsLesson().lines
        case .graph: return GraphLesson().lines
        case .mlp: return MLPLesson().lines
        }
    }

    /// Heading, the lesson's lines, and what it shows.
    public var transcript: [String] {
        let number = Lesson.allCases.firstIndex(of: self)! + 1
        return ["Lesson \(number), \(rawValue): \(title)", ""] + lines + ["", "What it shows: \(shows)"]
    }
}
