package org.causalworkbench.ingest.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. Used by the CSV
 * corpus reader and by evaluation data sets.
 */
public final class CsvTable {

  private CsvTable() {}

  /** All rows of a UTF-8 file (a byte-order mark is dropped); the first row is the header. */
  public static List<Row> read(Path file) {
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      return parse(content.startsWith("\uFEFF") ? content.substring(1) : content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The fields of every row of a file, header first: for data sets read as tables. */
  public static List<List<String>> fields(Path file) {
    return read(file).stream().map(Row::fields).toList();
  }

  /** A row and the 1-based line it starts on. */
  public record Row(int line, List<String> fields) {}

  /** What {@link #parse(Reader, long, RowHandler)} finds, row by row. */
  public interface RowHandler {
    void row(Row row);

    /** A row of more than the limit's characters, read past without keeping it. */
    void oversized(int line, long chars);
  }

  /** Splits CSV text into rows; {@code line} is the 1-based line where a row starts. */
  public static List<Row> parse(String content) {
    List<Row> rows = new ArrayList<>();
    try {
      parse(new StringReader(content), Long.MAX_VALUE, new RowHandler() {
        @Override
        public void row(Row row) {
          rows.add(row);
        }

        @Override
        public void oversized(int line, long chars) {
          throw new IllegalStateException("no limit was set");
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return rows;
  }

  /**
   * Reads CSV from {@code in} row by row, so a file of any size streams; a row of more than {@code
   * maxRowChars} characters is read past, not kept, and reported to {@code handler}.
   *
   * @throws IllegalArgumentException when a quote is never closed (the rows before it were handled)
   */
  public static void parse(Reader in, long maxRowChars, RowHandler handler) throws IOException {
    Reader reader = in instanceof BufferedReader ? in : new BufferedReader(in, 64 * 1024);
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int line = 1;
    int rowStart = 1;
    int quoteStart = 0;
    long rowChars = 0;
    boolean fieldStarted = false;
    int c = reader.read();
    while (c >= 0) {
      int next = reader.read();
      if (quoted) {
        if (c == '"') {
          if (next == '"') {
            rowChars = append(field, '"', rowChars, maxRowChars);
            next = reader.read();
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          rowChars = append(field, (char) c, rowChars, maxRowChars);
        }
      } else if (c == '"' && !fieldStarted) {
        quoted = true;
        fieldStarted = true;
        quoteStart = line;
      } else if (c == ',') {
        if (++rowChars <= maxRowChars) {
          fields.add(field.toString());
        }
        field.setLength(0);
        fieldStarted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && next == '\n') {
          next = reader.read();
        }
        fields.add(field.toString());
        emit(handler, rowStart, fields, rowChars, maxRowChars);
        field.setLength(0);
        fieldStarted = false;
        fields = new ArrayList<>();
        rowChars = 0;
        line++;
        rowStart = line;
      } else {
        fieldStarted = true;
        rowChars = append(field, (char) c, rowChars, maxRowChars);
      }
      c = next;
    }
    if (quoted) {
      throw new IllegalArgumentException("quote opened on line " + quoteStart + " is never closed");
    }
    if (field.length() > 0 || !fields.isEmpty() || rowChars > 0) {
      fields.add(field.toString());
      emit(handler, rowStart, fields, rowChars, maxRowChars);
    }
  }

  /** Appends while the row is within its limit; counts either way. */
  private static long append(StringBuilder field, char c, long rowChars, long maxRowChars) {
    if (rowChars < maxRowChars) {
      field.append(c);
    }
    return rowChars + 1;
  }

  private static void emit(RowHandler handler, int line, List<String> fields, long chars, long maxRowChars) {
    if (chars > maxRowChars) {
      handler.oversized(line, chars);
    } else {
      handler.row(new Row(line, List.copyOf(fields)));
    }
  }
}
