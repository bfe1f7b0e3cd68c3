import LossCore
import LossLabUI

/// A number for people (tables, messages): at most 12 significant digits, no binary noise.
func short(_ v: Double) -> String { NumberText.short(v) }

/// A number for machines (CSV): every digit, so it reads back as the same double.
func exact(_ v: Double) -> String { NumberText.exact(v) }

/// A number as a JSON value, at full precision; non-finite values become the strings "inf",
/// "-inf", "nan".
func jsonNumber(_ v: Double) -> String {
  v.isFinite ? NumberText.exact(v) : "\"\(NumberText.exact(v))\""
}

func jsonArray(_ v: [Double]) -> String { "[" + v.map(jsonNumber).joined(separator: ", ") + "]" }

func jsonString(_ s: String) -> String { JSONText.quoted(s) }
