package io.unitrace.ledger;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.CatalogInput;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Assembly and disassembly over HTTP, and a unit's genealogy. Units are named by {@code gtin} and
 * {@code serial}; counted components by {@code gtin}, {@code lot}, {@code quantity} and the {@code
 * location} they are taken from. Commands take an {@code Idempotency-Key} header.
 */
@RestController
@RequestMapping("/api/v1")
class AssembliesApi {

  private final Assemblies assemblies;
  private final Genealogy genealogy;
  private final Planning planning;
  private final Catalog catalog;
  private final Inventory inventory;

  AssembliesApi(
      Assemblies assemblies,
      Genealogy genealogy,
      Planning planning,
      Catalog catalog,
      Inventory inventory) {
    this.inventory = inventory;
    this.assemblies = assemblies;
    this.genealogy = genealogy;
    this.planning = planning;
    this.catalog = catalog;
  }

  record UnitKey(String gtin, String serial) {}

  record AssemblyBody(
      UnitKey unit,
      List<UnitKey> components,
      List<Assemblies.CountedComponent> stock,
      OffsetDateTime eventTime,
      String device,
      String scan,
      List<RequestMeta.BizTransaction> bizTransactions) {}

  record DisassemblyBody(
      UnitKey unit,
      String location,
      OffsetDateTime eventTime,
      String device,
      String scan,
      List<RequestMeta.BizTransaction> bizTransactions) {}

  /** A component of a unit, or a unit it is built into, as a client sees it. */
  record LinkView(
      String gtin,
      String serial,
      String sku,
      String lot,
      long quantity,
      long assembledEvent,
      Long endedEvent) {}

  record GenealogyView(List<LinkView> components, List<LinkView> builtInto) {}

  /** A unit that contains what was asked about, where it is now. */
  record ContainingUnit(String gtin, String serial, UnitState state) {}

  @Operation(
      summary = "Build units into a unit",
      description =
          "Records components (units or lot quantities) consumed into a parent unit: the genealogy a recall follows.")
  @PostMapping("/assemblies")
  @ResponseStatus(HttpStatus.CREATED)
  EventReceipt assemble(
      TenantScope scope,
      @RequestHeader(name = UnitsApi.KEY, required = false) String key,
      @RequestBody AssemblyBody b) {
    List<UnitRef> components = new ArrayList<>();
    if (b.components() != null) {
      for (int i = 0; i < b.components().size(); i++) {
        components.add(ref(b.components().get(i), "components[" + i + "]"));
      }
    }
    List<Assemblies.CountedComponent> stock = b.stock() == null ? List.of() : b.stock();
    for (int i = 0; i < stock.size(); i++) {
      if (stock.get(i) == null) {
        throw Problem.badRequest("invalid-field", "stock[" + i + "]", "a component is missing");
      }
    }
    return assemblies.assemble(
        scope,
        new Assemblies.Assembly(ref(b.unit(), "unit"), components, stock),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  @Operation(
      summary = "Take units out of a unit",
      description = "Ends the assembly links of components taken back out; they return to stock.")
  @PostMapping("/disassemblies")
  @ResponseStatus(HttpStatus.CREATED)
  EventReceipt disassemble(
      TenantScope scope,
      @RequestHeader(name = UnitsApi.KEY, required = false) String key,
      @RequestBody DisassemblyBody b) {
    return assemblies.disassemble(
        scope,
        ref(b.unit(), "unit"),
        b.location(),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  /**
   * What is built into a unit and what it is built into, with links a disassembly ended (their
   * {@code endedEvent} set).
   */
  @Operation(
      summary = "Get a unit's genealogy",
      description = "What a unit is built from and what it is built into.")
  @GetMapping(UnitsApi.UNIT + "/genealogy")
  GenealogyView genealogy(
      TenantScope scope, @PathVariable String gtin, @PathVariable String serial) {
    long id = planning.load(scope, UnitsApi.ref(gtin, serial)).id();
    List<Genealogy.Link> down = genealogy.components(scope.tenantId(), id, true);
    List<Genealogy.Link> up = genealogy.parents(scope.tenantId(), id, true);
    Map<ProductId, Product> products =
        catalog.products(
            scope.tenantId(), down.stream().map(Genealogy.Link::product).distinct().toList());
    Map<LotId, Lot> lots =
        catalog.lotsById(
            scope.tenantId(),
            down.stream().map(Genealogy.Link::lot).filter(Objects::nonNull).distinct().toList());
    return new GenealogyView(
        down.stream().map(l -> view(l, false, products, lots)).toList(),
        up.stream().map(l -> view(l, true, products, lots)).toList());
  }

  /**
   * Every unit that contains some of a product's lot ({@code lot} left out: any of the product), or
   * the unit {@code gtin} + {@code serial}, through any depth of assemblies.
   */
  @Operation(
      summary = "Find units containing a lot or unit",
      description = "Every unit that contains some of a lot, or a given unit, at any depth.")
  @GetMapping("/genealogy/containing")
  List<ContainingUnit> containing(
      TenantScope scope,
      @RequestParam(required = false) String sku,
      @RequestParam(required = false) String lot,
      @RequestParam(required = false) String gtin,
      @RequestParam(required = false) String serial) {
    Set<Long> ids;
    if (sku != null) {
      Product product =
          catalog
              .bySku(scope.tenantId(), sku)
              .orElseThrow(
                  () -> Problem.unprocessable("unknown-product", "sku", "no product " + sku));
      LotId lotId = null;
      if (lot != null) {
        lotId =
            catalog
                .findLot(scope.tenantId(), product.id(), lot)
                .map(l -> new LotId(l.id()))
                .orElseThrow(
                    () ->
                        Problem.unprocessable(
                            "unknown-lot", "lot", product.sku() + " has no lot " + lot));
      }
      ids = genealogy.containingLot(scope.tenantId(), new ProductId(product.id()), lotId);
    } else if (gtin != null && serial != null) {
      long id = planning.load(scope, UnitsApi.ref(gtin, serial)).id();
      ids = genealogy.containingUnits(scope.tenantId(), List.of(id));
    } else {
      throw Problem.badRequest(
          "invalid-field", "sku", "name a product (sku, and lot if any) or a unit (gtin, serial)");
    }
    return inventory.units(scope.tenantId(), ids).values().stream()
        .sorted(Comparator.comparingLong(Inventory.UnitPosition::id))
        .map(u -> new ContainingUnit(u.gtin().value(), u.serial(), u.state()))
        .toList();
  }

  private static LinkView view(
      Genealogy.Link l, boolean parent, Map<ProductId, Product> products, Map<LotId, Lot> lots) {
    if (parent) {
      return new LinkView(
          l.parentGtin().value(),
          l.parentSerial(),
          null,
          null,
          1,
          l.assembledEvent(),
          l.endedEvent());
    }
    Product product = products.get(l.product());
    Lot lot = l.lot() == null ? null : lots.get(l.lot());
    return new LinkView(
        l.unit() ? l.gtin().value() : null,
        l.serial(),
        product == null ? null : product.sku(),
        lot == null ? null : lot.code(),
        l.quantity(),
        l.assembledEvent(),
        l.endedEvent());
  }

  private static UnitRef ref(UnitKey key, String field) {
    if (key == null || key.gtin() == null || key.serial() == null) {
      throw Problem.badRequest("invalid-field", field, "name the unit by its gtin and serial");
    }
    return new UnitRef(
        Planning.gtin(key.gtin(), field + ".gtin"),
        CatalogInput.serial(field + ".serial", key.serial()));
  }
}
