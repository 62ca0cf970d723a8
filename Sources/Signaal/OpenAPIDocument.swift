import Foundation
import HTTP

/// `GET /api/v1/openapi.json`: the API described as OpenAPI 3.1, built from the routes as they are
/// registered (paths, methods, path parameters, who may call them) and the one-line summaries below.
/// A test fails when a route has no summary or a summary names no route, so the document stays true.
enum OpenAPIDocument {
    /// What each route does, keyed like `APIRoutes.accessTable` ("METHOD pattern").
    static let summaries: [String: String] = [
        "GET /api/v1/openapi.json": "This document.",
        "POST /api/v1/session": "Sign in with {email, password} (email or username); sets the session cookie and returns user, role and CSRF token.",
        "DELETE /api/v1/session": "Sign out.",
        "GET /api/v1/session": "Whether this browser is signed in: {signedIn:false}, or the user, role and CSRF token.",
        "GET /api/v1/me": "Who am I: user, role, business and CSRF token.",
        "POST /api/v1/setup": "Create the first admin with the one-time setup token {token, name, email, password}.",
        "GET /api/v1/me/export": "Everything stored about me, as JSON.",
        "POST /api/v1/businesses": "Register a business with its first manager {name, sector, city, kvk, headcount, manager:{name, email, password}}.",
        "GET /api/v1/businesses/{id}": "The business, its progress towards the threshold, its certificate and any warning.",
        "PATCH /api/v1/businesses/{id}": "Change name, city or declared headcount.",
        "GET /api/v1/businesses/{id}/progress": "{denominator, declaredHeadcount, activeEmployees, completed, percent, threshold, eligible, needed}.",
        "GET /api/v1/businesses/{id}/employees": "The roster with each person's progress; `q` searches names, `status` filters.",
        "POST /api/v1/businesses/{id}/employees": "Add a person {name, email?}; returns their personal invite link.",
        "POST /api/v1/businesses/{id}/employees/import": "Import a roster as text/csv (RFC 4180, `,` or `;`, BOM allowed); reports rows added and rejected.",
        "GET /api/v1/businesses/{id}/employees.csv": "The roster with progress as CSV, formulas neutralised.",
        "DELETE /api/v1/businesses/{id}/employees/{employeeId}": "Deactivate a leaver (kept for history, not counted).",
        "POST /api/v1/businesses/{id}/employees/{employeeId}/reactivate": "Count a deactivated person again.",
        "POST /api/v1/businesses/{id}/employees/{employeeId}/confirm": "Confirm a person who signed up from the poster.",
        "POST /api/v1/businesses/{id}/employees/{employeeId}/erase": "Erase a person's name, email and logins; their anonymous completion stays.",
        "POST /api/v1/businesses/{id}/employees/{employeeId}/invite": "A new personal link; the old one stops working.",
        "GET /api/v1/businesses/{id}/poster.pdf": "A4 poster with a QR code where staff sign up themselves.",
        "POST /api/v1/signup/{code}": "Sign up from a business's poster {name, email?, password?}; counts once a manager confirms.",
        "POST /api/v1/invites/{token}": "Join with a personal link {password?}; answers like a sign-in, with a username for staff without email.",
        "GET /api/v1/course": "My sector's course: modules with my status, minutes and my course completion.",
        "GET /api/v1/modules/{id}": "A module's lessons in `lang`, with where to resume.",
        "GET /api/v1/modules/{id}/images/{name}": "An image from the module's folder.",
        "POST /api/v1/modules/{id}/lessons/{lessonId}/seen": "Remember that I read this lesson.",
        "POST /api/v1/modules/{id}/attempts": "Start a quiz attempt: the drawn questions, without answers.",
        "POST /api/v1/attempts/{id}/answers": "Submit {answers:{questionId:[optionId]}} once: score, passed and every explanation.",
        "GET /api/v1/certificates/{code}": "Verify a certificate: valid, expired or revoked, with business, city, sector and dates.",
        "GET /api/v1/certificates/{code}/badge": "Open Badges 2.0 hosted assertion for the certificate.",
        "GET /api/v1/badges/responsibility-certificate": "Open Badges 2.0 BadgeClass of the responsibility certificate.",
        "GET /api/v1/badges/issuer": "Open Badges 2.0 Issuer profile.",
        "GET /api/v1/qr.svg": "A QR code for `data` (a link of this site), as SVG.",
        "GET /api/v1/admin/businesses": "Businesses with progress; filters sector, city, status, eligible, certificate; paged by limit and offset.",
        "POST /api/v1/admin/businesses/{id}/approve": "Approve a pending business `{headcount?}` (the headcount the admin saw: 409 `headcount_changed` when it differs); issues its certificate when it already qualifies.",
        "PUT /api/v1/me/role": "Say which job I do `{role}` (once; the course then holds that job's role module). 409 when already set.",
        "PUT /api/v1/businesses/{id}/employees/{employeeId}/role": "Set a person's job `{role}`, which picks their role module.",
        "POST /api/v1/admin/businesses/{id}/headcount-change": "Confirm or reject a manager's lowered headcount `{decision: confirm | reject}`; audited.",
        "GET /api/v1/admin/integrity": "Whether the audit chain and the certificates agree, as last checked: `{ok, entries, problems, checkedAt}`.",
        "POST /api/v1/admin/businesses/{id}/certificates": "Issue a certificate to an eligible, approved business.",
        "POST /api/v1/admin/certificates/{code}/revoke": "Revoke a certificate {reason}; the reason stays internal.",
        "GET /api/v1/admin/stats": "National figures: businesses and certified businesses per sector, staff trained, completions per month.",
        "GET /api/v1/admin/modules": "Modules with versions, pass rates and per-option answer counts, most-missed questions first.",
        "GET /api/v1/admin/audit": "The audit log, newest first, paged with `before`.",
        "POST /api/v1/admin/tokens": "Create a bearer token for an integration; shown once.",
        "GET /api/v1/admin/tokens": "The bearer tokens, without their secrets.",
        "DELETE /api/v1/admin/tokens/{id}": "Revoke a bearer token.",
    ]

    /// The document for these routes and their access rules.
    static func json(for access: [String: Access]) throws -> [UInt8] {
        var paths: [String: [String: Any]] = [:]
        for (key, rule) in access {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            var operation: [String: Any] = [
                "summary": summaries[key] ?? "",
                "responses": responses,
            ]
            let parameters = parts[1].split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { name -> [String: Any] in
                ["name": String(name.dropFirst().dropLast()), "in": "path", "required": true, "schema": ["type": "string"]]
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            switch rule {
            case .anyone:
                operation["security"] = [[String: [String]]]()
            case .signedIn:
                operation["x-roles"] = Role.allCases.map(\.rawValue)
            case .roles(let roles):
                operation["x-roles"] = roles.map(\.rawValue).sorted()
            }
            paths[parts[1], default: [:]][parts[0].lowercased()] = operation
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

    private static var responses: [String: Any] { [
        "200": ["description": "Success (201 for a created resource, 204 when there is nothing to say)."],
        "default": ["description": "An error with its status (400, 401, 403, 404, 409, 413, 415, 422, 429).",
                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]],
    ] }
}
