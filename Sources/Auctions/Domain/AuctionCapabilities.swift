import HromadaDomain

/// What the auctions' staff may do (declared to the registry by `AuctionsModule`).
extension Capability {
    /// Keep the property register, announce lots, record payments, qualify winners, exchange with Prozorro.Sale.
    public static let manageAuctions = Capability("auctions.organise")
}
