import Foundation

/// A build as a list of named steps: each is timed, reported as it ends, and named in the
/// error it stops with.
struct BuildSteps {
    var onStage: (StageTiming) -> Void
    private(set) var timings: [StageTiming] = []

    init(onStage: @escaping (StageTiming) -> Void) {
        self.onStage = onStage
    }

    mutating func run<T>(_ name: String, _ body: () throws(GeneratorError) -> T) throws(GeneratorError) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let value = try body()
            let timing = StageTiming(name: name, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            timings.append(timing)
            onStage(timing)
            return value
        } catch {
            var failure = error
            if failure.stage == nil { failure.stage = name }
            throw failure
        }
    }
}
