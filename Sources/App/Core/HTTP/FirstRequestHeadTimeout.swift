import HummingbirdCore
import Logging
import NIOCore

/// Closes a new connection whose first request head doesn't arrive in time (slowloris before any request).
///
/// The WebSocket-capable server (`HTTP1WebSocketUpgradeChannel`) adds the shop's `ConnectionTimeoutHandler` only
/// once the first head has been read (it must first see whether the request asks for an upgrade), so that first
/// wait is guarded here, on the raw bytes at the front of the pipeline: the head is complete at its blank line
/// (`\r\n\r\n`), and this handler then leaves, the other one taking over for bodies, keep-alive and later heads.
final class FirstRequestHeadTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let limit: Duration
    private let onTimeout: @Sendable () -> Void
    private var timer: Scheduled<Void>?
    /// The last bytes of what came so far (a blank line may be split between reads).
    private var tail: [UInt8] = []

    init(limit: Duration, onTimeout: @escaping @Sendable () -> Void) {
        self.limit = limit
        self.onTimeout = onTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = tail + Array(unwrapInboundIn(data).readableBytesView)
        let complete = Self.containsBlankLine(bytes)
        tail = Array(bytes.suffix(3))
        context.fireChannelRead(data)
        if complete {
            timer?.cancel()
            timer = nil
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
    }

    static func containsBlankLine(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 { return true }
        return false
    }

    private func arm(_ context: ChannelHandlerContext) {
        guard timer == nil else { return }
        let channel = context.channel
        let onTimeout = self.onTimeout
        timer = context.eventLoop.scheduleTask(in: TimeAmount(limit)) {
            onTimeout()
            channel.close(promise: nil)
        }
    }
}

/// A server child channel with `FirstRequestHeadTimeoutHandler` in front of another's pipeline.
struct FirstRequestHeadTimedChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value

    let inner: Inner
    let limit: Duration
    let onTimeout: @Sendable () -> Void

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(FirstRequestHeadTimeoutHandler(limit: limit, onTimeout: onTimeout))
        }.flatMap {
            inner.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}
