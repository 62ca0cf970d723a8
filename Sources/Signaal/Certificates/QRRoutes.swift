import Documents
import HTTP

/// `GET /api/v1/qr.svg?data=…`: a QR code as SVG for the manager page (an invite link to scan),
/// drawn by our own encoder so no outside service sees the link. It encodes links of this site only,
/// so it cannot be used to print someone else's (or a `javascript:`) address under our name.
struct QRRoutes: Sendable {
    let services: AppServices

    func qrCode(_ context: RequestContext) async throws -> HTTPResponse {
        guard let data = context.request.queryParameters["data"], !data.isEmpty, data.utf8.count <= 1000 else {
            throw APIError.badRequest("invalid_data", "Give the text to encode as ?data= (at most 1000 bytes).")
        }
        guard data.hasPrefix(services.baseURL(for: context.request) + "/") else {
            throw APIError.unprocessable("invalid_data", "Only links of this site can be encoded.")
        }
        let code = try QRCode(encoding: data, errorCorrection: .medium)
        let quiet = 4
        let size = code.size + quiet * 2
        var path = ""
        for y in 0..<code.size {
            var x = 0
            while x < code.size {
                guard code.isDark(x: x, y: y) else { x += 1; continue }
                var run = 1
                while x + run < code.size, code.isDark(x: x + run, y: y) { run += 1 }
                path += "M\(x + quiet) \(y + quiet)h\(run)v1h-\(run)z"
                x += run
            }
        }
        let svg = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(size) \##(size)" shape-rendering="crispEdges"><rect width="\##(size)" height="\##(size)" fill="#fff"/><path d="\##(path)" fill="#000"/></svg>"##
        return HTTPResponse(status: .ok, headers: ["content-type": "image/svg+xml", "cache-control": "private, max-age=3600"], body: Array(svg.utf8))
    }

}
