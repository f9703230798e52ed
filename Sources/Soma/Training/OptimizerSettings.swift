/// Which update rule trains a network, with its settings: a closed set that maps
/// one to one onto the `training.optimizer` metadata of a model file.
public struct OptimizerSettings: Sendable, Equatable {
    /// The rules of the course.
    public enum Kind: String, Sendable, CaseIterable {
        case sgd, momentum, nesterov, rmsprop, adam
    }

    public var kind: Kind
    public var learningRate: Float
    /// L2 weight decay, added to every gradient as `weightDecay * parameter`.
    public var weightDecay: Float = 0
    /// Momentum and Nesterov: the velocity's keep rate.
    public var momentum: Float = 0.9
    /// RMSprop: the squared-gradient average's keep rate.
    public var rho: Float = 0.9
    /// Adam's moment keep rates.
    public var beta1: Float = 0.9
    public var beta2: Float = 0.999

    public init(_ kind: Kind, learningRate: Float? = nil, weightDecay: Float = 0) {
        self.kind = kind
        self.learningRate = learningRate ?? kind.defaultLearningRate
        self.weightDecay = weightDecay
    }

    /// The update rule these settings describe.
    public func makeOptimizer() -> any Optimizer {
        switch kind {
        case .sgd: return SGD(learningRate: learningRate, weightDecay: weightDecay)
        case .momentum: return Momentum(learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
        case .nesterov: return Nesterov(learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
        case .rmsprop: return RMSprop(learningRate: learningRate, rho: rho, weightDecay: weightDecay)
        case .adam: return Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, weightDecay: weightDecay)
        }
    }

    /// The metadata a model file records for these settings.
    public var metadata: JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(kind.rawValue)),
            ("learning_rate", JSONValue(learningRate)),
            ("weight_decay", JSONValue(weightDecay)),
        ]
        switch kind {
        case .sgd: break
        case .momentum, .nesterov: members.append(("momentum", JSONValue(momentum)))
        case .rmsprop: members.append(("rho", JSONValue(rho)))
        case .adam: members += [("beta1", JSONValue(beta1)), ("beta2", JSONValue(beta2))]
        }
        return .object(members)
    }
}

extension OptimizerSettings.Kind {
    /// A learning rate that works for this rule on the built-in data sets.
    public var defaultLearningRate: Float {
        switch self {
        case .sgd, .momentum, .nesterov: return 0.05
        case .rmsprop, .adam: return 0.001
        }
    }
}
