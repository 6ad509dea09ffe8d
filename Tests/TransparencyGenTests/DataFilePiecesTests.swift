import Foundation
import Testing
import PublicLog
@testable import TransparencyGen
import TestSupport
@testable import Samples

/// A data file is made and written a piece at a time; what is published must be exactly the
/// whole file, with the SHA-256 of the whole.
@Suite("Data files written in pieces")
struct DataFilePiecesTests {
    @Test func aFileWrittenInPiecesIsTheWholeWithTheWholesDigest() throws {
        let folder = temporaryFolder("pieces")
        defer { try? FileManager.default.removeItem(at: folder) }
        let staging = try StagingFolder(url: folder.appendingPathComponent("site"), writer: .standard,
                                        publishingGuard: PublishingGuard())
        var random = SeededGenerator(seed: 7)
        let pieces = [1 << 20, 10, 0, 5].map { count in Data((0..<count).map { _ in UInt8(random.int(in: 0...255)) }) }
        let whole = pieces.reduce(Data(), +)
        var observed = Data()
        try staging.write(OutputFile(path: "data/streamed.bin") { consume in for piece in pieces { try consume(piece) } }) {
            observed.append($0)
        }
        try staging.write(OutputFile(path: "data/whole.bin", data: whole))
        try staging.write(OutputFile(path: "data/empty.bin") { _ in })
        _ = try staging.writeManifest(signer: nil)

        #expect(try Data(contentsOf: folder.appendingPathComponent("site/data/streamed.bin")) == whole)
        #expect(observed == whole)
        #expect(try Data(contentsOf: folder.appendingPathComponent("site/data/empty.bin")).isEmpty)
        // The manifest gives both files the same size and digest: one computed piece by piece,
        // the other over the whole.
        let manifest = try String(contentsOf: folder.appendingPathComponent("site/manifest.csv"), encoding: .utf8)
        func line(_ path: String) -> [Substring]? {
            manifest.split(separator: "\r\n").first { $0.hasPrefix(path + ",") }?.split(separator: ",").dropFirst().map { $0 }
        }
        #expect(line("data/streamed.bin") != nil)
        #expect(line("data/streamed.bin") == line("data/whole.bin"))
        #expect(line("data/streamed.bin")?.first == "\(whole.count)")
    }

    @Test func aCSVFileLargerThanAPieceIsEveryRowOnceInOrder() throws {
        let rows = 0..<60_000
        let file = DataFile.csv("data/rows.csv", holdsFigures: false, rows: { _ in Array(rows) }, columns: [
            CSVColumn<Int>("n", .number) { String($0) },
            CSVColumn<Int>("text", .text) { "row \($0), \"quoted\"" },
        ])
        let portal = Portal(configuration: .defaults(), now: Instant(secondsSinceEpoch: 0),
                            content: SiteContent(policies: [], audits: [], pages: []),
                            record: PublicRecord(log: [], readers: [], placements: [], sources: []))
        var pieces: [Data] = []
        guard case .stream(let produce)? = file.file(portal)?.body else {
            Issue.record("a CSV data file is not made as a stream")
            return
        }
        try produce { pieces.append($0) }
        let expected = "n,text\r\n" + rows.map { "\($0),\"row \($0), \"\"quoted\"\"\"\r\n" }.joined()
        #expect(pieces.count > 1)
        #expect(pieces.dropLast().allSatisfy { $0.count >= DataFile.csvPiece })
        #expect(String(decoding: pieces.reduce(Data(), +), as: UTF8.self) == expected)
    }
}
