// Training-speed harness, the Soma side of Tests/bench/sklearn_mlp.py:
//   soma-bench [--json] [--epochs-digits N] [mnist_5k.csv[.gz]]
// digits 64-32-10 and (given a path) MNIST 5k 784-128-64-10: ReLU hidden
// layers, softmax output, categorical cross-entropy, Adam lr 0.001, batches of
// 32 shuffled every epoch; row i is a test row iff i % 5 == 0; inputs
// standardised with the training rows' mean and std. Prints ms/epoch (mean and
// fastest epoch) and test accuracy, or with --json one JSON object per data set
// (what Tests/bench/train_compare.py reads). Build with -c release.
import Foundation
import Soma

func split(_ data: Dataset) -> (train: Dataset, test: Dataset) {
    let rows = Array(0..<data.count)
    let train = data.subset(rows.filter { $0 % 5 != 0 })
    let test = data.subset(rows.filter { $0 % 5 == 0 })
    let scaling = InputScaling(fitting: train)
    return (scaling.apply(to: train), scaling.apply(to: test))
}

func classes(_ data: Dataset) -> [Int] {
    guard case .classes(let c, _) = data.targets else { fatalError("\(data.name): not a classification set") }
    return c
}

func run(_ name: String, _ data: Dataset, hidden: [Int], epochs: Int, seed: UInt64 = 0, json: Bool) {
    let (train, test) = split(data)
    let width = train.featureCount
    let classCount = (classes(data).max() ?? 0) + 1
    var generator = SplitMix64(seed: seed)
    var layers: [any Layer] = []
    var fanIn = width
    for h in hidden {
        layers.append(Dense(inputSize: fanIn, outputSize: h, activation: .relu, using: &generator))
        fanIn = h
    }
    layers.append(Dense(inputSize: fanIn, outputSize: classCount, activation: .softmax, using: &generator))
    var network = Network(layers: layers)
    let optimizer = Adam(learningRate: 0.001)
    var state = OptimizerState<Adam>()
    let labels = classes(train)
    let batch = 32
    var order = Array(0..<train.count)
    var x = [Float](repeating: 0, count: batch * width)
    var t = [Float](repeating: 0, count: batch * classCount)
    var times: [Double] = []
    var lastLoss: Float = 0
    for _ in 0..<epochs {
        let start = DispatchTime.now().uptimeNanoseconds
        order.shuffle(using: &generator)
        var epochLoss: Float = 0
        var begin = 0
        while begin < order.count {
            let rows = min(batch, order.count - begin)
            if x.count != rows * width {
                x = [Float](repeating: 0, count: rows * width)
                t = [Float](repeating: 0, count: rows * classCount)
            }
            train.features.withUnsafeBufferPointer { f in
                x.withUnsafeMutableBufferPointer { xs in
                    for r in 0..<rows { // one row at a time, as Trainer gathers its batches
                        (xs.baseAddress! + r * width).update(from: f.baseAddress! + order[begin + r] * width,
                                                             count: width)
                    }
                }
            }
            for k in t.indices { t[k] = 0 }
            for r in 0..<rows { t[r * classCount + labels[order[begin + r]]] = 1 }
            epochLoss += network.trainStep(inputs: x, targets: t, batchSize: rows, loss: .categoricalCrossEntropy,
                                           optimizer: optimizer, state: &state) * Float(rows)
            begin += rows
        }
        lastLoss = epochLoss / Float(order.count)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    let outputs = network.predict(batch: test.features, batchSize: test.count)
    let truth = classes(test)
    var correct = 0
    for r in 0..<test.count {
        let row = outputs[(r * classCount)..<((r + 1) * classCount)]
        if row.firstIndex(of: row.max()!)! - r * classCount == truth[r] { correct += 1 }
    }
    let mean = times.reduce(0, +) / Double(times.count)
    let layerSizes = [width] + hidden + [classCount]
    let accuracy = Double(correct) / Double(test.count)
    if json {
        print("{\"name\": \"\(name)\", \"layers\": \(layerSizes), \"train_rows\": \(train.count), "
              + "\"test_rows\": \(test.count), \"epochs\": \(epochs), \"ms_per_epoch\": \(mean), "
              + "\"fastest_ms\": \(times.min() ?? 0), \"test_accuracy\": \(accuracy), \"final_train_loss\": \(lastLoss)}")
        return
    }
    let shape = layerSizes.map(String.init).joined(separator: "-")
    print(String(format: "%-8@ %-14@ %5d/%-5d %3d epochs  %8.3f ms/epoch (fastest %.3f)  test acc %.2f%%  loss %.5f",
                 name, shape, train.count, test.count, epochs, mean, times.min() ?? 0, 100 * accuracy, lastLoss))
}

func loadMNIST(_ path: String) throws -> Dataset {
    let text: String
    if path.hasSuffix(".gz") {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc \"$0\"", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        text = String(decoding: data, as: UTF8.self)
    } else {
        text = try String(contentsOfFile: path, encoding: .utf8)
    }
    var features: [Float] = []
    var labels: [Int] = []
    for line in text.split(separator: "\n") where !line.isEmpty {
        let fields = line.split(separator: ",")
        for f in fields.dropLast() { features.append(Float(f)!) }
        labels.append(Int(Float(fields.last!)!))
    }
    return Dataset(name: "mnist5k", featureNames: (0..<784).map { "p\($0)" }, features: features,
                   targets: .classes(labels, names: (0..<10).map(String.init)))
}

var arguments = Array(CommandLine.arguments.dropFirst())
var digitsEpochs = 50
let json = arguments.contains("--json")
arguments.removeAll { $0 == "--json" }
if let k = arguments.firstIndex(of: "--epochs-digits"), k + 1 < arguments.count {
    digitsEpochs = Int(arguments[k + 1])!
    arguments.removeSubrange(k...(k + 1))
}
do {
    run("digits", try BuiltinDataset.digits.load(), hidden: [32], epochs: digitsEpochs, json: json)
    if let path = arguments.first {
        run("mnist5k", try loadMNIST(path), hidden: [128, 64], epochs: 10, json: json)
    }
} catch {
    FileHandle.standardError.write("soma-bench: \(error)\n".data(using: .utf8)!)
    exit(1)
}
