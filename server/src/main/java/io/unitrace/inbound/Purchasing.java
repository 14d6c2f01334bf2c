package io.unitrace.inbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.gs1.Gln;
import io.unitrace.gs1.Gtin;
import io.unitrace.shared.CsvInput;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Database;
import io.unitrace.shared.InList;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.shared.Times;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing purchase orders, from JSON (one order) or CSV (one row per line, rows with the same
 * number forming one order), and reading them back for the API. Every order is checked in full
 * before anything is written, so a refusal writes nothing; it names the JSON field ({@code
 * lines[3].sku}) or the CSV row and column ({@code row 7: sku}).
 */
@Service
public class Purchasing {

  public record NewLine(String sku, String gtin, Integer quantity) {}

  public record NewPurchaseOrder(
      String number, String vendor, String vendorGln, LocalDate expectedOn, List<NewLine> lines) {}

  /**
   * {@code received}: units received against the line so far, over all the PO's receipts (a product
   * on two lines fills them in order).
   */
  public record LineView(int lineNo, String sku, List<String> gtins, int quantity, int received) {}

  public record PurchaseOrderView(
      String number,
      String vendor,
      String vendorGln,
      LocalDate expectedOn,
      String status,
      Instant createdAt,
      List<LineView> lines) {}

  public record PurchaseOrderSummary(
      String number,
      String vendor,
      String vendorGln,
      LocalDate expectedOn,
      String status,
      Instant createdAt,
      int lines) {}

  /**
   * A purchase order's progress: units received against its lines (never more than a line orders,
   * as {@link LineView#received} counts them) and units ordered.
   */
  public record Progress(int received, int ordered) {}

  public record Imported(int created, List<String> purchaseOrders) {}

  static final String OPEN = "OPEN";
  static final Set<String> CSV_COLUMNS =
      Set.of("number", "vendor", "vendor_gln", "expected_on", "sku", "gtin", "quantity");

  private static final List<String> REQUIRED = List.of("number", "vendor", "quantity");

  /** Where a field of an order is in the request: a JSON path, or a CSV row and column. */
  interface Where {
    String header(String field);

    String line(int index, String field);
  }

  private static final Where JSON =
      new Where() {
        public String header(String field) {
          return field;
        }

        public String line(int index, String field) {
          return "lines[" + index + "]." + field;
        }
      };

  private final JdbcClient db;
  private final Catalog catalog;
  private final Clock clock;

  Purchasing(JdbcClient db, Catalog catalog, Clock clock) {
    this.db = db;
    this.catalog = catalog;
    this.clock = clock;
  }

  @Transactional
  public PurchaseOrderView create(long tenantId, NewPurchaseOrder order) {
    Valid valid = validate(tenantId, order, JSON, new HashMap<>());
    insert(tenantId, valid, JSON);
    return view(tenantId, valid.number()).orElseThrow();
  }

