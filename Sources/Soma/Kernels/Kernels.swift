import CSomaKernels

/// Swift entry points to the C training kernels (`soma_training_kernels.h`): matrix
/// products whose every output is one fused-multiply-add chain in a fixed
/// order, so results do not depend on the CPU's vector width.
enum Kernels {
    /// `c = init + a·m`: `a` is rows×depth, `m` depth×cols, all row-major and
    /// dense. `c[r][j]` starts at `rowInit[r]` (or `colInit[j]`, or 0) and takes
    /// `fma(a[r][p], m[p][j], ·)` for `p` in order — or, with `fused: false`,
    /// `· + a[r][p] * m[p][j]` (product rounded, then the sum).
    static func gemm(rows: Int, cols: Int, depth: Int, _ a: UnsafePointer<Float>, _ m: UnsafePointer<Float>,
                     rowInit: UnsafePointer<Float>? = nil, colInit: UnsafePointer<Float>? = nil,
                     fused: Bool = true, into c: UnsafeMutablePointer<Float>) {
        if fused {
            soma_gemm(Int32(rows), Int32(cols), Int32(depth), a, Int32(depth), m, Int32(cols), rowInit, colInit, c,
                      Int32(cols))
        } else {
            soma_gemm_unfused(Int32(rows), Int32(cols), Int32(depth), a, Int32(depth), m, Int32(cols), rowInit,
                              colInit, c, Int32(cols))
        }
    }

    /// `dst = srcᵀ` for a rows×cols `src`.
    static func transpose(rows: Int, cols: Int, _ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>) {
        soma_transpose(Int32(rows), Int32(cols), src, Int32(cols), dst, Int32(rows))
    }

    /// A new array of `count` values, every one written by `body`.
    @inline(__always)
    static func array(count: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { body(buffer.baseAddress!) }
            initialized = count
        }
    }
}
