import Testing
@testable import Soma

@Suite("MLP on XOR")
struct XORTrainingTests {
    @Test("the default settings learn XOR")
    func learnsXOR() throws {
        let result = Network.trainXOR()
        let outputs = try Gate.truthTableInputs.map { try result.modelFile.predict($0)[0] }
        #expect(outputs.map { $0.rounded() } == [0, 1, 1, 0])
        #expect(result.lossHistory.count == 5000)
        #expect(result.lossHistory.last! < 0.01)
        #expect(result.lossHistory.last! < result.lossHistory.first!)
        #expect(result.modelFile.training?["accuracy"] == JSONValue(Float(1)))
        #expect(result.modelFile.training?["seed"] == JSONValue(Network.defaultXORSeed))
    }

    @Test("the network and its exported model give the same bits")
    func exportMatchesNetwork() throws {
        let result = Network.trainXOR(epochs: 200)
        var generator = SplitMix64(seed: 9)
        for _ in 0..<200 {
            let x = [8 * generator.unitFloat() - 4, 8 * generator.unitFloat() - 4]
            expectSameBits(result.network.predict(x), try result.modelFile.predict(x))
        }
    }

    @Test("same seed gives bit-identical weights; another seed does not")
    func reproducible() throws {
        let a = Network.trainXOR(epochs: 300, seed: 11).modelFile
        let b = Network.trainXOR(epochs: 300, seed: 11).modelFile
        let c = Network.trainXOR(epochs: 300, seed: 12).modelFile
        let bits: (ModelFile) -> [UInt32] = { $0.layers.flatMap(\.parameterValues).map(\.bitPattern) }
        #expect(bits(a) == bits(b))
        #expect(bits(a) != bits(c))
        #expect(try a.jsonData() == b.jsonData())
    }

    @Test("progress reports every epoch")
    func progress() {
        var seen: [Int] = []
        _ = Network.trainXOR(epochs: 10) { epoch, _ in seen.append(epoch) }
        #expect(seen == Array(1...10))
    }
}
