#if canImport(Glibc)
import Glibc
#endif
import Threads

/// Serves the files under one folder (`web/`): MIME types, `ETag` with `If-None-Match` → 304,
/// `index.html` for folders, and no way out of the folder.
///
/// File system calls run on a `BlockingPool`, never on the cooperative pool.
public struct StaticFiles: Sendable {
    /// The folder's canonical path (symlinks resolved), without a trailing slash.
    public let root: String
    private let pool: BlockingPool

    /// - Throws: `SystemError` when `folder` does not exist.
    public init(folder: String, pool: BlockingPool) throws {
        guard let resolved = realpath(folder, nil) else { throw SystemError(call: "realpath(\(folder))", errno: errno) }
        defer { free(resolved) }
        self.root = String(cString: resolved)
        self.pool = pool
    }

    /// The file's answer, or a 404 JSON error when it does not exist or lies outside the folder.
    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let root = root
        let ifNoneMatch = request.headers["if-none-match"]
        let versioned = request.queryParameters["v"] != nil
        let found = try? await pool.run { () -> HTTPResponse? in
            guard let path = Self.resolve(request.path, under: root), let file = Self.read(path) else { return nil }
            var headers: HTTPHeaders = [
                "content-type": Self.mediaType(of: path),
                "etag": file.etag,
                "cache-control": versioned ? "public, max-age=31536000, immutable" : "no-cache",
            ]
            if let ifNoneMatch, ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingWhitespace() == file.etag || $0.trimmingWhitespace() == "*" }) {
                headers.remove(name: "content-type")
                return HTTPResponse(status: .notModified, headers: headers)
            }
            return HTTPResponse(status: .ok, headers: headers, body: file.bytes)
        }
        return (found ?? nil) ?? .error(.notFound, code: "not_found", message: "No resource at this path.")
    }

    /// The canonical file path for a request path, or nil when it is malformed, hidden, or escapes `root`.
    static func resolve(_ rawPath: String, under root: String) -> String? {
        let lowered = rawPath.lowercased()
        guard rawPath.hasPrefix("/"), !lowered.contains("%2f"), !lowered.contains("%5c"), !lowered.contains("%00"),
              !rawPath.contains("\\"), let decoded = PercentDecoding.decode(rawPath), !decoded.contains("\0")
        else { return nil }
        let segments = decoded.split(separator: "/")
        guard !segments.contains(where: { $0.hasPrefix(".") }) else { return nil }
        var candidate = ([root] + segments.map(String.init)).joined(separator: "/")
        var info = stat()
        guard stat(candidate, &info) == 0 else { return nil }
        if info.st_mode & S_IFMT == S_IFDIR { candidate += "/index.html" }
        guard let resolved = realpath(candidate, nil) else { return nil }
        defer { free(resolved) }
        let canonical = String(cString: resolved)
        guard canonical.hasPrefix(root + "/") else { return nil }
        return canonical
    }

    private static func read(_ path: String) -> (bytes: [UInt8], etag: String)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            offset += count
        }
        let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        return (bytes, "\"\(String(info.st_size, radix: 16))-\(String(modified, radix: 16))\"")
    }

    /// The `Content-Type` for a file name's extension.
    static func mediaType(of path: String) -> String {
        let ext = path.split(separator: "/").last.flatMap { name in name.contains(".") ? name.split(separator: ".").last : nil }
        switch ext.map({ $0.lowercased() }) ?? "" {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "webmanifest": return "application/manifest+json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "pdf": return "application/pdf"
        case "woff2": return "font/woff2"
        case "xml": return "application/xml"
        default: return "application/octet-stream"
        }
    }
}
