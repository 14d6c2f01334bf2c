package io.unitrace.catalog;

import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationType;
import io.unitrace.gs1.Gtin;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Database;
import io.unitrace.shared.InList;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Rows;
import io.unitrace.shared.Text;
import io.unitrace.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Products and lots of one tenant. Every method takes the tenant; nothing crosses tenants. */
@Service
public class Catalog {

  /**
   * What a client sends to create or replace a product. {@code fixedBin} is a location code (the
   * label on the bin), {@code minShelfLifeDays} the least remaining shelf life on arrival, in days.
   */
  public record ProductSpec(
      String sku,
      String name,
      List<String> gtins,
      Tracking tracking,
      Boolean expiryTracked,
      Integer shelfLifeDays,
      Integer warrantyMonths,
      SerialScope serialScope,
      String manufacturer,
      String serialPattern,
      List<CustomField> customFields,
      String fixedBin,
      Integer minShelfLifeDays,
      Boolean regulated) {}

  private static final TypeReference<List<CustomField>> FIELDS = new TypeReference<>() {};

  private final JdbcClient db;
  private final ObjectMapper json;
  private final Clock clock;
  private final Facility facility;
  private final ProductsInUse inUse;

  Catalog(JdbcClient db, ObjectMapper json, Clock clock, Facility facility, ProductsInUse inUse) {
    this.inUse = inUse;
    this.db = db;
    this.json = json;
    this.clock = clock;
    this.facility = facility;
  }

