package io.unitrace.inbound;

import io.unitrace.catalog.CatalogInput;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.TrackingRule;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.shared.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What one request adds to an ASN — containers and items — checked entirely in memory before
 * anything is written, so that a 100,000-row file costs one product look-up per GTIN and a few
 * multi-row inserts, and a refusal writes nothing.
 *
 * <p>Containers form a tree by {@code parent}: a parent must be declared in the same ASN (in this
 * request or before it), and no container may be its own ancestor. An item travels in its innermost
 * container ({@code sscc}), which must be declared too. An item of a serialized product is one unit
 * with a serial (in the product's format, once per ASN); a lot or untracked item is a quantity of
 * at least one and has no serial. A lot-tracked product's item names its lot, an expiry-tracked one
 * its expiry, and one lot has one expiry throughout the ASN.
 *
 * <p>Every refusal names where it happened through a {@code field} function: a JSON path ({@code
 * items[7].serial}) or a CSV row and column ({@code row 9: serial}).
 */
final class AsnContents {

  static final Set<String> KINDS = Set.of("PALLET", "CASE", "TOTE", "BOX");

  /** A container already on the ASN before this request. */
  record Known(String sscc, String parent, String kind) {}

  record NewContainer(String sscc, String parent, String kind) {}

  record NewItem(
      long productId,
      String gtin,
      String serial,
      String lot,
      String expiry,
      String manufactured,
      String sscc,
      int quantity,
      String vendorLot) {}

  private static final class Node {
    final String sscc;
    String parent;
    String kind;
    final boolean known;
    boolean hasItems;
    boolean isParent;

    /** Where the parent was named, for a refusal about it. */
    String parentField;

    /** When the parent was named (in request order): the latest one closes a cycle. */
    int parentOrder;

    Node(String sscc, String parent, String kind, boolean known) {
      this.sscc = sscc;
      this.parent = parent;
      this.kind = kind;
      this.known = known;
    }
  }

  private final Function<Gtin, Optional<Product>> catalog;
  private final Set<SerialOf> knownSerials;
  private final Map<String, Node> containers = new LinkedHashMap<>();
  private final Map<String, Gtin> gtins = new HashMap<>();
  private final Map<String, Product> products = new HashMap<>();
  private final Set<ScopedSerial> serials = new HashSet<>();
  private final Map<ProductLot, String> lotExpiry = new HashMap<>();
  private final List<NewItem> items = new ArrayList<>();
  private int parentsNamed;

  /**
   * @param known the ASN's containers so far
   * @param knownSerials the serials the ASN already announces
   * @param catalog the tenant's product of a GTIN
   */
  AsnContents(
      List<Known> known, Set<SerialOf> knownSerials, Function<Gtin, Optional<Product>> catalog) {
    for (Known k : known) {
      containers.put(k.sscc(), new Node(k.sscc(), k.parent(), k.kind(), true));
    }
    this.knownSerials = knownSerials;
    this.catalog = catalog;
  }

  /**
   * Declares a container (JSON): it must be new to the ASN. Parents are checked in {@link
   * #finish()}.
   */
  void declare(String ssccText, String parentText, String kindText, UnaryOperator<String> field) {
    String sscc = sscc(ssccText, field.apply("sscc"));
    if (containers.containsKey(sscc)) {
      Node n = containers.get(sscc);
      throw n.known
          ? Problem.conflict(
              "duplicate-container",
              field.apply("sscc"),
              "SSCC " + sscc + " is already on this ASN")
          : Problem.badRequest(
              "duplicate-in-request",
              field.apply("sscc"),
              "SSCC " + sscc + " appears twice in this request");
    }
    String kind = kind(kindText, field.apply("kind"));
    String parent =
        parentText == null || parentText.isBlank() ? null : sscc(parentText, field.apply("parent"));
    Node n = new Node(sscc, parent, kind, false);
    n.parentField = field.apply("parent");
    n.parentOrder = ++parentsNamed;
    containers.put(sscc, n);
  }

  /**
   * A container as a CSV row mentions it: created on first mention, and a later mention may not
   * give it another parent.
   */
  void mention(String ssccText, String parentText, UnaryOperator<String> field) {
    String parent = parentText == null ? null : sscc(parentText, field.apply("parent_sscc"));
    if (ssccText == null) {
      if (parent != null) {
        throw Problem.badRequest(
            "invalid-field",
            field.apply("sscc"),
            "a parent_sscc is the pallet of the case in column sscc: name the case");
      }
      return;
    }
    Node n = containers.get(ssccText);
    if (n == null) {
      String sscc = sscc(ssccText, field.apply("sscc"));
      n = new Node(sscc, parent, null, false);
      n.parentField = field.apply("parent_sscc");
      n.parentOrder = ++parentsNamed;
      containers.put(sscc, n);
    } else if (parent != null && !parent.equals(n.parent)) {
      if (n.parent != null || n.known) {
        throw Problem.unprocessable(
            "container-conflict",
            field.apply("parent_sscc"),
            "SSCC "
                + n.sscc
                + " is on "
                + (n.parent == null ? "no pallet" : n.parent)
                + " in this ASN, not on "
                + parent);
      }
      n.parent = parent;
      n.parentField = field.apply("parent_sscc");
      n.parentOrder = ++parentsNamed;
    }
    if (parent != null && !containers.containsKey(parent)) {
      Node p = new Node(parent, null, null, false);
      p.parentField = field.apply("parent_sscc");
      containers.put(parent, p);
    }
  }

  /** One announced item; {@code sscc} must be declared (JSON) or mentioned (CSV) before. */
  void item(
      String gtinText,
      String serialText,
      String lotText,
      LocalDate expiry,
      LocalDate manufactured,
      String ssccText,
      Integer quantity,
      String vendorLotText,
      UnaryOperator<String> field) {
    if (gtinText == null || gtinText.isBlank()) {
      throw Problem.badRequest(
          "invalid-field", field.apply("gtin"), "an item names its GTIN (or is a GS1 scan)");
    }
    Gtin gtin = gtins.get(gtinText);
    if (gtin == null) {
      try {
        gtin = Gtin.parse(gtinText);
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-gtin", field.apply("gtin"), e.getMessage());
      }
      gtins.put(gtinText, gtin);
    }
    Gtin g = gtin;
    Product product = products.computeIfAbsent(g.value(), k -> catalog.apply(g).orElse(null));
    if (product == null) {
      throw Problem.unprocessable(
          "unknown-gtin", field.apply("gtin"), "no product of this client has GTIN " + g);
    }
    String serial = blankToNull(serialText);
    // The catalog's tracking rules, refused in their order: serial, lot, expiry.
    refuseBroken(product.serialRule(serial != null), field.apply("serial"), product);
    int units;
    if (product.tracking().serialized()) {
      serial = CatalogInput.serial(field.apply("serial"), serial).value();
      if (!product.acceptsSerial(serial)) {
        throw Problem.badRequest(
            "serial-format",
            field.apply("serial"),
            "serial "
                + serial
                + " does not match the pattern of "
                + product.sku()
                + ": "
                + product.serialPattern());
      }
      if (quantity != null && quantity != 1) {
        throw Problem.badRequest(
            "invalid-field",
            field.apply("quantity"),
            "an item of serialized " + product.sku() + " is one unit");
      }
      if (!serials.add(new ScopedSerial(product.serialScopeKey(g), serial))) {
        throw Problem.badRequest(
            "duplicate-in-request",
            field.apply("serial"),
            "serial " + serial + " of " + g + " appears twice in this request");
      }
      if (knownSerials.contains(new SerialOf(g.value(), serial))) {
        throw Problem.conflict(
            "duplicate-in-asn",
            field.apply("serial"),
            "serial " + serial + " of " + g + " is already on this ASN");
      }
      units = 1;
    } else {
      if (quantity == null || quantity < 1) {
        throw Problem.badRequest(
            "invalid-field",
            field.apply("quantity"),
            "an item of " + product.sku() + " is a quantity of at least 1");
      }
      units = quantity;
    }
    String lot = blankToNull(lotText);
    refuseBroken(product.lotRule(lot != null), field.apply("lot"), product);
    if (lot != null) {
      lot = CatalogInput.lot(field.apply("lot"), lot).value();
    }
    refuseBroken(product.expiryRule(expiry != null), field.apply("expiry"), product);
    if (expiry != null && manufactured != null && expiry.isBefore(manufactured)) {
      throw Problem.badRequest(
          "invalid-field",
          field.apply("expiry"),
          "an item cannot expire (" + expiry + ") before it was made (" + manufactured + ")");
    }
    String expiryIso = expiry == null ? null : expiry.toString();
    if (lot != null && expiryIso != null) {
      String before = lotExpiry.putIfAbsent(new ProductLot(product.id(), lot), expiryIso);
      if (before != null && !before.equals(expiryIso)) {
        throw Problem.unprocessable(
            "lot-expiry-mismatch",
            field.apply("expiry"),
            "lot "
                + lot
                + " of "
                + product.sku()
                + " expires on "
                + before
                + " elsewhere in this ASN, not "
                + expiryIso);
      }
    }
    String vendorLot = blankToNull(vendorLotText);
    if (vendorLot != null) {
      vendorLot = CatalogInput.lot(field.apply("vendorLot"), vendorLot).value();
    }
    String sscc = blankToNull(ssccText);
    if (sscc != null) {
      Node n = containers.get(sscc);
      if (n == null) {
        sscc(sscc, field.apply("sscc"));
        throw Problem.badRequest(
            "undeclared-container",
            field.apply("sscc"),
            "SSCC " + sscc + " is not declared in this ASN's containers");
      }
      n.hasItems = true;
    }
    items.add(
        new NewItem(
            product.id(),
            g.value(),
            serial,
            lot,
            expiryIso,
            manufactured == null ? null : manufactured.toString(),
            sscc,
            units,
            vendorLot));
  }

  /**
   * Checks the container tree and settles the kinds of new containers; returns the new ones in
   * order of first mention.
   */
  List<NewContainer> finish() {
    for (Node n : containers.values()) {
      if (n.parent != null) {
        Node p = containers.get(n.parent);
        if (p == null) {
          throw Problem.badRequest(
              "undeclared-container",
              n.parentField,
              "parent SSCC " + n.parent + " is not declared in this ASN");
        }
        p.isParent = true;
      }
    }
    Set<String> acyclic = new HashSet<>();
    for (Node n : containers.values()) {
      Set<String> path = new HashSet<>();
      for (Node at = n;
          at != null && !acyclic.contains(at.sscc);
          at = at.parent == null ? null : containers.get(at.parent)) {
        if (!path.add(at.sscc)) {
          throw cycleThrough(at);
        }
      }
      acyclic.addAll(path);
    }
    List<NewContainer> created = new ArrayList<>();
    for (Node n : containers.values()) {
      if (!n.known) {
        // Undeclared kinds: a case sits in something or holds items; a container only holding
        // others is a pallet.
        String kind =
            n.kind != null
                ? n.kind
                : n.parent != null || n.hasItems || !n.isParent ? "CASE" : "PALLET";
        created.add(new NewContainer(n.sscc, n.parent, kind));
      }
    }
    return created;
  }

  /**
   * The refusal of a cycle through {@code start}, naming the parent that closed it: the last one
   * this request named.
   */
  private Problem cycleThrough(Node start) {
    Node blame = null;
    Node at = start;
    do {
      if (!at.known && (blame == null || at.parentOrder > blame.parentOrder)) {
        blame = at;
      }
      at = containers.get(at.parent);
    } while (at != start);
    return Problem.badRequest(
        "container-cycle",
        blame.parentField,
        "SSCC " + blame.sscc + " would contain itself through its parents");
  }

  List<NewItem> items() {
    return items;
  }

  private static String sscc(String text, String field) {
    try {
      return new Sscc(text.strip()).value();
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-sscc", field, e.getMessage());
    }
  }

  private static String kind(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String k = text.strip().toUpperCase();
    if (!KINDS.contains(k)) {
      throw Problem.badRequest("invalid-field", field, "kind is one of " + KINDS);
    }
    return k;
  }

  /** Runs a typed identifier's check and moves its refusal to {@code field}. */
  private static String located(String field, String value, UnaryOperator<String> check) {
    try {
      return check.apply(value);
    } catch (Problem p) {
      throw p.at(field);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** An item breaking one of its product's tracking rules is refused, naming the rule and field. */
  private static void refuseBroken(Optional<TrackingRule> broken, String field, Product product) {
    if (broken.isPresent()) {
      throw Problem.badRequest(broken.get().code(), field, broken.get().message(product));
    }
  }
}
