/// A model's layers drawn left to right as boxes (type, sizes, activation)
/// joined by arrows, from the inputs to the outputs.
public enum ArchitectureDiagram {
    public static func svg(_ model: ModelFile) -> SVGDocument {
        var boxes: [(title: String, detail: String, fill: String)] = [
            ("input", "\(model.inputs) values" + (model.inputScaling == nil ? "" : ", standardised"), "#EEEEEE"),
        ]
        for (k, layer) in model.layers.enumerated() {
            let activation = layer.activation
            var name = activation.kind.rawValue
            if let alpha = activation.alpha { name += " α=\(SVGDocument.number(Double(alpha), decimals: 2))" }
            if let beta = activation.beta { name += " β=\(SVGDocument.number(Double(beta), decimals: 2))" }
            switch layer {
            case .dense(let d):
                boxes.append(("layers[\(k)] dense", "\(d.inputs) → \(d.outputs), \(name)", Figure.paleColors[0]))
            case .batchNorm(let b):
                boxes.append(("layers[\(k)] batchnorm", "\(b.size), \(name)", Figure.paleColors[2]))
            case .maxout(let m):
                let after = activation.kind == .identity ? "" : ", \(name)"
                boxes.append(("layers[\(k)] maxout", "\(m.inputs) → \(m.outputs), max of \(m.pieces)\(after)",
                              Figure.paleColors[1]))
            }
        }
        let outputs = model.labels.map { $0.joined(separator: ", ") } ?? "\(model.outputs) values"
        boxes.append(("output", outputs.count > 24 ? "\(model.outputs) classes" : outputs, "#EEEEEE"))
        let (boxWidth, gap, height) = (150.0, 34.0, 64.0)
        var document = SVGDocument(width: Double(boxes.count) * (boxWidth + gap) - gap + 20, height: height + 40)
        document.append("<defs><marker id=\"arch-arrow\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" "
                        + "orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#444444\"/></marker></defs>")
        for (k, box) in boxes.enumerated() {
            let x = 10 + Double(k) * (boxWidth + gap)
            document.rect(x, 20, boxWidth, height, fill: box.fill, stroke: "#444444")
            document.text(box.title, x + boxWidth / 2, 45, anchor: .middle, size: 12, bold: true)
            document.text(box.detail, x + boxWidth / 2, 65, anchor: .middle, size: 11)
            if k > 0 {
                document.append("<line x1=\"\(SVGDocument.number(x - gap + 2))\" y1=\"52.0\" x2=\"\(SVGDocument.number(x - 2))\" "
                                + "y2=\"52.0\" stroke=\"#444444\" stroke-width=\"1.5\" marker-end=\"url(#arch-arrow)\"/>")
            }
        }
        return document
    }
}