  @Transactional
  public Product create(long tenantId, ProductSpec spec) {
    ProductSpec s = validate(spec, "");
    long now = clock.millis();
    long id;
    try {
      id =
          db.sql(
                  """
              INSERT INTO product (tenant_id, sku, name, tracking, expiry_tracked, shelf_life_days, warranty_months,
                                   serial_scope, manufacturer, serial_pattern, custom_fields, fixed_bin_id, min_shelf_life_days,
                                   regulated, created_at, updated_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
              .params(
                  tenantId,
                  s.sku(),
                  s.name(),
                  s.tracking().name(),
                  s.expiryTracked() ? 1 : 0,
                  s.shelfLifeDays(),
                  s.warrantyMonths(),
                  s.serialScope().name(),
                  s.manufacturer(),
                  s.serialPattern(),
                  json.writeValueAsString(s.customFields()),
                  fixedBinId(s.fixedBin(), ""),
                  s.minShelfLifeDays(),
                  Boolean.TRUE.equals(s.regulated()) ? 1 : 0,
                  now,
                  now)
              .query(Long.class)
              .single();
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        throw Problem.conflict("duplicate-sku", "sku", "a product with SKU " + s.sku() + " exists");
      }
      throw e;
    }
    addGtins(tenantId, id, s.gtins(), "gtins");
    return byId(tenantId, id).orElseThrow();
  }

  @Transactional
  public Product replace(long tenantId, String sku, ProductSpec spec) {
    Product existing = bySku(tenantId, sku).orElseThrow(() -> unknownSku(sku));
    ProductSpec s = validate(spec, "");
    if (!s.sku().equals(sku)) {
      throw Problem.badRequest(
          "invalid-field",
          "sku",
          "the SKU of a product cannot change (" + sku + " → " + s.sku() + ")");
    }
    boolean hasUnits = inUse.hasUnits(existing.id());
    if (hasUnits
        && (s.tracking() != existing.tracking()
            || s.serialScope() != existing.serialScope()
            || !Objects.equals(s.manufacturer(), existing.manufacturer()))) {
      throw Problem.conflict(
          "product-in-use",
          "tracking",
          "tracking, serial scope and manufacturer of "
              + sku
              + " cannot change once units of it exist");
    }
    db.sql(
            """
            UPDATE product SET name = ?, tracking = ?, expiry_tracked = ?, shelf_life_days = ?, warranty_months = ?,
                   serial_scope = ?, manufacturer = ?, serial_pattern = ?, custom_fields = ?, fixed_bin_id = ?,
                   min_shelf_life_days = ?, regulated = ?, updated_at = ?
            WHERE id = ? AND tenant_id = ?""")
        .params(
            s.name(),
            s.tracking().name(),
            s.expiryTracked() ? 1 : 0,
            s.shelfLifeDays(),
            s.warrantyMonths(),
            s.serialScope().name(),
            s.manufacturer(),
            s.serialPattern(),
            json.writeValueAsString(s.customFields()),
            fixedBinId(s.fixedBin(), ""),
            s.minShelfLifeDays(),
            Boolean.TRUE.equals(s.regulated()) ? 1 : 0,
            clock.millis(),
            existing.id(),
            tenantId)
        .update();
    List<String> wanted = s.gtins();
    List<String> current = existing.gtins().stream().map(Gtin::value).toList();
    List<String> added = wanted.stream().filter(g -> !current.contains(g)).toList();
    for (String removed : current.stream().filter(g -> !wanted.contains(g)).toList()) {
      if (hasUnits && inUse.hasUnitsWithGtin(tenantId, new Gtin(removed))) {
        throw Problem.conflict(
            "gtin-in-use",
            "gtins",
            "GTIN " + removed + " has units; it cannot be removed from " + sku);
      }
      db.sql("DELETE FROM product_gtin WHERE tenant_id = ? AND gtin = ?")
          .params(tenantId, removed)
          .update();
    }
    addGtins(tenantId, existing.id(), added, "gtins");
    return byId(tenantId, existing.id()).orElseThrow();
  }

  private void addGtins(long tenantId, long productId, List<String> gtins, String field) {
    for (String g : gtins) {
      int n =
          db.sql(
                  "INSERT INTO product_gtin (tenant_id, gtin, product_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
              .params(tenantId, g, productId)
              .update();
      if (n == 0) {
        throw Problem.conflict(
            "duplicate-gtin", field, "GTIN " + g + " already belongs to another product");
      }
    }
  }

  /** Checks and normalises a spec; {@code prefix} locates fields (e.g. "row 7: ") in messages. */
  ProductSpec validate(ProductSpec s, String prefix) {
    if (s == null) {
      throw Problem.badRequest("invalid-field", null, "a product is required");
    }
    Text.line(prefix + "sku", s.sku(), 60);
    Text.line(prefix + "name", s.name(), 200);
    Text.line(prefix + "manufacturer", s.manufacturer(), 200);
    Text.line(prefix + "serialPattern", s.serialPattern(), 200);
    Text.line(prefix + "fixedBin", s.fixedBin(), 60);
    Text.noNulls(prefix + "gtins", s.gtins());
    Text.noNulls(prefix + "customFields", s.customFields());
    if (s.sku() == null || !s.sku().strip().matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,59}")) {
      throw Problem.badRequest(
          "invalid-field", prefix + "sku", "a SKU is 1-60 letters, digits or . _ / -");
    }
    if (s.name() == null || s.name().isBlank() || s.name().length() > 200) {
      throw Problem.badRequest(
          "invalid-field", prefix + "name", "a product needs a name of 1-200 characters");
    }
    if (s.tracking() == null) {
      throw Problem.badRequest(
          "invalid-field",
          prefix + "tracking",
          "tracking is one of NONE, LOT, SERIAL, LOT_AND_SERIAL");
    }
    List<String> gtins =
        new ArrayList<>(new LinkedHashSet<>(s.gtins() == null ? List.of() : s.gtins()));
    for (int i = 0; i < gtins.size(); i++) {
      try {
        gtins.set(i, Gtin.parse(gtins.get(i)).value());
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-gtin", prefix + "gtins[" + i + "]", e.getMessage());
      }
    }
    SerialScope scope = s.serialScope() == null ? SerialScope.GTIN : s.serialScope();
    String manufacturer = blankToNull(s.manufacturer());
    if (scope == SerialScope.MANUFACTURER && manufacturer == null) {
      throw Problem.badRequest(
          "invalid-field",
          prefix + "manufacturer",
          "serials unique per manufacturer need the manufacturer named");
    }
    String pattern = blankToNull(s.serialPattern());
    if (pattern != null) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        throw Problem.badRequest(
            "invalid-field",
            prefix + "serialPattern",
            "not a valid regular expression: " + e.getDescription());
      }
    }
    nonNegative(s.shelfLifeDays(), prefix + "shelfLifeDays");
    nonNegative(s.warrantyMonths(), prefix + "warrantyMonths");
    nonNegative(s.minShelfLifeDays(), prefix + "minShelfLifeDays");
    String fixedBin = blankToNull(s.fixedBin());
    fixedBinId(fixedBin, prefix);
    List<CustomField> fields = s.customFields() == null ? List.of() : List.copyOf(s.customFields());
    if (fields.stream().map(CustomField::name).distinct().count() != fields.size()) {
      throw Problem.badRequest(
          "invalid-field", prefix + "customFields", "custom field names must be distinct");
    }
    return new ProductSpec(
        s.sku().strip(),
        s.name().strip(),
        gtins,
        s.tracking(),
        Boolean.TRUE.equals(s.expiryTracked()),
        s.shelfLifeDays(),
        s.warrantyMonths(),
        scope,
        manufacturer,
        pattern,
        fields,
        fixedBin,
        s.minShelfLifeDays(),
        Boolean.TRUE.equals(s.regulated()));
  }

  /**
   * The id of the location a product's fixed bin names, or null for none. Only a STORAGE location
   * will do: putaway sends the product there, and goods put anywhere else are not stored.
   */
  private Long fixedBinId(String code, String prefix) {
    if (code == null) {
      return null;
    }
    Location bin =
        facility
            .byCode(code)
            .orElseThrow(
                () ->
                    Problem.badRequest(
                        "invalid-field", prefix + "fixedBin", "no location with code " + code));
    if (bin.type() != LocationType.STORAGE) {
      throw Problem.badRequest(
          "invalid-field",
          prefix + "fixedBin",
          "the fixed bin must be a STORAGE location; " + code + " is " + bin.type());
    }
    return bin.id();
  }

  /** The code of a product's fixed bin, as clients see it, or null. */
  public String fixedBinCode(Product product) {
    return product.fixedBinId() == null
        ? null
        : facility.byId(product.fixedBinId()).map(Location::code).orElse(null);
  }

  private static void nonNegative(Integer n, String field) {
    if (n != null && n < 0) {
      throw Problem.badRequest("invalid-field", field, field + " must not be negative");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  public Optional<Product> bySku(long tenantId, String sku) {
    return db.sql("SELECT id FROM product WHERE tenant_id = ? AND sku = ?")
        .params(tenantId, sku)
        .query(Long.class)
        .optional()
        .flatMap(id -> byId(tenantId, id));
  }

  /**
   * The product with this GTIN, in one statement (every scan looks its product up): the product row
   * once per GTIN it has, so that its GTINs come along.
   */
  public Optional<Product> byGtin(long tenantId, Gtin gtin) {
    List<Map.Entry<Product, Gtin>> rows =
        db.sql(
                "SELECT "
                    + PRODUCT_COLUMNS
                    + """
            , all_gtins.gtin
            FROM product_gtin g
            JOIN product p ON p.id = g.product_id
            JOIN product_gtin all_gtins ON all_gtins.product_id = p.id
            WHERE g.tenant_id = ? AND g.gtin = ? AND p.tenant_id = ?
            ORDER BY all_gtins.gtin""")
            .params(tenantId, gtin.value(), tenantId)
            .query((rs, n) -> Map.entry(product(rs, List.of()), new Gtin(rs.getString(16))))
            .list();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        withGtins(rows.get(0).getKey(), rows.stream().map(Map.Entry::getValue).toList()));
  }

  /**
   * The SKU of each GTIN of the client's products, in one statement; GTINs unknown are left out.
   */
  public Map<String, String> skusByGtin(long tenantId, Collection<String> gtins) {
    if (gtins.isEmpty()) {
      return Map.of();
    }
    Map<String, String> skus = new HashMap<>();
    db.sql(
            "SELECT g.gtin, p.sku FROM product_gtin g JOIN product p ON p.id = g.product_id"
                + " WHERE g.tenant_id = ? AND g.gtin IN ("
                + InList.marks(gtins.size())
                + ")")
        .params(InList.concat(tenantId, List.copyOf(gtins)))
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
        .list()
        .forEach(e -> skus.put(e.getKey(), e.getValue()));
    return skus;
  }

  private static final String PRODUCT_COLUMNS =
      """
      p.id, p.tenant_id, p.sku, p.name, p.tracking, p.expiry_tracked, p.shelf_life_days, p.warranty_months,
      p.serial_scope, p.manufacturer, p.serial_pattern, p.custom_fields, p.fixed_bin_id, p.min_shelf_life_days, p.regulated""";

  private Product product(ResultSet rs, List<Gtin> gtins) throws SQLException {
    return new Product(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        gtins,
        Tracking.valueOf(rs.getString(5)),
        rs.getInt(6) == 1,
        Rows.intOrNull(rs, 7),
        Rows.intOrNull(rs, 8),
        SerialScope.valueOf(rs.getString(9)),
        rs.getString(10),
        rs.getString(11),
        json.readValue(rs.getString(12), FIELDS),
        Rows.longOrNull(rs, 13),
        Rows.intOrNull(rs, 14),
        rs.getInt(15) == 1);
  }

  private static Product withGtins(Product p, List<Gtin> gtins) {
    return new Product(
        p.id(),
        p.tenantId(),
        p.sku(),
        p.name(),
        gtins,
        p.tracking(),
        p.expiryTracked(),
        p.shelfLifeDays(),
        p.warrantyMonths(),
        p.serialScope(),
        p.manufacturer(),
        p.serialPattern(),
        p.customFields(),
        p.fixedBinId(),
        p.minShelfLifeDays(),
        p.regulated());
  }

  public Optional<Product> byId(long tenantId, long id) {
    List<Product> found = load(tenantId, "p.id = ?", List.of(id), 1);
    return found.stream().findFirst();
  }

  public CursorPage<Product> list(long tenantId, String cursor, int limit) {
    List<Product> rows = load(tenantId, "p.id > ?", List.of(CursorPage.decode(cursor)), limit + 1);
    return CursorPage.of(rows, limit, Product::id);
  }

  /**
   * The products whose SKU or name contains {@code text} (any case), or one of whose GTINs does, a
   * page at a time in id order: one statement per page.
   */
  public CursorPage<Product> search(long tenantId, String text, String cursor, int limit) {
    String like =
        "%"
            + text.strip()
                .toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_")
            + "%";
    List<Product> rows =
        load(
            tenantId,
            "p.id > ? AND (LOWER(p.sku) LIKE ? ESCAPE '\\' OR LOWER(p.name) LIKE ? ESCAPE '\\'"
                + " OR EXISTS (SELECT 1 FROM product_gtin g WHERE g.product_id = p.id"
                + " AND g.gtin LIKE ? ESCAPE '\\'))",
            List.of(CursorPage.decode(cursor), like, like, like),
            limit + 1);
    return CursorPage.of(rows, limit, Product::id);
  }

  private List<Product> load(long tenantId, String where, List<Object> params, int limit) {
    List<Object> all = new ArrayList<>();
    all.add(tenantId);
    all.addAll(params);
    all.add(limit);
    List<Product> products =
        db.sql(
                "SELECT "
                    + PRODUCT_COLUMNS
                    + " FROM product p WHERE p.tenant_id = ? AND "
                    + where
                    + " ORDER BY p.id LIMIT ?")
            .params(all)
            .query((rs, n) -> product(rs, List.of()))
            .list();
    if (products.isEmpty()) {
      return products;
    }
    String ids = products.stream().map(p -> Long.toString(p.id())).collect(Collectors.joining(","));
    Map<Long, List<Gtin>> gtins =
        db
            .sql(
                "SELECT product_id, gtin FROM product_gtin WHERE tenant_id = ? AND product_id IN ("
                    + ids
                    + ") ORDER BY gtin")
            .param(tenantId)
            .query((rs, n) -> Map.entry(rs.getLong(1), new Gtin(rs.getString(2))))
            .list()
            .stream()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    return products.stream().map(p -> withGtins(p, gtins.getOrDefault(p.id(), List.of()))).toList();
  }

  // Lots

  @Transactional
  public Lot createLot(
      long tenantId, String sku, String code, LocalDate manufacturedOn, LocalDate expiresOn) {
    Product p = bySku(tenantId, sku).orElseThrow(() -> unknownSku(sku));
    return lot(
        tenantId,
        p,
        CatalogInput.lot("lot", code == null ? null : code.strip()),
        manufacturedOn,
        expiresOn,
        true);
  }

  /**
   * The lot {@code code} of a product, created on first sight. Dates given must agree with the ones
   * on record: a lot has one expiry, and a scan that says otherwise is refused, not merged.
   */
  @Transactional
  public Lot lot(
      long tenantId, Product product, LotCode code, LocalDate manufacturedOn, LocalDate expiresOn) {
    return lot(tenantId, product, code, manufacturedOn, expiresOn, false);
  }

  private Lot lot(
      long tenantId,
      Product product,
      LotCode code,
      LocalDate manufacturedOn,
      LocalDate expiresOn,
      boolean mustBeNew) {
    Optional<TrackingRule> broken = product.lotRule(true);
    if (broken.isPresent()) {
      throw Problem.unprocessable(broken.get().code(), "lot", broken.get().message(product));
    }
    if (manufacturedOn != null && expiresOn != null && expiresOn.isBefore(manufacturedOn)) {
      throw Problem.badRequest(
          "invalid-field", "expiresOn", "a lot cannot expire before it was made");
    }
    int inserted =
        db.sql(
                """
            INSERT INTO lot (tenant_id, product_id, code, manufactured_on, expires_on, created_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, product_id, code) DO NOTHING""")
            .params(
                tenantId,
                product.id(),
                code.value(),
                Times.iso(manufacturedOn),
                Times.iso(expiresOn),
                clock.millis())
            .update();
    if (inserted == 0 && mustBeNew) {
      throw Problem.conflict(
          "duplicate-lot", "code", "lot " + code + " of " + product.sku() + " exists");
    }
    Lot lot = findLot(tenantId, product.id(), code.value()).orElseThrow();
    if (expiresOn != null && !expiresOn.equals(lot.expiresOn())) {
      throw Problem.unprocessable(
          "lot-expiry-mismatch",
          "expiry",
          "lot "
              + code
              + " of "
              + product.sku()
              + " expires on "
              + lot.expiresOn()
              + ", not "
              + expiresOn);
    }
    if (manufacturedOn != null && !manufacturedOn.equals(lot.manufacturedOn())) {
      throw Problem.unprocessable(
          "lot-date-mismatch",
          "manufacturedOn",
          "lot "
              + code
              + " of "
              + product.sku()
              + " was made on "
              + lot.manufacturedOn()
              + ", not "
              + manufacturedOn);
    }
    return lot;
  }

  public Optional<Lot> findLot(long tenantId, long productId, LotCode code) {
    return findLot(tenantId, productId, code.value());
  }

  /**
   * For a code as typed or scanned, not yet parsed (receiving and putaway look a lot up before the
   * ledger judges its code): text that no lot code can be finds none.
   */
  public Optional<Lot> findLot(long tenantId, long productId, String code) {
    return db.sql(
            "SELECT "
                + LOT_COLUMNS
                + " FROM lot WHERE tenant_id = ? AND product_id = ? AND code = ?")
        .params(tenantId, productId, code)
        .query(Catalog::lot)
        .optional();
  }

  public List<Lot> lots(long tenantId, String sku) {
    Product p = bySku(tenantId, sku).orElseThrow(() -> unknownSku(sku));
    return db.sql(
            "SELECT "
                + LOT_COLUMNS
                + " FROM lot WHERE tenant_id = ? AND product_id = ? ORDER BY code")
        .params(tenantId, p.id())
        .query(Catalog::lot)
        .list();
  }

  static Problem unknownSku(String sku) {
    return Problem.notFound("unknown-sku", "no product with SKU " + sku);
  }

  // Reads for other modules, set-based: a page of ledger rows resolves its products and lots in a
  // statement or two per 500 ids, never one per row.

  /** Every lot of these products, by product, earliest expiry first (lots without one last). */
  public Map<ProductId, List<Lot>> lotsOf(long tenantId, Collection<ProductId> productIds) {
    Map<ProductId, List<Lot>> found = new HashMap<>();
    List<Long> distinct = productIds.stream().map(ProductId::value).distinct().toList();
    for (List<Long> chunk : InList.chunks(distinct, 500)) {
      db.sql(
              "SELECT "
                  + LOT_COLUMNS
                  + " FROM lot WHERE tenant_id = ? AND product_id IN ("
                  + InList.marks(chunk.size())
                  + ") ORDER BY CASE WHEN expires_on IS NULL THEN 1 ELSE 0 END, expires_on, id")
          .params(InList.concat(tenantId, chunk))
          .query(Catalog::lot)
          .list()
          .forEach(
              l ->
                  found
                      .computeIfAbsent(new ProductId(l.productId()), k -> new ArrayList<>())
                      .add(l));
    }
    return found;
  }

  /** The client's products with these ids (absent ones left out), with their GTINs. */
  public Map<ProductId, Product> products(long tenantId, Collection<ProductId> ids) {
    Map<ProductId, Product> found = new HashMap<>();
    List<Long> distinct = ids.stream().map(ProductId::value).distinct().toList();
    for (List<Long> chunk : InList.chunks(distinct, 500)) {
      load(
              tenantId,
              "p.id IN (" + InList.marks(chunk.size()) + ")",
              new ArrayList<>(chunk),
              chunk.size())
          .forEach(p -> found.put(new ProductId(p.id()), p));
    }
    return found;
  }

  /** The client's lots with these ids (absent ones left out). */
  public Map<LotId, Lot> lotsById(long tenantId, Collection<LotId> ids) {
    Map<LotId, Lot> found = new HashMap<>();
    List<Long> distinct = ids.stream().map(LotId::value).distinct().toList();
    for (List<Long> chunk : InList.chunks(distinct, 500)) {
      db.sql(
              "SELECT "
                  + LOT_COLUMNS
                  + " FROM lot WHERE tenant_id = ? AND id IN ("
                  + InList.marks(chunk.size())
                  + ")")
          .params(InList.concat(tenantId, chunk))
          .query(Catalog::lot)
          .list()
          .forEach(l -> found.put(new LotId(l.id()), l));
    }
    return found;
  }

  /** The ids of the client's lots with this code, of any product. */
  public List<Long> lotIds(long tenantId, String code) {
    return db.sql("SELECT id FROM lot WHERE tenant_id = ? AND code = ? ORDER BY id")
        .params(tenantId, code)
        .query(Long.class)
        .list();
  }

  /** The ids of the client's lots that expire before {@code date} (not on it). */
  public List<Long> lotIdsExpiringBefore(long tenantId, LocalDate date) {
    return db.sql("SELECT id FROM lot WHERE tenant_id = ? AND expires_on < ? ORDER BY id")
        .params(tenantId, Times.iso(date))
        .query(Long.class)
        .list();
  }

  /** The client's products with these SKUs (absent ones left out), by SKU, with their GTINs. */
  public Map<String, Product> bySkus(long tenantId, Collection<String> skus) {
    Map<String, Product> found = new HashMap<>();
    for (List<String> chunk : InList.chunks(List.copyOf(new LinkedHashSet<>(skus)), 500)) {
      load(
              tenantId,
              "p.sku IN (" + InList.marks(chunk.size()) + ")",
              new ArrayList<>(chunk),
              chunk.size())
          .forEach(p -> found.put(p.sku(), p));
    }
    return found;
  }

  /**
   * The client's lots of these products with these codes, any pairing of the two (a caller keeps
   * the pairs it means), a statement per 500 products and 500 codes.
   */
  public List<Lot> lots(long tenantId, Collection<ProductId> productIds, Collection<String> codes) {
    List<Lot> found = new ArrayList<>();
    List<Long> distinct = productIds.stream().map(ProductId::value).distinct().toList();
    for (List<Long> products : InList.chunks(distinct, 500)) {
      for (List<String> chunk : InList.chunks(List.copyOf(new LinkedHashSet<>(codes)), 500)) {
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        params.addAll(products);
        params.addAll(chunk);
        db.sql(
                "SELECT "
                    + LOT_COLUMNS
                    + " FROM lot WHERE tenant_id = ? AND product_id IN ("
                    + InList.marks(products.size())
                    + ") AND code IN ("
                    + InList.marks(chunk.size())
                    + ")")
            .params(params)
            .query(Catalog::lot)
            .list()
            .forEach(found::add);
      }
    }
    return found;
  }

  private static final String LOT_COLUMNS = "id, product_id, code, manufactured_on, expires_on";

  private static Lot lot(ResultSet rs, int row) throws SQLException {
    return new Lot(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        Times.date(rs.getString(4)),
        Times.date(rs.getString(5)));
  }
}
