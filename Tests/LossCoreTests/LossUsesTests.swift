import Testing

@testable import LossCore

@Test func lossUsesHoldExactlyWhatWasListed() {
  let uses: LossUses = [.curve, .lineFit]
  #expect(uses.contains(.curve) && uses.contains(.lineFit))
  #expect(!uses.contains(.eval) && !uses.contains(.classificationFit))
  #expect(uses.all == [.curve, .lineFit])
  #expect(uses.union([.eval]).all == [.eval, .curve, .lineFit])
  #expect(([] as LossUses).all.isEmpty)
  // Every loss that fits a classification says so, and only those have the description.
  for loss in LossList.standard.losses {
    #expect(loss.uses.contains(.classificationFit) == (loss.classification != nil), "\(loss.id)")
    #expect(loss.supports(.eval) == loss.uses.contains(.eval))
  }
}
