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
         1 Curves   2 Contour   3 Distributions   4 Classify     ? help  q quit
        loss                                     at y_pred = 0.300
         5+            x   :     ** -log(x)
          |            x   :     oo BCE (y=0)      curve           value
         4+            x   :     xx BCE (y=1)    * -log(x)         1.204 nats
          |            x   :     ## hinge (y=+1) . log(x)
          |            x   :       o             o BCE y=0         0.357 nats
         3+             x  :      oo             x BCE y=1         1.204 nats
          |             x  :      o              # hinge y=+1      0.700 margin
         2+###          xx :     oo              . sq.hinge y=+1
          |  ######      xx:    oo               . MSE y=1
          |       ######  xo   oo                . MAE y=1
         1+            ####o#oo                  . Huber y=1 d=1
          |              oooo####x               . logcosh y=1
         0+            ooo :     ############### . quant y=1 t=0.5
          |                :          ********
        -1+                :                  ** y_pred from -1.00 to 2.00
          ++-----+-----+-----+-----+-----+-----+ e: explain  t: target  d/D: dtg
         -1.0  -0.5   0.0   0.5   1.0   1.5  2.0
         y_pred=0.300  BCE y=0 = 0.357 nats   Left/Right cursor  ? help  q quit
        """#)
  }

  @Test func defaultContourFrame() {
    let a = app(.contour, width: 72, height: 20, options: Self.ascii)
    #expect(
      a.text == #"""
         1 Curves   2 Contour   3 Distributions   4 Classify     ? help  q quit
        b (intercept)                                step 0  (mse)
             5+    eeee        fff         level     w=0.500000  b=1.500000
              |ddddd  eeeee       ffff     f 5       loss=5.250327 squared units
              |     ddddd eeeee      ffff  e 2       grad w -2.4979  b -4.4537
             4+cccccccccdddd  eeee      ff d 1       rate 0.5000  gd
              |c       cccccdddd eeee      c 0.5       MSE min w=2.063 b=2.945
              |ccc   bbbbbbccccdddd  eee   b 0.2       MAE min w=2.063 b=2.979
              |d ccc bbb aabbbbccccddd  ee a 0.1       Huber min w=2.063 b=2.945
             3+ dddccccbbbaaXaabbbccc ddd            . 50 points * fit - y=2x+3
              |ee  dddccccbbaaaaabbb cccdd           y
              | eeee ddddccccbbbbb bb  ccc            |
              |    eeee  dddcccccbbbb    c           5+                   ....-.
             2+f   .^  eee  ddddcccccc                |          .  ......... .
              | ff./      eeee  dddd ccccc           4+  ..  ....-..-    .
              |   ''fff      eeeee  dddddd           3+----.......
             1+       ffff       eeee    d            |....
              ++-----+------+------+-----+            ++----+----+----+----+---+
               0     1      2    w (slope)            0.0  0.2  0.4  0.6  0.8  x
         step 0    s step  r run  [ ] rate  o optimizer  m loss  ? help  q quit
        """#)
  }

  @Test func defaultDistributionsFrame() {
    let a = app(.distributions, width: 72, height: 20, options: Self.ascii)
    #expect(
      a.text == #"""
         1 Curves   2 Contour   3 Distributions   4 Classify     ? help  q quit
        # P  = Q                                   cat/dog/fox
          1.0|                                     editing Q, cat = 0.800
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
                  cat         dog         fox      KL(P||Q) weighs surprises by
                                                   P, KL(Q||P) by Q.
         p*log(p/q) per category (bits)
                 -0.30       +0.57       +1.66
           Left/Right category  P/Q pick  Up/Down edit  f/F fit  ? help  q quit
        """#)
  }
}
