/// Every activation and its derivative on one sheet, computed by the library's
/// own forward pass and backward pass (``ActivationSpec/forward(_:width:)``,
/// ``ActivationSpec/backward(z:y:outputGradient:width:)``), for z in [-4, 4];
/// and maxout, a layer kind rather than an activation, as a ``Maxout`` layer of
/// one unit with two fixed pieces through the layer's own forward and backward pass.
public enum ActivationsPlot {
    /// The activation drawn for each kind, with the parameters its title states.
    public static func specs() -> [(spec: ActivationSpec, title: String)] {
        ActivationKind.allCases.map { kind in
            switch kind {
            case .leakyReLU: (.leakyReLU(alpha: 0.1), "leaky_relu (α = 0.1)")
            case .prelu: (.prelu(alphas: [0.25]), "prelu (α = 0.25, learned)")
            case .elu: (.elu(alpha: 1), "elu (α = 1)")
            case .swish: (.swish(beta: 1), "swish (β = 1)")
            case .softmax: (.softmax, "softmax: first of softmax([z, 0])")
            case .step: (.step, "step (derivative taken as 0)")
            default: (ActivationSpec(kind), kind.rawValue)
            }
        }
    }

    /// `z` values sampled: 161 points from -4 to 4 (0 included).
    public static let inputs: [Float] = (0...160).map { Float($0 - 80) / 20 }

    /// `(f(z), f'(z))` at every sample. Softmax is applied to `[z, 0]`: its first
    /// output and that output's derivative with respect to `z`.
    public static func values(of spec: ActivationSpec) -> (value: [Float], derivative: [Float]) {
        var value: [Float] = [], derivative: [Float] = []
        for z in inputs {
            let input: [Float] = spec.kind == .softmax ? [z, 0] : [z]
            let y = spec.forward(input, width: input.count)
            let seed: [Float] = spec.kind == .softmax ? [1, 0] : [1]
            let dz = spec.backward(z: input, y: y, outputGradient: seed, width: input.count).zGradient
            value.append(y[0])
            derivative.append(dz[0])
        }
        return (value, derivative)
    }

    /// The maxout panel's unit: the larger of the two lines `z` and `-0.5·z + 1`.
    public static let maxoutUnit = Maxout(inputSize: 1, outputSize: 1, pieces: 2, weights: [1, -0.5], bias: [0, 1])
    /// Its title, which says what is drawn.
    public static let maxoutTitle = "maxout: max(z, −0.5·z + 1), 2 pieces"

    /// `(f(z), f′(z))` of ``maxoutUnit`` at every sample: its output, and the gradient
    /// its backward pass sends to the input (the winning piece's slope).
    public static func maxoutValues() -> (value: [Float], derivative: [Float]) {
        var value: [Float] = [], derivative: [Float] = []
        for z in inputs {
            var unit = maxoutUnit
            let (y, trace) = unit.forward([z], batchSize: 1, mode: .inference)
            value.append(y[0])
            derivative.append(unit.backward([1], trace: trace).inputGradient[0])
        }
        return (value, derivative)
    }

    /// The sheet: one panel per activation and one for maxout, f solid, f′ dashed.
    public static func figure() -> Figure {
        let panels = specs().map { spec, title in (values(of: spec), title) } + [(maxoutValues(), maxoutTitle)]
        let charts = panels.map { values, title in
            let (value, derivative) = values
            var chart = Chart(title: title, xLabel: "z", yLabel: "f(z), f′(z)")
            chart.lines = [
                Chart.Line("f(z)", zip(inputs, value).map { (Double($0), Double($1)) }, color: Figure.palette[0]),
                Chart.Line("f′(z)", zip(inputs, derivative).map { (Double($0), Double($1)) }, color: Figure.palette[1],
                           dashed: true),
            ]
            chart.xRange = -4...4
            let all = (value + derivative).map(Double.init)
            chart.yRange = min(all.min()! - 0.15, -0.2)...max(all.max()! + 0.15, 1.2)
            return chart
        }
        return Figure(title: "Soma's activations and their derivatives", charts: charts, columns: 4,
                      panelWidth: 280, panelHeight: 220,
                      note: "Computed by the library's forward and backward passes (Float32), z from -4 to 4 in steps of 0.05.")
    }
}
