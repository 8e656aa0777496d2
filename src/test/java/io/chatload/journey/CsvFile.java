package io.chatload.journey;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CSV file of the class path (user-files/), read once as RFC 4180 says: cells in double quotes may
 * hold commas, line breaks and doubled quotes. Blank lines and lines starting with '#' are skipped.
 * Read here rather than through Gatling's feeders, which need a running simulation and hand every
 * record over on another thread.
 */
final class CsvFile {
  /** One data row and the line of the file it starts on (the header is line 1). */
  record Row(int line, List<String> cells) {}

  final List<String> header;
  final List<Row> rows;

  private CsvFile(List<String> header, List<Row> rows) {
    this.header = header;
    this.rows = rows;
  }

  /** The file, or empty when the class path has no such resource. */
  static Optional<CsvFile> read(String resource) {
    InputStream in = CsvFile.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      return Optional.empty();
    }
    String text;
    try (in) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Row> all = parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
    if (all.isEmpty()) {
      return Optional.of(new CsvFile(List.of(), List.of()));
    }
    return Optional.of(new CsvFile(all.get(0).cells(), all.subList(1, all.size())));
  }

  private static List<Row> parse(String text) {
    List<Row> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int line = 1;
    int rowLine = 1;
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
      } else if (c == '"' && cell.length() == 0) {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRow(rows, cells, cell, rowLine, wasQuoted);
        cells = new ArrayList<>();
        wasQuoted = false;
        rowLine = ++line;
      } else {
        cell.append(c);
      }
    }
    endRow(rows, cells, cell, rowLine, wasQuoted);
    return rows;
  }

  private static void endRow(List<Row> rows, List<String> cells, StringBuilder cell, int line, boolean wasQuoted) {
    cells.add(cell.toString());
    cell.setLength(0);
    boolean blank = cells.size() == 1 && cells.get(0).isBlank() && !wasQuoted;
    boolean comment = !wasQuoted && cells.get(0).startsWith("#");
    if (!blank && !comment) {
      rows.add(new Row(line, List.copyOf(cells)));
    }
  }
}
