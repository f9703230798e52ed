import Foundation

/// Two-dimensional toy problems generated from a seed, as in a course's playground.
public enum SyntheticData {
    /// Two interleaved half circles (scikit-learn's `make_moons` shape), classes 0 and 1.
    public static func moons(count: Int = 400, noise: Float = 0.2, seed: UInt64) -> Dataset {
        var generator = SplitMix64(seed: seed)
        let half = count / 2
        var points: [(Float, Float, Int)] = []
        for k in 0..<count {
            let upper = k < half
            let n = upper ? half : count - half
            let t = Double.pi * Double(upper ? k : k - half) / Double(max(n - 1, 1))
            let (x, y) = upper ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
            points.append((Float(x) + noise * generator.standardNormal(),
                           Float(y) + noise * generator.standardNormal(), upper ? 0 : 1))
        }
        return shuffled(points, name: "moons", classes: ["upper", "lower"], using: &generator)
    }

    /// A circle inside a larger one (`make_circles`): class 0 outer, class 1 inner.
    public static func circles(count: Int = 400, noise: Float = 0.1, factor: Float = 0.5,
                               seed: UInt64) -> Dataset {
        var generator = SplitMix64(seed: seed)
        let half = count / 2
        var points: [(Float, Float, Int)] = []
        for k in 0..<count {
            let outer = k < half
            let n = outer ? half : count - half
            let t = 2 * Double.pi * Double(outer ? k : k - half) / Double(max(n, 1))
            let radius = outer ? 1 : Double(factor)
            points.append((Float(radius * cos(t)) + noise * generator.standardNormal(),
                           Float(radius * sin(t)) + noise * generator.standardNormal(), outer ? 0 : 1))
        }
        return shuffled(points, name: "circles", classes: ["outer", "inner"], using: &generator)
    }

    /// `classes` interleaved spiral arms (CS231n's spiral data), one class each.
    public static func spirals(count: Int = 600, classes: Int = 3, noise: Float = 0.2,
                               seed: UInt64) -> Dataset {
        precondition(classes >= 2, "spirals need at least two arms")
        var generator = SplitMix64(seed: seed)
        var points: [(Float, Float, Int)] = []
        let perArm = count / classes
        for arm in 0..<classes {
            let n = arm == classes - 1 ? count - perArm * (classes - 1) : perArm
            for k in 0..<n {
                let r = Double(k) / Double(max(n - 1, 1))
                let theta = Double(arm) * 2 * Double.pi / Double(classes) + 4 * r
                    + Double(noise * generator.standardNormal())
                points.append((Float(r * sin(theta)), Float(r * cos(theta)), arm))
            }
        }
        return shuffled(points, name: "spirals", classes: (0..<classes).map { "arm\($0)" },
                        using: &generator)
    }

    private static func shuffled(_ points: [(Float, Float, Int)], name: String, classes: [String],
                                 using generator: inout SplitMix64) -> Dataset {
        var order = Array(points.indices)
        generator.shuffle(&order)
        return Dataset(name: name, featureNames: ["x", "y"],
                       features: order.flatMap { [points[$0].0, points[$0].1] },
                       targets: .classes(order.map { points[$0].2 }, names: classes), labelName: "class")
    }
}
