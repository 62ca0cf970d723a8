import Foundation
import Learning

/// The JSON shapes of the learner's API. Served questions carry no correctness: that is only in
/// `ResultView`, after submission.
struct CourseView: Codable {
    let sector: String
    let courseVersion: Int
    let language: String
    /// The person's job, the jobs the course has a module for, and whether the job must be chosen first.
    let role: JobRole?
    let roles: [JobRole]
    let roleRequired: Bool
    let estimatedMinutes: Int
    let modules: [ModuleSummary]
    /// Required modules not (validly) passed yet.
    let requiredRemaining: Int
    /// The course completion that counts now, if any.
    let completion: CompletionView?
}

extension CourseView {
    /// The JSON of this type written by hand (nulls written out where `JSONEncoder` leaves them out; a
    /// test holds the two to the same values): this is the learner's hottest answer.
    func json() -> [UInt8] {
        var out = JSONOutput()
        out.object { out in
            out.key("sector"); out.string(sector)
            out.key("courseVersion"); out.int(courseVersion)
            out.key("language"); out.string(language)
            out.key("role")
            if let role { out.string(role.rawValue) } else { out.null() }
            out.key("roles"); out.array { out in roles.forEach { out.string($0.rawValue) } }
            out.key("roleRequired"); out.bool(roleRequired)
            out.key("estimatedMinutes"); out.int(estimatedMinutes)
            out.key("requiredRemaining"); out.int(requiredRemaining)
            out.key("completion"); CompletionView.write(completion, to: &out)
            out.key("modules")
            out.array { out in
                for module in modules {
                    out.object { out in
                        out.key("id"); out.string(module.id)
                        out.key("title"); out.string(module.title)
                        out.key("summary"); out.string(module.summary)
                        out.key("kind"); out.string(module.kind)
                        out.key("required"); out.bool(module.required)
                        out.key("minutes"); out.int(module.minutes)
                        out.key("status"); out.string(module.status)
                        out.key("passedAt"); out.date(module.passedAt)
                        out.key("validUntil"); out.date(module.validUntil)
                        out.key("lessonCount"); out.int(module.lessonCount)
                        out.key("lessonsSeen"); out.int(module.lessonsSeen)
                    }
                }
            }
        }
        return out.bytes
    }
}

struct CompletionView: Codable {
    let courseVersion: Int
    let completedAt: Date
    let validUntil: Date

    /// Writes the completion as a JSON object, or `null` when there is none.
    static func write(_ completion: CompletionView?, to out: inout JSONOutput) {
        guard let completion else { return out.null() }
        out.object { out in
            out.key("courseVersion"); out.int(completion.courseVersion)
            out.key("completedAt"); out.date(completion.completedAt)
            out.key("validUntil"); out.date(completion.validUntil)
        }
    }

    init(_ completion: LearningStore.Completion, policy: CompletionPolicy) {
        courseVersion = completion.courseVersion
        completedAt = completion.completedAt
        validUntil = policy.validUntil(completion.completedAt)
    }
}

struct ModuleSummary: Codable {
    let id: String
    let title: String
    let summary: String
    let kind: String
    let required: Bool
    let minutes: Int
    let status: String
    let passedAt: Date?
    let validUntil: Date?
    let lessonCount: Int
    let lessonsSeen: Int

    init(module: Module, language: String, snapshot: LearningStore.LearnerSnapshot, policy: CompletionPolicy, now: Date) {
        let texts = module.texts[language] ?? module.texts["en"] ?? module.texts.values.first
        let seen = snapshot.seenLessons[module.id] ?? []
        let status = ModuleStatus.of(lastPass: snapshot.lastPasses[module.id],
                                     hasActivity: !seen.isEmpty || snapshot.attemptedModules.contains(module.id), policy: policy, now: now)
        id = module.id
        title = texts?.title ?? module.id
        summary = texts?.summary ?? ""
        kind = module.kind.rawValue
        required = module.isRequired
        minutes = module.minutes
        self.status = status.name
        switch status {
        case .passed(let at, let until): (passedAt, validUntil) = (at, until)
        case .expired(let at): (passedAt, validUntil) = (at, policy.validUntil(at))
        case .notStarted, .inProgress: (passedAt, validUntil) = (nil, nil)
        }
        lessonCount = module.lessonIDs.count
        lessonsSeen = module.lessonIDs.filter(seen.contains).count
    }
}

struct LessonView: Codable {
    let id: String
    let title: String
    /// Safe HTML from the escaping lesson renderer.
    let html: String
    let seen: Bool
}

struct ModuleView: Codable {
    let id: String
    let version: Int
    let title: String
    let summary: String
    let language: String
    let availableLanguages: [String]
    let minutes: Int
    let passMark: Int
    let questionsPerAttempt: Int
    let required: Bool
    let status: String
    /// The first lesson not yet seen (the last one when all are), so reading resumes on any device.
    let resumeLessonId: String?
    /// Lessons to read before the quiz can start (empty: the quiz is open).
    let lessonsToRead: [String]
    /// Failed attempts in a row; at `failuresBeforeRereading` the lessons count as unread again.
    let failuresInARow: Int
    let failuresBeforeRereading: Int
    let lessons: [LessonView]
    let sources: [Source]
}

