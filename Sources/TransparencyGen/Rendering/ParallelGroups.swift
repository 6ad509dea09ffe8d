import Foundation

/// Runs independent pieces of work on all cores and returns their results in input order;
/// the error of the lowest-numbered failing piece is the one thrown, so failures are as
/// deterministic as the output.
enum ParallelGroups {
    static func run<T: Sendable>(_ count: Int,
                                 _ body: @Sendable (Int) throws(GeneratorError) -> T) throws(GeneratorError) -> [T] {
        let results = Results<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            do throws(GeneratorError) {
                results.set(index, .success(try body(index)))
            } catch {
                results.set(index, .failure(error))
            }
        }
        return try results.values()
    }

    private final class Results<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<T, GeneratorError>?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<T, GeneratorError>) {
            lock.lock()
            slots[index] = result
            lock.unlock()
        }

        func values() throws(GeneratorError) -> [T] {
            var values: [T] = []
            for slot in slots {
                switch slot {
                case .success(let value): values.append(value)
                case .failure(let error): throw error
                case nil: throw GeneratorError("A rendering task did not finish. This is a defect in the generator: report it.")
                }
            }
            return values
        }
    }
}
