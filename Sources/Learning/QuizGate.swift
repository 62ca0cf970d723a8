import Foundation

/// One submitted attempt of a module, as the quiz rules need to know it.
public struct SubmittedAttempt: Sendable, Hashable {
    public let submittedAt: Date
    public let passed: Bool
    /// The questions it served, so the next attempt can draw others.
    public let questionIDs: [String]

    public init(submittedAt: Date, passed: Bool, questionIDs: [String]) {
        self.submittedAt = submittedAt
        self.passed = passed
        self.questionIDs = questionIDs
    }
}

extension SubmittedAttempt {
    /// Per question, the position (in `history`, oldest first) of the attempt that last served it.
    public static func lastServed(in history: [SubmittedAttempt]) -> [String: Int] {
        var last: [String: Int] = [:]
        for (position, attempt) in QuizGate.chronological(history).enumerated() {
            for question in attempt.questionIDs { last[question] = position }
        }
        return last
    }
}

/// When a person may take a module's quiz: only after reading every lesson, and again after a second
/// reading when three attempts in a row have failed (a learning loop, not a penalty).
public enum QuizGate {
    /// Failed attempts in a row after which the lessons count as unread again. The default is 3.
    public static let failuresBeforeRereading = 3

    /// The moment the lessons last started counting as unread: the submission that completed a run of
    /// `failuresBeforeRereading` failures, or nil when that never happened. A pass ends a run.
    /// - Parameter history: the module's submitted attempts, in any order (equal times keep their order).
    public static func readingReset(history: [SubmittedAttempt]) -> Date? {
        var failuresInARow = 0
        var reset: Date?
        for attempt in chronological(history) {
            if attempt.passed {
                failuresInARow = 0
            } else {
                failuresInARow += 1
                if failuresInARow == failuresBeforeRereading {
                    reset = attempt.submittedAt
                    failuresInARow = 0
                }
            }
        }
        return reset
    }

    /// Failed attempts since the last pass or the last reset: how close the person is to reading again.
    public static func failuresInARow(history: [SubmittedAttempt]) -> Int {
        var count = 0
        for attempt in chronological(history) {
            count = attempt.passed ? 0 : (count + 1) % failuresBeforeRereading
        }
        return count
    }

    /// The attempts by submission time; attempts submitted at the same moment keep the order given.
    static func chronological(_ history: [SubmittedAttempt]) -> [SubmittedAttempt] {
        history.enumerated().sorted { ($0.element.submittedAt, $0.offset) < ($1.element.submittedAt, $1.offset) }.map(\.element)
    }

    /// The lessons, in module order, that still have to be read before the quiz can start: never read,
    /// or last read before the reading reset.
    /// - Parameter lastRead: when each lesson was last marked read.
    public static func unreadLessons(of module: Module, lastRead: [String: Date], history: [SubmittedAttempt]) -> [String] {
        let reset = readingReset(history: history)
        return module.lessonIDs.filter { lesson in
            guard let read = lastRead[lesson] else { return true }
            return reset.map { read <= $0 } ?? false
        }
    }
}
