import Foundation
import Soma

/// Writes a Soma model as an ONNX graph (opset 17 by default): input scaling as
/// Sub and Div, output scaling as Mul and Add, dense layers as Gemm (transB=1, so Soma's output-major weights
/// are B as they are), batch norm as BatchNormalization, maxout as Gemm over its
/// outputs × pieces rows, Reshape to `[N, outputs, pieces]` and ReduceMax over the
/// pieces, and every activation
/// as standard ops (docs/interop.md has the table). Weights keep their bits.
public enum ONNXExporter {
    /// The opset written unless another is asked for.
    public static let defaultOpset = 17
    /// Lowest opset whose ops mean what this exporter writes (Softmax over the last axis).
    public static let minimumOpset = 13

    /// The serialized ONNX `ModelProto` for `model`; input `input` and output
    /// `output`, both `[N, width]` FLOAT tensors.
    public static func export(_ model: ModelFile, opset: Int = defaultOpset, producerVersion: String = "") throws -> Data {
        try model.validate()
        var builder = GraphBuilder()
        var x = "input"
        if let scaling = model.inputScaling {
            let mean = builder.initializer("input_scaling.mean", scaling.mean, dims: [model.inputs])
            let std = builder.initializer("input_scaling.std", scaling.std, dims: [model.inputs])
            x = builder.node("Sub", [x, mean], output: "input_scaling.centred")
            x = builder.node("Div", [x, std], output: "input_scaling.scaled")
        }
        for (l, layer) in model.layers.enumerated() {
            let p = "layers.\(l)"
            switch layer {
            case .dense(let d):
                let w = builder.initializer("\(p).weights", d.weights, dims: [d.outputs, d.inputs])
                let b = builder.initializer("\(p).bias", d.bias, dims: [d.outputs])
                x = builder.node("Gemm", [x, w, b], output: "\(p).z", attributes: [GraphBuilder.intAttribute("transB", 1)])
            case .batchNorm(let n):
                let names = [("gamma", n.gamma), ("beta", n.beta), ("mean", n.mean), ("variance", n.variance)]
                    .map { builder.initializer("\(p).\($0.0)", $0.1, dims: [n.size]) }
                x = builder.node("BatchNormalization", [x] + names, output: "\(p).z",
                                 attributes: [GraphBuilder.floatAttribute("epsilon", n.epsilon)])
            case .maxout(let m):
                x = maxout(m, of: x, prefix: p, opset: opset, builder: &builder)
            }
            x = activation(layer.activation, of: x, prefix: p, builder: &builder)
        }
        if let scaling = model.outputScaling {
            // Soma's fma(y, std, mean) as Mul then Add: ONNX has no fused form (two roundings).
            let std = builder.initializer("output_scaling.std", scaling.std, dims: [model.outputs])
            let mean = builder.initializer("output_scaling.mean", scaling.mean, dims: [model.outputs])
            x = builder.node("Mul", [x, std], output: "output_scaling.scaled")
            x = builder.node("Add", [x, mean], output: "output_scaling.shifted")
        }
        builder.renameLastOutput(to: "output")

        var graph = builder.graph
        graph.name = model.name
        graph.input = [GraphBuilder.rowTensor("input", width: model.inputs)]
        graph.output = [GraphBuilder.rowTensor("output", width: model.outputs)]
        var proto = Onnx_ModelProto()
        proto.irVersion = 8
        var set = Onnx_OperatorSetIdProto()
        set.domain = ""
        set.version = Int64(opset)
        proto.opsetImport = [set]
        proto.producerName = "soma"
        proto.producerVersion = producerVersion
        proto.docString = "Soma model \"\(model.name)\" (docs/model-format.md), exported by soma export-onnx."
        if let labels = model.labels {
            proto.metadataProps.append(entry(MetadataKeys.labels, JSONValue.array(labels.map { JSONValue($0) }).description))
        }
        if let task = model.task { proto.metadataProps.append(entry(MetadataKeys.task, task)) }
        proto.graph = graph
        return try proto.serializedBytes()
    }

