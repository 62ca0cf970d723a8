import Foundation
import HTTP

/// `GET /api/v1/openapi.json`: the API described as OpenAPI 3.1, built from the routes as they are
/// registered: paths, methods, path parameters, who may call them, their summaries, and the JSON
/// Schemas of every request body and answer, read off the Swift types that decode and encode them.
enum OpenAPIDocument {
    static let path = "/api/v1/openapi.json"

    /// Adds `GET /api/v1/openapi.json`, answering the document of every route added so far and itself.
    static func register(in routes: inout APIRoutes) throws {
        let own = RouteDocumentation(access: .anyone, summary: "This document.", success: [.ok],
                                     answer: .init(mediaType: "application/json", schema: nil), errors: [])
        let document = try json(for: routes.documentation.merging(["GET \(path)": own]) { $1 })
        routes.document(.get, path, access: .anyone, produces: "application/json", own.summary) { _ in .json(.ok, body: document) }
    }

    /// The document for these routes.
    static func json(for routes: [String: RouteDocumentation]) throws -> [UInt8] {
        var paths: [String: [String: Any]] = [:]
        for (key, route) in routes {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            paths[parts[1], default: [:]][parts[0].lowercased()] = try operation(route, method: parts[0], path: parts[1])
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Signaal API",
                "version": "1",
                "description": "Certification e-learning for hospitality. Cookie-authenticated writes need the X-CSRF-Token header from the sign-in answer; bearer tokens do not.",
            ],
            "paths": paths,
            "security": [["session": [String]()], ["bearer": [String]()]],
            "components": [
                "securitySchemes": [
                    "session": ["type": "apiKey", "in": "cookie", "name": Authenticator.cookieName],
                    "bearer": ["type": "http", "scheme": "bearer"],
                ],
                "schemas": ["Error": [
                    "type": "object", "required": ["error"],
                    "properties": ["error": ["type": "object", "required": ["code", "message"],
                                             "properties": ["code": ["type": "string"], "message": ["type": "string"]]]],
                ]],
            ],
        ]
        return Array(try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    private static func operation(_ route: RouteDocumentation, method: String, path: String) throws -> [String: Any] {
        let parameterNames = path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
        var operation: [String: Any] = [
            "summary": route.summary,
            "operationId": method.lowercased() + path.split(separator: "/").dropFirst(2)
                .map { $0.filter { $0.isLetter || $0.isNumber }.capitalized }.joined(),
            "responses": try responses(route, hasParameters: !parameterNames.isEmpty),
        ]
        if !parameterNames.isEmpty {
            operation["parameters"] = parameterNames.map { ["name": $0, "in": "path", "required": true, "schema": ["type": "string"]] }
        }
        switch route.body {
        case .json(let schema, let optional)?:
            operation["requestBody"] = ["required": !optional, "content": ["application/json": ["schema": try schema().json]]]
        case .media(let mediaType)?:
            operation["requestBody"] = ["required": true, "content": [mediaType: ["schema": ["type": "string"]]]]
        case nil:
            break
        }
        switch route.access {
        case .anyone:
            operation["security"] = [[String: [String]]]()
        case .signedIn:
            operation["x-roles"] = Role.allCases.map(\.rawValue)
        case .roles(let roles):
            operation["x-roles"] = roles.map(\.rawValue).sorted()
        }
        return operation
    }

    /// The success answers with their schemas, and every error status the route can answer: those of
    /// its kind (a bad request; signing in and roles; an unknown id in the path; a body that is too
    /// large, of the wrong type or not valid) and those it declares.
    private static func responses(_ route: RouteDocumentation, hasParameters: Bool) throws -> [String: Any] {
        var responses: [String: Any] = [:]
        for status in route.success {
            var answer: [String: Any] = ["description": status.reasonPhrase]
            if let payload = route.answer {
                let untyped: [String: Any] = payload.mediaType.hasSuffix("json") ? ["type": "object"] : ["type": "string", "format": "binary"]
                answer["content"] = [payload.mediaType: ["schema": try payload.schema.map { try $0().json } ?? untyped]]
            }
            responses[String(status.code)] = answer
        }
        var errors: Set<HTTPStatus> = [.badRequest]
        if route.access != .anyone { errors.formUnion([.unauthorized, .forbidden]) }
        if hasParameters { errors.insert(.notFound) }
        if route.body != nil { errors.formUnion([.contentTooLarge, .unsupportedMediaType, .unprocessableContent]) }
        errors.formUnion(route.errors)
        for status in errors {
            responses[String(status.code)] = ["description": status.reasonPhrase,
                                              "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        }
        return responses
    }
}
