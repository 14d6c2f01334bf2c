package io.unitrace.inbound;

import io.unitrace.shared.CsvInput;
import io.unitrace.shared.Problem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.commons.csv.CSVRecord;

/** CSV cells as the imports read them: trimmed, blank as absent, refusals naming row and column. */
final class InboundCsv {

  private InboundCsv() {}

  static String get(CSVRecord r, String column) {
    return CsvInput.cell(r, column);
  }

  /** The row as a spreadsheet numbers it: the header is row 1. */
  static long row(CSVRecord r) {
    return r.getRecordNumber() + 1;
  }

  static String at(CSVRecord r, String column) {
    return "row " + row(r) + ": " + column;
  }

  static Integer integer(CSVRecord r, String column) {
    String v = get(r, column);
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.strip());
    } catch (NumberFormatException e) {
      throw Problem.badRequest("invalid-field", at(r, column), "'" + v + "' is not a whole number");
    }
  }

  static LocalDate date(CSVRecord r, String column) {
    String v = get(r, column);
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(v.strip());
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(
          "invalid-field", at(r, column), "'" + v + "' is not a date (yyyy-MM-dd)");
    }
  }
}
