package org.causalworkbench.ingest.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that try to stall, flood or trick the ingest: each is read or dead-lettered with its
 * reason, nothing is opened that is not a regular file, and the good files around them are read.
 * (The tests run as root, so unreadable files are made from links, pipes and vanishing files.)
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a stall fails the test instead of hanging the build
class HostileInputTest {

  @TempDir Path dir;

  /** What an ingest run publishes, with the views these tests read. */
  static class Sink extends CorpusIngesterTest.MemorySink {

    /** Dead letters by the file name they name (last path part, line number dropped). */
    Map<String, String> reasonsByFile() {
      Map<String, String> out = new TreeMap<>();
      for (DeadLetter d : deadLetters) {
        String name = Path.of(d.inputId().replaceFirst(":\\d+.*$", "")).getFileName().toString();
        out.put(name, d.reason());
      }
      return out;
    }

    List<String> texts() {
      return documents.stream().map(Document::text).toList();
    }
  }

  private static Sink ingest(CorpusIngester ingester, Path... paths) {
    Sink sink = new Sink();
    IngestReport report = ingester.ingest(List.of(paths), sink);
    assertEquals(sink.documents.size(), report.documents());
    assertEquals(sink.deadLetters.size(), report.deadLettered());
    return sink;
  }

  private static CorpusIngester standard() {
    return CorpusIngester.standard(1_000_000, "text");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private Path gzip(String name, byte[] content, int times) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024)) {
      for (int i = 0; i < times; i++) {
        out.write(content);
      }
    }
    return file;
  }

  @Test
  void linksThatLoopOrDangleAreDeadLetteredAndTheFolderIsStillRead() throws IOException {
    write("good.txt", "Heavy rain flooded the valley.");
    Files.createSymbolicLink(dir.resolve("loop-a.txt"), dir.resolve("loop-b.txt"));
    Files.createSymbolicLink(dir.resolve("loop-b.txt"), dir.resolve("loop-a.txt"));
    Files.createSymbolicLink(dir.resolve("dangling.txt"), dir.resolve("missing.txt"));
    Files.createDirectory(dir.resolve("sub"));
    Files.createSymbolicLink(dir.resolve("sub").resolve("up"), dir); // a folder link back up: a walk loop
    write("linked-target.md", "# Drought\n\nDrought cut the harvest.");
    Files.createSymbolicLink(dir.resolve("sub").resolve("alias.md"), dir.resolve("linked-target.md"));

    Sink sink = ingest(standard(), dir);
    assertEquals(Map.of("loop-a.txt", DeadLetterReason.NOT_A_FILE, "loop-b.txt", DeadLetterReason.NOT_A_FILE,
        "dangling.txt", DeadLetterReason.UNREADABLE, "up", DeadLetterReason.NOT_A_FILE), sink.reasonsByFile());
    // A link to a file is read like the file.
    assertEquals(List.of("Heavy rain flooded the valley.", "# Drought\n\nDrought cut the harvest.",
        "# Drought\n\nDrought cut the harvest."), sink.texts());
  }

  @Test
  void aNamedPipeIsNeverOpened() throws Exception {
    Path pipe = dir.resolve("pipe.txt");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    write("after.txt", "The strike closed the port.");

    Sink sink = ingest(standard(), dir);
    assertEquals(Map.of("pipe.txt", DeadLetterReason.NOT_A_FILE), sink.reasonsByFile());
    assertEquals(List.of("The strike closed the port."), sink.texts());
    // Named on the command line, too.
    assertEquals(Map.of("pipe.txt", DeadLetterReason.NOT_A_FILE), ingest(standard(), pipe).reasonsByFile());
  }

  @Test
  void aFileThatVanishesDuringTheRunIsDeadLettered() throws IOException {
    write("a.txt", "Frost damaged the vines.");
    Path doomed = write("b.txt", "This file is deleted before its turn.");
    write("c.txt", "Wildfire smoke closed schools.");
    Sink sink = new Sink() {
      @Override
      public void document(Document document) {
        super.document(document);
        try {
          Files.deleteIfExists(doomed); // after a.txt, before b.txt
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    };
    standard().ingest(List.of(dir), sink);
    assertEquals(Map.of("b.txt", DeadLetterReason.UNREADABLE), sink.reasonsByFile());
    assertTrue(sink.deadLetters.get(0).detail().contains("vanished"), sink.deadLetters.get(0).detail());
    assertEquals(List.of("Frost damaged the vines.", "Wildfire smoke closed schools."), sink.texts());
  }

  @Test
  void aGzipBombIsCutOffAndGzippedCorporaAreRead() throws IOException {
    // 100 MB of zeros in about 100 KB: past the cap of 64 MB (and 100 times the file's size).
    gzip("bomb.jsonl.gz", new byte[1 << 20], 100);
    gzip("bomb.txt.gz", new byte[1 << 20], 100);
    gzip("news.jsonl.gz", ("{\"text\": \"Floods closed the bridge.\"}\n{\"text\": \"Snow delayed trains.\"}\n")
        .getBytes(StandardCharsets.UTF_8), 1);
    Path cut = gzip("cut.jsonl.gz", "{\"text\": \"Hail broke windows.\"}\n".repeat(2000).getBytes(StandardCharsets.UTF_8), 1);
    byte[] whole = Files.readAllBytes(cut);
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));

    Sink sink = ingest(standard(), dir);
    Map<String, String> reasons = sink.reasonsByFile();
    assertEquals(DeadLetterReason.BINARY, reasons.get("bomb.txt.gz"), "zeros are binary at the first bytes");
    assertEquals(DeadLetterReason.BINARY, reasons.get("bomb.jsonl.gz"));
    assertEquals(DeadLetterReason.MALFORMED, reasons.get("cut.jsonl.gz"));
    assertTrue(sink.texts().containsAll(List.of("Floods closed the bridge.", "Snow delayed trains.")));
    assertEquals("jsonl", sink.documents.stream().filter(d -> d.text().startsWith("Floods")).findFirst().orElseThrow()
        .metadata().get(DocumentFactory.FORMAT_KEY));
    assertTrue(sink.texts().stream().filter(t -> t.equals("Hail broke windows.")).count() > 0,
        "the records before the cut were read");
  }

  @Test
  void aTextBombPastTheCapIsDeadLetteredAsTooLarge() throws IOException {
    // Text, not zeros, so it passes the binary check: only the cap stops it.
    gzip("flood.jsonl.gz", "a".repeat(1 << 20).getBytes(StandardCharsets.UTF_8), 100);
    gzip("flood.txt.gz", "a".repeat(1 << 20).getBytes(StandardCharsets.UTF_8), 100);
    Sink sink = ingest(standard(), dir);
    assertEquals(Map.of("flood.jsonl.gz", DeadLetterReason.TOO_LARGE, "flood.txt.gz", DeadLetterReason.TOO_LARGE),
        sink.reasonsByFile());
    assertTrue(sink.deadLetters.stream().anyMatch(d -> d.detail().contains("gzip bomb")), sink.deadLetters::toString);
  }

  @Test
  void aTenMegabyteJsonLineIsDeadLetteredAndTheNextOneRead() throws IOException {
    write("huge.jsonl", "{\"text\": \"" + "word ".repeat(2_000_000) + "\"}\n{\"text\": \"Drought raised prices.\"}\n");
    Sink sink = ingest(standard(), dir);
    assertEquals(Map.of("huge.jsonl", DeadLetterReason.TOO_LARGE), sink.reasonsByFile());
    assertTrue(sink.deadLetters.get(0).inputId().endsWith(":1"), sink.deadLetters.get(0).inputId());
    assertEquals(List.of("Drought raised prices."), sink.texts());
  }

  @Test
  void nulCharactersNeverReachADocument() throws IOException {
    write("nul.jsonl", "{\"text\": \"Rain\\u0000 fell.\", \"title\": \"T\\u0000\", \"note\": \"a\\u0000b\"}\n");
    Document d = ingest(standard(), dir).documents.get(0);
    assertEquals("Rain fell.", d.text());
    assertEquals("T", d.title());
    assertEquals("ab", d.metadata().get("note"));
  }

  static final String PUBMED = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">
      <PubmedArticleSet>
        <PubmedArticle>
          <MedlineCitation Status="MEDLINE" Owner="NLM">
            <PMID Version="1">90000001</PMID>
            <Article PubModel="Print">
              <Journal>
                <JournalIssue CitedMedium="Internet"><PubDate><Year>2024</Year><Month>Mar</Month></PubDate></JournalIssue>
                <Title>Journal of Imagined Field Studies</Title>
              </Journal>
              <ArticleTitle>Shade trees and coffee yields.</ArticleTitle>
              <Abstract>
                <AbstractText Label="BACKGROUND">Shade trees may protect <i>Coffea</i> plants from heat.</AbstractText>
                <AbstractText Label="RESULTS">Dense shade reduced leaf temperature &amp; raised yields.</AbstractText>
              </Abstract>
            </Article>
            <CommentsCorrectionsList><CommentsCorrections><PMID Version="1">80000001</PMID></CommentsCorrections></CommentsCorrectionsList>
          </MedlineCitation>
        </PubmedArticle>
        <PubmedArticle>
          <MedlineCitation><PMID Version="1">90000002</PMID>
            <Article><Journal><Title>Letters</Title></Journal><ArticleTitle>A letter without an abstract.</ArticleTitle></Article>
          </MedlineCitation>
        </PubmedArticle>
        <PubmedArticle>
          <MedlineCitation><PMID Version="1">90000003</PMID>
            <Article><Journal><Title>Reports</Title></Journal><ArticleTitle>Salt roads.</ArticleTitle>
              <Abstract><AbstractText>Road salt raised chloride levels in the streams.</AbstractText></Abstract>
            </Article>
          </MedlineCitation>
        </PubmedArticle>
      </PubmedArticleSet>
      """;

  @Test
  void pubMedXmlGivesOneDocumentPerArticleWithAnAbstract() throws IOException {
    write("baseline.xml", PUBMED);
    gzip("baseline-copy.xml.gz", PUBMED.getBytes(StandardCharsets.UTF_8), 1);
    Sink sink = ingest(standard(), dir.resolve("baseline.xml"));
    assertEquals(2, sink.documents.size(), sink.documents::toString);
    Document first = sink.documents.get(0);
    assertEquals("BACKGROUND: Shade trees may protect Coffea plants from heat.\n\n"
        + "RESULTS: Dense shade reduced leaf temperature & raised yields.", first.text());
    assertEquals("Shade trees and coffee yields.", first.title());
    assertEquals("90000001", first.metadata().get("pmid"), "the citation's PMID, not a cited one's");
    assertEquals("Journal of Imagined Field Studies", first.metadata().get("journal"));
    assertEquals("2024", first.metadata().get("year"));
    assertEquals("Road salt raised chloride levels in the streams.", sink.documents.get(1).text());
    assertEquals(1, sink.deadLetters.size());
    assertEquals(DeadLetterReason.MISSING_TEXT, sink.deadLetters.get(0).reason());
    assertTrue(sink.deadLetters.get(0).inputId().contains("90000002"), sink.deadLetters.get(0).inputId());

    assertEquals(sink.texts(), ingest(standard(), dir.resolve("baseline-copy.xml.gz")).texts());
  }

  @Test
  void anExternalEntityInXmlIsNeverRead() throws IOException {
    Path secret = write("secret.txt", "the-password-is-swordfish");
    write("evil.xml", """
        <?xml version="1.0"?>
        <!DOCTYPE PubmedArticleSet [ <!ENTITY xxe SYSTEM "%s"> ]>
        <PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>
          <Abstract><AbstractText>Leaked: &xxe;</AbstractText></Abstract>
        </Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
        """.formatted(secret.toUri()));
    Sink sink = ingest(standard(), dir.resolve("evil.xml"));
    assertEquals(Map.of("evil.xml", DeadLetterReason.MALFORMED), sink.reasonsByFile());
    assertFalse(sink.documents.stream().anyMatch(d -> d.text().contains("swordfish")));
    assertFalse(sink.deadLetters.get(0).detail().contains("swordfish"));
  }
}
