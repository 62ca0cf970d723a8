import CEpoll
#if canImport(Glibc)
import Glibc
#endif

/// Accepting, reading, parsing, dispatching, answering and closing connections.
extension EventLoop {
    private static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    func acceptConnections() {
        for _ in 0..<64 {
            guard context.budget.tryAcquire() else {
                pauseAccepting()
                return
            }
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept4(context.listener.fd, $0, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
                }
            }
            guard fd >= 0 else {
                context.budget.release()
                if errno == EMFILE || errno == ENFILE { pauseAccepting() }
                return
            }
            let remoteAddress = Listener.ipText(of: address)
            guard context.admit(remoteAddress) else {
                // This address holds its share of the connections already.
                close(fd)
                context.budget.release()
                continue
            }
            SystemCall.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            nextConnectionID += 1
            let connection = Connection(
                fd: fd, id: nextConnectionID, remoteAddress: remoteAddress,
                parser: RequestParser(limits: context.configuration.parserLimits, bodyLimit: context.bodyLimit),
                state: ConnectionState(timeouts: context.timeouts, now: now))
            do {
                try register(fd, events: EPOLLIN.rawValue | EPOLLRDHUP.rawValue)
            } catch {
                close(fd)
                context.budget.release()
                context.leave(remoteAddress)
                continue
            }
            connections[fd] = connection
            context.metrics.connectionOpened()
        }
    }

    func pauseAccepting() {
        guard !acceptPaused else { return }
        unregister(context.listener.fd)
        acceptPaused = true
    }

    func resumeAcceptingIfPossible() {
        guard acceptPaused, !stopping, context.budget.hasRoom else { return }
        acceptPaused = false
        try? register(context.listener.fd, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue)
    }

    func readable(_ connection: Connection) {
        switch SystemCall.read(connection.fd, into: readBuffer) {
        case .wouldBlock:
            return
        case .failed:
            closeConnection(connection)
        case .processed(0):
            if connection.state.phase != .lingering, connection.inFlight != nil || connection.hasPendingOutput {
                // The client shut its write side but still waits for the answer.
                connection.closeAfterWrite = true
                pauseReading(connection)
            } else {
                closeConnection(connection)
            }
        case .processed(let count):
            let bytes = UnsafeRawBufferPointer(rebasing: readBuffer[0..<count])
            if connection.state.phase == .lingering { return }
            if connection.inFlight != nil || connection.closeAfterWrite || connection.backedUp {
                connection.pendingInput.append(contentsOf: bytes)
                if connection.pendingInput.count > context.configuration.parserLimits.maxHeadBytes * 4 || connection.backedUp {
                    pauseReading(connection)
                }
                return
            }
            feed(connection, bytes)
        }
    }

    /// Parses what arrived and acts on each result until the parser needs more or a request is out.
    func feed(_ connection: Connection, _ bytes: UnsafeRawBufferPointer) {
        var input = bytes
        while true {
            let result = connection.parser.parse(input)
            input = UnsafeRawBufferPointer(start: nil, count: 0)
            switch result {
            case .needMoreData:
                connection.state.bytesReceived(
                    now: now, partial: connection.parser.hasPartialRequest, inBody: connection.parser.isReadingBody)
                return
            case .continueExpected:
                connection.output.append(contentsOf: Self.continueResponse)
                flush(connection)
                guard connections[connection.fd] === connection else { return }
            case .request(var request):
                request.remoteAddress = connection.remoteAddress
                dispatch(request, on: connection)
                return
            case .failure(let error):
                respondAndClose(connection, .error(error.status, code: error.code, message: error.message))
                return
            }
        }
    }

    private func dispatch(_ request: HTTPRequest, on connection: Connection) {
        connection.inFlight = Connection.InFlight(
            method: request.method, path: request.path, version: request.version,
            keepAlive: request.keepAlive, startedAt: now)
        connection.state.requestDispatched()
        let fd = connection.fd
        let id = connection.id
        let responder = context.responder
        Task(executorPreference: self) {
            let response = await responder.respond(to: request)
            self.deliver(Delivery(fd: fd, connectionID: id, response: response))
        }
    }

    /// Writes a handler's response, then goes on with any pipelined request.
    func complete(_ connection: Connection, with response: HTTPResponse) {
        guard let request = connection.inFlight else { return }
        connection.inFlight = nil
        let keepAlive = request.keepAlive && !response.closesConnection && !connection.closeAfterWrite && !stopping
        let header: String? = keepAlive ? (request.version == .http1_0 ? "keep-alive" : nil) : "close"
        let bytes = serializer.serialize(response, includeBody: request.method != .head, connection: header)
        connection.output.append(contentsOf: bytes)
        record(request.method, response.loggedPath ?? request.path, response, route: response.routePattern ?? "unmatched",
               bytes: response.body.count, since: request.startedAt, remote: response.loggedClient ?? connection.remoteAddress)
        if keepAlive {
            connection.state.responseSent(now: now)
        } else {
            connection.closeAfterWrite = true
        }
        flush(connection)
        guard keepAlive, connections[connection.fd] === connection else { return }
        continuePipeline(connection)
    }

    /// Goes on with requests the client sent meanwhile, unless too much of its output is still unsent:
    /// then it stops reading until the client has read it down (back-pressure; `flush` resumes it).
    private func continuePipeline(_ connection: Connection) {
        guard connection.inFlight == nil, !connection.closeAfterWrite, connections[connection.fd] === connection else { return }
        if connection.unsentBytes > context.configuration.maxUnsentOutputBytes {
            connection.backedUp = true
            pauseReading(connection)
            return
        }
        connection.backedUp = false
        let pending = connection.pendingInput
        connection.pendingInput = []
        if connection.readingPaused {
            connection.readingPaused = false
            updateInterest(connection)
        }
        pending.withUnsafeBytes { feed(connection, $0) }
    }

    /// Answers an error the server found itself (parse error, timeout) and closes.
    func respondAndClose(_ connection: Connection, _ response: HTTPResponse) {
        connection.inFlight = nil
        connection.closeAfterWrite = true
        connection.pendingInput = []
        let bytes = serializer.serialize(response, includeBody: true, connection: "close")
        connection.output.append(contentsOf: bytes)
        record(nil, "-", response, route: "unmatched", bytes: response.body.count, since: now, remote: connection.remoteAddress)
        flush(connection)
    }

    func flush(_ connection: Connection) {
        while connection.hasPendingOutput {
            let result = connection.output.withUnsafeBytes { bytes in
                SystemCall.send(connection.fd, UnsafeRawBufferPointer(rebasing: bytes[connection.outputOffset...]))
            }
            switch result {
            case .processed(let count):
                connection.outputOffset += count
                connection.state.outputMoved(now: now)
            case .wouldBlock:
                connection.state.outputBlocked(now: now)
                if !connection.writeInterest {
                    connection.writeInterest = true
                    updateInterest(connection)
                }
                // Read down to half the bound: go on with the requests that waited.
                if connection.backedUp, connection.unsentBytes <= context.configuration.maxUnsentOutputBytes / 2 {
                    continuePipeline(connection)
                }
                return
            case .failed:
                closeConnection(connection)
                return
            }
        }
        connection.output.removeAll(keepingCapacity: true)
        connection.outputOffset = 0
        connection.state.outputDrained()
        if connection.backedUp { continuePipeline(connection) }
        if connection.writeInterest {
            connection.writeInterest = false
            updateInterest(connection)
        }
        if connection.closeAfterWrite, connection.inFlight == nil, connection.state.phase != .lingering {
            startLingering(connection)
        }
    }

    /// Shuts the write side and drains the client's remaining bytes briefly, so the client reads
    /// the final answer instead of a connection reset.
    private func startLingering(_ connection: Connection) {
        shutdown(connection.fd, Int32(SHUT_WR))
        connection.state.startLingering(now: now)
        connection.pendingInput = []
        if connection.readingPaused {
            connection.readingPaused = false
            updateInterest(connection)
        }
    }

    private func pauseReading(_ connection: Connection) {
        guard !connection.readingPaused else { return }
        connection.readingPaused = true
        updateInterest(connection)
    }

    private func updateInterest(_ connection: Connection) {
        var events: UInt32 = connection.readingPaused ? 0 : EPOLLIN.rawValue | EPOLLRDHUP.rawValue
        if connection.writeInterest { events |= EPOLLOUT.rawValue }
        modify(connection.fd, events: events)
    }

    func closeConnection(_ connection: Connection) {
        guard connections[connection.fd] === connection else { return }
        connections[connection.fd] = nil
        close(connection.fd)
        context.budget.release()
        context.leave(connection.remoteAddress)
        context.metrics.connectionClosed()
        if acceptPaused { resumeAcceptingIfPossible() }
    }

    private func record(_ method: HTTPMethod?, _ path: String, _ response: HTTPResponse, route: String, bytes: Int,
                        since start: UInt64, remote: String) {
        let finished = SystemCall.monotonicNanoseconds()
        let seconds = Double(finished &- start) / 1e9
        context.metrics.record(method: method?.rawValue ?? "-", route: route, status: response.status.code, seconds: seconds)
        guard context.configuration.accessLog else { return }
        let micros = (finished &- start) / 1000
        let line = "\(remote) \(method?.rawValue ?? "-") \(path) \(response.status.code) \(bytes)B \(micros / 1000).\(String(micros % 1000 + 1000).dropFirst())ms\n"
        accessLog.append(contentsOf: line.utf8)
    }
}
