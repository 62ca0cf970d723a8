import Foundation

/// A `Decoder` that answers every question with a placeholder and writes down what was asked:
/// which keys, which of them optional (`decodeIfPresent` first asks `contains`), which value types.
/// Decoding a type once through it yields the type's JSON Schema.
struct SchemaRecorder: Decoder {
    /// The key a `[String: T]` is asked for when it lists its keys: stands for "any key".
    static let anyKey = "*"

    let node: SchemaNode
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// A placeholder `T`, recording its schema into `node`.
    static func value<T: Decodable>(_ type: T.Type, into node: SchemaNode) throws -> T {
        if let leaf = leaf(T.self) {
            node.kind = .leaf(leaf.schema)
            return leaf.sample as! T
        }
        if let enumeration = T.self as? any SchemaEnumeration.Type {
            node.kind = .leaf(.enumeration(enumeration.schemaValues))
            return enumeration.schemaSample as! T
        }
        return try T(from: SchemaRecorder(node: node))
    }

    private static func leaf(_ type: Any.Type) -> (schema: JSONSchema, sample: Any)? {
        switch type {
        case is String.Type: (.string(format: nil), "")
        case is Bool.Type: (.boolean, false)
        case is Int.Type: (.integer, 0)
        case is Int64.Type: (.integer, Int64(0))
        case is Int32.Type: (.integer, Int32(0))
        case is UInt.Type: (.integer, UInt(0))
        case is Int8.Type: (.integer, Int8(0))
        case is Int16.Type: (.integer, Int16(0))
        case is UInt8.Type: (.integer, UInt8(0))
        case is UInt16.Type: (.integer, UInt16(0))
        case is UInt32.Type: (.integer, UInt32(0))
        case is UInt64.Type: (.integer, UInt64(0))
        case is Double.Type: (.number, 0.0)
        case is Float.Type: (.number, Float(0))
        case is Date.Type: (.string(format: "date-time"), Date(timeIntervalSince1970: 0))
        case is URL.Type: (.string(format: "uri"), URL(string: "https://example.org")!)
        case is Data.Type: (.string(format: "byte"), Data())
        default: nil
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if case .unknown = node.kind { node.kind = .object }
        return KeyedDecodingContainer(KeyedRecorder<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        node.kind = .array
        return UnkeyedRecorder(node: node, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueRecorder(node: node, codingPath: codingPath)
    }
}

private struct KeyedRecorder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: SchemaNode
    var codingPath: [any CodingKey]

    /// Asked only by types with free keys (dictionaries): the object becomes a map.
    var allKeys: [Key] {
        node.kind = .map
        return Key(stringValue: SchemaRecorder.anyKey).map { [$0] } ?? []
    }

    func contains(_ key: Key) -> Bool {
        node.optionalKeys.insert(key.stringValue)
        return true
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        node.property(key.stringValue).nullable = true
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try SchemaRecorder.value(T.self, into: node.property(key.stringValue))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try SchemaRecorder(node: node.property(key.stringValue)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try SchemaRecorder(node: node.property(key.stringValue)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { SchemaRecorder(node: node) }
    func superDecoder(forKey key: Key) throws -> any Decoder { SchemaRecorder(node: node.property(key.stringValue)) }
}

/// An array of one element: enough to learn the element's schema.
private struct UnkeyedRecorder: UnkeyedDecodingContainer {
    let node: SchemaNode
    var codingPath: [any CodingKey]
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= 1 }

    init(node: SchemaNode, codingPath: [any CodingKey]) {
        self.node = node
        self.codingPath = codingPath
        if node.items == nil { node.items = SchemaNode() }
    }

    mutating func decodeNil() throws -> Bool {
        node.items?.nullable = true
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        currentIndex += 1
        return try SchemaRecorder.value(T.self, into: node.items!)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        currentIndex += 1
        return try SchemaRecorder(node: node.items!).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return try SchemaRecorder(node: node.items!).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        currentIndex += 1
        return SchemaRecorder(node: node.items!)
    }
}

private struct SingleValueRecorder: SingleValueDecodingContainer {
    let node: SchemaNode
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        node.nullable = true
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try SchemaRecorder.value(T.self, into: node)
    }
}
