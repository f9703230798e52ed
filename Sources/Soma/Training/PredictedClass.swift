/// The class a model's outputs pick: for one output (a sigmoid or step unit)
/// 1 when it exceeds 0.5, else 0; for several, the index of the largest (the
/// first one on a tie). Used by training, evaluation and parity alike.
public func predictedClass<Outputs: Collection>(_ outputs: Outputs) -> Int
where Outputs.Element == Float {
    var iterator = outputs.makeIterator()
    guard let first = iterator.next() else { return 0 }
    if outputs.count == 1 { return first > 0.5 ? 1 : 0 }
    var (best, bestValue, index) = (0, first, 0)
    while let value = iterator.next() {
        index += 1
        if value > bestValue { (best, bestValue) = (index, value) }
    }
    return best
}
