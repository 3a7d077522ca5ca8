import Foundation
import Auctions
import HromadaDomain

private let now = Date(timeIntervalSince1970: 1_900_000_000)
private let city = MunicipalityID(rawValue: "fuzz-city")

/// Any bytes as a Prozorro.Sale result posted to `POST …/auctions/{lot}/prozorro`:
/// decoded, applied to an open lease lot whose bidders are the ones the
/// document names, and the lot it gives exported again, as the API does.
/// `ProzorroImportError` is an answer; a trap is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzProzorro(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard var document = try? ProzorroExchange.decode(Data(UnsafeBufferPointer(start: data, count: count))) else { return 0 }
    _ = try? ProzorroExchange.encode(document)
    let object: PropertyObject, announced: Lot
    do {
        object = try PropertyObject.recorded(
            kind: .premises, title: "Нежитлове приміщення", address: "вул. Соборна, 64", areaM2: 86.4, cadastralNumber: nil, latitude: nil,
            longitude: nil, balanceHolder: "КП «Вінницька міська нерухомість»", leaseList: .first, in: city)
        announced = try Lot.announced(
            title: "Оренда приміщення на Соборній, 64", object: object, procedure: .leaseEnglish, value: Money(kopiyky: 1_000_000),
            minimalStep: .percent(basisPoints: 100), guarantee: Money(kopiyky: 100_000), registrationFee: Money(kopiyky: 20_000),
            tenderPeriodEnd: now.addingTimeInterval(3_600), auctionStart: now.addingTimeInterval(7_200), at: now)
    } catch {
        fatalError("the fixed lot is refused: \(error)")
    }
    var lot = announced
    // The lot's id is random, and a document naming another lot is refused
    // at once: name this one, so that the rest of the document is reached.
    document.id = lot.id.rawValue
    let open: [LotStatus] = [.activeTendering, .activeAuction, .activeQualification]
    lot.status = open[count % open.count]
    let names = Set((document.bids ?? []).map(\.id) + (document.awards ?? []).map(\.bidId)).sorted().prefix(16)
    let bidders = names.enumerated().map { index, name in
        LotBidder(
            id: AuctionBidderID(rawValue: name), lotID: lot.id, accountID: AccountID(rawValue: "account-\(index)"), name: "Учасник \(index)",
            legalEntityCode: nil, amount: Money(kopiyky: 1_000_000 + Int64(index) * 10_000), submittedAt: now, guaranteeReference: "ПН-\(index)",
            feeReference: "РВ-\(index)")
    }
    // Mostly a lot whose auction has run, where the whole result is read;
    // sometimes one whose auction has not, where only a cancellation may come.
    let auctionEnded = count % 4 != 0
    guard let imported = try? ProzorroExchange.applying(document, to: lot, auctionId: document.auctionId, bidders: bidders, auctionEnded: auctionEnded)
    else { return 0 }
    let exported = ProzorroExchange.procedure(for: imported, number: 1, city: "fuzz", cityName: "Фаззинг", object: object, bidders: bidders)
    _ = try? ProzorroExchange.encode(exported)
    return 0
}
