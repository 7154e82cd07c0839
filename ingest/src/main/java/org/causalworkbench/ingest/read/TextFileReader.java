package org.causalworkbench.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.causalworkbench.core.model.DeadLetterReason;

/**
 * Plain text and Markdown: one file, one document. A first line starting with {@code #} (Markdown
 * heading) or a first line followed by a blank line becomes the title and stays in the text.
 */
public final class TextFileReader implements CorpusReader {

  private final DocumentFactory documents;

  public TextFileReader(DocumentFactory documents) {
    this.documents = documents;
  }

  @Override
  public Set<String> extensions() {
    return Set.of("txt", "md");
  }

  @Override
  public void read(Path file, InputStream in, IngestSink sink) throws IOException {
    // One document: never more than the limit in memory, whatever the file's size.
    // One byte past the limit tells a file at the limit from one over it; a limit of Long.MAX_VALUE
    // (no limit) must not overflow into a read of nothing.
    long limit = documents.maxDocumentBytes();
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, limit >= Integer.MAX_VALUE ? limit : limit + 1));
    FileContent.Checked checked = FileContent.check(bytes, in.read() >= 0, documents.maxDocumentBytes());
    if (!checked.ok()) {
      boolean plain = !file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
      String size = plain && checked.reason().equals(DeadLetterReason.TOO_LARGE) ? Files.size(file) + " bytes: " : "";
      sink.deadLetter(DocumentFactory.deadLetter(file.toString(), checked.reason(), file + ": " + size
          + checked.detail(), checked.rawForDeadLetter()));
      return;
    }
    String text = checked.text().strip();
    String title = "";
    int firstBreak = text.indexOf('\n');
    if (firstBreak > 0) {
      String first = text.substring(0, firstBreak).strip();
      boolean heading = first.startsWith("#");
      boolean blankAfter = text.startsWith("\n", firstBreak + 1) || text.startsWith("\r\n", firstBreak + 1);
      if (heading || (blankAfter && first.length() < 200)) {
        title = first.replaceFirst("^#+\\s*", "");
      }
    }
    sink.document(documents.document(file.toString(), title, text, Map.of(DocumentFactory.FORMAT_KEY, extension(file))));
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).replaceFirst("\\.gz$", "");
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
