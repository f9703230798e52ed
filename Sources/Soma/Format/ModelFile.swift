import Foundation

/// A Soma model file (format v3, `docs/model-format.md`; v1 and v2 files are read too) in memory.
///
/// Read one with ``init(jsonData:)`` or ``init(contentsOf:)`` (a strict reader
/// that converts every number straight from its text to binary32 and names the
/// place of every error); write one with ``jsonData(packed:)`` or
/// ``write(to:packed:)``; run it with ``predict(_:)``, the reference forward
/// pass that follows the format's operation order exactly.
public struct ModelFile: Sendable, Equatable {
    /// The `format` string of every model file.
    public static let formatName = "soma-model"
    /// The newest format version this library reads and writes.
    public static let formatVersion = 3
    /// The version written for a model without maxout layers: older runtimes read it.
    public static let baseWrittenVersion = 2
    /// The format versions this library reads.
    public static let readableVersions = 1...3
    /// Longest `name`, in bytes of UTF-8 (the C runtime keeps 64 bytes with the NUL).
    public static let maximumNameBytes = 63
    /// The largest size (`inputs`, `outputs`, `size`, packed `count`) the format
    /// allows: 2³¹ − 1, so every size fits a signed 32-bit integer. Runtimes may
    /// hold less (the C runtime's `SOMA_MAX_*` capacity).
    public static let maximumSize = 2_147_483_647

    /// The model's name, 1 to 63 bytes of UTF-8.
    public var name: String
    /// Length of the input vector.
    public var inputs: Int
    /// Length of the output vector.
    public var outputs: Int
    /// Layers, applied in order.
    public var layers: [ModelLayer]
    /// Standardisation applied to every input before the first layer.
    public var inputScaling: InputScaling?
    /// Undoes the target standardisation after the last layer (version 2).
    public var outputScaling: OutputScaling?
    /// The name of each input, in order: the data's feature columns (version 2).
    public var featureNames: [String]?
    /// The data column the model predicts (version 2).
    public var labelColumn: String?
    /// Class names, one per output (two for a single sigmoid/step output).
    public var labels: [String]?
    /// `"classification"` or `"regression"`; informational.
    public var task: String?
    /// How the model was made: free-form metadata, an object; runtimes ignore it.
    public var training: JSONValue?
    /// Reference inputs and outputs to check a runtime with.
    public var selfTest: SelfTest?
    /// The checksum read from a file (`"fnv1a64:"` + 16 hex digits), if it had one.
    /// The writer ignores this field and always writes the ``computedChecksum``.
    public var checksum: String?

    /// Creates a model. `inputs` and `outputs` default to the first layer's
    /// inputs and the last layer's outputs.
    public init(name: String, inputs: Int? = nil, outputs: Int? = nil, layers: [ModelLayer],
                inputScaling: InputScaling? = nil, outputScaling: OutputScaling? = nil,
                featureNames: [String]? = nil, labelColumn: String? = nil,
                labels: [String]? = nil, task: String? = nil,
                training: JSONValue? = nil, selfTest: SelfTest? = nil, checksum: String? = nil) {
        self.name = name
        self.inputs = inputs ?? layers.first?.inputs ?? 0
        self.outputs = outputs ?? layers.last?.outputs ?? 0
        self.layers = layers
        self.inputScaling = inputScaling
        self.outputScaling = outputScaling
        self.featureNames = featureNames
        self.labelColumn = labelColumn
        self.labels = labels
        self.task = task
        self.training = training
        self.selfTest = selfTest
        self.checksum = checksum
    }

    /// The version a writer puts in the file: the lowest that can express the
    /// model (2, or 3 when it has a maxout layer), so a model without maxout
    /// stays readable by version-2 runtimes, byte for byte as before.
    public var writtenVersion: Int {
        layers.reduce(Self.baseWrittenVersion) { max($0, $1.minimumVersion) }
    }

    /// Number of binary32 parameters: input scaling, then every layer's
    /// weights, biases, batch-norm statistics and epsilon, and activation
    /// parameters, then output scaling (the values the checksum covers).
    public var parameterCount: Int {
        (inputScaling.map { $0.mean.count + $0.std.count } ?? 0)
            + layers.reduce(0) { $0 + $1.parameterValues.count }
            + (outputScaling.map { $0.mean.count + $0.std.count } ?? 0)
    }
}
