import Foundation
import LossLabUI

/// Numbers in output: shortest round-trip form, `inf`, `-inf`, `nan` for non-finite values.
func plain(_ v: Double) -> String {
  if v.isNaN { return "nan" }
  if v.isInfinite { return v > 0 ? "inf" : "-inf" }
  return "\(v)"
}

/// A number for messages: integral values without ".0".
func short(_ v: Double) -> String {
  v.isFinite && v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : plain(v)
}

/// A number as a JSON value; non-finite values become the strings "inf", "-inf", "nan".
func jsonNumber(_ v: Double) -> String {
  v.isFinite ? "\(v)" : "\"\(plain(v))\""
}

func jsonArray(_ v: [Double]) -> String { "[" + v.map(jsonNumber).joined(separator: ", ") + "]" }

func jsonString(_ s: String) -> String { JSONValue.quoted(s) }
