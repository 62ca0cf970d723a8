import Foundation

/// A JSON Schema (2020-12, as OpenAPI 3.1 uses it) for the shape of a request or response body.
///
/// Schemas are not written by hand: `JSONSchema.of(_:)` reads them off the type's own `Decodable`
/// conformance, so the document cannot drift from the code that decodes and encodes the body.
indirect enum JSONSchema: Sendable, Equatable {
    case string(format: String?)
    /// A string from a closed set (a `String`-backed enum).
    case enumeration([String])
    case integer
    case number
    case boolean
    case array(of: JSONSchema)
    /// An object with named properties; `required` lists those that are always present.
    case object(properties: [String: JSONSchema], required: [String])
    /// An object with any keys, each holding a value of this schema (a `[String: T]`).
    case map(of: JSONSchema)
    /// The wrapped schema or `null` (an optional property).
    case nullable(JSONSchema)

    /// The schema of `type`'s JSON form, recorded by decoding it once with a decoder that notes what
    /// the type asks for. Throws when the type asks for something this cannot describe.
    static func of<T: Decodable>(_ type: T.Type) throws -> JSONSchema {
        let root = SchemaNode()
        _ = try SchemaRecorder.value(T.self, into: root)
        return root.schema
    }

    /// The schema as a JSON object (for `JSONSerialization`).
    var json: [String: Any] {
        switch self {
        case .string(let format): format.map { ["type": "string", "format": $0] } ?? ["type": "string"]
        case .enumeration(let values): ["type": "string", "enum": values]
        case .integer: ["type": "integer"]
        case .number: ["type": "number"]
        case .boolean: ["type": "boolean"]
        case .array(let items): ["type": "array", "items": items.json]
        case .object(let properties, let required):
            ["type": "object", "properties": properties.mapValues(\.json)].merging(required.isEmpty ? [:] : ["required": required.sorted()]) { $1 }
        case .map(let values): ["type": "object", "additionalProperties": values.json]
        case .nullable(let wrapped):
            switch wrapped {
            case .enumeration(let values): ["type": ["string", "null"], "enum": values + [NSNull()]]
            case .nullable(let inner): JSONSchema.nullable(inner).json
            default: wrapped.json.merging(["type": [wrapped.json["type"] ?? "object", "null"]]) { $1 }
            }
        }
    }
}

/// A `String`-backed enum whose values the schema lists; the recorder decodes it as its first case.
protocol SchemaEnumeration {
    static var schemaValues: [String] { get }
    static var schemaSample: Self { get }
}

extension SchemaEnumeration where Self: CaseIterable & RawRepresentable, RawValue == String {
    static var schemaValues: [String] { allCases.map(\.rawValue) }
    static var schemaSample: Self { allCases.first! }
}

/// What was learnt about one value while recording.
final class SchemaNode {
    enum Kind { case unknown, leaf(JSONSchema), object, array, map }

    var kind = Kind.unknown
    var nullable = false
    private(set) var properties: [String: SchemaNode] = [:]
    /// Keys asked for with `decodeIfPresent` (the decoder first asks whether they are there).
    var optionalKeys: Set<String> = []
    var items = SchemaNode?.none

    func property(_ key: String) -> SchemaNode {
        if let known = properties[key] { return known }
        let node = SchemaNode()
        properties[key] = node
        return node
    }

    var schema: JSONSchema {
        let base: JSONSchema = switch kind {
        case .unknown: .object(properties: [:], required: [])
        case .leaf(let leaf): leaf
        case .object:
            .object(properties: properties.mapValues(\.schema), required: properties.keys.filter { !optionalKeys.contains($0) })
        case .array: .array(of: items?.schema ?? .object(properties: [:], required: []))
        case .map: .map(of: properties[SchemaRecorder.anyKey]?.schema ?? .object(properties: [:], required: []))
        }
        return nullable ? .nullable(base) : base
    }
}
