package io.unitrace.inbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.ledger.Scans;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Database;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.shared.Times;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Advance ship notices: created against a purchase order with the containers and items they
 * announce (JSON), appended to by CSV ({@link AsnImport}), read back as a header with counts and a
 * paged item list. Checking is {@link AsnContents}'s; this class reads and writes.
 */
@Service
public class Asns {

  public record NewContainer(String sscc, String parent, String kind) {}

  /**
   * An announced item: its fields, or a GS1 {@code scan} carrying GTIN, serial, lot, expiry and
   * production date.
   */
  public record NewItem(
      String scan,
      String gtin,
      String serial,
      String lot,
      LocalDate expiry,
      LocalDate manufactured,
      String sscc,
      Integer quantity,
      String vendorLot) {}

  public record NewAsn(
      String number,
      String purchaseOrder,
      LocalDate shippedOn,
      List<NewContainer> containers,
      List<NewItem> items) {

    public NewAsn {
      Text.line("number", number, 60);
      Text.line("purchaseOrder", purchaseOrder, 60);
      Text.noNulls("containers", containers);
      Text.noNulls("items", items);
    }
  }

  /** A top-level container and what it holds, at any depth. */
  public record Tree(String sscc, String kind, int containers, int items) {}

  public record ContainerCounts(
      int total, int topLevel, Map<String, Integer> byKind, List<Tree> tree) {}

  public record AsnView(
      String number,
      String purchaseOrder,
      String vendor,
      LocalDate shippedOn,
      Instant createdAt,
      ContainerCounts containers,
      int items,
      long units) {}

  public record ItemView(
      String gtin,
      String sku,
      String serial,
      String lot,
      LocalDate expiry,
      LocalDate manufactured,
      String sscc,
      int quantity,
      String vendorLot) {

    ItemView withSku(String sku) {
      return new ItemView(gtin, sku, serial, lot, expiry, manufactured, sscc, quantity, vendorLot);
    }
  }

  public record Appended(int containers, int items) {}

  static final List<String> ITEM_COLUMNS =
      List.of(
          "tenant_id",
          "asn_id",
          "product_id",
          "gtin",
          "serial",
          "lot",
          "expiry",
          "manufactured",
          "sscc",
          "quantity",
          "vendor_lot");

  private final JdbcClient db;
  private final Catalog catalog;
  private final PurchaseOrders purchaseOrders;
  private final Clock clock;

  Asns(JdbcClient db, Catalog catalog, PurchaseOrders purchaseOrders, Clock clock) {
    this.db = db;
    this.catalog = catalog;
    this.purchaseOrders = purchaseOrders;
    this.clock = clock;
  }

