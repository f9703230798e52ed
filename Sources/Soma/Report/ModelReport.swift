import Foundation

/// One self-contained HTML page about a model (no network, no script needed to
/// read it): the architecture, the training curves, the confusion matrix on the
/// model's recorded data set (Swift reference forward pass), the decision
/// regions for two inputs, and the self-test and parity verdicts.
public struct ModelReport {
    public let model: ModelFile
    /// The recorded data set (raw rows), or nil.
    public let data: Dataset?
    /// What the parity check found, one line (computed by the caller, who sees the C runtime).
    public let parityVerdict: String

    public init(model: ModelFile, data: Dataset?, parityVerdict: String) {
        (self.model, self.data, self.parityVerdict) = (model, data, parityVerdict)
    }

    /// The figures' ids, in page order (a test checks each one rendered).
    public var figureIDs: [String] {
        ["architecture", "history"] + (gradientNorms == nil ? [] : ["gradients"]) + ["confusion"]
            + (model.inputs == 2 && model.task != "regression" ? ["boundary"] : [])
    }

    /// The per-layer gradient norms when the run recorded them (`--record-gradient-norms`):
    /// the figure, or why the recorded columns cannot be drawn; nil without such columns.
    var gradientNorms: Result<Figure, PlotError>? {
        guard let history,
              history.columns.contains(where: { $0.name.hasPrefix(EpochRecord.gradientNormColumnPrefix) }) else { return nil }
        do {
            return .success(try GradientNormsPlot.figure(history, title: "Gradient norms",
                                                         source: "the model's training.history"))
        } catch {
            return .failure(error)
        }
    }

    /// The self-test verdict: how many vectors reproduce bit for bit, or the first mismatch.
    public var selfTestVerdict: (passed: Bool, text: String) {
        guard let selfTest = model.selfTest else { return (false, "no self-test vectors recorded") }
        do {
            try model.verifySelfTest()
            return (true, "passed: the reference pass reproduces all \(selfTest.inputs.count) recorded output vectors bit for bit")
        } catch {
            return (false, "failed: \(error)")
        }
    }

    /// The training history the model records (`training.history`), as a table.
    public var history: TrainingHistory? {
        guard case .object(let columns)? = model.training?["history"] else { return nil }
        var parsed: [(name: String, values: [Double?])] = []
        for (name, value) in columns {
            guard case .array(let items) = value else { continue }
            parsed.append((name, items.map { Double($0.description) }))
        }
        guard let count = parsed.first?.values.count, count > 0 else { return nil }
        return TrainingHistory(epochs: Array(1...count), columns: parsed)
    }

