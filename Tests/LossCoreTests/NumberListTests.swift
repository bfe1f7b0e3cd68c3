import LossCore
import Testing

@Suite struct NumberListTests {
  @Test func samplesAndItems() throws {
    #expect(try NumberList.parse("0,1,0;1,0,0", name: "--y-true") == [[0, 1, 0], [1, 0, 0]])
    #expect(try NumberList.parse(" -1, 2.5e-1 ; 3 ", name: "v") == [[-1, 0.25], [3]])
  }

  @Test func malformedInputNamesTheOptionAndPlace() {
    #expect(throws: LossCoreError("--y-pred: 'abc' is not a number (sample 2, item 1)")) {
      try NumberList.parse("1,2;abc", name: "--y-pred")
    }
    #expect(throws: LossCoreError("--y-pred: missing number at sample 1, item 2")) {
      try NumberList.parse("1,,2", name: "--y-pred")
    }
    #expect(throws: LossCoreError("--y-pred: missing number at sample 2, item 1")) {
      try NumberList.parse("1;", name: "--y-pred")
    }
    #expect(throws: LossCoreError("--p: 'nan' is not a finite number (sample 1, item 1)")) {
      try NumberList.parse("nan", name: "--p")
    }
    #expect(throws: LossCoreError("--p: 'inf' is not a finite number (sample 1, item 2)")) {
      try NumberList.parse("1,inf", name: "--p")
    }
    #expect(throws: LossCoreError("--q: empty list of numbers")) {
      try NumberList.parse("  ", name: "--q")
    }
  }
}
