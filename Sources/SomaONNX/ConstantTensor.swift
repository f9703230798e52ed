import Foundation

/// A constant of the graph (an initializer or a `Constant` node's value),
/// decoded: its shape and its values, binary32 weights bit for bit.
struct ConstantTensor {
    /// ONNX `TensorProto.DataType` codes this importer reads.
    static let float32: Int32 = 1
    static let int64: Int32 = 7

    /// The tensor's name in the graph.
    var name: String
    /// Its dimensions (empty for a scalar).
    var dims: [Int]
    /// Its values as binary32, for `FLOAT` tensors.
    var floats: [Float]?
    /// Its values, for `INT64` tensors (shapes).
    var int64s: [Int64]?

    /// Number of elements: the product of the dimensions.
    var count: Int { dims.reduce(1, *) }

    /// Decodes `tensor`; only FLOAT and INT64 tensors stored in the file are read.
    init(_ tensor: Onnx_TensorProto, name: String) throws(ONNXImportError) {
        let place = "tensor \"\(name)\""
        self.name = name
        dims = tensor.dims.map { Int($0) }
        if dims.contains(where: { $0 < 0 }) {
            throw ONNXImportError(at: place, "negative dimension in \(tensor.dims)")
        }
        if tensor.dataLocation == .external {
            throw ONNXImportError(at: place, "its data is stored outside the file (external data); "
                                  + "save the model with the weights inside (onnx.save(model, path, save_as_external_data=False))")
        }
        let count = dims.reduce(1, *)
        switch tensor.dataType {
        case Self.float32:
            if tensor.hasRawData {
                floats = try Self.littleEndianWords(tensor.rawData, count: count, place: place).map { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }
            } else if tensor.floatData.count == count {
                floats = tensor.floatData
            } else {
                throw ONNXImportError(at: place, "holds \(tensor.floatData.count) floats, its shape \(dims) needs \(count)")
            }
        case Self.int64:
            if tensor.hasRawData {
                int64s = try Self.littleEndianWords(tensor.rawData, count: count, width: 8, place: place).map { Int64(bitPattern: $0) }
            } else if tensor.int64Data.count == count {
                int64s = tensor.int64Data
            } else {
                throw ONNXImportError(at: place, "holds \(tensor.int64Data.count) integers, its shape \(dims) needs \(count)")
            }
        default:
            throw ONNXImportError(at: place, "has data type \(Self.typeName(tensor.dataType)); Soma's weights are "
                                  + "binary32 (FLOAT), so convert the model with float32 weights")
        }
    }

    /// Little-endian words of `width` bytes (4 or 8), exactly `count` of them.
    private static func littleEndianWords(_ data: Data, count: Int, width: Int = 4, place: String) throws(ONNXImportError) -> [UInt64] {
        guard data.count == count * width else {
            throw ONNXImportError(at: place, "raw_data has \(data.count) bytes, its shape needs \(count * width)")
        }
        let bytes = [UInt8](data)
        var words = [UInt64](repeating: 0, count: count)
        for k in 0..<count {
            var word: UInt64 = 0
            for b in 0..<width {
                word |= UInt64(bytes[k * width + b]) << (8 * b)
            }
            words[k] = word
        }
        return words
    }

    /// The ONNX name of a data type code, for messages.
    static func typeName(_ code: Int32) -> String {
        let names: [Int32: String] = [0: "UNDEFINED", 1: "FLOAT", 2: "UINT8", 3: "INT8", 4: "UINT16", 5: "INT16",
                                      6: "INT32", 7: "INT64", 8: "STRING", 9: "BOOL", 10: "FLOAT16", 11: "DOUBLE",
                                      12: "UINT32", 13: "UINT64", 16: "BFLOAT16"]
        return names[code] ?? "code \(code)"
    }

    /// The float values, or an error saying what this tensor is instead.
    func requireFloats(for role: String) throws(ONNXImportError) -> [Float] {
        guard let floats else {
            throw ONNXImportError(at: "tensor \"\(name)\"", "\(role) must be FLOAT, found INT64")
        }
        return floats
    }

    /// The values spread over `width` units: a tensor of one value (any rank)
    /// repeats it; otherwise every dimension but the last must be 1 and the last
    /// must be `width` (a row vector, `[width]` or `[1, width]`).
    func broadcast(to width: Int, role: String) throws(ONNXImportError) -> [Float] {
        let values = try requireFloats(for: role)
        if values.count == 1 { return Array(repeating: values[0], count: width) }
        if dims.last == width && dims.dropLast().allSatisfy({ $0 == 1 }) { return values }
        throw ONNXImportError(at: "tensor \"\(name)\"", "\(role) has shape \(dims); Soma needs one value or one per unit (\(width))")
    }
}