    public func html() throws -> String {
        var sections: [String] = []
        let parameters = model.layers.reduce(0) { $0 + $1.parameterValues.count }
        sections.append("""
            <h1>\(SVGDocument.escaped(model.name))</h1>
            <p>\(model.task.map { SVGDocument.escaped($0) } ?? "model"), \(model.inputs) inputs, \(model.outputs) \
            outputs, \(model.layers.count) layers, \(parameters) parameters (format version \(model.writtenVersion)).</p>
            """)
        sections.append(figure("architecture", "Architecture: each layer with its activation",
                               ArchitectureDiagram.svg(model)))
        if let history, let plot = try? history.figure(title: "Training curves") {
            sections.append(figure("history", "Loss and \(history.measures.dropFirst().first ?? "measure") per epoch, "
                                   + "from the model's training record", document(plot)))
        } else {
            sections.append(figure("history", "Training curves", placeholder("the model records no training history")))
        }
        switch gradientNorms {
        case .success(let plot)?:
            sections.append(figure("gradients", "Each layer's weight-gradient norm per epoch (log scale), "
                                   + "from the model's training record", document(plot)))
        case .failure(let error)?:
            sections.append(figure("gradients", "Gradient norms", placeholder(error.description)))
        case nil:
            break
        }
        sections.append(try confusionSection())
        if model.inputs == 2 && model.task != "regression" {
            let plot = try BoundaryPlot(model: model, data: data.flatMap { $0.featureCount == 2 ? $0 : nil })
            sections.append(figure("boundary", "Decision regions over the input plane", document(try plot.figure())))
        }
        let selfTest = selfTestVerdict
        sections.append("""
            <h2>Verdicts</h2>
            <ul>
            <li id="self-test" class="\(selfTest.passed ? "pass" : "fail")"><b>Self-test:</b> \(SVGDocument.escaped(selfTest.text))</li>
            <li id="parity"><b>Parity (Swift reference against the C runtime):</b> \(SVGDocument.escaped(parityVerdict))</li>
            </ul>
            """)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(SVGDocument.escaped(model.name)) — Soma model report</title>
            <style>
            body { font-family: sans-serif; max-width: 1200px; margin: 24px auto; padding: 0 16px; color: #222; }
            figure { margin: 16px 0 28px; } figcaption { font-weight: bold; margin-bottom: 6px; }
            svg { max-width: 100%; height: auto; display: block; }
            .pass b { color: #007a3d; } .fail b { color: #b00020; }
            </style>
            </head>
            <body>
            \(sections.joined(separator: "\n"))
            <p><small>Written by <code>soma report</code>; every figure is inline SVG, nothing is fetched.</small></p>
            <script>
            // For tests that screenshot the page: each figure's box, as "id:x,y,width,height;…".
            window.addEventListener("load", function () {
              var boxes = [];
              document.querySelectorAll("figure").forEach(function (f) {
                var r = f.querySelector("svg").getBoundingClientRect();
                boxes.push(f.id + ":" + [r.left, r.top + window.scrollY, r.width, r.height].map(Math.round).join(","));
              });
              document.body.setAttribute("data-figure-boxes", boxes.join(";"));
            });
            </script>
            </body>
            </html>

            """
    }

    private func confusionSection() throws -> String {
        guard model.task != "regression", let data, let names = data.classNames,
              let evaluation = try? Evaluation(model: model, dataset: data.name, label: nil, split: "auto") else {
            return figure("confusion", "Confusion matrix", placeholder(
                model.task == "regression" ? "a regression model has no confusion matrix"
                                           : "the model records no built-in data set to measure it on"))
        }
        var predictions: [Float] = []
        for row in 0..<evaluation.rows.count { predictions += try model.predict(Array(evaluation.rows.row(row))) }
        let measures = evaluation.measure(predictions: predictions)
        let accuracy = SVGDocument.number((measures.accuracy ?? 0) * 100, decimals: 1)
        let svg = ConfusionMatrixPlot.svg(confusion: measures.confusion, trueNames: names,
                                          predictedNames: model.labels ?? names,
                                          title: "\(evaluation.datasetName): \(accuracy)% of \(evaluation.rows.count) rows")
        return figure("confusion", "Confusion matrix on \(evaluation.splitDescription) (Swift reference forward pass)", svg)
    }

    private func document(_ figure: Figure) -> SVGDocument {
        var document = SVGDocument(width: figure.size.width, height: figure.size.height)
        figure.draw(into: &document)
        return document
    }

    private func placeholder(_ text: String) -> SVGDocument {
        var document = SVGDocument(width: 480, height: 60)
        document.rect(1, 1, 478, 58, fill: "#f4f4f4", stroke: "#999999")
        document.text(text, 240, 35, anchor: .middle, size: 13)
        return document
    }

    /// A figure with inline SVG (the document without its XML declaration).
    private func figure(_ id: String, _ caption: String, _ svg: SVGDocument) -> String {
        let inline = svg.text.split(separator: "\n", maxSplits: 1).last.map(String.init) ?? ""
        return "<figure id=\"\(id)\">\n<figcaption>\(SVGDocument.escaped(caption))</figcaption>\n\(inline)</figure>"
    }
}
