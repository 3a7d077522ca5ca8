import NIOCore
import Synchronization

/// PUBACKs for QoS 1 messages handled side by side, sent in the order the messages came.
///
/// MQTT 3.1.1 §4.6 makes a client acknowledge QoS 1 messages in the order it received them.
/// When several are handled at once they finish in any order, so each takes a ticket on
/// arrival and reports when it is stored; the PUBACKs go out as soon as every earlier message
/// is stored too. A message whose handler failed never reports, so nothing after it is
/// acknowledged on that connection: the broker sends them all again after the reconnect.
///
/// A lock, not an actor: the writes must leave in ticket order, and an actor would let a
/// second completion interleave while the first awaits its write.
final class MQTTAcknowledgements: Sendable {
    private struct State {
        /// The next ticket to hand out, and the oldest not yet acknowledged.
        var issued: UInt64 = 0
        var oldest: UInt64 = 0
        var packetIDs: [UInt64: UInt16] = [:]
        var stored: Set<UInt64> = []
    }

    private let channel: any Channel
    private let state = Mutex(State())

    init(channel: any Channel) {
        self.channel = channel
    }

    /// A message has arrived; its ticket says where its PUBACK goes in the order.
    func arrived(_ packetID: UInt16) -> UInt64 {
        self.state.withLock { state in
            defer { state.issued += 1 }
            state.packetIDs[state.issued] = packetID
            return state.issued
        }
    }

    /// The message with this ticket is stored: acknowledge it and whatever waited on it.
    func stored(_ ticket: UInt64) {
        self.state.withLock { state in
            state.stored.insert(ticket)
            var wrote = false
            while state.stored.remove(state.oldest) != nil {
                if let packetID = state.packetIDs.removeValue(forKey: state.oldest) {
                    // Written inside the lock, so the event loop receives them in ticket order.
                    self.channel.write(MQTTPacket.pubAck(packetID: packetID), promise: nil)
                    wrote = true
                }
                state.oldest += 1
            }
            if wrote {
                self.channel.flush()
            }
        }
    }
}