  @Transactional
  public Imported importCsv(long tenantId, Reader csv) {
    Map<String, List<CSVRecord>> byNumber = new LinkedHashMap<>();
    try (CSVParser parser = CsvInput.open(csv, CSV_COLUMNS, REQUIRED)) {
      List<String> header = parser.getHeaderNames();
      if (!header.contains("sku") && !header.contains("gtin")) {
        throw Problem.badRequest(
            "missing-column", "header", "a column 'sku' (or 'gtin') is required");
      }
      for (CSVRecord r : parser) {
        String number = InboundCsv.get(r, "number");
        if (number == null) {
          throw Problem.badRequest(
              "invalid-field",
              InboundCsv.at(r, "number"),
              "every row names its purchase order number");
        }
        byNumber.computeIfAbsent(number, k -> new ArrayList<>()).add(r);
      }
    } catch (IOException
        | IllegalStateException
        | IllegalArgumentException
        | UncheckedIOException e) {
      throw Problem.badRequest("malformed-csv", null, "the CSV cannot be read: " + e.getMessage());
    }
    if (byNumber.isEmpty()) {
      throw Problem.badRequest("empty-csv", null, "the CSV has no rows");
    }
    Map<String, Product> products = new HashMap<>();
    List<Valid> orders = new ArrayList<>();
    List<Where> wheres = new ArrayList<>();
    for (List<CSVRecord> rows : byNumber.values()) {
      CSVRecord first = rows.get(0);
      for (CSVRecord r : rows) {
        for (String column : List.of("vendor", "vendor_gln", "expected_on")) {
          String v = InboundCsv.get(r, column);
          if (v != null && !v.equals(InboundCsv.get(first, column))) {
            throw Problem.badRequest(
                "inconsistent-purchase-order",
                InboundCsv.at(r, column),
                "purchase order "
                    + InboundCsv.get(first, "number")
                    + " has "
                    + column
                    + " '"
                    + InboundCsv.get(first, column)
                    + "' in row "
                    + InboundCsv.row(first)
                    + ", '"
                    + v
                    + "' here");
          }
        }
      }
      Where where =
          new Where() {
            public String header(String field) {
              return InboundCsv.at(first, column(field));
            }

            public String line(int index, String field) {
              return InboundCsv.at(rows.get(index), field);
            }
          };
      List<NewLine> lines = new ArrayList<>(rows.size());
      for (CSVRecord r : rows) {
        lines.add(
            new NewLine(
                InboundCsv.get(r, "sku"),
                InboundCsv.get(r, "gtin"),
                InboundCsv.integer(r, "quantity")));
      }
      NewPurchaseOrder order =
          new NewPurchaseOrder(
              InboundCsv.get(first, "number"),
              InboundCsv.get(first, "vendor"),
              InboundCsv.get(first, "vendor_gln"),
              InboundCsv.date(first, "expected_on"),
              lines);
      orders.add(validate(tenantId, order, where, products));
      wheres.add(where);
    }
    for (int i = 0; i < orders.size(); i++) {
      insert(tenantId, orders.get(i), wheres.get(i));
    }
    return new Imported(orders.size(), orders.stream().map(Valid::number).toList());
  }

  private static String column(String field) {
    return switch (field) {
      case "vendorGln" -> "vendor_gln";
      case "expectedOn" -> "expected_on";
      default -> field;
    };
  }

  /** An order that passed every check, its lines resolved to products. */
  private record Valid(
      String number,
      String vendor,
      String vendorGln,
      LocalDate expectedOn,
      List<Product> products,
      List<Integer> quantities) {}

