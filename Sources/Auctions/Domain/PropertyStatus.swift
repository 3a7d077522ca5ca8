import Foundation
import HromadaDomain

/// Where an object of the register stands, from its lots: on auction while
/// a lot runs, sold or leased once a lot's contract is signed, else free.
public enum PropertyStatus: String, Sendable, CaseIterable {
    case free
    case onAuction = "on_auction"
    case leased
    case sold

    public init(lots: [Lot]) {
        let signed = lots.filter { $0.status == .complete }
        if signed.contains(where: { $0.procedure.isPrivatization }) {
            self = .sold
        } else if lots.contains(where: { [.activeTendering, .activeAuction, .activeQualification, .activeAwarded].contains($0.status) }) {
            self = .onAuction
        } else if !signed.isEmpty {
            self = .leased
        } else {
            self = .free
        }
    }
}

extension AuctionProcedure {
    /// Small privatization sells the object; the other procedures lease it.
    public var isPrivatization: Bool {
        switch self {
        case .privatizationEnglish, .privatizationReduced, .privatizationDutch: true
        case .leaseEnglish, .leasePreemptive, .landLease: false
        }
    }

    /// The current tenant's pre-emptive right needs the tenant named on the lot.
    public var needsTenant: Bool { self == .leasePreemptive }
}
