package io.unitrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.CatalogInput;
import io.unitrace.catalog.CustomField;
import io.unitrace.catalog.Tracking;
import io.unitrace.facility.Facility;
import io.unitrace.facility.LocationType;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.shared.Problem;
import io.unitrace.support.ModuleTest;
import io.unitrace.support.Site;
import io.unitrace.tenancy.Actor;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import io.unitrace.tenancy.Tenants;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ledger on its own (with the catalog, the facility and tenancy it calls), spoken to through
 * its public services. Each test class gets a warehouse of its own; each test a client of its own,
 * so a client's {@link Footprint} is the test's alone.
 *
 * <p>A refusal is a {@link Problem} naming the failure, the offending input and, for a refused
 * transition, the rule; and it writes nothing at all: the client's events, entries, units, field
 * values, lots, containers and stock are exactly as before, and so is the unit's history.
 */
@ModuleTest
abstract class LedgerModuleTest {

  @Autowired Tenants tenants;
  @Autowired Facility facility;
  @Autowired Catalog catalog;
  @Autowired UnitBook book;
  @Autowired StockBook stock;
  @Autowired Containers containers;
  @Autowired Units units;
  @Autowired JdbcClient db;

  String dock;
  String bin1;
  String bin2;

  @BeforeAll
  void buildWarehouse() {
    String wh = Floor.unique("WH");
    facility.createWarehouse(wh, "Warehouse " + wh, null);
    dock = facility.createLocation(wh, null, wh + "-DOCK", null, "AREA", LocationType.DOCK).code();
    String zone =
        facility.createLocation(wh, null, wh + "-Z1", null, "ZONE", LocationType.STORAGE).code();
    bin1 = facility.createLocation(wh, zone, wh + "-B1", null, "BIN", LocationType.STORAGE).code();
    bin2 = facility.createLocation(wh, zone, wh + "-B2", null, "BIN", LocationType.STORAGE).code();
  }

  /** A new client with a serialized product of its own, worked by a supervisor. */
  Client newClient() {
    Tenants.Tenant t = tenants.create(Floor.unique("T"), "Client");
    return new Client(
        new TenantScope(
            t.id(), t.code(), Actor.person(1, "supervisor", Role.SUPERVISOR, Set.of(t.id()))));
  }

  /**
   * Runs a command that must be refused, checks that it wrote nothing (neither in the books nor in
   * the history of {@code serial}, when named) and returns the refusal.
   */
  Problem refused(Client client, String serial, ThrowingCallable command) {
    Footprint before = Footprint.of(db, client.tenant());
    int historyBefore = serial == null ? 0 : client.history(serial);

    Throwable thrown = catchThrowable(command);

    assertThat(thrown).as("the command is refused").isInstanceOf(Problem.class);
    Problem p = (Problem) thrown;
    assertThat(p.getMessage()).as(p.code()).isNotBlank();
    assertThat(Footprint.of(db, client.tenant()))
        .as("nothing was written by " + p.code())
        .isEqualTo(before);
    if (serial != null) {
      assertThat(client.history(serial)).as("history of " + serial).isEqualTo(historyBefore);
    }
    return p;
  }

  Problem refused(Client client, ThrowingCallable command) {
    return refused(client, null, command);
  }

  static void assertProblem(Problem p, int status, String code, String field) {
    assertThat(p.code()).as(p.getMessage()).isEqualTo(code);
    assertThat(p.status()).as(p.getMessage()).isEqualTo(status);
    assertThat(p.field()).as(p.getMessage()).isEqualTo(field);
  }

  static void assertIllegal(Problem p, String rule) {
    assertThat(p.code()).as(p.getMessage()).isEqualTo("illegal-transition");
    assertThat(p.status()).as(p.getMessage()).isEqualTo(409);
    assertThat(p.extras()).as(p.getMessage()).containsEntry("rule", rule);
  }

  static RequestMeta meta() {
    return RequestMeta.of(null);
  }

  /** One test's client: its scope, and a serialized product with an optional, unique IMEI. */
  final class Client {

    final TenantScope scope;
    final String gtin;

    Client(TenantScope scope) {
      this.scope = scope;
      this.gtin =
          product(
              Tracking.SERIAL,
              false,
              null,
              List.of(new CustomField("IMEI", CustomField.Type.TEXT, false, true)));
    }

    String tenant() {
      return scope.tenantCode();
    }

    /** A product of this client; returns its GTIN. */
    String product(
        Tracking tracking, boolean expiryTracked, String serialPattern, List<CustomField> fields) {
      String gtin = Site.randomGtin();
      catalog.create(
          scope.tenantId(),
          new Catalog.ProductSpec(
              Floor.unique("SKU"),
              "Product",
              List.of(gtin),
              tracking,
              expiryTracked,
              null,
              null,
              null,
              null,
              serialPattern,
              fields,
              null,
              null,
              null));
      return gtin;
    }

    /** A product tracked by lot and serial whose lots carry an expiry date. */
    String medicine() {
      return product(Tracking.LOT_AND_SERIAL, true, null, List.of());
    }

    /** A serialized product whose units must carry an IMEI and may carry a firmware version. */
    String handset() {
      return product(
          Tracking.SERIAL,
          false,
          null,
          List.of(
              new CustomField("IMEI", CustomField.Type.TEXT, true, true),
              new CustomField("firmware", CustomField.Type.TEXT, false, false)));
    }

    UnitRef ref(String serial) {
      return new UnitRef(new Gtin(gtin), CatalogInput.serial("serial", serial));
    }

    List<UnitRef> refs(String... serials) {
      return List.of(serials).stream().map(this::ref).toList();
    }

    UnitBook.NewUnit unit(String serial) {
      return new UnitBook.NewUnit(gtin, serial, null, null, null, null);
    }

    /** Registers units of this client's product at {@code location}. */
    void register(String location, String... serials) {
      List<UnitBook.NewUnit> list = new ArrayList<>();
      for (String s : serials) {
        list.add(unit(s));
      }
      registerAt(location, list);
    }

    EventReceipt registerAt(String location, List<UnitBook.NewUnit> newUnits) {
      return book.register(
          scope, new UnitBook.Registration(newUnits, location, false, null), meta());
    }

    /** An empty container of {@code kind} at {@code location}. */
    Sscc container(String kind, String location) {
      return containers.create(scope, new Sscc(Floor.newSscc()), kind, location).sscc();
    }

    int history(String serial) {
      return units.history(scope, ref(serial), null, 1000).items().size();
    }
  }

  static UnitBook.NewUnit lotUnit(
      String gtin, String serial, String lot, LocalDate expiry, LocalDate manufactured) {
    return new UnitBook.NewUnit(gtin, serial, lot, expiry, manufactured, null);
  }

  static UnitBook.NewUnit withFields(String gtin, String serial, Map<String, String> fields) {
    return new UnitBook.NewUnit(gtin, serial, null, null, null, fields);
  }
}
