package io.unitrace.shared;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * How every CSV import reads its file: a header row naming the columns, cells trimmed, empty lines
 * skipped. The separator is read from the header: a comma, or a semicolon or a tab when the header
 * holds one of those and no comma (a spreadsheet saved in a European locale writes semicolons). A
 * header naming an unknown column is refused naming it, with the known column it most likely meant,
 * and a header that seems separated by another character says so.
 */
public final class CsvInput {

  private static final char[] SEPARATORS = {';', '\t'};
  private static final String OTHER_SEPARATORS = "|:";
  private static final int HEADER_LIMIT = 64 * 1024;

  private CsvInput() {}

  /**
   * The file as records, its header checked: every column in {@code known}, every one of {@code
   * required} present.
   */
  public static CSVParser open(Reader csv, Collection<String> known, List<String> required) {
    BufferedReader in = csv instanceof BufferedReader b ? b : new BufferedReader(csv);
    CSVParser parser;
    try {
      parser =
          CSVFormat.DEFAULT
              .builder()
              .setDelimiter(separatorOf(firstLine(in)))
              .setHeader()
              .setSkipHeaderRecord(true)
              .setTrim(true)
              .setIgnoreEmptyLines(true)
              .get()
              .parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> header = parser.getHeaderNames();
    for (String h : header) {
      if (!known.contains(h)) {
        throw unknownColumn(h, known);
      }
    }
    for (String r : required) {
      if (!header.contains(r)) {
        throw Problem.badRequest("missing-column", "header", "the column '" + r + "' is required");
      }
    }
    return parser;
  }

  /** A cell's text, or null when the column is absent, the row short or the cell blank. */
  public static String cell(CSVRecord r, String column) {
    if (!r.isMapped(column) || !r.isSet(column)) {
      return null;
    }
    String v = r.get(column);
    return v == null || v.isBlank() ? null : v;
  }

  static char separatorOf(String header) {
    if (header.indexOf(',') < 0) {
      for (char s : SEPARATORS) {
        if (header.indexOf(s) >= 0) {
          return s;
        }
      }
    }
    return ',';
  }

  private static Problem unknownColumn(String column, Collection<String> known) {
    for (char c : OTHER_SEPARATORS.toCharArray()) {
      if (column.indexOf(c) >= 0) {
        return Problem.badRequest(
                "unknown-column",
                "header",
                "the header '"
                    + column
                    + "' seems separated by '"
                    + c
                    + "': separate columns by commas (or semicolons or tabs); known columns: "
                    + known)
            .with("separator", String.valueOf(c));
      }
    }
    var meant = Closest.to(column, known);
    String message =
        "unknown column '"
            + column
            + "'"
            + meant.map(m -> "; did you mean '" + m + "'?").orElse(";")
            + " known: "
            + known;
    Problem p =
        Problem.badRequest("unknown-column", "header", message)
            .with("column", column)
            .with("known", known);
    return meant.isPresent() ? p.with("didYouMean", meant.get()) : p;
  }

  /** The first non-empty line, without consuming it. */
  private static String firstLine(BufferedReader in) throws IOException {
    in.mark(HEADER_LIMIT);
    String line;
    int read = 0;
    do {
      line = in.readLine();
      read += line == null ? 0 : line.length() + 2;
    } while (line != null && line.isBlank() && read < HEADER_LIMIT);
    if (read >= HEADER_LIMIT) {
      throw Problem.badRequest(
          "malformed-csv",
          "header",
          "the header row is longer than " + HEADER_LIMIT + " characters");
    }
    in.reset();
    return line == null ? "" : line;
  }
}
