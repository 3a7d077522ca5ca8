import HromadaWeb

extension AppServices {
    public var auctions: AuctionService { AuctionService(services: self) }
    /// Everyone watching a live auction in this process: made once at start
    /// (`AuctionsModule.makeState`). A registry without auctions never
    /// routes here; should it, a feed of its own watches nothing shared.
    public var liveFeed: AuctionLiveFeed { moduleState(AuctionLiveFeed.self) ?? AuctionLiveFeed() }
}
