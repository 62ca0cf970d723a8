import Foundation
import Synchronization

/// A small in-memory cache, bounded in size, for values whose every change goes through this
/// process (so invalidating on write keeps it exact). It spares hot reads a database round trip.
final class MemoryCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: Value]>([:])
    let capacity: Int

    /// - Parameter capacity: entries at most; when full, the cache starts over (simple and bounded).
    init(capacity: Int = 50_000) { self.capacity = capacity }

    subscript(key: Key) -> Value? {
        entries.withLock { $0[key] }
    }

    func store(_ value: Value, for key: Key) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
    }

    func remove(_ key: Key) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    /// Removes every entry whose value matches, e.g. all sessions of one person.
    func removeAll(where shouldRemove: (Value) -> Bool) {
        entries.withLock { entries in entries = entries.filter { !shouldRemove($0.value) } }
    }
}
