package org.causalworkbench.ingest.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks files and folders, checks each file, hands it to the reader for its extension and passes
 * every document and dead letter on. Problems are logged one line each, naming the file (and line),
 * and never stop the run.
 */
public final class CorpusIngester {

  private static final Logger LOG = LoggerFactory.getLogger(CorpusIngester.class);
  private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

  private final Map<String, CorpusReader> readersByExtension = new HashMap<>();
  private final DocumentFactory documents;

  public CorpusIngester(DocumentFactory documents, List<CorpusReader> readers) {
    this.documents = documents;
    for (CorpusReader reader : readers) {
      reader.extensions().forEach(ext -> readersByExtension.put(ext, reader));
    }
  }

  /** The readers every ingest uses: text, Markdown, JSON Lines and CSV. */
  public static CorpusIngester standard(long maxDocumentBytes, String csvTextColumn) {
    DocumentFactory factory = new DocumentFactory(maxDocumentBytes);
    return new CorpusIngester(factory, List.of(
        new TextFileReader(factory), new JsonLinesReader(factory), new CsvReader(factory, csvTextColumn)));
  }

  public IngestReport ingest(List<Path> paths, IngestSink out) {
    long start = System.nanoTime();
    List<Path> files = expand(paths);
    Counting counting = new Counting(out, start, files.size());
    for (Path file : files) {
      ingestFile(file, counting);
      counting.fileDone();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    IngestReport report = new IngestReport(files.size(), counting.documents, new TreeMap<>(counting.deadLetters), seconds);
    LOG.info("ingest finished: {} files, {} documents, {} dead-lettered {} in {} s",
        report.files(), report.documents(), report.deadLettered(), report.deadLetters(),
        String.format(Locale.ROOT, "%.1f", seconds));
    return report;
  }

  private void ingestFile(Path file, IngestSink out) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    CorpusReader reader = readersByExtension.get(extension);
    if (reader == null) {
      out.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.UNSUPPORTED_FORMAT,
          file + ": unsupported file type '." + extension + "' (read: " + readersByExtension.keySet() + ")", ""));
      return;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      out.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.UNREADABLE,
          file + ": cannot read: " + e.getMessage(), ""));
      return;
    }
    boolean oneDocument = reader instanceof TextFileReader;
    FileContent.Checked checked = FileContent.check(bytes, documents.maxDocumentBytes(), oneDocument);
    if (!checked.ok()) {
      out.deadLetter(DocumentFactory.deadLetter(file.toString(), checked.reason(),
          file + ": " + checked.detail(), checked.rawForDeadLetter()));
      return;
    }
    reader.read(file, checked.text(), out);
  }

  private static List<Path> expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> !hidden(path.relativize(p)))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
      } else if (Files.exists(path)) {
        files.add(path);
      } else {
        throw new IllegalArgumentException("no such file or folder: " + path);
      }
    }
    return files;
  }

  /** A path inside a corpus folder with any hidden part (".git/...", ".draft.txt"). */
  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Counts what passes through and logs progress and each problem. */
  private static final class Counting implements IngestSink {
    private final IngestSink out;
    private final long start;
    private final int totalFiles;
    private final Map<String, Long> deadLetters = new HashMap<>();
    private long documents;
    private int filesDone;
    private long lastProgress;

    Counting(IngestSink out, long start, int totalFiles) {
      this.out = out;
      this.start = start;
      this.lastProgress = start;
      this.totalFiles = totalFiles;
    }

    @Override
    public void document(Document document) {
      out.document(document);
      documents++;
      progress();
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
      LOG.warn("dead-lettered ({}): {}", deadLetter.reason(), deadLetter.detail());
      out.deadLetter(deadLetter);
      deadLetters.merge(deadLetter.reason(), 1L, Long::sum);
    }

    void fileDone() {
      filesDone++;
      progress();
    }

    private void progress() {
      long now = System.nanoTime();
      if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
        lastProgress = now;
        double seconds = (now - start) / 1e9;
        LOG.info("ingest: {}/{} files, {} documents ({} docs/s), {} dead-lettered",
            filesDone, totalFiles, documents, String.format(Locale.ROOT, "%.0f", documents / seconds),
            deadLetters.values().stream().mapToLong(Long::longValue).sum());
      }
    }
  }
}
