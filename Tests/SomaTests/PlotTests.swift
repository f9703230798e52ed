import Foundation
import Testing
@testable import Soma

/// `soma plot`'s figures: the numbers drawn are the library's, every figure is
/// well-formed XML, the same bytes twice, and renders to a non-blank PNG of its stated size.
@Suite("Plots")
struct PlotTests {
    /// AND by one step unit: 1 only where a + b > 1.5.
    static let andModel = Network(layers: [Dense(inputSize: 2, outputSize: 1, weights: [1, 1], bias: [-1.5],
                                                 activation: .step)])
        .modelFile(name: "and", labels: ["0", "1"], task: "classification")

    static let historyCSV = """
        epoch,train_loss,train_accuracy,validation_loss,validation_accuracy
        1,0.69,0.5,0.7,0.45
        2,0.5,0.75,0.55,0.7
        3,0.3,0.9,0.4,0.85

        """

    /// Norms spanning five decades, as a deep sigmoid network's do.
    static let gradientsCSV = """
        epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,weight_grad_norm_layer0,weight_grad_norm_layer2
        1,0.69,0.5,0.7,0.45,2.5e-06,0.31
        2,0.5,0.75,0.55,0.7,1e-05,0.2
        3,0.3,0.9,0.4,0.85,4e-05,0.12

        """

    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case activations, history, gradients, boundary, weights
        var testDescription: String { rawValue }

        func figure() throws -> Figure {
            switch self {
            case .activations: return ActivationsPlot.figure()
            case .history: return try TrainingHistory(csv: PlotTests.historyCSV, source: "run.history.csv").figure(title: "run")
            case .gradients:
                let history = try TrainingHistory(csv: PlotTests.gradientsCSV, source: "run.history.csv")
                return try GradientNormsPlot.figure(history, title: "run", source: "run.history.csv")
            case .boundary: return try BoundaryPlot(model: PlotTests.andModel, data: try BuiltinDataset.and.load()).figure()
            case .weights:
                var generator = SplitMix64(seed: 3)
                let net = Network(layers: [Dense(inputSize: 4, outputSize: 8, activation: .relu, using: &generator),
                                           Dense(inputSize: 8, outputSize: 3, activation: .softmax, using: &generator)])
                return try WeightsPlot.figure(net.modelFile(name: "net"))
            }
        }

