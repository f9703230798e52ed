extension ActivationSpec {
    /// Applies the activation to every row of a batch of `width`-wide rows,
    /// with ``ReferenceMath/activate(_:_:offset:count:)``, the function the
    /// reference pass uses (so training and the exported model agree).
    public func forward(_ z: [Float], width: Int) -> [Float] {
        if kind == .relu { // the reference's expression, one pass over the batch (the common hidden layer)
            return Kernels.array(count: z.count) { y in
                z.withUnsafeBufferPointer { z in for j in z.indices { y[j] = z[j] > 0 ? z[j] : 0 } }
            }
        }
        var y = z
        let rows = width > 0 ? z.count / width : 0
        for b in 0..<rows {
            ReferenceMath.activate(self, &y, offset: b * width, count: width)
        }
        return y
    }

    /// The derivative `df/dz` at `z`, given `y = f(z)`, for element-wise activations
    /// (`k` is the column, used by `prelu`). `step` is given derivative 0.
    public func derivative(z: Float, y: Float, column k: Int) -> Float {
        switch kind {
        case .step: return 0
        case .identity: return 1
        case .sigmoid: return y * (1 - y)
        case .tanh: return 1 - y * y
        case .relu: return z > 0 ? 1 : 0
        case .leakyReLU: return z > 0 ? 1 : (alpha ?? 0.01)
        case .prelu: return z > 0 ? 1 : (alphas?[k] ?? 0)
        case .elu: return z > 0 ? 1 : y + (alpha ?? 1)
        case .selu: return z > 0 ? ReferenceMath.seluLambda : y + ReferenceMath.seluLambda * ReferenceMath.seluAlpha
        case .swish:
            let beta = self.beta ?? 1
            let s = ReferenceMath.sigmoid(beta * z)
            return s + beta * z * s * (1 - s)
        case .softmax:
            preconditionFailure("softmax has no element-wise derivative; use backward(z:y:outputGradient:width:)")
        }
    }

    /// Back-propagates through the activation for a batch: returns `dL/dz` from
    /// `dL/dy`, and for `prelu` the gradient of its alphas (summed over the batch;
    /// `nil` for activations without trained parameters).
    public func backward(z: [Float], y: [Float], outputGradient dy: [Float], width: Int)
        -> (zGradient: [Float], alphaGradient: [Float]?) {
        var dz = [Float](repeating: 0, count: z.count)
        let rows = width > 0 ? z.count / width : 0
        if kind == .softmax {
            for b in 0..<rows {
                let base = b * width
                var dot: Float = 0
                for k in 0..<width { dot += dy[base + k] * y[base + k] }
                for k in 0..<width { dz[base + k] = y[base + k] * (dy[base + k] - dot) }
            }
            return (dz, nil)
        }
        if kind == .relu { // derivative(z:y:column:) inlined: the same product, no switch per value
            dz.withUnsafeMutableBufferPointer { dz in
                z.withUnsafeBufferPointer { z in
                    dy.withUnsafeBufferPointer { dy in
                        for j in 0..<(rows * width) { dz[j] = dy[j] * (z[j] > 0 ? 1 : 0) }
                    }
                }
            }
            return (dz, nil)
        }
        for b in 0..<rows {
            for k in 0..<width {
                let j = b * width + k
                dz[j] = dy[j] * derivative(z: z[j], y: y[j], column: k)
            }
        }
        guard kind == .prelu else { return (dz, nil) }
        var dAlpha = [Float](repeating: 0, count: width)
        for b in 0..<rows {
            for k in 0..<width {
                let j = b * width + k
                if !(z[j] > 0) { dAlpha[k] += dy[j] * z[j] }
            }
        }
        return (dz, dAlpha)
    }
}