  private Valid validate(
      long tenantId, NewPurchaseOrder o, Where where, Map<String, Product> products) {
    if (o == null) {
      throw Problem.badRequest("invalid-field", null, "a purchase order is required");
    }
    String number = o.number() == null ? null : o.number().strip();
    if (number == null || !number.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,59}")) {
      throw Problem.badRequest(
          "invalid-field",
          where.header("number"),
          "a purchase order number is 1-60 letters, digits or . _ -");
    }
    if (o.vendor() == null || o.vendor().isBlank() || o.vendor().strip().length() > 200) {
      throw Problem.badRequest(
          "invalid-field",
          where.header("vendor"),
          "a purchase order names its vendor (1-200 characters)");
    }
    Text.line(where.header("vendor"), o.vendor().strip(), 200);
    String gln = o.vendorGln() == null || o.vendorGln().isBlank() ? null : o.vendorGln().strip();
    if (gln != null) {
      try {
        new Gln(gln);
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-gln", where.header("vendorGln"), e.getMessage());
      }
    }
    if (o.lines() == null || o.lines().isEmpty()) {
      throw Problem.badRequest(
          "invalid-field", where.header("lines"), "a purchase order has at least one line");
    }
    Text.noNulls(where.header("lines"), o.lines());
    List<Product> resolved = new ArrayList<>(o.lines().size());
    List<Integer> quantities = new ArrayList<>(o.lines().size());
    for (int i = 0; i < o.lines().size(); i++) {
      NewLine l = o.lines().get(i);
      if (l == null) {
        throw Problem.badRequest("invalid-field", "lines[" + i + "]", "a line is empty");
      }
      resolved.add(product(tenantId, l, i, where, products));
      if (l.quantity() == null || l.quantity() < 1) {
        throw Problem.badRequest(
            "invalid-field", where.line(i, "quantity"), "a line orders a quantity of at least 1");
      }
      quantities.add(l.quantity());
    }
    return new Valid(number, o.vendor().strip(), gln, o.expectedOn(), resolved, quantities);
  }

  /** The product a line names by SKU or by any of its GTINs; both may be given if they agree. */
  private Product product(
      long tenantId, NewLine l, int i, Where where, Map<String, Product> cache) {
    String sku = l.sku() == null || l.sku().isBlank() ? null : l.sku().strip();
    String gtinText = l.gtin() == null || l.gtin().isBlank() ? null : l.gtin().strip();
    if (sku == null && gtinText == null) {
      throw Problem.badRequest(
          "invalid-field", where.line(i, "sku"), "a line names its product by sku or gtin");
    }
    Product bySku = null;
    if (sku != null) {
      bySku = cache.computeIfAbsent("sku:" + sku, k -> catalog.bySku(tenantId, sku).orElse(null));
      if (bySku == null) {
        throw Problem.unprocessable(
            "unknown-sku", where.line(i, "sku"), "no product has SKU " + sku);
      }
    }
    if (gtinText == null) {
      return bySku;
    }
    Gtin gtin;
    try {
      gtin = Gtin.parse(gtinText);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-gtin", where.line(i, "gtin"), e.getMessage());
    }
    Product byGtin =
        cache.computeIfAbsent(
            "gtin:" + gtin.value(), k -> catalog.byGtin(tenantId, gtin).orElse(null));
    if (byGtin == null) {
      throw Problem.unprocessable(
          "unknown-gtin", where.line(i, "gtin"), "no product has GTIN " + gtin);
    }
    if (bySku != null && bySku.id() != byGtin.id()) {
      throw Problem.badRequest(
          "invalid-field", where.line(i, "gtin"), "GTIN " + gtin + " is not one of " + sku + "'s");
    }
    return byGtin;
  }

  private void insert(long tenantId, Valid o, Where where) {
    long poId;
    try {
      poId =
          db.sql(
                  """
              INSERT INTO purchase_order (tenant_id, number, vendor, vendor_gln, expected_on, status, created_at)
              VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
              .params(
                  tenantId,
                  o.number(),
                  o.vendor(),
                  o.vendorGln(),
                  Times.iso(o.expectedOn()),
                  OPEN,
                  clock.millis())
              .query(Long.class)
              .single();
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        throw Problem.conflict(
            "duplicate-purchase-order",
            where.header("number"),
            "purchase order " + o.number() + " exists");
      }
      throw e;
    }
    List<Object[]> rows = new ArrayList<>(o.products().size());
    for (int i = 0; i < o.products().size(); i++) {
      rows.add(
          new Object[] {tenantId, poId, i + 1, o.products().get(i).id(), o.quantities().get(i)});
    }
    MultiRowInsert.insert(
        db,
        "po_line",
        List.of("tenant_id", "po_id", "line_no", "product_id", "quantity"),
        rows,
        null);
  }

  public Optional<PurchaseOrderView> view(long tenantId, String number) {
    return db.sql(
            "SELECT id, number, vendor, vendor_gln, expected_on, status, created_at FROM purchase_order WHERE tenant_id = ? AND number = ?")
        .params(tenantId, number)
        .query(
            (rs, n) ->
                Map.entry(
                    rs.getLong(1),
                    new PurchaseOrderView(
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        Times.date(rs.getString(5)),
                        rs.getString(6),
                        Instant.ofEpochMilli(rs.getLong(7)),
                        List.of())))
        .optional()
        .map(
            e -> {
              PurchaseOrderView h = e.getValue();
              return new PurchaseOrderView(
                  h.number(),
                  h.vendor(),
                  h.vendorGln(),
                  h.expectedOn(),
                  h.status(),
                  h.createdAt(),
                  lineViews(tenantId, e.getKey()));
            });
  }

  private List<LineView> lineViews(long tenantId, long poId) {
    record Row(int lineNo, long productId, int quantity) {}
    List<Row> rows =
        db.sql(
                """
            SELECT line_no, product_id, quantity
            FROM po_line WHERE tenant_id = ? AND po_id = ? ORDER BY line_no""")
            .params(tenantId, poId)
            .query((rs, n) -> new Row(rs.getInt(1), rs.getLong(2), rs.getInt(3)))
            .list();
    // SKUs and GTINs of every line's product from the catalog in one call for the whole order.
    Map<ProductId, Product> products =
        catalog.products(tenantId, rows.stream().map(r -> new ProductId(r.productId())).toList());
    Map<Long, Integer> received =
        new HashMap<>(
            db
                .sql(
                    """
            SELECT t.product_id, SUM(t.counted) FROM receipt_tally t JOIN receipt r ON r.id = t.receipt_id
            WHERE r.tenant_id = ? AND r.po_id = ? GROUP BY t.product_id""")
                .params(tenantId, poId)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getInt(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    List<LineView> views = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Product product = products.get(new ProductId(r.productId()));
      if (product == null) {
        continue;
      }
      int left = received.getOrDefault(r.productId(), 0);
      int here = Math.max(0, Math.min(r.quantity(), left));
      received.put(r.productId(), left - here);
      views.add(
          new LineView(
              r.lineNo(),
              product.sku(),
              product.gtins().stream().map(Gtin::value).sorted().toList(),
              r.quantity(),
              here));
    }
    return views;
  }

  /**
   * The progress of the orders numbered, in one statement: per order and product, what its receipts
   * counted, capped at what its lines order (the sum of {@link LineView#received} over the lines).
   */
  public Map<String, Progress> progress(long tenantId, List<String> numbers) {
    if (numbers.isEmpty()) {
      return Map.of();
    }
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      params.addAll(InList.concat(tenantId, numbers));
    }
    String orders =
        "SELECT id FROM purchase_order WHERE tenant_id = ? AND number IN ("
            + InList.marks(numbers.size())
            + ")";
    return db
        .sql(
            """
            SELECT o.number,
                   SUM(CASE WHEN COALESCE(t.counted, 0) < l.ordered THEN COALESCE(t.counted, 0)
                            ELSE l.ordered END),
                   SUM(l.ordered)
            FROM purchase_order o
            JOIN (SELECT po_id, product_id, SUM(quantity) AS ordered FROM po_line
                  WHERE po_id IN (%s) GROUP BY po_id, product_id) l ON l.po_id = o.id
            LEFT JOIN (SELECT r.po_id, t.product_id, SUM(t.counted) AS counted
                       FROM receipt_tally t JOIN receipt r ON r.id = t.receipt_id
                       WHERE r.po_id IN (%s)
                       GROUP BY r.po_id, t.product_id) t
              ON t.po_id = l.po_id AND t.product_id = l.product_id
            WHERE o.id IN (%s)
            GROUP BY o.number"""
                .formatted(orders, orders, orders))
        .params(params)
        .query((rs, n) -> Map.entry(rs.getString(1), new Progress(rs.getInt(2), rs.getInt(3))))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  public CursorPage<PurchaseOrderSummary> list(long tenantId, String cursor, int limit) {
    List<Map.Entry<Long, PurchaseOrderSummary>> rows =
        db.sql(
                """
            SELECT o.id, o.number, o.vendor, o.vendor_gln, o.expected_on, o.status, o.created_at,
                   (SELECT count(*) FROM po_line l WHERE l.tenant_id = o.tenant_id AND l.po_id = o.id)
            FROM purchase_order o WHERE o.tenant_id = ? AND o.id > ? ORDER BY o.id LIMIT ?""")
            .params(tenantId, CursorPage.decode(cursor), limit + 1)
            .query(
                (rs, n) ->
                    Map.entry(
                        rs.getLong(1),
                        new PurchaseOrderSummary(
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            Times.date(rs.getString(5)),
                            rs.getString(6),
                            Instant.ofEpochMilli(rs.getLong(7)),
                            rs.getInt(8))))
            .list();
    return CursorPage.of(rows, limit, Map.Entry::getKey).map(Map.Entry::getValue);
  }
}