struct OptionView: Codable {
    let id: String
    let text: String
}

struct ServedQuestionView: Codable {
    let id: String
    let type: String
    let scenario: Bool
    let situation: String?
    let text: String
    let options: [OptionView]

    /// The question as one attempt shows it: options in the attempt's order, under the attempt's labels.
    init(question: Question, text: QuestionText, served: ServedQuestion, trueAndFalse: (String, String)) {
        id = question.id
        type = question.form.rawValue
        scenario = question.isScenario
        situation = text.situation
        self.text = text.text
        options = zip(served.labels, served.optionOrder).map { label, option in
            OptionView(id: label, text: question.form == .trueFalse ? Self.trueFalseLabel(option, trueAndFalse) : text.options[option] ?? option)
        }
    }

    /// The option `true` or `false` in the words of the attempt's language.
    static func trueFalseLabel(_ option: String, _ words: (yes: String, no: String)) -> String {
        option == "true" ? words.yes : words.no
    }
}

extension AttemptView {
    /// Hand-written JSON (like the course answer): attempts are started on every quiz.
    func json() -> [UInt8] {
        var out = JSONOutput()
        out.object { out in
            out.key("id"); out.string(id)
            out.key("moduleId"); out.string(moduleId)
            out.key("language"); out.string(language)
            out.key("passMark"); out.int(passMark)
            out.key("expiresAt"); out.date(expiresAt)
            out.key("resumed"); out.bool(resumed)
            out.key("questions")
            out.array { out in
                for question in questions {
                    out.object { out in
                        out.key("id"); out.string(question.id)
                        out.key("type"); out.string(question.type)
                        out.key("scenario"); out.bool(question.scenario)
                        out.key("situation")
                        if let situation = question.situation { out.string(situation) } else { out.null() }
                        out.key("text"); out.string(question.text)
                        out.key("options")
                        out.array { out in
                            for option in question.options {
                                out.object { out in
                                    out.key("id"); out.string(option.id)
                                    out.key("text"); out.string(option.text)
                                }
                            }
                        }
                    }
                }
            }
        }
        return out.bytes
    }
}

extension ResultView {
    /// Hand-written JSON: every submission answers with it.
    func json() -> [UInt8] {
        var out = JSONOutput()
        out.object { out in
            out.key("attemptId"); out.string(attemptId)
            out.key("moduleId"); out.string(moduleId)
            out.key("score"); out.int(score)
            out.key("total"); out.int(total)
            out.key("percent"); out.int(percent)
            out.key("passMark"); out.int(passMark)
            out.key("passed"); out.bool(passed)
            out.key("failuresInARow"); out.int(failuresInARow)
            out.key("lessonsToReread"); out.bool(lessonsToReread)
            out.key("courseCompleted"); out.bool(courseCompleted)
            out.key("completion"); CompletionView.write(completion, to: &out)
            out.key("questions")
            out.array { out in
                for question in questions {
                    out.object { out in
                        out.key("id"); out.string(question.id)
                        if let situation = question.situation {
                            out.key("situation"); out.string(situation)
                        }
                        out.key("text"); out.string(question.text)
                        out.key("correct"); out.bool(question.correct)
                        if let chosen = question.chosen {
                            out.key("chosen"); out.array { out in chosen.forEach { out.string($0) } }
                        }
                        if let correctOptions = question.correctOptions {
                            out.key("correctOptions"); out.array { out in correctOptions.forEach { out.string($0) } }
                        }
                        out.key("explanation"); out.string(question.explanation)
                    }
                }
            }
        }
        return out.bytes
    }
}

struct AttemptView: Codable {
    let id: String
    let moduleId: String
    let language: String
    let passMark: Int
    let expiresAt: Date
    /// True when the person's open attempt was returned instead of a new one.
    let resumed: Bool
    let questions: [ServedQuestionView]
}

struct QuestionResultView: Codable {
    let id: String
    /// The situation of a scenario and the question, so the review reads on its own (also after a reload).
    let situation: String?
    let text: String
    let correct: Bool
    /// What the person chose, and the right options: only in a passed attempt's review.
    let chosen: [String]?
    let correctOptions: [String]?
    let explanation: String
}

struct ResultView: Codable {
    let attemptId: String
    let moduleId: String
    let score: Int
    let total: Int
    let percent: Int
    let passMark: Int
    let passed: Bool
    /// Failed attempts in a row since the last pass or second reading.
    let failuresInARow: Int
    /// True after the failure that makes the lessons count as unread again.
    let lessonsToReread: Bool
    let questions: [QuestionResultView]
    let courseCompleted: Bool
    let completion: CompletionView?
}
