package io.unitrace.outbound;

import io.unitrace.catalog.CatalogInput;
import io.unitrace.catalog.LotCode;
import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gln;
import io.unitrace.gs1.Gtin;
import io.unitrace.shared.CsvInput;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Channel orders as a request sends them, JSON or CSV, read into one typed {@link OrderRequest}
 * each: text trimmed, blanks absent, the ship-to party defaulted to the sold-to party, identifiers
 * parsed (GTIN, GLN check digits, serial and lot character sets), quantities and dates checked.
 * Nothing here knows the catalog: whether a SKU, a lot or a channel exists is {@link OrderIntake}'s
 * question. A refusal names the field as the client sent it: {@code lines[2].sku} in JSON, {@code
 * row 7: sku} in CSV.
 *
 * <p>The canonical form of a request ({@link OrderRequest#digest()}) is what makes an import
 * idempotent: the same order sent as JSON or as CSV rows, with or without blanks and spaces, has
 * the same digest.
 */
final class OrderImport {

  private OrderImport() {}

  /** A party as JSON sends it. */
  record PartyForm(String name, String address, String gln) {}

  /**
   * A line as JSON sends it: {@code sku} or {@code gtin} names the product; {@code lot} one lot of
   * it; {@code serial} one exact unit (quantity 1, which may be left out).
   */
  record LineForm(
      String sku,
      String gtin,
      String lot,
      String serial,
      Long quantity,
      Integer minShelfLifeDays) {}

  /** An order as JSON sends it; {@code requestedShipDate} is yyyy-MM-dd. */
  record OrderForm(
      String channel,
      String channelOrderId,
      String warehouse,
      String customer,
      PartyForm soldTo,
      PartyForm shipTo,
      String requestedShipDate,
      Integer minShelfLifeDays,
      List<LineForm> lines) {}

  /** An order line read and checked in itself; {@code sku} or {@code gtin} is set, or both. */
  record RequestedLine(
      String sku, Gtin gtin, LotCode lot, Serial serial, long quantity, Integer minShelfLifeDays) {}

  /** An order read and checked in itself; {@code shipTo} is {@code soldTo} when not given. */
  record OrderRequest(
      String channel,
      String channelOrderId,
      String warehouse,
      String customer,
      Order.Party soldTo,
      Order.Party shipTo,
      LocalDate requestedShipDate,
      Integer minShelfLifeDays,
      List<RequestedLine> lines) {

    /**
     * SHA-256 (hex) of the canonical request: every field in a fixed order, each written with its
     * length so no two requests share a text.
     */
    String digest() {
      StringBuilder b = new StringBuilder("order/1");
      canon(b, channel, channelOrderId, warehouse, customer);
      for (Order.Party p : List.of(soldTo, shipTo)) {
        canon(b, p.name(), p.address(), p.gln());
      }
      canon(b, requestedShipDate, minShelfLifeDays, lines.size());
      for (RequestedLine l : lines) {
        canon(b, l.sku(), l.gtin(), l.lot(), l.serial(), l.quantity(), l.minShelfLifeDays());
      }
      try {
        return HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java has SHA-256", e);
      }
    }

    private static void canon(StringBuilder b, Object... values) {
      for (Object v : values) {
        if (v == null) {
          b.append("|-");
        } else {
          String s = v.toString();
          b.append('|').append(s.length()).append(':').append(s);
        }
      }
    }
  }

  /** Where a field of an order is in the request: a JSON path, or a CSV row and column. */
  interface Where {
    /** {@code field} as JSON names it: "channel", "soldTo.gln". */
    String header(String field);

    /** {@code field} of the line at {@code index} (0-based) as JSON names it: "sku", "lot". */
    String line(int index, String field);
  }

  /** A request and where its fields came from, so later refusals name them too. */
  record Incoming(OrderRequest request, Where where) {}

  static final Where JSON =
      new Where() {
        public String header(String field) {
          return field;
        }

        public String line(int index, String field) {
          return "lines[" + index + "]." + field;
        }
      };

  /** The CSV columns, in the order a template lists them. */
  static final List<String> CSV_COLUMNS =
      List.of(
          "channel",
          "channelOrderId",
          "warehouse",
          "customer",
          "soldToName",
          "soldToAddress",
          "soldToGln",
          "shipToName",
          "shipToAddress",
          "shipToGln",
          "requestedShipDate",
          "minShelfLifeDays",
          "sku",
          "lot",
          "gtin",
          "serial",
          "quantity",
          "lineMinShelfLifeDays");

  private static final List<String> REQUIRED = List.of("channel", "channelOrderId");

  private static final List<String> ORDER_COLUMNS = CSV_COLUMNS.subList(0, 12);

  static Incoming fromJson(OrderForm form) {
    return new Incoming(read(form, JSON), JSON);
  }

  /**
   * Many orders from CSV, one row per line, the order's columns repeated on each (or left blank
   * after its first row); rows with the same channel and channel order id form one order, in the
   * order of their first rows.
   */
  static List<Incoming> fromCsv(Reader csv) {
    Map<String, List<CSVRecord>> byOrder = new LinkedHashMap<>();
    try (CSVParser parser = CsvInput.open(csv, CSV_COLUMNS, REQUIRED)) {
      for (CSVRecord r : parser) {
        String channel = cell(r, "channel");
        String id = cell(r, "channelOrderId");
        if (channel == null || id == null) {
          throw Problem.badRequest(
              "invalid-field",
              at(r, channel == null ? "channel" : "channelOrderId"),
              "every row names its channel and channel order id");
        }
        byOrder.computeIfAbsent(channel + '\u0000' + id, k -> new ArrayList<>()).add(r);
      }
    } catch (IOException
        | UncheckedIOException
        | IllegalStateException
        | IllegalArgumentException e) {
      throw Problem.badRequest("malformed-csv", null, "the CSV cannot be read: " + e.getMessage());
    }
    if (byOrder.isEmpty()) {
      throw Problem.badRequest("empty-csv", null, "the CSV has no rows");
    }
    List<Incoming> orders = new ArrayList<>(byOrder.size());
    for (List<CSVRecord> rows : byOrder.values()) {
      orders.add(csvOrder(rows));
    }
    return orders;
  }

  private static Incoming csvOrder(List<CSVRecord> rows) {
    CSVRecord first = rows.get(0);
    for (CSVRecord r : rows.subList(1, rows.size())) {
      for (String column : ORDER_COLUMNS) {
        String v = cell(r, column);
        if (v != null && !v.equals(cell(first, column))) {
          throw Problem.badRequest(
              "inconsistent-order",
              at(r, column),
              "order "
                  + cell(first, "channelOrderId")
                  + " has "
                  + column
                  + " '"
                  + cell(first, column)
                  + "' in row "
                  + row(first)
                  + ", '"
                  + v
                  + "' here");
        }
      }
    }
    Where where =
        new Where() {
          public String header(String field) {
            return at(first, csvColumn(field));
          }

          public String line(int index, String field) {
            return at(
                rows.get(index), "minShelfLifeDays".equals(field) ? "lineMinShelfLifeDays" : field);
          }
        };
    List<LineForm> lines = new ArrayList<>(rows.size());
    for (CSVRecord r : rows) {
      lines.add(
          new LineForm(
              cell(r, "sku"),
              cell(r, "gtin"),
              cell(r, "lot"),
              cell(r, "serial"),
              whole(r, "quantity"),
              intOrNull(whole(r, "lineMinShelfLifeDays"), at(r, "lineMinShelfLifeDays"))));
    }
    Long minShelfLife = whole(first, "minShelfLifeDays");
    OrderForm form =
        new OrderForm(
            cell(first, "channel"),
            cell(first, "channelOrderId"),
            cell(first, "warehouse"),
            cell(first, "customer"),
            new PartyForm(
                cell(first, "soldToName"), cell(first, "soldToAddress"), cell(first, "soldToGln")),
            new PartyForm(
                cell(first, "shipToName"), cell(first, "shipToAddress"), cell(first, "shipToGln")),
            cell(first, "requestedShipDate"),
            intOrNull(minShelfLife, at(first, "minShelfLifeDays")),
            lines);
    return new Incoming(read(form, where), where);
  }

  /** The CSV column of a header field as JSON names it ("soldTo.gln" → "soldToGln"). */
  static String csvColumn(String field) {
    int dot = field.indexOf('.');
    if (dot < 0) {
      return field;
    }
    String tail = field.substring(dot + 1);
    return field.substring(0, dot) + Character.toUpperCase(tail.charAt(0)) + tail.substring(1);
  }

  // Reading one order, in the order a refusal names its fields: the header, then the lines.

  static OrderRequest read(OrderForm o, Where where) {
    if (o == null) {
      throw Problem.badRequest("invalid-field", null, "an order is required");
    }
    String channel =
        MasterData.code(o.channel(), where.header("channel"), "a sales channel code", 40);
    String channelOrderId = text(o.channelOrderId());
    if (channelOrderId == null || channelOrderId.length() > 100 || hasControl(channelOrderId)) {
      throw Problem.badRequest(
          "invalid-field",
          where.header("channelOrderId"),
          "an order names the channel's order id: 1-100 printable characters");
    }
    String warehouse =
        MasterData.code(o.warehouse(), where.header("warehouse"), "a warehouse code", 40);
    String customer =
        text(o.customer()) == null
            ? null
            : MasterData.code(o.customer(), where.header("customer"), "a customer code", 60);
    Order.Party soldTo = party(o.soldTo(), "soldTo", where, true);
    Order.Party shipTo = party(o.shipTo(), "shipTo", where, false);
    LocalDate shipDate = date(o.requestedShipDate(), where.header("requestedShipDate"));
    notNegative(o.minShelfLifeDays(), where.header("minShelfLifeDays"));
    if (o.lines() == null || o.lines().isEmpty()) {
      throw Problem.badRequest(
          "invalid-field", where.header("lines"), "an order has at least one line");
    }
    List<RequestedLine> lines = new ArrayList<>(o.lines().size());
    for (int i = 0; i < o.lines().size(); i++) {
      lines.add(line(o.lines().get(i), i, where));
    }
    return new OrderRequest(
        channel,
        channelOrderId,
        warehouse,
        customer,
        soldTo,
        shipTo == null ? soldTo : shipTo,
        shipDate,
        o.minShelfLifeDays(),
        List.copyOf(lines));
  }

  private static RequestedLine line(LineForm l, int i, Where where) {
    if (l == null) {
      throw Problem.badRequest("invalid-field", where.line(i, "sku"), "a line is empty");
    }
    String sku = text(l.sku());
    String gtinText = text(l.gtin());
    if (sku == null && gtinText == null) {
      throw Problem.badRequest(
          "invalid-field", where.line(i, "sku"), "a line names its product by sku or gtin");
    }
    if (sku != null && (sku.length() > 60 || hasControl(sku))) {
      throw Problem.badRequest("invalid-field", where.line(i, "sku"), "a SKU has 1-60 characters");
    }
    Gtin gtin = null;
    if (gtinText != null) {
      try {
        gtin = Gtin.parse(gtinText);
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-gtin", where.line(i, "gtin"), e.getMessage());
      }
    }
    String lotText = text(l.lot());
    LotCode lot = lotText == null ? null : CatalogInput.lot(where.line(i, "lot"), lotText);
    String serialText = text(l.serial());
    Serial serial =
        serialText == null ? null : CatalogInput.serial(where.line(i, "serial"), serialText);
    long quantity;
    if (serial != null) {
      if (l.quantity() != null && l.quantity() != 1) {
        throw Problem.badRequest(
            "serial-quantity",
            where.line(i, "quantity"),
            "a line naming a serial orders exactly that unit: its quantity is 1, not "
                + l.quantity());
      }
      quantity = 1;
    } else {
      if (l.quantity() == null || l.quantity() < 1) {
        throw Problem.badRequest(
            "invalid-field", where.line(i, "quantity"), "a line orders a quantity of at least 1");
      }
      quantity = l.quantity();
    }
    notNegative(l.minShelfLifeDays(), where.line(i, "minShelfLifeDays"));
    return new RequestedLine(sku, gtin, lot, serial, quantity, l.minShelfLifeDays());
  }

  /** A party; a ship-to left out entirely (or all blank) is absent, a sold-to is required. */
  private static Order.Party party(PartyForm p, String name, Where where, boolean required) {
    String partyName = p == null ? null : text(p.name());
    String address = p == null ? null : text(p.address());
    String glnText = p == null ? null : text(p.gln());
    if (!required && partyName == null && address == null && glnText == null) {
      return null;
    }
    if (partyName == null || partyName.length() > 200) {
      throw Problem.badRequest(
          "invalid-field",
          where.header(name + ".name"),
          "the " + name + " party has a name of 1-200 characters");
    }
    if (address != null && address.length() > 1000) {
      throw Problem.badRequest(
          "invalid-field",
          where.header(name + ".address"),
          "an address has at most 1000 characters");
    }
    Text.line(where.header(name + ".name"), partyName, 200);
    Text.free(where.header(name + ".address"), address, 1000);
    if (glnText != null) {
      try {
        new Gln(glnText);
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-gln", where.header(name + ".gln"), e.getMessage());
      }
    }
    return new Order.Party(partyName, address, glnText);
  }

  private static LocalDate date(String text, String field) {
    String s = text(text);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw Problem.badRequest("invalid-field", field, "'" + s + "' is not a date (yyyy-MM-dd)");
    }
  }

  private static void notNegative(Integer days, String field) {
    if (days != null && days < 0) {
      throw Problem.badRequest("invalid-field", field, "a shelf life in days is not negative");
    }
  }

  private static String text(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static boolean hasControl(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }

  // CSV cells: trimmed, blank as absent, refusals naming row and column.

  private static String cell(CSVRecord r, String column) {
    if (!r.isMapped(column) || !r.isSet(column)) {
      return null;
    }
    return text(r.get(column));
  }

  /** The row as a spreadsheet numbers it: the header is row 1. */
  private static long row(CSVRecord r) {
    return r.getRecordNumber() + 1;
  }

  private static String at(CSVRecord r, String column) {
    return "row " + row(r) + ": " + column;
  }

  private static Long whole(CSVRecord r, String column) {
    String v = cell(r, column);
    if (v == null) {
      return null;
    }
    try {
      return Long.valueOf(v);
    } catch (NumberFormatException e) {
      throw Problem.badRequest("invalid-field", at(r, column), "'" + v + "' is not a whole number");
    }
  }

  private static Integer intOrNull(Long v, String field) {
    if (v == null) {
      return null;
    }
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw Problem.badRequest("invalid-field", field, v + " is out of range");
    }
    return v.intValue();
  }
}
