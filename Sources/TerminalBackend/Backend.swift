import CNCurses
import LossLabUI
import LossPlot
