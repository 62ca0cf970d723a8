import Foundation
import Learning
@testable import Signaal
import Testing

/// The OpenAPI document's schemas: read off the Swift types, present on every route, and true of the
/// answers the real server gives (including the hand-written JSON of the hot paths).
@Suite(.cleansUp)
struct OpenAPISchemaTests {
    struct Sample: Codable {
        enum Colour: String, Codable, CaseIterable, SchemaEnumeration { case red, green }
        struct Inner: Codable { let at: Date }
        let name: String
        let count: Int
        let ratio: Double?
        let colour: Colour
        let tags: [String]
        let inner: Inner?
        let scores: [String: [Int]]
    }

    @Test func schema_isReadOffTheType() throws {
        let schema = try JSONSchema.of(Sample.self)
        guard case .object(let properties, let required) = schema else { Issue.record("not an object: \(schema)"); return }
        #expect(Set(required) == ["name", "count", "colour", "tags", "scores"])
        #expect(properties["name"] == .string(format: nil))
        #expect(properties["count"] == .integer)
        #expect(properties["ratio"] == .nullable(.number))
        #expect(properties["colour"] == .enumeration(["red", "green"]))
        #expect(properties["tags"] == .array(of: .string(format: nil)))
        #expect(properties["inner"] == .nullable(.object(properties: ["at": .string(format: "date-time")], required: ["at"])))
        #expect(properties["scores"] == .map(of: .array(of: .integer)))
        let json = schema.json
        #expect((json["properties"] as? [String: Any]).flatMap { $0["ratio"] as? [String: Any] }?["type"] as? [String] == ["number", "null"])
    }

    /// An enum the recorder cannot describe is an error, not a schema that says nothing.
    @Test func undescribedEnum_fails() {
        enum Plain: String, Codable { case one }
        struct Holder: Codable { let value: Plain }
        #expect(throws: (any Error).self) { try JSONSchema.of(Holder.self) }
    }

    @Test func everyRoute_hasSchemasForItsBodyAndEveryAnswer() async throws {
        let app = try RunningApp.start()
        defer { Task { await app.application.shutdown() } }
        let document = try #require(try await app.request("GET", "/api/v1/openapi.json").json)
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        var operations = 0
        for (path, methods) in paths {
            for (method, operation) in methods {
                operations += 1
                let name = "\(method.uppercased()) \(path)"
                let responses = try #require(operation["responses"] as? [String: [String: Any]], "\(name)")
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(name) has no success answer")
                #expect(responses["default"] == nil, "\(name) lists its statuses, not a default")
                for (status, response) in responses {
                    let content = response["content"] as? [String: [String: Any]]
                    if status == "204" { #expect(content == nil, "\(name) 204 has a body"); continue }
                    let schemas = try #require(content?.values.compactMap { $0["schema"] as? [String: Any] }, "\(name) \(status) has no content")
                    #expect(!schemas.isEmpty && schemas.allSatisfy { $0["type"] != nil || $0["$ref"] != nil }, "\(name) \(status) has no schema")
                    if status.hasPrefix("4"), name != "GET /api/v1/certificates/{code}/badge" || status != "410" {
                        #expect(schemas.first?["$ref"] as? String == "#/components/schemas/Error", "\(name) \(status)")
                    }
                }
                if let body = operation["requestBody"] as? [String: Any] {
                    let content = try #require(body["content"] as? [String: [String: Any]], "\(name) body")
                    #expect(content.values.allSatisfy { $0["schema"] != nil }, "\(name) body has no schema")
                }
                if ["post", "put", "patch"].contains(method), let json = (operation["requestBody"] as? [String: Any])?["content"] as? [String: Any],
                   let schema = (json["application/json"] as? [String: Any])?["schema"] as? [String: Any] {
                    #expect(schema["type"] as? String == "object", "\(name) body is not an object")
                }
            }
        }
        #expect(operations == app.application.documentation.count)
        let login = try #require(paths["/api/v1/session"]?["post"])
        let loginBody = try #require(((login["requestBody"] as? [String: Any])?["content"] as? [String: [String: Any]])?["application/json"]?["schema"] as? [String: Any])
        #expect(Set(loginBody["required"] as? [String] ?? []) == ["email", "password"])
        #expect((login["responses"] as? [String: Any])?["429"] != nil)
    }

    /// The learner's hot answers are written by hand; decoding them as their types and encoding them
    /// with `JSONEncoder` gives the same JSON, and each conforms to its schema in the document.
    @Test func handWrittenAnswers_equalTheirTypes_andRealAnswersMatchTheirSchemas() async throws {
        let learner = try await LearningAPITests.learner()
        let app = learner.app
        defer { Task { await app.application.shutdown() } }
        let document = try #require(try await app.request("GET", "/api/v1/openapi.json").json)
        let module = LearningAPITests.path(app)[0].id
        try await LearningAPITests.readLessons(app, module, headers: learner.headers)
        let course = try await app.request("GET", "/api/v1/course", headers: learner.headers)
        let moduleView = try await app.request("GET", "/api/v1/modules/\(module)", headers: learner.headers)
        let attempt = try await LearningAPITests.startQuiz(app, module, headers: learner.headers)
        let attemptJSON = try #require(attempt.json)
        let answers = LearningAPITests.answers(for: attemptJSON, catalog: app.application.catalog, module: module, rightCount: 1)
        let result = try await app.request("POST", "/api/v1/attempts/\(attemptJSON["id"] as! String)/answers", headers: learner.headers,
                                           body: LearningAPITests.json(["answers": answers]))
        try expectRoundTrip(CourseView.self, course.body)
        try expectRoundTrip(AttemptView.self, attempt.body)
        try expectRoundTrip(ResultView.self, result.body)
        let me = try await app.request("GET", "/api/v1/me", headers: learner.headers)
        for (path, method, status, response) in [("/api/v1/course", "get", "200", course), ("/api/v1/modules/{id}", "get", "200", moduleView),
                                                 ("/api/v1/modules/{id}/attempts", "post", "201", attempt),
                                                 ("/api/v1/attempts/{id}/answers", "post", "200", result), ("/api/v1/me", "get", "200", me)] {
            #expect(response.status == Int(status)!, "\(path): \(response.text)")
            let schema = try #require(Self.schema(document, path, method, status), "\(method) \(path) \(status)")
            let problems = SchemaCheck.problems(try JSONValue.parse(response.body), schema)
            #expect(problems.isEmpty, "\(method) \(path): \(problems)")
        }
    }

    private func expectRoundTrip<T: Codable>(_ type: T.Type, _ body: [UInt8]) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let typed = try decoder.decode(T.self, from: Data(body))
        let encoded = Array(try JSONBody.encoded(typed))
        let again = try JSONValue.parse(encoded)
        let original = try JSONValue.parse(body).withoutNulls
        #expect(original == again, "\(T.self): \(String(decoding: body, as: UTF8.self)) against \(String(decoding: encoded, as: UTF8.self))")
    }

