import SystemPackage

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The names that could complete `partial`, as a shell's Tab would offer them: the entries of
/// the folder `partial` names (the current folder when it has no `/`) whose names start with its
/// last part, each as `partial`'s folder part plus the entry's name, folders with a trailing `/`.
/// Sorted; hidden entries only when the last part starts with `.`. `~/` reads the home folder but
/// stays `~/` in the results. Names that are not UTF-8 or hold control characters are left out
/// (they could not be shown or typed back). Unreadable or missing folders give no completions.
public func completeFileName(_ partial: String) -> [String] {
  completeFileName(partial, in: .current)
}

func completeFileName(_ partial: String, in place: Place) -> [String] {
  let raw = Array(partial.utf8)
  guard !raw.contains(0) else { return [] }
  if raw == [UInt8(ascii: "~")] { return place.home == nil ? [] : ["~/"] }
  let cut = raw.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
  let typedFolder = Array(raw[..<cut])
  let prefix = Array(raw[cut...])
  var folder = typedFolder
  if folder.isEmpty {
    folder = Array(".".utf8)
  } else if case .success(let expanded) = expandingTilde(folder, home: place.home) {
    folder = expanded
  } else {
    return []
  }
  guard folder.count <= pathMax else { return [] }

  let fd = openat(place.base, cString(folder), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
  guard fd >= 0, let dir = fdopendir(fd) else {
    if fd >= 0 { close(fd) }
    return []
  }
  defer { closedir(dir) }

  let head = String(decoding: typedFolder, as: UTF8.self)
  let showHidden = prefix.first == UInt8(ascii: ".")
  var found: [String] = []
  while let entry = readdir(dir) {
    let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
      Array(buffer.prefix { $0 != 0 })
    }
    guard name != [0x2E], name != [0x2E, 0x2E], name.starts(with: prefix) else { continue }
    guard showHidden || name.first != 0x2E else { continue }
    guard let text = String(validating: name, as: UTF8.self),
      !text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
    else { continue }
    var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
    if entry.pointee.d_type == UInt8(DT_LNK) || entry.pointee.d_type == UInt8(DT_UNKNOWN) {
      var st = stat()
      isFolder = fstatat(dirfd(dir), cString(name), &st, 0) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }
    found.append(head + text + (isFolder ? "/" : ""))
  }
  return found.sorted()
}
