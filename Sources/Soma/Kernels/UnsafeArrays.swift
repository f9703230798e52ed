/// The base addresses of several read-only arrays at once, for one C call
/// (nil for an empty array). The pointers are valid only inside `body`.
@inline(__always)
func withUnsafeArrays<R>(_ a: [Float], _ b: [Float], _ c: [Float],
                         _ body: (UnsafePointer<Float>?, UnsafePointer<Float>?, UnsafePointer<Float>?) -> R) -> R {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeBufferPointer { c in body(a.baseAddress, b.baseAddress, c.baseAddress) }
        }
    }
}

/// Four arrays; see ``withUnsafeArrays(_:_:_:_:)``.
@inline(__always)
func withUnsafeArrays<R>(_ a: [Float], _ b: [Float], _ c: [Float], _ d: [Float],
                         _ body: (UnsafePointer<Float>?, UnsafePointer<Float>?, UnsafePointer<Float>?,
                                  UnsafePointer<Float>?) -> R) -> R {
    withUnsafeArrays(a, b, c) { a, b, c in d.withUnsafeBufferPointer { d in body(a, b, c, d.baseAddress) } }
}

/// Five arrays; see ``withUnsafeArrays(_:_:_:_:)``.
@inline(__always)
func withUnsafeArrays<R>(_ a: [Float], _ b: [Float], _ c: [Float], _ d: [Float], _ e: [Float],
                         _ body: (UnsafePointer<Float>?, UnsafePointer<Float>?, UnsafePointer<Float>?,
                                  UnsafePointer<Float>?, UnsafePointer<Float>?) -> R) -> R {
    withUnsafeArrays(a, b, c, d) { a, b, c, d in e.withUnsafeBufferPointer { e in body(a, b, c, d, e.baseAddress) } }
}