    static func schema(_ document: [String: Any], _ path: String, _ method: String, _ status: String) -> [String: Any]? {
        let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any]
        let response = (operation?["responses"] as? [String: Any])?[status] as? [String: Any]
        return ((response?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }
}

/// A JSON value that keeps booleans, integers and other numbers apart.
indirect enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), integer(Int), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    static func parse(_ bytes: [UInt8]) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(bytes)) }

    /// The value with every `null` member removed (hand-written JSON writes them; `JSONEncoder` leaves them out).
    var withoutNulls: JSONValue {
        switch self {
        case .object(let members): .object(members.filter { $0.value != .null }.mapValues(\.withoutNulls))
        case .array(let items): .array(items.map(\.withoutNulls))
        default: self
        }
    }
}

/// A small JSON Schema check (type, enum, required, properties, items, additionalProperties): enough
/// for the schemas the recorder writes.
enum SchemaCheck {
    static func problems(_ value: JSONValue, _ schema: [String: Any], at path: String = "$") -> [String] {
        let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if !types.isEmpty, !types.contains(where: { matches(value, $0) }) { return ["\(path) is not \(types): \(value)"] }
        if let allowed = schema["enum"] as? [Any], case .string(let text) = value, !allowed.contains(where: { ($0 as? String) == text }) {
            return ["\(path) '\(text)' is not one of \(allowed)"]
        }
        var found: [String] = []
        if case .object(let object) = value {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { found.append("\(path).\(key) is missing") }
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for (key, item) in object {
                if let property = properties[key] {
                    found += problems(item, property, at: "\(path).\(key)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    found += problems(item, additional, at: "\(path).\(key)")
                }
            }
        }
        if case .array(let array) = value, let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { found += problems(item, items, at: "\(path)[\(index)]") }
        }
        return found
    }

    private static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (value, type) {
        case (.null, "null"), (.bool, "boolean"), (.integer, "integer"), (.integer, "number"), (.number, "number"),
             (.string, "string"), (.array, "array"), (.object, "object"): true
        default: false
        }
    }
}
