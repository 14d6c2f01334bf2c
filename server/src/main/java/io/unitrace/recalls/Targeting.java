package io.unitrace.recalls;

import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Problem;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The target of a campaign as asked for, checked before anything is read or written: each refusal
 * names the field. Pure: the catalog resolves the product and lot codes afterwards.
 */
final class Targeting {

  /** The most units an explicit list may name in one campaign. */
  static final int MAX_UNITS = 100_000;

  private Targeting() {}

  /** One unit of an explicit list: by GTIN and serial, or by a GS1 scan. */
  record UnitEntry(String gtin, String serial, String scan) {}

  /** The request as sent. */
  record Asked(
      String title,
      String reason,
      String mode,
      String product,
      List<String> lots,
      LocalDate receivedFrom,
      LocalDate receivedTo,
      List<UnitEntry> units) {}

  /** The request checked: codes still to resolve, a registration window in epoch ms. */
  record Checked(
      String title,
      String reason,
      TargetMode mode,
      String product,
      List<String> lots,
      LocalDate receivedFrom,
      LocalDate receivedTo,
      List<UnitRef> units) {

    /** Start of the first day (UTC), inclusive. */
    Long registeredFrom() {
      return receivedFrom == null
          ? null
          : receivedFrom.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** Start of the day after the last (UTC), exclusive. */
    Long registeredTo() {
      return receivedTo == null
          ? null
          : receivedTo.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
  }

  static Checked check(Asked a) {
    if (a == null) {
      throw Problem.badRequest("invalid-field", "mode", "send a campaign: title, mode, target");
    }
    String title = a.title() == null ? "" : a.title().strip();
    if (title.isEmpty() || title.length() > 200) {
      throw Problem.badRequest(
          "invalid-field", "title", "a campaign needs a title of 1 to 200 characters");
    }
    if (a.reason() != null && a.reason().length() > 1000) {
      throw Problem.badRequest("invalid-field", "reason", "a reason has at most 1000 characters");
    }
    TargetMode mode = mode(a.mode());
    return switch (mode) {
      case LOTS -> {
        String product = product(a.product());
        if (a.lots() == null || a.lots().isEmpty()) {
          throw Problem.badRequest("invalid-field", "lots", "name at least one lot code");
        }
        LinkedHashSet<String> lots = new LinkedHashSet<>();
        for (int i = 0; i < a.lots().size(); i++) {
          String code = a.lots().get(i);
          if (code == null || code.isBlank()) {
            throw Problem.badRequest("invalid-field", "lots[" + i + "]", "a lot code is empty");
          }
          lots.add(code.strip());
        }
        yield new Checked(
            title, a.reason(), mode, product, List.copyOf(lots), null, null, List.of());
      }
      case RECEIPT_DATES -> {
        String product = product(a.product());
        if (a.receivedFrom() == null) {
          throw Problem.badRequest(
              "invalid-field", "receivedFrom", "name the first day of receipt (yyyy-MM-dd)");
        }
        if (a.receivedTo() == null) {
          throw Problem.badRequest(
              "invalid-field", "receivedTo", "name the last day of receipt (yyyy-MM-dd)");
        }
        if (a.receivedTo().isBefore(a.receivedFrom())) {
          throw Problem.badRequest(
              "invalid-field", "receivedTo", "the last day comes before the first");
        }
        yield new Checked(
            title,
            a.reason(),
            mode,
            product,
            List.of(),
            a.receivedFrom(),
            a.receivedTo(),
            List.of());
      }
      case SERIALS ->
          new Checked(title, a.reason(), mode, null, List.of(), null, null, units(a.units()));
      case COMPONENT_LOT, SUPPLIER_LOT -> {
        String product = product(a.product());
        if (a.lots() == null
            || a.lots().size() != 1
            || a.lots().get(0) == null
            || a.lots().get(0).isBlank()) {
          throw Problem.badRequest(
              "invalid-field",
              "lots",
              mode == TargetMode.COMPONENT_LOT
                  ? "name the one component lot"
                  : "name the one lot of the supplier's");
        }
        yield new Checked(
            title,
            a.reason(),
            mode,
            product,
            List.of(a.lots().get(0).strip()),
            null,
            null,
            List.of());
      }
    };
  }

  private static TargetMode mode(String text) {
    if (text == null || text.isBlank()) {
      throw Problem.badRequest(
          "invalid-field",
          "mode",
          "mode is LOTS, RECEIPT_DATES, SERIALS, COMPONENT_LOT or SUPPLIER_LOT");
    }
    try {
      return TargetMode.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(
          "invalid-field",
          "mode",
          "mode is LOTS, RECEIPT_DATES, SERIALS, COMPONENT_LOT or SUPPLIER_LOT, not " + text);
    }
  }

  private static String product(String product) {
    if (product == null || product.isBlank()) {
      throw Problem.badRequest("invalid-field", "product", "name the product (SKU or GTIN)");
    }
    return product.strip();
  }

  private static List<UnitRef> units(List<UnitEntry> entries) {
    if (entries == null || entries.isEmpty()) {
      throw Problem.badRequest("invalid-field", "units", "name at least one unit");
    }
    if (entries.size() > MAX_UNITS) {
      throw Problem.badRequest(
          "invalid-field", "units", "a campaign names at most " + MAX_UNITS + " units");
    }
    LinkedHashSet<UnitRef> refs = new LinkedHashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      refs.add(unit(entries.get(i), "units[" + i + "]"));
    }
    return List.copyOf(refs);
  }

  static UnitRef unit(UnitEntry e, String field) {
    if (e == null) {
      throw Problem.badRequest("invalid-field", field, "a unit entry is empty");
    }
    if (e.scan() != null && !e.scan().isBlank()) {
      return Scans.unit(e.scan(), field + ".scan");
    }
    Gtin gtin;
    try {
      gtin = new Gtin(e.gtin() == null ? "" : e.gtin().strip());
    } catch (IllegalArgumentException x) {
      throw Problem.badRequest("invalid-field", field + ".gtin", x.getMessage());
    }
    try {
      return new UnitRef(gtin, new Serial(e.serial() == null ? "" : e.serial().strip()));
    } catch (IllegalArgumentException x) {
      throw Problem.badRequest("invalid-field", field + ".serial", x.getMessage());
    }
  }

  /**
   * The units of a CSV upload: one a line, {@code GTIN,serial} or a GS1 scan (with or without
   * brackets); an optional header {@code gtin,serial}; blank lines skipped. A bad line refuses the
   * whole upload, naming it ({@code line 3}).
   */
  static List<UnitEntry> csv(String text) {
    if (text == null || text.isBlank()) {
      throw Problem.badRequest("invalid-field", "units", "the upload names no unit");
    }
    String[] lines = text.split("\r?\n", -1);
    List<UnitEntry> entries = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || (i == 0 && line.toLowerCase(Locale.ROOT).startsWith("gtin"))) {
        continue;
      }
      String field = "line " + (i + 1);
      int comma = line.indexOf(',');
      UnitEntry e =
          comma < 0
              ? new UnitEntry(null, null, line)
              : new UnitEntry(
                  unquote(line.substring(0, comma)), unquote(line.substring(comma + 1)), null);
      unit(e, field);
      entries.add(e);
    }
    if (entries.isEmpty()) {
      throw Problem.badRequest("invalid-field", "units", "the upload names no unit");
    }
    return entries;
  }

  private static String unquote(String s) {
    String t = s.strip();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
        ? t.substring(1, t.length() - 1)
        : t;
  }
}
