import LossPlot
import Testing

@testable import LossLabUI

/// The default frame of each view, 72×20, ASCII without colour: the picture a reviewer checks by eye,
/// frozen. A change to any layout or number shows up here first.
@Suite struct DefaultFrameSnapshots {
  static let ascii = RenderOptions(ascii: true, color: .none)

  @Test func defaultCurvesFrame() {
    let a = app(.curves, width: 72, height: 20, options: Self.ascii)
    #expect(
      a.text == #"""
         losslab   1 Curves   2 Contour   3 Distributions   4 Classify
        loss                                     at y_pred = 0.300
         5+            x   :     ** -log(x)
          |            x   :     oo BCE (y=0)      curve            value  slope
         4+            x   :     xx BCE (y=1)    * -log(x)          1.204 -3.333
          |            x   :     ## hinge (y=+1) . log(x)
          |            x   :       o             o BCE y=0          0.357 +1.429
         3+             x  :      oo             x BCE y=1          1.204 -3.333
          |             x  :      o              # hinge y=+1       0.700 -1.000
         2+###          xx :     oo              . sq.hinge y=+1
          |  ######      xx:    oo               . MSE y=1
          |       ######  xo   oo                . MAE y=1
         1+            ####o#oo                  . Huber y=1 d=1
          |              oooo####x               . logcosh y=1
         0+            ooo :     ############### . quant y=1 t=0.5
          |                :          ********
        -1+                :                  ** x -1.00 to 2.00
          ++-----+-----+-----+-----+-----+-----+ g: slope overlay
         -1.0  -0.5   0.0   0.5   1.0   1.5  2.0 e: explain  t: target  d/D: dtg
         y_pred=0.300  BCE (y=0) = 0.357  slope +1.429
        """#)
  }

  @Test func defaultContourFrame() {
    let a = app(.contour, width: 72, height: 20, options: Self.ascii)
    #expect(
      a.text == #"""
         losslab   1 Curves   2 Contour   3 Distributions   4 Classify
        b (intercept)                                step 0
             5+    eeee        fff         level     w=0.500000  b=1.500000
              |ddddd  eeeee       ffff     f 5       loss=5.250327  (mse)
              |     ddddd eeeee      ffff  e 2       grad w -2.4979  b -4.4537
             4+cccccccccdddd  eeee      ff d 1       rate 0.5000  gd
              |c       cccccdddd eeee      c 0.5       MSE min w=2.063 b=2.945
              |ccc   bbbbbbccccdddd  eee   b 0.2       MAE min w=2.063 b=2.979
              |d ccc bbb aabbbbccccddd  ee a 0.1       Huber min w=2.063 b=2.945
             3+ dddccccbbbaaXaabbbccc ddd            . 50 points * fit - y=2x+3
              |ee  dddccccbbaaaaabbb cccdd           |
              | eeee ddddccccbbbbb bb  ccc          5+                    . ..-.
              |    eeee  dddcccccbbbb    c           |              .....--....
             2+f   .^  eee  ddddcccccc              4+          ....--- ...
              | ff./      eeee  dddd ccccc           |  ......-.-...
              |   ''fff      eeeee  dddddd          3+-.-... ...
             1+       ffff       eeee    d           |...
              ++-----+------+------+-----+           ++----+----+----+----+----+
               0     1      2    w (slope)           0.0  0.2  0.4  0.6  0.8   x
         step 0  w=0.5000 b=1.5000 loss=5.2503
        """#)
  }

  @Test func defaultDistributionsFrame() {
    let a = app(.distributions, width: 72, height: 20, options: Self.ascii)
    #expect(
      a.text == #"""
         losslab   1 Curves   2 Contour   3 Distributions   4 Classify
        # P  = Q                                   red/green/blue
          1.0|                                     editing Q, red = 0.800
             |
          0.8|      0.80                           H(P)                   1.361
             |     =====                           H(Q)                   0.884
             |     =====                           H(P,Q)                 3.288
          0.6|     =====               0.50        H(Q,P)                 2.906
             |     =====              #####        KL(P||Q)               1.927
          0.4|     =====   0.40       #####        KL(Q||P)               2.022
             |     =====  #####       #####        JS divergence          0.420
             |     =====  #####       #####        JS distance            0.648
          0.2|     =====  ##### 0.15  #####        in bits (b: nats)
             | 0.10=====  #####=====  ##### 0.05
          0.0|#####=====  #####=====  #####=====   KL is not symmetric:
                  red        green       blue      KL(P||Q) weighs surprises by
                                                   P, KL(Q||P) by Q.
         p*log(p/q) per category (bits)
                 -0.30       +0.57       +1.66
         red: p=0.100 q=0.800 share -0.300 bits of total KL(P||Q)=1.927 bits
        """#)
  }
}
