package org.causalworkbench.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.causalworkbench.core.model.DeadLetterReason;

/**
 * PDF, one document per file, its text as Apache PDFBox extracts it from the text layer: lines of
 * a paragraph joined, words split across a line end by a hyphen rejoined, blank lines kept as
 * paragraph breaks. Its title is the PDF's own (document information), its page count and author
 * become metadata. A PDF with no text layer (a scan) is dead-lettered with that reason: there is no
 * OCR here.
 */
public final class PdfReader implements CorpusReader {

  /** A PDF is read whole (its cross-reference table is at its end): larger files are refused. */
  static final long MAX_PDF_BYTES = 256L * 1024 * 1024;

  private static final Pattern HYPHENATED = Pattern.compile("(\\p{L})-\\n(\\p{Ll})");
  private static final Pattern LINE_IN_PARAGRAPH = Pattern.compile("(?<!\\n)[ \\t]*\\n[ \\t]*(?!\\n)");

  private final DocumentFactory documents;

  public PdfReader(DocumentFactory documents) {
    this.documents = documents;
  }

  @Override
  public Set<String> extensions() {
    return Set.of("pdf");
  }

  @Override
  public boolean binary() {
    return true;
  }

  @Override
  public void read(Path file, InputStream in, IngestSink sink) throws IOException {
    String source = file.toString();
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_PDF_BYTES + 1));
    if (bytes.length > MAX_PDF_BYTES) {
      sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.TOO_LARGE, source + ": a PDF over "
          + MAX_PDF_BYTES / (1024 * 1024) + " MiB is not read", ""));
      return;
    }
    try (PDDocument pdf = Loader.loadPDF(new RandomAccessReadBuffer(bytes))) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      stripper.setParagraphEnd("\n\n");
      String text = paragraphs(stripper.getText(pdf));
      if (text.isBlank()) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.MISSING_TEXT, source + ": the PDF's "
            + pdf.getNumberOfPages() + " pages have no text layer (a scan?); run OCR on it first, this reader does"
            + " not", ""));
        return;
      }
      if (text.length() > documents.maxDocumentBytes()) {
        sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.TOO_LARGE, source + ": more than"
            + " ingest.max-document-bytes=" + documents.maxDocumentBytes() + " characters of text", ""));
        return;
      }
      PDDocumentInformation info = pdf.getDocumentInformation();
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put("pages", Integer.toString(pdf.getNumberOfPages()));
      if (info.getAuthor() != null && !info.getAuthor().isBlank()) {
        metadata.put("author", info.getAuthor().strip());
      }
      metadata.put(DocumentFactory.FORMAT_KEY, "pdf");
      String title = info.getTitle() == null ? "" : info.getTitle().strip();
      sink.document(documents.document(source, title, text, metadata));
    } catch (InvalidPasswordException e) {
      sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.UNREADABLE, source
          + ": the PDF is encrypted with a password; decrypt it first", ""));
    } catch (IOException e) {
      sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.MALFORMED, source + ": not a readable"
          + " PDF: " + SafeXml.firstLine(e.getMessage()), ""));
    }
  }

  /** Lines of one paragraph joined into one, hyphenated words rejoined, paragraphs one blank line apart. */
  static String paragraphs(String extracted) {
    String text = extracted.replace("\r\n", "\n").replace('\r', '\n');
    text = HYPHENATED.matcher(text).replaceAll("$1$2");
    text = LINE_IN_PARAGRAPH.matcher(text).replaceAll(" ");
    return text.replaceAll("\\n{3,}", "\n\n").replaceAll("[ \\t]{2,}", " ").strip();
  }
}
