import Foundation

/// Turns a response into the bytes of one write: status line, headers, body.
struct ResponseSerializer {
    private let defaultHeaders: HTTPHeaders
    private var dateLine: [UInt8] = []
    private var dateSecond = -1

    init(defaultHeaders: HTTPHeaders) {
        self.defaultHeaders = defaultHeaders
    }

    /// - Parameters:
    ///   - includeBody: false for `HEAD`, which gets the headers a `GET` would have.
    ///   - connection: the `Connection` header to send, if any.
    mutating func serialize(_ response: HTTPResponse, includeBody: Bool, connection: String?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + (includeBody ? response.body.count : 0))
        out.append(contentsOf: "HTTP/1.1 \(response.status.code) \(response.status.reasonPhrase)\r\n".utf8)
        for (name, value) in response.headers where name != "content-length" && name != "connection" {
            appendField(&out, name, value)
        }
        for (name, value) in defaultHeaders where response.headers[name] == nil {
            appendField(&out, name, value)
        }
        if response.status.allowsBody {
            out.append(contentsOf: "content-length: \(response.body.count)\r\n".utf8)
        }
        if let connection { appendField(&out, "connection", connection) }
        out.append(contentsOf: currentDateLine())
        out.append(contentsOf: [.cr, .lf])
        if includeBody, response.status.allowsBody { out.append(contentsOf: response.body) }
        return out
    }

    private func appendField(_ out: inout [UInt8], _ name: String, _ value: String) {
        out.append(contentsOf: name.utf8)
        out.append(contentsOf: ": ".utf8)
        // A value must never end the header line early (response splitting).
        out.append(contentsOf: value.utf8.lazy.map { $0 == .cr || $0 == .lf ? .space : $0 })
        out.append(contentsOf: [.cr, .lf])
    }

    /// `date: <IMF-fixdate>\r\n`, formatted at most once a second.
    private mutating func currentDateLine() -> [UInt8] {
        var now = time(nil)
        if now != dateSecond {
            dateSecond = now
            var parts = tm()
            gmtime_r(&now, &parts)
            let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
            let text = "date: \(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) "
                + "\(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT\r\n"
            dateLine = Array(text.utf8)
        }
        return dateLine
    }
}
