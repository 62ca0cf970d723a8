import HTTP

/// Which slice of a long list a request asks for: `limit` (1–500, default 50) and `offset` (from 0).
struct PageRequest: Sendable, Equatable {
    let limit: Int
    let offset: Int

    init(_ query: [String: String], defaultLimit: Int = 50) {
        limit = min(max(Int(query["limit"] ?? "") ?? defaultLimit, 1), 500)
        offset = max(Int(query["offset"] ?? "") ?? 0, 0)
    }

    /// The requested slice of `items`.
    func slice<Item>(_ items: [Item]) -> [Item] {
        Array(items.dropFirst(offset).prefix(limit))
    }
}
