/// A batch of vectors for the computational graph's layers: `rows` rows of
/// `cols` binary32 values, row-major (row `r`, column `c` is `values[r * cols + c]`),
/// the layout the trainer's batches use.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    public var values: [Float]

    /// A matrix of the given values, row-major.
    public init(rows: Int, cols: Int, values: [Float]) {
        precondition(values.count == rows * cols, "expected \(rows * cols) values, got \(values.count)")
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    /// A matrix from its rows (all the same length).
    public init(_ rows: [[Float]]) {
        let cols = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == cols }, "rows differ in length")
        self.init(rows: rows.count, cols: cols, values: rows.flatMap { $0 })
    }

    /// A `rows × cols` matrix of zeros.
    public static func zeros(rows: Int, cols: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, values: [Float](repeating: 0, count: rows * cols))
    }

    public subscript(r: Int, c: Int) -> Float {
        get { values[r * cols + c] }
        set { values[r * cols + c] = newValue }
    }

    /// Row `r` as an array.
    public func row(_ r: Int) -> [Float] {
        Array(values[(r * cols)..<((r + 1) * cols)])
    }

    /// The transpose, `cols × rows`.
    public var transposed: Matrix {
        var t = Matrix.zeros(rows: cols, cols: rows)
        for r in 0..<rows {
            for c in 0..<cols { t[c, r] = self[r, c] }
        }
        return t
    }

    /// The product `self · other`: each entry starts at 0 and adds `a·b` term by
    /// term in order, the product rounded and then the sum (no fused multiply-add),
    /// as the trainer's backward pass does.
    public func dot(_ other: Matrix) -> Matrix {
        precondition(cols == other.rows, "cannot multiply \(rows)×\(cols) by \(other.rows)×\(other.cols)")
        var out = Matrix.zeros(rows: rows, cols: other.cols)
        for r in 0..<rows {
            for c in 0..<other.cols {
                var sum: Float = 0
                for k in 0..<cols { sum = sum + self[r, k] * other[k, c] }
                out[r, c] = sum
            }
        }
        return out
    }

    /// The column sums, `[Σ_r self[r, c]]`, rows added in order.
    public var columnSums: [Float] {
        var sums = [Float](repeating: 0, count: cols)
        for r in 0..<rows {
            for c in 0..<cols { sums[c] = sums[c] + self[r, c] }
        }
        return sums
    }
}