        /// Panels each figure must have.
        var panels: Int {
            switch self {
            case .activations: ActivationKind.allCases.count + 1 // and maxout
            case .history, .weights: 2
            case .gradients, .boundary: 1
            }
        }
    }

    @Test("well-formed, deterministic, one panel per part", arguments: Kind.allCases)
    func wellFormed(_ kind: Kind) throws {
        let figure = try kind.figure()
        #expect(figure.charts.count == kind.panels)
        let svg = figure.svg
        #expect(try kind.figure().svg == svg, "same input, same bytes")
        let elements = try #require(SVGRendering.elements(of: svg), "not well-formed XML")
        #expect(elements["svg"] == 1)
        // Every panel draws a frame (and the document its background): at least one rect per panel + 1.
        #expect(elements["rect", default: 0] >= kind.panels + 1)
        #expect(svg.contains(">\(SVGDocument.escaped(figure.title))</text>"))
    }

    @Test("renders to a PNG of the stated size with ink on it", .enabled(if: SVGRendering.available,
          "needs rsvg-convert (librsvg2-bin) and python3"), arguments: Kind.allCases)
    func renders(_ kind: Kind) throws {
        let figure = try kind.figure()
        let (ink, total) = try SVGRendering.ink(of: figure.svg)
        #expect(total == Int(figure.size.width) * Int(figure.size.height))
        #expect(ink > total / 100, "only \(ink) dark pixels of \(total)")
        #expect(ink < total * 9 / 10, "almost all dark: \(ink) of \(total)")
    }

    @Test("activations: the library's values and derivatives")
    func activationValues() throws {
        let zero = ActivationsPlot.inputs.firstIndex(of: 0)!
        let specs = ActivationsPlot.specs()
        #expect(specs.map(\.spec.kind) == ActivationKind.allCases)
        func values(_ kind: ActivationKind) -> (value: [Float], derivative: [Float]) {
            ActivationsPlot.values(of: specs.first { $0.spec.kind == kind }!.spec)
        }
        #expect(values(.step).derivative.allSatisfy { $0 == 0 }, "the step's gradient is zero everywhere")
        #expect(values(.sigmoid).derivative[zero] == 0.25)
        #expect(values(.tanh).derivative[zero] == 1)
        #expect(values(.leakyReLU).derivative[0] == 0.1)
        // Maxout's two lines z and -z/2 + 1 cross at z = 2/3: the slope jumps from -0.5 to 1.
        let maxout = ActivationsPlot.maxoutValues()
        #expect(maxout.value[0] == 3 && maxout.derivative[0] == -0.5, "at z = -4 the second line wins")
        #expect(maxout.value[zero] == 1 && maxout.derivative[zero] == -0.5)
        #expect(maxout.value.last == 4 && maxout.derivative.last == 1, "at z = 4 the first line wins")
        // softmax([z, 0])[0] is the sigmoid of z, and so is its derivative.
        let softmax = values(.softmax), sigmoid = values(.sigmoid)
        for k in ActivationsPlot.inputs.indices {
            #expect(abs(softmax.value[k] - sigmoid.value[k]) < 1e-6)
            #expect(abs(softmax.derivative[k] - sigmoid.derivative[k]) < 1e-6)
        }
    }

    @Test("history: columns by name, empty cells missing")
    func historyParsing() throws {
        let history = try TrainingHistory(csv: "epoch,train_loss,train_mae,validation_loss,validation_mae\n1,2.5,1,,\n2,1.5,0.5,,\n",
                                          source: "r.csv")
        #expect(history.epochs == [1, 2])
        #expect(history.measures == ["loss", "mae"])
        #expect(history.column("train_loss")! == [2.5, 1.5])
        #expect(history.column("validation_mae")! == [nil, nil])
        let figure = try history.figure(title: "r")
        #expect(figure.charts.map { $0.lines.count } == [1, 1], "no validation line without validation values")
    }

    @Test("history: bad CSV names the file and the line", arguments: [
        ("", "h.csv: empty file, expected a header line"),
        ("loss,acc\n1,2\n", "h.csv line 1: no `epoch` column (found loss, acc)"),
        ("epoch,train_loss\n1,0.5\n2\n", "h.csv line 3: 1 columns, expected 2"),
        ("epoch,train_loss\n1,0.5\n2,abc\n", "h.csv line 3: train_loss 'abc' is not a finite number"),
        ("epoch,train_loss\n1,0.5\n1,0.4\n", "h.csv line 3: epoch 1 after epoch 1"),
        ("epoch,train_loss\nx,0.5\n", "h.csv line 2: epoch 'x' is not a whole number"),
        ("epoch,train_loss\n", "h.csv: no epochs after the header"),
    ])
    func historyErrors(_ text: String, _ message: String) {
        #expect { try TrainingHistory(csv: text, source: "h.csv") } throws: { ($0 as? PlotError)?.description == message }
    }

    @Test("gradients: one line per layer in layer order, on a log axis with a tick per decade")
    func gradientLines() throws {
        let figure = try Kind.gradients.figure()
        let chart = figure.charts[0]
        #expect(chart.logScaleY)
        #expect(chart.lines.map(\.name) == ["layers[0]", "layers[2]"])
        #expect(chart.lines[0].points.map(\.y) == [2.5e-6, 1e-5, 4e-5])
        #expect(chart.extents.y == 1e-6...1, "whole decades around 2.5e-6 … 0.31")
        for label in ["10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"] {
            #expect(figure.svg.contains(">\(label)</text>"), "tick \(label)")
        }
        #expect(Chart.decadeTicks(1e-30...1).map { log10($0).rounded() } == [-30, -20, -10, 0], "every 10th decade of 30")
        #expect(Chart.decadeTicks(1e-3...10).map { log10($0).rounded() } == [-3, -2, -1, 0, 1], "every decade of 4")
        #expect(Chart.decadeTicks(0.05...200).map { log10($0).rounded() } == [-1, 0, 1, 2], "inside the range only")
        #expect(Chart.decadeTicks(0.2...0.9).isEmpty, "no power of ten inside")
        #expect(Chart.powerOfTen(1e-12) == "10⁻¹²" && Chart.powerOfTen(100) == "10²")
    }

    @Test("gradients: a zero norm is left out of the line and counted in the note")
    func gradientZeros() throws {
        let csv = "epoch,train_loss,weight_grad_norm_layer0\n1,0.7,0\n2,0.7,0.5\n3,0.6,0.25\n"
        let figure = try GradientNormsPlot.figure(try TrainingHistory(csv: csv, source: "z.csv"), title: "z", source: "z.csv")
        #expect(figure.note?.hasSuffix(" 1 zero norms not drawn.") == true)
        #expect(figure.svg.components(separatedBy: "<polyline").count - 1 == 1, "one piece, from epoch 2")
    }

    @Test("gradients: a history without norms, or with bad ones, is refused naming the file", arguments: [
        ("epoch,train_loss\n1,0.5\n",
         "h.csv: no weight_grad_norm_layer… columns; train with `soma train … --record-gradient-norms` to record them"),
        ("epoch,weight_grad_norm_layer0\n1,0.5\n2,-0.1\n", "h.csv line 3: weight_grad_norm_layer0 '-0.1' is negative; a norm never is"),
        ("epoch,weight_grad_norm_layerA\n1,0.5\n", "h.csv line 1: column `weight_grad_norm_layerA`: expected a layer index after `weight_grad_norm_layer`"),
    ])
    func gradientErrors(_ text: String, _ message: String) throws {
        let history = try TrainingHistory(csv: text, source: "h.csv")
        #expect { try GradientNormsPlot.figure(history, title: "h", source: "h.csv") } throws: {
            ($0 as? PlotError)?.description == message
        }
    }

    @Test("boundary: the regions are the model's classes; models without 2 inputs are refused")
    func boundary() throws {
        var plot = try BoundaryPlot(model: Self.andModel, data: try BuiltinDataset.and.load())
        plot.resolution = 10
        let (xr, yr) = plot.extents
        #expect(xr == -0.25...1.25 && yr == -0.25...1.25, "the data's extent with a margin")
        let grid = try plot.regions()
        // Cell centres run from -0.175 to 1.175 in steps of 0.15; class 1 where x + y > 1.5.
        for row in 0..<10 {
            for column in 0..<10 {
                let (x, y) = (-0.175 + 0.15 * Double(column), -0.175 + 0.15 * Double(row))
                #expect(grid[row][column] == (Float(x) + Float(y) > 1.5 ? 1 : 0), "cell (\(row), \(column))")
            }
        }
        let chart = try plot.chart(title: "t")
        #expect(chart.dots.count == 4)
        #expect(chart.dots.map(\.name) == ["class 0", "class 0", "class 0", "class 1"])
        let wide = Network(layers: [Dense(inputSize: 3, outputSize: 1, weights: [1, 1, 1], bias: [0], activation: .sigmoid)])
            .modelFile(name: "wide", labels: ["0", "1"], task: "classification")
        #expect { try BoundaryPlot(model: wide, data: nil) } throws: {
            ($0 as? PlotError)?.description == "a decision boundary needs a model with 2 inputs; wide takes 3"
        }
    }

    @Test("weights: histogram counts cover every weight, the largest in the last bin")
    func histogram() {
        let (low, high, counts) = WeightsPlot.histogram([0, 1, 2, 3, 4, 4], bins: 4)
        #expect(low == 0 && high == 4)
        #expect(counts == [1, 1, 1, 3])
    }
}