  @Transactional
  public AsnView create(long tenantId, NewAsn a) {
    if (a == null) {
      throw Problem.badRequest("invalid-field", null, "an ASN is required");
    }
    String number = a.number() == null ? null : a.number().strip();
    if (number == null || !number.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,59}")) {
      throw Problem.badRequest(
          "invalid-field", "number", "an ASN number is 1-60 letters, digits or . _ -");
    }
    if (a.purchaseOrder() == null || a.purchaseOrder().isBlank()) {
      throw Problem.badRequest(
          "invalid-field", "purchaseOrder", "an ASN ships against a purchase order: name it");
    }
    PurchaseOrders.PurchaseOrder po =
        purchaseOrders
            .byNumber(tenantId, a.purchaseOrder().strip())
            .orElseThrow(
                () ->
                    Problem.unprocessable(
                        "unknown-purchase-order",
                        "purchaseOrder",
                        "no purchase order " + a.purchaseOrder().strip()));
    AsnContents contents = contents(tenantId, List.of(), Set.of());
    List<NewContainer> containers = a.containers() == null ? List.of() : a.containers();
    for (int i = 0; i < containers.size(); i++) {
      NewContainer c = containers.get(i);
      String at = "containers[" + i + "]";
      if (c == null || c.sscc() == null) {
        throw Problem.badRequest("invalid-field", at + ".sscc", "a container names its SSCC");
      }
      contents.declare(c.sscc(), c.parent(), c.kind(), f -> at + "." + f);
    }
    List<NewItem> items = a.items() == null ? List.of() : a.items();
    for (int i = 0; i < items.size(); i++) {
      NewItem it = items.get(i);
      String at = "items[" + i + "]";
      if (it == null) {
        throw Problem.badRequest("invalid-field", at, "an item is empty");
      }
      if (it.scan() != null) {
        if (it.gtin() != null
            || it.serial() != null
            || it.lot() != null
            || it.expiry() != null
            || it.manufactured() != null) {
          throw Problem.badRequest(
              "invalid-field", at + ".scan", "an item is a scan or its fields, not both");
        }
        Gs1Data d = Scans.parse(it.scan(), at + ".scan");
        // What the scan carried is located at the scan; the container and quantity are still fields
        // of their own.
        UnaryOperator<String> field =
            f -> f.equals("sscc") || f.equals("quantity") ? at + "." + f : at + ".scan";
        contents.item(
            d.gtin().map(g -> g.value()).orElse(null),
            d.serial().orElse(null),
            d.lot().orElse(null),
            d.expiry().orElse(null),
            d.productionDate().orElse(null),
            it.sscc(),
            it.quantity(),
            it.vendorLot(),
            field);
      } else {
        contents.item(
            it.gtin(),
            it.serial(),
            it.lot(),
            it.expiry(),
            it.manufactured(),
            it.sscc(),
            it.quantity(),
            it.vendorLot(),
            f -> at + "." + f);
      }
    }
    List<AsnContents.NewContainer> newContainers = contents.finish();
    long asnId;
    try {
      asnId =
          db.sql(
                  "INSERT INTO asn (tenant_id, po_id, number, shipped_on, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
              .params(tenantId, po.id(), number, Times.iso(a.shippedOn()), clock.millis())
              .query(Long.class)
              .single();
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        throw Problem.conflict("duplicate-asn", "number", "ASN " + number + " exists");
      }
      throw e;
    }
    write(tenantId, asnId, newContainers, contents.items());
    return view(tenantId, number).orElseThrow();
  }

  /**
   * A checker for what a request adds to an ASN that already holds {@code known} containers and
   * serials.
   */
  AsnContents contents(long tenantId, List<AsnContents.Known> known, Set<SerialOf> knownSerials) {
    return new AsnContents(known, knownSerials, gtin -> catalog.byGtin(tenantId, gtin));
  }

  List<AsnContents.Known> knownContainers(long tenantId, long asnId) {
    return db.sql(
            "SELECT sscc, parent_sscc, kind FROM asn_container WHERE tenant_id = ? AND asn_id = ? ORDER BY id")
        .params(tenantId, asnId)
        .query((rs, n) -> new AsnContents.Known(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  Set<SerialOf> knownSerials(long tenantId, long asnId) {
    Set<SerialOf> keys = new HashSet<>();
    db.sql(
            "SELECT gtin, serial FROM asn_item WHERE tenant_id = ? AND asn_id = ? AND serial IS NOT NULL")
        .params(tenantId, asnId)
        .query(
            rs -> {
              keys.add(new SerialOf(rs.getString(1), rs.getString(2)));
            });
    return keys;
  }

  /** Inserts checked contents set-based: a few multi-row statements however many items. */
  void write(
      long tenantId,
      long asnId,
      List<AsnContents.NewContainer> containers,
      List<AsnContents.NewItem> items) {
    List<Object[]> rows = new ArrayList<>(containers.size());
    for (AsnContents.NewContainer c : containers) {
      rows.add(new Object[] {tenantId, asnId, c.sscc(), c.parent(), c.kind()});
    }
    try {
      MultiRowInsert.insert(
          db,
          "asn_container",
          List.of("tenant_id", "asn_id", "sscc", "parent_sscc", "kind"),
          rows,
          null);
      rows = new ArrayList<>(items.size());
      for (AsnContents.NewItem i : items) {
        rows.add(
            new Object[] {
              tenantId,
              asnId,
              i.productId(),
              i.gtin(),
              i.serial(),
              i.lot(),
              i.expiry(),
              i.manufactured(),
              i.sscc(),
              i.quantity(),
              i.vendorLot()
            });
      }
      MultiRowInsert.insert(db, "asn_item", ITEM_COLUMNS, rows, null);
      // Receipts already open for this ASN expect the appended items too.
      int added = items.stream().mapToInt(AsnContents.NewItem::quantity).sum();
      db.sql(
              "UPDATE receipt SET expected = expected + ? WHERE tenant_id = ? AND asn_id = ? AND status = 'OPEN'")
          .params(added, tenantId, asnId)
          .update();
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        // Checked in memory first; only a concurrent change to the same ASN gets here.
        throw Problem.conflict(
            "concurrent-change",
            null,
            "the ASN changed while this request was checked; send it again");
      }
      throw e;
    }
  }

  public Optional<AsnView> view(long tenantId, String number) {
    record Header(
        long id, String number, String po, String vendor, String shippedOn, long createdAt) {}
    Optional<Header> header =
        db.sql(
                """
            SELECT a.id, a.number, p.number, p.vendor, a.shipped_on, a.created_at
            FROM asn a JOIN purchase_order p ON p.id = a.po_id AND p.tenant_id = a.tenant_id
            WHERE a.tenant_id = ? AND a.number = ?""")
            .params(tenantId, number)
            .query(
                (rs, n) ->
                    new Header(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6)))
            .optional();
    return header.map(
        h -> {
          long[] totals =
              db.sql(
                      "SELECT count(*), coalesce(sum(quantity), 0) FROM asn_item WHERE tenant_id = ? AND asn_id = ?")
                  .params(tenantId, h.id())
                  .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                  .single();
          return new AsnView(
              h.number(),
              h.po(),
              h.vendor(),
              Times.date(h.shippedOn()),
              Instant.ofEpochMilli(h.createdAt()),
              counts(tenantId, h.id()),
              (int) totals[0],
              totals[1]);
        });
  }

  /**
   * Rolls the container tree up in memory: an ASN has at most a few thousand containers, and any
   * depth is handled alike.
   */
  private ContainerCounts counts(long tenantId, long asnId) {
    List<AsnContents.Known> all = knownContainers(tenantId, asnId);
    Map<String, Integer> itemsIn = new HashMap<>();
    db.sql(
            "SELECT sscc, count(*) FROM asn_item WHERE tenant_id = ? AND asn_id = ? AND sscc IS NOT NULL GROUP BY sscc")
        .params(tenantId, asnId)
        .query(
            rs -> {
              itemsIn.put(rs.getString(1), rs.getInt(2));
            });
    Map<String, String> parentOf = new HashMap<>();
    Map<String, Integer> byKind = new TreeMap<>();
    for (AsnContents.Known c : all) {
      parentOf.put(c.sscc(), c.parent());
      byKind.merge(c.kind(), 1, Integer::sum);
    }
    Map<String, int[]> roots = new LinkedHashMap<>();
    Map<String, String> kinds = new HashMap<>();
    for (AsnContents.Known c : all) {
      kinds.put(c.sscc(), c.kind());
      if (c.parent() == null) {
        roots.put(c.sscc(), new int[2]);
      }
    }
    for (AsnContents.Known c : all) {
      String root = c.sscc();
      for (int depth = 0; parentOf.get(root) != null && depth < all.size(); depth++) {
        root = parentOf.get(root);
      }
      int[] r = roots.get(root);
      if (r != null) {
        if (!root.equals(c.sscc())) {
          r[0]++;
        }
        r[1] += itemsIn.getOrDefault(c.sscc(), 0);
      }
    }
    List<Tree> tree =
        roots.entrySet().stream()
            .map(e -> new Tree(e.getKey(), kinds.get(e.getKey()), e.getValue()[0], e.getValue()[1]))
            .toList();
    return new ContainerCounts(all.size(), roots.size(), byKind, tree);
  }

  public CursorPage<ItemView> items(
      long tenantId, String number, String sscc, String cursor, int limit) {
    PurchaseOrders.Asn asn =
        purchaseOrders.asnByNumber(tenantId, number).orElseThrow(() -> unknownAsn(number));
    List<Object> params = new ArrayList<>(List.of(tenantId, asn.id(), CursorPage.decode(cursor)));
    String bySscc = "";
    if (sscc != null && !sscc.isBlank()) {
      bySscc = " AND i.sscc = ?";
      params.add(sscc.strip());
    }
    params.add(limit + 1);
    record Row(long id, long productId, ItemView view) {}
    List<Row> rows =
        db.sql(
                """
            SELECT i.id, i.product_id, i.gtin, i.serial, i.lot, i.expiry, i.manufactured, i.sscc, i.quantity, i.vendor_lot
            FROM asn_item i
            WHERE i.tenant_id = ? AND i.asn_id = ? AND i.id > ?"""
                    + bySscc
                    + " ORDER BY i.id LIMIT ?")
            .params(params)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getLong(1),
                        rs.getLong(2),
                        new ItemView(
                            rs.getString(3),
                            null,
                            rs.getString(4),
                            rs.getString(5),
                            Times.date(rs.getString(6)),
                            Times.date(rs.getString(7)),
                            rs.getString(8),
                            rs.getInt(9),
                            rs.getString(10))))
            .list();
    // The page's SKUs from the catalog in one call, not one per item.
    Map<ProductId, Product> products =
        catalog.products(tenantId, rows.stream().map(r -> new ProductId(r.productId())).toList());
    List<Map.Entry<Long, ItemView>> page =
        rows.stream()
            .filter(r -> products.containsKey(new ProductId(r.productId())))
            .map(
                r ->
                    Map.entry(
                        r.id(), r.view().withSku(products.get(new ProductId(r.productId())).sku())))
            .toList();
    return CursorPage.of(page, limit, Map.Entry::getKey).map(Map.Entry::getValue);
  }

  static Problem unknownAsn(String number) {
    return Problem.notFound("unknown-asn", "no ASN " + number);
  }
}
