package org.causalworkbench.ingest.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus readers end to end, into an in-memory sink instead of Kafka. */
class CorpusIngesterTest {

  @TempDir Path dir;

  /** Collects what an ingest run publishes. */
  static class MemorySink implements IngestSink {
    final List<Document> documents = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();

    @Override
    public void document(Document document) {
      documents.add(document);
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
      deadLetters.add(deadLetter);
    }

    Document only() {
      assertEquals(1, documents.size(), () -> "documents " + documents + ", dead letters " + deadLetters);
      assertEquals(List.of(), deadLetters);
      return documents.get(0);
    }

    DeadLetter onlyDeadLetter() {
      assertEquals(1, deadLetters.size(), () -> "dead letters " + deadLetters + ", documents " + documents);
      assertEquals(List.of(), documents);
      return deadLetters.get(0);
    }

    Document byText(String text) {
      List<Document> found = documents.stream().filter(d -> d.text().equals(text)).toList();
      assertEquals(1, found.size(), () -> "one document with text '" + text + "' in " + documents);
      return found.get(0);
    }
  }

  private static CorpusIngester standard() {
    return CorpusIngester.standard(1_000_000, "text");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private Path writeBytes(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private static MemorySink ingest(CorpusIngester ingester, Path... paths) {
    MemorySink sink = new MemorySink();
    ingester.ingest(List.of(paths), sink);
    return sink;
  }

  @Test
  void aTextFileIsReadWhenDocumentsHaveNoSizeLimit() throws IOException {
    // The benchmarks read corpora without a limit (Long.MAX_VALUE): the reader's one byte past the
    // limit once overflowed into reading nothing, and every text file was "empty".
    Path file = write("unlimited.txt", "Dry summers\n\nThe dry summers shrank the harvest.");
    Document d = ingest(CorpusIngester.standard(Long.MAX_VALUE, "text"), file).only();
    assertTrue(d.text().endsWith("The dry summers shrank the harvest."), d.text());
  }

  private static void assertDeadLetter(DeadLetter d, String reason, String mustName) {
    assertEquals(reason, d.reason(), d::toString);
    assertEquals("ingest", d.stage());
    assertTrue(d.detail().contains(mustName), () -> "detail '" + d.detail() + "' should name " + mustName);
    assertTrue(d.inputId().contains(mustName), () -> "input id '" + d.inputId() + "' should name " + mustName);
    assertTrue(d.time() != null);
  }

  // ------------------------------------------------------------------ text and Markdown

  @Test
  void textFileIsOneDocumentWithTitleFromFirstLineBeforeBlankLine() throws IOException {
    Path file = write("report.txt", "Harvest report\n\nThe drought cut the harvest.\nPrices rose.\n");
    Document d = ingest(standard(), file).only();
    String text = "Harvest report\n\nThe drought cut the harvest.\nPrices rose.";
    assertEquals(text, d.text(), "the text is stripped and keeps its title line");
    assertEquals("Harvest report", d.title());
    assertEquals(ContentIds.documentId(text), d.id());
    assertEquals(file.toString(), d.source());
    assertEquals(Map.of("source_format", "txt"), d.metadata());
  }

  @Test
  void textFileWithoutBlankLineAfterFirstLineHasNoTitle() throws IOException {
    Path file = write("plain.txt", "The drought cut the harvest.\nPrices rose.");
    Document d = ingest(standard(), file).only();
    assertEquals("", d.title());
    assertEquals("The drought cut the harvest.\nPrices rose.", d.text());
  }

  @Test
  void markdownHeadingBecomesTheTitle() throws IOException {
    Path file = write("notes.md", "## Flood notes\nHeavy rain flooded the town.\n");
    Document d = ingest(standard(), file).only();
    assertEquals("Flood notes", d.title());
    assertEquals("## Flood notes\nHeavy rain flooded the town.", d.text());
    assertEquals(ContentIds.documentId(d.text()), d.id());
    assertEquals("md", d.metadata().get("source_format"));
  }

  // ------------------------------------------------------------------ JSON Lines

  @Test
  void jsonLinesGiveOneDocumentPerLineWithMetadata() throws IOException {
    Path file = write("items.jsonl", String.join("\n",
        "{\"id\": \"a-1\", \"title\": \"Storms\", \"text\": \"Storms closed the port.\", \"lang\": \"en\", \"year\": 2021}",
        "",
        "   ",
        "{\"text\": \"Tariffs raised prices.\", \"tags\": [\"trade\", \"prices\"]}",
        ""));
    MemorySink sink = ingest(standard(), file);
    assertEquals(List.of(), sink.deadLetters, "blank lines are skipped, not dead-lettered");
    assertEquals(2, sink.documents.size());

    Document first = sink.byText("Storms closed the port.");
    assertEquals("Storms", first.title());
    assertEquals(ContentIds.documentId("Storms closed the port."), first.id());
    assertEquals(file + ":1", first.source());
    assertEquals(Map.of("source_format", "jsonl", "external_id", "a-1", "lang", "en", "year", "2021"), first.metadata());

    Document second = sink.byText("Tariffs raised prices.");
    assertEquals("", second.title());
    assertEquals(file + ":4", second.source(), "line numbers count the skipped blank lines");
    assertEquals("[\"trade\",\"prices\"]", second.metadata().get("tags"));
    assertEquals(null, second.metadata().get("external_id"));
    assertNotEquals(first.id(), second.id());
  }

  @Test
  void externalIdNeverBecomesTheDocumentId() throws IOException {
    Path file = write("ids.jsonl", "{\"id\": \"d0000\", \"text\": \"Rain fell on the hills.\"}\n");
    Document d = ingest(standard(), file).only();
    assertEquals(ContentIds.documentId("Rain fell on the hills."), d.id());
    assertEquals("d0000", d.metadata().get("external_id"));
  }

  // ------------------------------------------------------------------ CSV

  @Test
  void csvQuotedFieldsMayHoldCommasQuotesAndLineBreaks() throws IOException {
    Path file = write("rows.csv", "id,title,text\n"
        + "1,Prices,\"Fuel prices rose, and fares followed.\"\n"
        + "2,\"The \"\"quoted\"\" one\",\"He said \"\"the dam broke\"\" at noon.\"\n"
        + "3,Two lines,\"The river rose.\nThe bridge closed.\"\n"
        + "4,Last,Crops failed.\n");
    MemorySink sink = ingest(standard(), file);
    assertEquals(List.of(), sink.deadLetters);
    assertEquals(4, sink.documents.size());

    Document commas = sink.byText("Fuel prices rose, and fares followed.");
    assertEquals("Prices", commas.title());
    assertEquals(Map.of("source_format", "csv", "id", "1", "title", "Prices"), commas.metadata());
    assertEquals(file + ":2", commas.source());

    Document quotes = sink.byText("He said \"the dam broke\" at noon.");
    assertEquals("The \"quoted\" one", quotes.title());

    Document lines = sink.byText("The river rose.\nThe bridge closed.");
    assertEquals(file + ":4", lines.source());
    assertEquals(ContentIds.documentId("The river rose.\nThe bridge closed."), lines.id());

    Document last = sink.byText("Crops failed.");
    assertEquals(file + ":6", last.source(), "the row after a two-line field starts on line 6");
  }

  @Test
  void csvTextColumnIsConfigurable() throws IOException {
    Path file = write("custom.csv", "body,source\r\n\"Drought, then famine.\",archive\r\n");
    MemorySink sink = ingest(CorpusIngester.standard(1_000_000, "body"), file);
    Document d = sink.only();
    assertEquals("Drought, then famine.", d.text());
    assertEquals(Map.of("source_format", "csv", "source", "archive"), d.metadata());
    assertEquals(ContentIds.documentId("Drought, then famine."), d.id());

    // with the default column the same file has no text column
    DeadLetter missing = ingest(standard(), file).onlyDeadLetter();
    assertDeadLetter(missing, DeadLetterReason.MISSING_TEXT, "custom.csv");
    assertTrue(missing.detail().contains("'text'"), missing.detail());
  }

  // ------------------------------------------------------------------ ids

  @Test
  void sameTextFromTwoFilesIsOneDocumentId() throws IOException {
    String text = "The frost killed the orange crop.";
    Path txt = write("a.txt", text + "\n");
    Path jsonl = write("b.jsonl", "{\"id\": \"x\", \"text\": \"" + text + "\"}\n");
    Path csv = write("c.csv", "text\n\"" + text + "\"\n");
    MemorySink sink = ingest(standard(), txt, jsonl, csv);
    assertEquals(3, sink.documents.size(), () -> "dead letters " + sink.deadLetters);
    for (Document d : sink.documents) {
      assertEquals(ContentIds.documentId(text), d.id(), d::toString);
    }
    assertEquals(3, sink.documents.stream().map(Document::source).distinct().count(), "sources differ");
    Path other = write("d.txt", "The frost spared the orange crop.");
    assertNotEquals(ContentIds.documentId(text), ingest(standard(), other).only().id());
  }

  // ------------------------------------------------------------------ bad whole files

  @Test
  void emptyFileIsDeadLettered() throws IOException {
    Path file = writeBytes("empty.txt", new byte[0]);
    assertDeadLetter(ingest(standard(), file).onlyDeadLetter(), DeadLetterReason.EMPTY, "empty.txt");
  }

  @Test
  void whitespaceOnlyFileIsDeadLettered() throws IOException {
    Path file = write("blank.md", "  \n\t\n   \r\n");
    DeadLetter d = ingest(standard(), file).onlyDeadLetter();
    assertDeadLetter(d, DeadLetterReason.EMPTY, "blank.md");
    assertTrue(d.detail().contains("whitespace"), d.detail());
  }

  @Test
  void whitespaceOnlyJsonLinesFileIsDeadLettered() throws IOException {
    Path file = write("blank.jsonl", "\n\n   \n");
    assertDeadLetter(ingest(standard(), file).onlyDeadLetter(), DeadLetterReason.EMPTY, "blank.jsonl");
  }

  @Test
  void binaryFileIsDeadLettered() throws IOException {
    Path file = writeBytes("image.txt", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
    DeadLetter d = ingest(standard(), file).onlyDeadLetter();
    assertDeadLetter(d, DeadLetterReason.BINARY, "image.txt");
    assertTrue(!d.input().isEmpty(), "the head of the bytes is kept, base64");
  }

  @Test
  void nonUtf8FileIsDeadLettered() throws IOException {
    byte[] latin1 = "Le caf\u00e9 a ferm\u00e9.".getBytes(StandardCharsets.ISO_8859_1);
    Path file = writeBytes("latin.txt", latin1);
    DeadLetter d = ingest(standard(), file).onlyDeadLetter();
    assertDeadLetter(d, DeadLetterReason.NOT_UTF8, "latin.txt");
    assertTrue(d.detail().contains("near byte 6"), d.detail());
  }

  @Test
  void oversizedTextFileIsDeadLettered() throws IOException {
    CorpusIngester small = CorpusIngester.standard(100, "text");
    Path big = write("big.txt", "Rain. ".repeat(20));
    Path fits = write("fits.txt", "Rain fell.");
    MemorySink sink = ingest(small, big, fits);
    assertEquals(1, sink.deadLetters.size());
    assertDeadLetter(sink.deadLetters.get(0), DeadLetterReason.TOO_LARGE, "big.txt");
    assertTrue(sink.deadLetters.get(0).detail().contains("120 bytes"), sink.deadLetters.get(0).detail());
    assertEquals(List.of("Rain fell."), sink.documents.stream().map(Document::text).toList());
  }

  @Test
  void oversizedRecordsInJsonLinesAndCsvAreDeadLetteredPerRecord() throws IOException {
    CorpusIngester small = CorpusIngester.standard(100, "text");
    String long1 = "Wind. ".repeat(20).strip();
    Path jsonl = write("long.jsonl", "{\"text\": \"" + long1 + "\"}\n{\"text\": \"Calm.\"}\n");
    Path csv = write("long.csv", "text\n" + long1 + "\nStill.\n");
    MemorySink sink = ingest(small, jsonl, csv);
    assertEquals(List.of("Calm.", "Still."), sink.documents.stream().map(Document::text).toList());
    assertEquals(2, sink.deadLetters.size());
    assertDeadLetter(sink.deadLetters.get(0), DeadLetterReason.TOO_LARGE, jsonl + ":1");
    assertDeadLetter(sink.deadLetters.get(1), DeadLetterReason.TOO_LARGE, csv + ":2");
  }

  @Test
  void unsupportedExtensionIsDeadLettered() throws IOException {
    Path file = write("paper.docx", "Drought caused famine.");
    DeadLetter d = ingest(standard(), file).onlyDeadLetter();
    assertDeadLetter(d, DeadLetterReason.UNSUPPORTED_FORMAT, "paper.docx");
    assertTrue(d.detail().contains(".docx"), d.detail());
  }

  // ------------------------------------------------------------------ bad records

  @Test
  void malformedJsonLineIsDeadLetteredWithItsLine() throws IOException {
    Path file = write("mixed.jsonl", "{\"text\": \"Good one.\"}\n{\"text\": \"cut off\n{\"text\": \"Another.\"}\n");
    MemorySink sink = ingest(standard(), file);
    assertEquals(List.of("Good one.", "Another."), sink.documents.stream().map(Document::text).toList());
    assertEquals(1, sink.deadLetters.size());
    DeadLetter d = sink.deadLetters.get(0);
    assertDeadLetter(d, DeadLetterReason.MALFORMED, file + ":2");
    assertEquals("{\"text\": \"cut off", d.input());
  }

  @Test
  void jsonLineThatIsNotAnObjectIsMalformed() throws IOException {
    Path file = write("array.jsonl", "[\"Rain fell.\"]\n");
    assertDeadLetter(ingest(standard(), file).onlyDeadLetter(), DeadLetterReason.MALFORMED, file + ":1");
  }

  @Test
  void jsonLineWithoutTextIsDeadLetteredWithItsLine() throws IOException {
    Path file = write("notext.jsonl", "{\"id\": 1, \"body\": \"Wrong key.\"}\n{\"text\": 42}\n{\"text\": \"  \"}\n"
        + "{\"text\": \"Right key.\"}\n");
    MemorySink sink = ingest(standard(), file);
    assertEquals(List.of("Right key."), sink.documents.stream().map(Document::text).toList());
    assertEquals(3, sink.deadLetters.size());
    for (int i = 0; i < 3; i++) {
      assertDeadLetter(sink.deadLetters.get(i), DeadLetterReason.MISSING_TEXT, file + ":" + (i + 1));
    }
  }

  @Test
  void csvRowWithWrongFieldCountIsDeadLetteredWithItsLine() throws IOException {
    Path file = write("count.csv", "id,text\n1,Rain fell.\n2,Snow fell,and more\n3\n4,Hail fell.\n");
    MemorySink sink = ingest(standard(), file);
    assertEquals(List.of("Rain fell.", "Hail fell."), sink.documents.stream().map(Document::text).toList());
    assertEquals(2, sink.deadLetters.size());
    assertDeadLetter(sink.deadLetters.get(0), DeadLetterReason.MALFORMED, file + ":3");
    assertTrue(sink.deadLetters.get(0).detail().contains("3 fields, but the header has 2"),
        sink.deadLetters.get(0).detail());
    assertDeadLetter(sink.deadLetters.get(1), DeadLetterReason.MALFORMED, file + ":4");
  }

  @Test
  void csvWithUnclosedQuoteIsDeadLetteredAfterTheRowsBeforeIt() throws IOException {
    Path file = write("open.csv", "id,text\n1,Rain fell.\n2,\"Never closed, so\nthe rest is one field\n3,x\n");
    MemorySink sink = ingest(standard(), file);
    assertEquals(List.of("Rain fell."), sink.documents.stream().map(Document::text).toList());
    assertEquals(1, sink.deadLetters.size());
    DeadLetter d = sink.deadLetters.get(0);
    assertDeadLetter(d, DeadLetterReason.MALFORMED, "open.csv");
    assertTrue(d.detail().contains("line 3"), d.detail());
  }

  @Test
  void csvWithoutTheTextColumnIsDeadLettered() throws IOException {
    Path file = write("nocol.csv", "id,body\n1,Rain fell.\n");
    DeadLetter d = ingest(standard(), file).onlyDeadLetter();
    assertDeadLetter(d, DeadLetterReason.MISSING_TEXT, "nocol.csv");
    assertTrue(d.detail().contains("[id, body]"), d.detail());
  }

  @Test
  void csvRowWithEmptyTextIsDeadLettered() throws IOException {
    Path file = write("emptytext.csv", "id,text\n1,\n2,Fog lifted.\n");
    MemorySink sink = ingest(standard(), file);
    assertEquals(List.of("Fog lifted."), sink.documents.stream().map(Document::text).toList());
    assertDeadLetter(sink.deadLetters.get(0), DeadLetterReason.MISSING_TEXT, file + ":2");
  }

  // ------------------------------------------------------------------ one run, good and bad together

  @Test
  void badInputsAreDeadLetteredAndTheRunGoesOn() throws IOException {
    Path corpus = Files.createDirectory(dir.resolve("corpus"));
    Files.write(corpus.resolve("01-empty.txt"), new byte[0]);
    Files.writeString(corpus.resolve("02-blank.txt"), " \n\n ");
    Files.write(corpus.resolve("03-binary.txt"), new byte[] {'a', 0, 'b', 0, 'c'});
    Files.write(corpus.resolve("04-latin.md"), "na\u00efve".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(corpus.resolve("05-big.txt"), "x".repeat(101));
    Files.writeString(corpus.resolve("06-good.txt"), "Good text one.");
    Files.writeString(corpus.resolve("07-lines.jsonl"),
        "{\"text\": \"Good line.\"}\n{broken\n{\"title\": \"no text\"}\n\n{\"text\": \"Second good line.\"}\n");
    Files.writeString(corpus.resolve("08-rows.csv"), "text,n\n\"Good, row.\",1\nextra,2,3\n");
    Files.writeString(corpus.resolve("09-open.csv"), "text\n\"never closed\n");
    Files.writeString(corpus.resolve("10-nocol.csv"), "body\nSomething.\n");
    Files.writeString(corpus.resolve("11-paper.docx"), "Plain text, wrong extension.");
    Files.writeString(corpus.resolve(".hidden.txt"), "Hidden files are skipped.");

    MemorySink sink = new MemorySink();
    IngestReport report = CorpusIngester.standard(100, "text").ingest(List.of(corpus), sink);

    assertEquals(List.of("Good text one.", "Good line.", "Second good line.", "Good, row."),
        sink.documents.stream().map(Document::text).toList());
    assertEquals(11, report.files(), "the hidden file is not looked at");
    assertEquals(4, report.documents());
    Map<String, Long> expected = Map.of(
        DeadLetterReason.EMPTY, 2L,
        DeadLetterReason.BINARY, 1L,
        DeadLetterReason.NOT_UTF8, 1L,
        DeadLetterReason.TOO_LARGE, 1L,
        DeadLetterReason.MALFORMED, 3L,
        DeadLetterReason.MISSING_TEXT, 2L,
        DeadLetterReason.UNSUPPORTED_FORMAT, 1L);
    assertEquals(expected, report.deadLetters());
    assertEquals(11, report.deadLettered());
    assertEquals(sink.deadLetters.size(), report.deadLettered());
    assertEquals(expected, sink.deadLetters.stream()
        .collect(Collectors.groupingBy(DeadLetter::reason, Collectors.counting())));
    assertTrue(report.seconds() >= 0);

    // every dead letter names its file; record-level ones also their line
    List<String> details = sink.deadLetters.stream().map(DeadLetter::detail).toList();
    for (String name : List.of("01-empty.txt", "02-blank.txt", "03-binary.txt", "04-latin.md", "05-big.txt",
        "09-open.csv", "10-nocol.csv", "11-paper.docx")) {
      assertEquals(1, details.stream().filter(d -> d.contains(name)).count(), () -> name + " in " + details);
    }
    assertTrue(details.stream().anyMatch(d -> d.contains("07-lines.jsonl:2")), details::toString);
    assertTrue(details.stream().anyMatch(d -> d.contains("07-lines.jsonl:3")), details::toString);
    assertTrue(details.stream().anyMatch(d -> d.contains("08-rows.csv:3")), details::toString);
  }

  @Test
  void twoObjectsOnOneJsonLineAreMalformedNotHalfRead() throws IOException {
    Path file = write("two.jsonl", "{\"text\": \"First.\"} {\"text\": \"Second.\"}\n");
    MemorySink sink = ingest(standard(), file);
    assertEquals(0, sink.documents.size());
    assertEquals(1, sink.deadLetters.size());
    assertDeadLetter(sink.deadLetters.get(0), DeadLetterReason.MALFORMED, file + ":1");
  }

  @Test
  void nullFieldsAreLeftOutAndAnInputFormatFieldIsKept() throws IOException {
    Path jsonl = write("nulls.jsonl", "{\"id\": null, \"title\": null, \"format\": \"pdf\", \"text\": \"Wind shifted.\"}\n");
    Path csv = write("fmt.csv", "text,format\nHello there.,scan\n");
    MemorySink sink = ingest(standard(), jsonl, csv);
    assertEquals(Map.of("source_format", "jsonl", "format", "pdf"), sink.byText("Wind shifted.").metadata());
    assertEquals(Map.of("source_format", "csv", "format", "scan"), sink.byText("Hello there.").metadata());
  }
}
