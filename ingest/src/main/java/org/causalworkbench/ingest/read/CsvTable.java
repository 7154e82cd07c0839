package org.causalworkbench.ingest.read;

import java.io.IOException;
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

  /** Splits CSV text into rows; {@code line} is the 1-based line where a row starts. */
  public static List<Row> parse(String content) {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int line = 1;
    int rowStart = 1;
    int quoteStart = 0;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < content.length() && content.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
        quoteStart = line;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < content.length() && content.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        field.setLength(0);
        rows.add(new Row(rowStart, List.copyOf(fields)));
        fields.clear();
        line++;
        rowStart = line;
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("quote opened on line " + quoteStart + " is never closed");
    }
    if (field.length() > 0 || !fields.isEmpty()) {
      fields.add(field.toString());
      rows.add(new Row(rowStart, List.copyOf(fields)));
    }
    return rows;
  }
}
