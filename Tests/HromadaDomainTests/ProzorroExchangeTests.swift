import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct ProzorroExchangeTests {
    let city = MunicipalityID(rawValue: "city")
    let now = Date(epochSeconds: 1_900_000_000)

    /// A lease lot whose auction is over: two admitted bidders (one a company), one who never paid.
    func finished() throws -> (Lot, PropertyObject, [LotBidder]) {
        let object = try PropertyObject.recorded(
            kind: .premises, title: "Нежитлове приміщення", address: "вул. Соборна, 64", areaM2: 86.4, cadastralNumber: nil, latitude: nil,
            longitude: nil, balanceHolder: "КП «Вінницька міська нерухомість»", leaseList: .first, in: city)
        var lot = try Lot.announced(
            title: "Оренда приміщення на Соборній, 64", object: object, procedure: .leaseEnglish, value: Money(kopiyky: 1_000_000),
            minimalStep: .percent(basisPoints: 100), guarantee: Money(kopiyky: 100_000), registrationFee: Money(kopiyky: 20_000),
            tenderPeriodEnd: now.addingTimeInterval(3_600), auctionStart: now.addingTimeInterval(7_200), at: now)
        let bidders = [
            LotBidder(id: .init(rawValue: "b-ivan"), lotID: lot.id, accountID: .init(rawValue: "ivan"), name: "Іван Петренко", legalEntityCode: nil,
                      amount: Money(kopiyky: 1_000_000), submittedAt: now.addingTimeInterval(60), guaranteeReference: "ПН-1", feeReference: "РВ-1"),
            LotBidder(id: .init(rawValue: "b-firm"), lotID: lot.id, accountID: .init(rawValue: "firm"), name: "Марія Коваль", legalEntityCode: "12345678",
                      amount: Money(kopiyky: 1_100_000), submittedAt: now.addingTimeInterval(120), guaranteeReference: "ПН-2", feeReference: "РВ-2"),
            LotBidder(id: .init(rawValue: "b-late"), lotID: lot.id, accountID: .init(rawValue: "late"), name: "Неоплатний", legalEntityCode: nil,
                      amount: Money(kopiyky: 1_050_000), submittedAt: now.addingTimeInterval(180)),
        ]
        let ivan = AuctionBidderID(rawValue: "b-ivan"), firm = AuctionBidderID(rawValue: "b-firm")
        let chain = try AwardChain(ranking: [(ivan, Money(kopiyky: 1_234_567)), (firm, Money(kopiyky: 1_100_000))])
            .disqualifying(ivan, reason: "Не сплатив ціну", at: now.addingTimeInterval(86_400))
            .activating(firm, at: now.addingTimeInterval(2 * 86_400))
            .signingContract(at: now.addingTimeInterval(3 * 86_400))
        lot.awards = chain
        lot.status = chain.lotStatus
        return (lot, object, bidders)
    }

    func export(_ lot: Lot, _ object: PropertyObject, _ bidders: [LotBidder]) -> ProzorroProcedure {
        ProzorroExchange.procedure(for: lot, number: 7, city: "vinnytsia", cityName: "Вінниця", object: object, bidders: bidders)
    }

    @Test func kopiykyBecomeHryvniasWithTwoDecimalsExactlyAndBack() throws {
        #expect(ProzorroExchange.hryvnias(Money(kopiyky: 1_234_567)) == Decimal(string: "12345.67"))
        #expect(ProzorroExchange.kopiyky(try #require(Decimal(string: "12345.67"))) == Money(kopiyky: 1_234_567))
        #expect(ProzorroExchange.kopiyky(try #require(Decimal(string: "0.1"))) == Money(kopiyky: 10))
        #expect(ProzorroExchange.kopiyky(try #require(Decimal(string: "12345.678"))) == nil)
        // Through JSON as well: no binary float on the way.
        let json = String(decoding: try JSONEncoder().encode(ProzorroProcedure.Value(Money(kopiyky: 1_234_567))), as: UTF8.self)
        #expect(json.contains("\"amount\":12345.67"))
        for kopiyky: Int64 in [1, 99, 100, 1_234_567, 999_999_999_999_99, 29, 57] {
            let value = try JSONDecoder().decode(ProzorroProcedure.Value.self, from: try JSONEncoder().encode(ProzorroProcedure.Value(Money(kopiyky: kopiyky))))
            #expect(ProzorroExchange.kopiyky(value.amount) == Money(kopiyky: kopiyky))
        }
    }

    @Test func aSealedLotIsExportedWithoutBidsAndWithProzorroNames() throws {
        var (lot, object, bidders) = try finished()
        lot.awards = nil
        lot.status = .activeTendering
        let procedure = export(lot, object, bidders)
        #expect(procedure.auctionId == "HROMADA-VINNYTSIA-7" && procedure.ocid == "ocds-hromada-vinnytsia-7")
        #expect(procedure.sellingMethod == "legitimatePropertyLease-english" && procedure.status == "active.tendering")
        #expect(procedure.bids == nil && procedure.awards == nil && procedure.contracts == nil)
        #expect(procedure.value.amount == Decimal(10_000) && procedure.minimalStep.amount == Decimal(100) && procedure.guarantee.currency == "UAH")
        #expect(procedure.items.first?.unit.code == "MTK" && procedure.items.first?.address.locality == "Вінниця")
        let json = String(decoding: try ProzorroExchange.encode(procedure), as: UTF8.self)
        #expect(!json.contains("11000") && !json.contains("Марія Коваль"))
    }

    @Test func exportThenImportGivesTheSameStatusAndAwards() throws {
        let (lot, object, bidders) = try finished()
        let procedure = export(lot, object, bidders)
        #expect(procedure.bids?.map(\.id) == ["b-ivan", "b-firm"], "the admitted bidders only, by participant number")
        #expect(procedure.bids?.last?.bidders.first?.identifier == .init(scheme: "UA-EDR", id: "12345678"))
        #expect(procedure.contracts?.first?.awardId == "award-2")
        let document = try ProzorroExchange.decode(try ProzorroExchange.encode(procedure))
        var open = lot
        open.awards = nil
        open.status = .activeAuction
        let imported = try ProzorroExchange.applying(document, to: open, auctionId: "HROMADA-VINNYTSIA-7", bidders: bidders, auctionEnded: true)
        #expect(imported.status == lot.status && imported.status == .complete)
        #expect(imported.awards == lot.awards)
        #expect(imported.awards?.awards.first?.amount == Money(kopiyky: 1_234_567))
    }

    @Test func aResultForAnotherLotOrANonResultStatusIsRefused() throws {
        let (lot, object, bidders) = try finished()
        var open = lot
        open.status = .activeQualification
        let procedure = export(lot, object, bidders)
        #expect(throws: ProzorroImportError.lotMismatch) {
            try ProzorroExchange.applying(procedure, to: open, auctionId: "HROMADA-VINNYTSIA-8", bidders: bidders, auctionEnded: true)
        }
        var tendering = procedure
        tendering.status = "active.tendering"
        #expect(throws: ProzorroImportError.statusInvalid) {
            try ProzorroExchange.applying(tendering, to: open, auctionId: "HROMADA-VINNYTSIA-7", bidders: bidders, auctionEnded: true)
        }
        #expect(throws: ProzorroImportError.lotClosed) {
            try ProzorroExchange.applying(procedure, to: lot, auctionId: "HROMADA-VINNYTSIA-7", bidders: bidders, auctionEnded: true)
        }
    }

    @Test func aResultNamingAnUnknownBidderOrAFractionOfAKopiykaIsRefused() throws {
        let (lot, object, bidders) = try finished()
        var open = lot
        open.status = .activeAuction
        var stranger = export(lot, object, bidders)
        stranger.awards?[0].bidId = "b-stranger"
        #expect(throws: ProzorroImportError.bidderUnknown) {
            try ProzorroExchange.applying(stranger, to: open, auctionId: "HROMADA-VINNYTSIA-7", bidders: bidders, auctionEnded: true)
        }
        var fraction = export(lot, object, bidders)
        fraction.awards?[1].value.amount = try #require(Decimal(string: "11000.005"))
        #expect(throws: ProzorroImportError.amountInvalid) {
            try ProzorroExchange.applying(fraction, to: open, auctionId: "HROMADA-VINNYTSIA-7", bidders: bidders, auctionEnded: true)
        }
        #expect(throws: ProzorroImportError.unreadable) { try ProzorroExchange.decode(Data("{\"auctionId\": 7}".utf8)) }
    }

    @Test func awardsThatDoNotLeadToTheStatusGivenAreRefused() throws {
        let (lot, object, bidders) = try finished()
        var open = lot
        open.status = .activeQualification
        var awarded = export(lot, object, bidders)
        awarded.status = "active.awarded"
        // A signed contract makes it complete, not awarded.
        #expect(throws: ProzorroImportError.statusMismatch) {
            try ProzorroExchange.applying(awarded, to: open, auctionId: "HROMADA-VINNYTSIA-7", bidders: bidders, auctionEnded: true)
        }
        var twoWinners = export(lot, object, bidders)
        twoWinners.awards?[0].status = "active"
        #expect(throws: ProzorroImportError.awardsInvalid) {
            try ProzorroExchange.applying(twoWinners, to: open, auctionId: "HROMADA-VINNYTSIA-7", bidders: bidders, auctionEnded: true)
        }
        awarded.contracts = []
        #expect(try ProzorroExchange.applying(awarded, to: open, auctionId: "HROMADA-VINNYTSIA-7", bidders: bidders, auctionEnded: true).status == .activeAwarded)
    }

    @Test(arguments: ["unsuccessful", "active.qualification", "active.awarded", "complete"])
    func aResultBeforeTheLotsOwnAuctionHasEndedIsRefused(_ status: String) throws {
        let (lot, object, bidders) = try finished()
        var open = lot
        open.awards = nil
        open.status = .activeTendering
        var result = export(lot, object, bidders)
        result.status = status
        #expect(throws: ProzorroImportError.auctionNotOver) {
            try ProzorroExchange.applying(result, to: open, auctionId: "HROMADA-VINNYTSIA-7", bidders: bidders, auctionEnded: false)
        }
    }

    @Test func aLotCancelledBeforeItsAuctionKeepsItsClosedBidsSealed() throws {
        let (lot, object, bidders) = try finished()
        var open = lot
        open.awards = nil
        open.status = .activeTendering
        var cancelled = export(lot, object, bidders)
        cancelled.status = "cancelled"
        let imported = try ProzorroExchange.applying(cancelled, to: open, auctionId: "HROMADA-VINNYTSIA-7", bidders: bidders, auctionEnded: false)
        #expect(imported.status == .cancelled)
        #expect(imported.awards == nil, "awards would make the lot count as over")
        #expect(!imported.auctionIsOver)
    }
}
