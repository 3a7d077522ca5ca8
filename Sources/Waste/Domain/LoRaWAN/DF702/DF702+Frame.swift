extension DF702 {
    /// One uplink of a DF702, by the data-type byte Dingtek puts at offset 3.
    public enum Frame: Sendable, Equatable {
        /// Regular report sent every reporting interval (type 0x01, Dingtek's "heartbeat").
        case heartbeat(Reading)
        /// Report sent as soon as an alarm condition appears (type 0x02);
        /// it carries the same measurements as a heartbeat.
        case alarm(Reading)
        /// The device's current settings (type 0x03), sent after a configuration
        /// command ("command confirmation" in the vendor's examples).
        case parameters(Parameters)
    }
}
