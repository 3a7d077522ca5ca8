import HromadaDomain
import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on the blocking thread pool so a hash (tens of milliseconds
/// by design) never stalls the event loop.
public struct Passwords: Sendable {
    /// Cost 11: about 150 ms here; slows offline guessing, keeps sign-in quick.
    public static let cost: UInt8 = 11

    public func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: Self.cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash to compare against when the account does not exist, so sign-in
    /// takes as long for an unknown email as for a wrong password.
    public static let decoy = Bcrypt.hash(RandomToken.base64URL(byteCount: 24), cost: cost)
}