    /// A maxout layer's maxima: Gemm over its `outputs × pieces` rows (row
    /// `o * pieces + p`, so a row-major reshape puts each output's pieces on the
    /// last axis), Reshape to `[N, outputs, pieces]`, ReduceMax over axis 2.
    private static func maxout(_ m: MaxoutLayerSpec, of x: String, prefix p: String, opset: Int,
                               builder: inout GraphBuilder) -> String {
        let w = builder.initializer("\(p).weights", m.weights, dims: [m.rows, m.inputs])
        let b = builder.initializer("\(p).bias", m.bias, dims: [m.rows])
        let pieces = builder.node("Gemm", [x, w, b], output: "\(p).pieces", attributes: [GraphBuilder.intAttribute("transB", 1)])
        let shape = builder.int64Initializer("\(p).pieces_shape", [-1, m.outputs, m.pieces], dims: [3])
        let grouped = builder.node("Reshape", [pieces, shape], output: "\(p).grouped")
        // ReduceMax takes its axes as an attribute before opset 18 and as an input from 18 on.
        if opset >= 18 {
            let axes = builder.int64Initializer("\(p).max_axes", [2], dims: [1])
            return builder.node("ReduceMax", [grouped, axes], output: "\(p).z",
                                attributes: [GraphBuilder.intAttribute("keepdims", 0)])
        }
        return builder.node("ReduceMax", [grouped], output: "\(p).z",
                            attributes: [GraphBuilder.intsAttribute("axes", [2]), GraphBuilder.intAttribute("keepdims", 0)])
    }

    /// The nodes of one activation applied to tensor `x`; returns the result's name.
    private static func activation(_ act: ActivationSpec, of x: String, prefix p: String, builder: inout GraphBuilder) -> String {
        let out = "\(p).y"
        switch act.kind {
        case .identity:
            return x
        case .step:
            let zero = builder.initializer("\(p).step_threshold", [0], dims: [])
            let positive = builder.node("Greater", [x, zero], output: "\(p).positive")
            return builder.node("Cast", [positive], output: out, attributes: [GraphBuilder.intAttribute("to", Int(ConstantTensor.float32))])
        case .sigmoid: return builder.node("Sigmoid", [x], output: out)
        case .tanh: return builder.node("Tanh", [x], output: out)
        case .relu: return builder.node("Relu", [x], output: out)
        case .leakyReLU:
            return builder.node("LeakyRelu", [x], output: out, attributes: [GraphBuilder.floatAttribute("alpha", act.alpha!)])
        case .prelu:
            let slope = builder.initializer("\(p).prelu_alpha", act.alphas!, dims: [act.alphas!.count])
            return builder.node("PRelu", [x, slope], output: out)
        case .elu:
            return builder.node("Elu", [x], output: out, attributes: [GraphBuilder.floatAttribute("alpha", act.alpha!)])
        case .selu:
            // Soma's constants are the binary32 values ONNX's defaults also round to; written out to be explicit.
            return builder.node("Selu", [x], output: out, attributes: [
                GraphBuilder.floatAttribute("alpha", Float(bitPattern: 0x3FD6_2D7D)),
                GraphBuilder.floatAttribute("gamma", Float(bitPattern: 0x3F86_7D5F)),
            ])
        case .swish:
            var argument = x
            if act.beta! != 1 {
                let beta = builder.initializer("\(p).swish_beta", [act.beta!], dims: [])
                argument = builder.node("Mul", [x, beta], output: "\(p).scaled")
            }
            let gate = builder.node("Sigmoid", [argument], output: "\(p).gate")
            return builder.node("Mul", [x, gate], output: out)
        case .softmax:
            return builder.node("Softmax", [x], output: out, attributes: [GraphBuilder.intAttribute("axis", -1)])
        }
    }

    private static func entry(_ key: String, _ value: String) -> Onnx_StringStringEntryProto {
        var e = Onnx_StringStringEntryProto()
        e.key = key
        e.value = value
        return e
    }
}
