package org.causalworkbench.ingest.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BioC XML and JSON, PDF and PubMed's DOI, from fixtures written for these tests. */
class LiteratureFormatsTest {

  @TempDir Path dir;

  private static CorpusIngesterTest.MemorySink ingest(Path path) {
    CorpusIngesterTest.MemorySink sink = new CorpusIngesterTest.MemorySink();
    CorpusIngester.standard(1_000_000, "text").ingest(List.of(path), sink);
    return sink;
  }

  private Path resource(String name) throws IOException {
    Path file = dir.resolve(name);
    try (var in = getClass().getResourceAsStream("/literature/" + name)) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void bioCXmlGivesADocumentPerArticleWithItsIdentifiers() throws IOException {
    CorpusIngesterTest.MemorySink sink = ingest(resource("collection.bioc.xml"));
    Document article = sink.documents.get(0);
    assertEquals(1, sink.documents.size(), sink.documents::toString);
    assertEquals("Hedgerows and pollinator visits in upland orchards", article.title());
    assertEquals("Replanting hedgerows raised bee visits to apple blossom.\n\n"
        + "More visits increased fruit set in the following season.", article.text());
    assertEquals("PMC9900001", article.metadata().get("external_id"));
    assertEquals("90000011", article.metadata().get("pmid"));
    assertEquals("10.5555/ifs.2026.011", article.metadata().get("doi"));
    assertEquals("bioc-xml", article.metadata().get(DocumentFactory.FORMAT_KEY));
    assertEquals(1, sink.deadLetters.size());
    assertEquals(DeadLetterReason.MISSING_TEXT, sink.deadLetters.get(0).reason());
    assertTrue(sink.deadLetters.get(0).detail().contains("PMC9900002"), sink.deadLetters.get(0).detail());
  }

  @Test
  void bioCJsonReadsAsTheXmlDoes() throws IOException {
    CorpusIngesterTest.MemorySink sink = ingest(resource("collection.bioc.json"));
    assertEquals(List.of(), sink.deadLetters);
    assertEquals(2, sink.documents.size());
    assertEquals("Road salt and stream chloride", sink.documents.get(0).title());
    assertEquals("Winter road salt raised chloride levels in small streams.", sink.documents.get(0).text());
    assertEquals("90000021", sink.documents.get(0).metadata().get("external_id"));
    assertEquals("", sink.documents.get(1).title(), "no title passage, no title");

    Files.writeString(dir.resolve("list.json"), "[{\"text\": \"not a collection\"}]");
    assertEquals(DeadLetterReason.MALFORMED, ingest(dir.resolve("list.json")).onlyDeadLetter().reason());
    Files.writeString(dir.resolve("other.json"), "{\"rows\": []}");
    assertTrue(ingest(dir.resolve("other.json")).onlyDeadLetter().detail().contains("no 'documents' list"));
  }

  @Test
  void xmlOfAnotherKindIsRefusedByItsRoot() throws IOException {
    Files.writeString(dir.resolve("feed.xml"), "<?xml version=\"1.0\"?><rss><channel/></rss>");
    var letter = ingest(dir.resolve("feed.xml")).onlyDeadLetter();
    assertEquals(DeadLetterReason.UNSUPPORTED_FORMAT, letter.reason());
    assertTrue(letter.detail().contains("<rss>") && letter.detail().contains("BioC"), letter.detail());
  }

  @Test
  void pubMedKeepsTheArticlesDoi() throws IOException {
    Files.writeString(dir.resolve("update.xml"), """
        <PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version="1">90000031</PMID><Article>
          <Journal><Title>Reports</Title></Journal><ArticleTitle>Shade.</ArticleTitle>
          <ELocationID EIdType="pii" ValidYN="Y">S0000</ELocationID>
          <ELocationID EIdType="doi" ValidYN="Y">10.5555/reports.31</ELocationID>
          <Abstract><AbstractText>Shade cooled the leaves.</AbstractText></Abstract>
        </Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
        """);
    Document d = ingest(dir.resolve("update.xml")).only();
    assertEquals("10.5555/reports.31", d.metadata().get("doi"));
    assertEquals("90000031", d.metadata().get("pmid"));
  }

  @Test
  void aPdfWithTextBecomesADocumentAndAScanIsDeadLettered() throws IOException {
    Path paper = dir.resolve("paper.pdf");
    try (PDDocument pdf = new PDDocument()) {
      pdf.getDocumentInformation().setTitle("Irrigation and salinity");
      pdf.getDocumentInformation().setAuthor("A. Writer");
      PDPage page = new PDPage();
      pdf.addPage(page);
      try (PDPageContentStream text = new PDPageContentStream(pdf, page)) {
        text.beginText();
        text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        text.setLeading(16);
        text.newLineAtOffset(72, 700);
        for (String line : List.of("Heavy irrigation raised the water table, and the rising", "water brought salt to the "
            + "surface. Salinity reduced wheat yields by a", "third in the affected fields.")) {
          text.showText(line);
          text.newLine();
        }
        text.endText();
      }
      pdf.save(paper.toFile());
    }
    Path scan = dir.resolve("scan.pdf");
    try (PDDocument pdf = new PDDocument()) {
      pdf.addPage(new PDPage());
      pdf.save(scan.toFile());
    }
    Files.write(dir.resolve("broken.pdf"), "%PDF-1.7\nthis is not the rest of a PDF".getBytes(StandardCharsets.UTF_8));

    Document d = ingest(paper).only();
    assertEquals("Heavy irrigation raised the water table, and the rising water brought salt to the surface."
        + " Salinity reduced wheat yields by a third in the affected fields.", d.text());
    assertEquals("Irrigation and salinity", d.title());
    assertEquals("1", d.metadata().get("pages"));
    assertEquals("A. Writer", d.metadata().get("author"));

    var letter = ingest(scan).onlyDeadLetter();
    assertEquals(DeadLetterReason.MISSING_TEXT, letter.reason());
    assertTrue(letter.detail().contains("no text layer"), letter.detail());
    assertEquals(DeadLetterReason.MALFORMED, ingest(dir.resolve("broken.pdf")).onlyDeadLetter().reason());
  }

  @Test
  void aHyphenatedLineEndIsRejoinedAndParagraphsStayApart() {
    assertEquals("Soil compaction reduced infiltration.\n\nRunoff rose.",
        PdfReader.paragraphs("Soil compac-\ntion reduced\ninfiltration.\n\n\nRunoff rose.\n"));
  }
}
