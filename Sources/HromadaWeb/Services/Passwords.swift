import HromadaDomain
import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on the blocking thread pool so a hash (tens of milliseconds
/// by design) never stalls the event loop.
public struct Passwords: Sendable {
    /// Cost 11: about 150 ms here; slows offline guessing, keeps sign-in quick.
    public static let defaultCost: UInt8 = 11

    package let cost: UInt8
    /// A hash of a random password at the same cost, compared against when
    /// the account does not exist, so sign-in takes as long for an unknown
    /// email as for a wrong password.
    let decoy: String

    public init(cost: UInt8 = Passwords.defaultCost) {
        self.cost = cost
        self.decoy = Bcrypt.hash(RandomToken.base64URL(byteCount: 24), cost: cost)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
