import NIOCore

/// Keeps an idle connection alive and notices a dead one (MQTT 3.1.1 §3.1.2.10).
///
/// It sends PINGREQ once nothing has been sent for `interval`, and fails the channel with
/// `MQTTError.keepAliveTimeout` when PINGRESP is `interval` late. It lives in the pipeline,
/// not in the task that reads messages, so a slow message handler cannot hold pings back.
///
/// A slow handler does make the async channel stop reading, and then a PINGRESP can sit
/// unread in the socket. So a late PINGRESP only counts while reads are requested; while they
/// are paused the handler keeps pinging (the broker drops a client silent for 1.5 × keep-alive)
/// and judges the connection once reading resumes.
final class MQTTKeepAliveHandler: ChannelDuplexHandler {
    typealias InboundIn = MQTTPacket
    typealias InboundOut = MQTTPacket
    typealias OutboundIn = MQTTPacket
    typealias OutboundOut = MQTTPacket

    private let interval: TimeAmount
    private var lastSent: NIODeadline = .uptimeNanoseconds(0)
    private var pingSent: NIODeadline?
    private var isReading = false
    private var timer: Scheduled<Void>?

    init(interval: TimeAmount) {
        self.interval = interval
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive {
            self.start(context: context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.stop()
    }

    func channelActive(context: ChannelHandlerContext) {
        self.start(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.stop()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .pingResp = self.unwrapInboundIn(data) {
            self.pingSent = nil
            return
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // Reading goes on only if the next read() comes down the pipeline.
        self.isReading = false
        context.fireChannelReadComplete()
    }

    func read(context: ChannelHandlerContext) {
        self.isReading = true
        context.read()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        self.lastSent = context.eventLoop.now
        context.write(data, promise: promise)
    }

    private func start(context: ChannelHandlerContext) {
        guard self.timer == nil else { return }
        self.lastSent = context.eventLoop.now
        self.schedule(context: context, at: self.lastSent + self.interval)
    }

    private func stop() {
        self.timer?.cancel()
        self.timer = nil
    }

    private func schedule(context: ChannelHandlerContext, at deadline: NIODeadline) {
        self.timer?.cancel()
        self.timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.tick(context: context)
        }
    }

    private func tick(context: ChannelHandlerContext) {
        let now = context.eventLoop.now
        if let pingSent = self.pingSent, now >= pingSent + self.interval, self.isReading {
            self.timer = nil
            context.fireErrorCaught(MQTTError.keepAliveTimeout)
            context.close(promise: nil)
            return
        }
        if now >= self.lastSent + self.interval {
            self.lastSent = now
            if self.pingSent == nil {
                self.pingSent = now
            }
            context.writeAndFlush(self.wrapOutboundOut(.pingReq), promise: nil)
        }
        var next = self.lastSent + self.interval
        if let pingSent = self.pingSent, pingSent + self.interval > now {
            next = min(next, pingSent + self.interval)
        }
        self.schedule(context: context, at: next)
    }
}
