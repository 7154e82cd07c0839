package org.causalworkbench.ingest.read;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

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
  public void read(Path file, String content, IngestSink sink) {
    String text = content.strip();
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
    String name = file.getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
  }
}
