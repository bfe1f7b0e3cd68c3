import ArgumentParser
import LossCore
import LossLabUI
import LossPlot
import TerminalBackend

print("losslab")
