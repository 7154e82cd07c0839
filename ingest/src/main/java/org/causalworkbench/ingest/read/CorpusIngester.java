package org.causalworkbench.ingest.read;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks files and folders, checks each file, hands it to the reader for its extension and passes
 * every document and dead letter on. Problems are logged one line each, naming the file (and line),
 * and never stop the run: what is not a regular file (a named pipe, a device, a dangling or looping
 * symbolic link) is dead-lettered without being opened, a file that vanishes is dead-lettered, and
 * a {@code .gz} file that decompresses past {@link #MAX_GZIP_RATIO} times its size is cut off.
 */
public final class CorpusIngester {

  private static final Logger LOG = LoggerFactory.getLogger(CorpusIngester.class);
  private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;
  /** A gzip file may decompress to this many times its size, and at least {@link #MIN_GZIP_CAP} bytes. */
  static final long MAX_GZIP_RATIO = 100;
  static final long MIN_GZIP_CAP = 64L * 1024 * 1024;
  private static final int HEAD_BYTES = 8192;

  private final Map<String, CorpusReader> readersByExtension = new HashMap<>();
  private final DocumentFactory documents;

  public CorpusIngester(DocumentFactory documents, List<CorpusReader> readers) {
    this.documents = documents;
    for (CorpusReader reader : readers) {
      reader.extensions().forEach(ext -> readersByExtension.put(ext, reader));
    }
  }

  /**
   * The readers every ingest uses: text, Markdown, JSON Lines, CSV, PubMed and BioC XML, BioC JSON
   * and PDF, each also gzipped.
   */
  public static CorpusIngester standard(long maxDocumentBytes, String csvTextColumn) {
    DocumentFactory factory = new DocumentFactory(maxDocumentBytes);
    return new CorpusIngester(factory, List.of(new TextFileReader(factory), new JsonLinesReader(factory),
        new CsvReader(factory, csvTextColumn), new XmlCorpusReader(factory), new BioCJsonReader(factory),
        new PdfReader(factory)));
  }

  /** A path found by the walk: a regular file to read, or why it is not read. */
  private record Entry(Path path, String reason, String detail) {}

  public IngestReport ingest(List<Path> paths, IngestSink out) {
    long start = System.nanoTime();
    List<Entry> entries = expand(paths);
    Counting counting = new Counting(out, start, entries.size());
    for (Entry entry : entries) {
      if (entry.reason() != null) {
        counting.deadLetter(DocumentFactory.deadLetter(entry.path().toString(), entry.reason(),
            entry.path() + ": " + entry.detail(), ""));
      } else {
        ingestFile(entry.path(), counting);
      }
      counting.fileDone();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    IngestReport report = new IngestReport(entries.size(), counting.documents, new TreeMap<>(counting.deadLetters),
        seconds);
    LOG.info("ingest finished: {} files, {} documents, {} dead-lettered {} in {} s",
        report.files(), report.documents(), report.deadLettered(), report.deadLetters(),
        String.format(Locale.ROOT, "%.1f", seconds));
    return report;
  }

  private void ingestFile(Path file, Counting out) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean gzip = name.endsWith(".gz");
    String base = gzip ? name.substring(0, name.length() - 3) : name;
    int dot = base.lastIndexOf('.');
    String extension = dot < 0 ? "" : base.substring(dot + 1);
    CorpusReader reader = readersByExtension.get(extension);
    if (reader == null) {
      out.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.UNSUPPORTED_FORMAT,
          file + ": unsupported file type '." + extension + (gzip ? ".gz" : "") + "' (read: "
              + readersByExtension.keySet() + ", each also as .gz)", ""));
      return;
    }
    long before = out.records();
    try (InputStream raw = Files.newInputStream(file)) {
      InputStream in = raw;
      if (gzip) {
        long cap = Math.max(MIN_GZIP_CAP, MAX_GZIP_RATIO * Files.size(file));
        in = new CappedInputStream(new GZIPInputStream(raw, 64 * 1024), cap);
      }
      BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
      buffered.mark(HEAD_BYTES);
      byte[] head = buffered.readNBytes(HEAD_BYTES);
      buffered.reset();
      if (head.length == 0) {
        out.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.EMPTY, file + ": the file is empty",
            ""));
        return;
      }
      if (!reader.binary() && FileContent.looksBinary(head)) {
        out.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.BINARY, file
            + ": binary content (NUL or control bytes); only text formats are read",
            Base64.getEncoder().encodeToString(head)));
        return;
      }
      reader.read(file, buffered, out);
    } catch (CappedInputStream.CapExceeded e) {
      out.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.TOO_LARGE, file + ": decompresses"
          + " to more than " + e.cap() + " bytes (" + MAX_GZIP_RATIO + " times its size; a gzip bomb?); "
          + (out.records() - before) + " records before that were read", ""));
      return;
    } catch (NoSuchFileException e) {
      out.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.UNREADABLE,
          file + ": vanished before it could be read", ""));
      return;
    } catch (ZipException | EOFException e) {
      out.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.MALFORMED, file
          + ": not a complete gzip file (" + e.getMessage() + "); " + (out.records() - before)
          + " records before that were read", ""));
      return;
    } catch (IOException e) {
      out.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.UNREADABLE,
          file + ": cannot read: " + e.getMessage(), ""));
      return;
    }
    if (out.records() == before) {
      out.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.EMPTY,
          file + ": holds no records (only whitespace?)", ""));
    }
  }

  /**
   * Every file under {@code paths}, in their order and sorted under each, with what cannot be read marked: symbolic links are
   * followed to files and folders (a loop back to a folder above is reported, not walked), hidden
   * paths (".git/...", ".draft.txt") inside a folder are left out.
   */
  private static List<Entry> expand(List<Path> paths) {
    List<Entry> entries = new ArrayList<>();
    for (Path path : paths) {
      List<Entry> found = new ArrayList<>();
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalArgumentException("no such file or folder: " + path);
      }
      try {
        Files.walkFileTree(path, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(path) && hidden(path.relativize(dir)) ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!file.equals(path) && hidden(path.relativize(file))) {
              return FileVisitResult.CONTINUE;
            }
            found.add(classify(file, attrs));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
              found.add(new Entry(file, DeadLetterReason.NOT_A_FILE,
                  "a symbolic link back to a folder above it (a loop); not followed"));
            } else {
              found.add(new Entry(file, DeadLetterReason.UNREADABLE, "cannot read: " + e));
            }
            return FileVisitResult.CONTINUE;
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
      }
      found.sort(Comparator.comparing(Entry::path));
      entries.addAll(found);
    }
    return entries;
  }

  /** A regular file to read, or why not: the walk gives a link's own attributes when its target cannot be reached. */
  private static Entry classify(Path file, BasicFileAttributes attrs) {
    if (attrs.isRegularFile()) {
      return new Entry(file, null, null);
    }
    if (attrs.isSymbolicLink()) {
      String target;
      try {
        target = String.valueOf(Files.readSymbolicLink(file));
      } catch (IOException e) {
        target = "?";
      }
      try {
        Files.readAttributes(file, BasicFileAttributes.class);
        return new Entry(file, DeadLetterReason.UNREADABLE, "a symbolic link to " + target + " that cannot be read");
      } catch (NoSuchFileException e) {
        return new Entry(file, DeadLetterReason.UNREADABLE, "a dangling symbolic link (to " + target
            + ", which does not exist)");
      } catch (IOException e) {
        return new Entry(file, DeadLetterReason.NOT_A_FILE, "a symbolic link to " + target + " that cannot be"
            + " followed (" + e.getMessage() + "; a loop?)");
      }
    }
    return new Entry(file, DeadLetterReason.NOT_A_FILE, "not a regular file (a named pipe, socket or device);"
        + " only regular files are read, and this one is not opened");
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

    /** Documents and dead letters so far. */
    long records() {
      return documents + deadLetters.values().stream().mapToLong(Long::longValue).sum();
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
