import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// How long a connection may hold a slot without using it (settings `HTTP_HEADER_TIMEOUT_SECONDS`,
/// `HTTP_BODY_TIMEOUT_SECONDS`, `HTTP_IDLE_TIMEOUT_SECONDS`).
public struct ConnectionTimeouts: Sendable, Equatable {
    /// From the connection opening to a complete request head.
    public var header: Duration
    /// From a request's head to the end of its body.
    public var body: Duration
    /// From a response's end to the next request's complete head (keep-alive).
    public var idle: Duration

    public init(header: Duration = .seconds(5), body: Duration = .seconds(30), idle: Duration = .seconds(30)) {
        self.header = header
        self.body = body
        self.idle = idle
    }
}

/// Closes connections that hold a file descriptor without sending a request (slowloris): a request head that
/// does not arrive, a declared body that never completes, a keep-alive connection left idle. Each close is
/// logged and counted (`meiduo_http_connection_timeouts_total{phase}`). While the shop works on a request no
/// timer runs: a slow handler is not the client's fault.
///
/// Hummingbird adds this handler after HTTP decoding, so it sees whole heads: after a keep-alive response the
/// idle timer also bounds the next head's arrival.
final class ConnectionTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    enum Phase: String, Sendable, CaseIterable {
        case header, body, idle
    }

    private let timeouts: ConnectionTimeouts
    private let onTimeout: @Sendable (Phase) -> Void
    private var timer: Scheduled<Void>?

    init(timeouts: ConnectionTimeouts, onTimeout: @escaping @Sendable (Phase) -> Void) {
        self.timeouts = timeouts
        self.onTimeout = onTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(.header, context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(.header, context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: arm(.body, context: context)
        case .body: break
        case .end: cancel()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { arm(.idle, context: context) }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancel()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancel()
    }

    private func arm(_ phase: Phase, context: ChannelHandlerContext) {
        cancel()
        let limit: Duration
        switch phase {
        case .header: limit = timeouts.header
        case .body: limit = timeouts.body
        case .idle: limit = timeouts.idle
        }
        let channel = context.channel
        let onTimeout = self.onTimeout
        timer = context.eventLoop.scheduleTask(in: TimeAmount(limit)) {
            onTimeout(phase)
            channel.close(promise: nil)
        }
    }

    private func cancel() {
        timer?.cancel()
        timer = nil
    }
}
