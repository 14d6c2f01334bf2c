package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.shared.Problem;
import io.unitrace.support.IntegrationTest;
import io.unitrace.tenancy.Actor;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import io.unitrace.tenancy.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The ledger's putaway command: goods leave the dock only while they are still RECEIVED on it, and
 * of two clerks putting the same goods away at once exactly one moves them.
 */
class PutawayCommandIT extends IntegrationTest {

  private static final int ROUNDS = 6;

  @Autowired UnitBook unitBook;
  @Autowired Containers containers;
  @Autowired Tenants tenants;

  @Test
  void ofTwoClerksPuttingTheSameUnitAwayExactlyOneMovesIt() throws Exception {
    Clerk clerk = Clerk.forNewClient(admin, port);
    TenantScope scope = scope(clerk);
    for (int round = 0; round < ROUNDS; round++) {
      String serial = "PA-" + round;
      clerk.register(clerk.dock, serial);
      UnitRef ref = ref(clerk, serial);

      List<Object> outcomes =
          together(
              () -> unitBook.putAway(scope, ref, clerk.dock, clerk.bin1, meta()),
              () -> unitBook.putAway(scope, ref, clerk.dock, clerk.bin2, meta()));

      List<EventReceipt> moved =
          outcomes.stream()
              .filter(EventReceipt.class::isInstance)
              .map(o -> (EventReceipt) o)
              .toList();
      assertThat(moved).as(outcomes.toString()).hasSize(1);
      Problem refused =
          outcomes.stream()
              .filter(Problem.class::isInstance)
              .map(o -> (Problem) o)
              .findFirst()
              .orElseThrow();
      assertThat(refused.code()).isEqualTo("not-on-dock");
      String went = moved.get(0).units().get(0).location();
      assertThat(refused.extras()).containsEntry("location", went).containsEntry("state", "STORED");
      JsonNode unit = ok(clerk.api.get(clerk.unitPath(serial))).json();
      assertThat(unit.path("location").asString()).isEqualTo(went);
      assertThat(unit.path("state").asString()).isEqualTo("STORED");
      assertThat(unit.path("version").asInt()).as("registered, then moved once").isEqualTo(2);
    }
  }

  @Test
  void refusesAUnitNoLongerReceivedOnThatDock() {
    Clerk clerk = Clerk.forNewClient(admin, port);
    TenantScope scope = scope(clerk);
    clerk.register(clerk.dock, "STORED-1");
    ok(clerk.api.post(clerk.unitPath("STORED-1") + "/move", map("location", clerk.bin1)));
    clerk.register(clerk.bin2, "NEVER-ON-DOCK");

    assertThatThrownBy(
            () -> unitBook.putAway(scope, ref(clerk, "STORED-1"), clerk.dock, clerk.bin2, meta()))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.code()).isEqualTo("not-on-dock");
              assertThat(p.status()).isEqualTo(409);
              assertThat(p.extras()).containsEntry("location", clerk.bin1);
            });
    assertThatThrownBy(
            () ->
                unitBook.putAway(
                    scope, ref(clerk, "NEVER-ON-DOCK"), clerk.dock, clerk.bin1, meta()))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("not-on-dock"));
    JsonNode unit = ok(clerk.api.get(clerk.unitPath("STORED-1"))).json();
    assertThat(unit.path("location").asString()).as("nothing was written").isEqualTo(clerk.bin1);
    assertThat(unit.path("version").asInt()).isEqualTo(2);
  }

  @Test
  void aUnitInAContainerGoesWithTheContainer() {
    Clerk clerk = Clerk.forNewClient(admin, port);
    TenantScope scope = scope(clerk);
    String pallet = clerk.container("PALLET", clerk.dock);
    clerk.register(clerk.dock, "ON-PALLET");
    ok(
        clerk.api.post(
            "/api/v1/units/pack", map("units", list(clerk.unitKey("ON-PALLET")), "into", pallet)));

    assertThatThrownBy(
            () -> unitBook.putAway(scope, ref(clerk, "ON-PALLET"), clerk.dock, clerk.bin1, meta()))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("in-container"));

    EventReceipt moved =
        containers.putAway(scope, new Sscc(pallet), clerk.dock, clerk.bin1, meta());
    assertThat(moved.units())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.location()).isEqualTo(clerk.bin1);
              assertThat(u.state()).isEqualTo(UnitState.STORED);
            });
    assertThatThrownBy(
            () -> containers.putAway(scope, new Sscc(pallet), clerk.dock, clerk.bin2, meta()))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.code()).isEqualTo("not-on-dock");
              assertThat(p.extras()).containsEntry("location", clerk.bin1);
            });
  }

  @Test
  void ofTwoClerksPuttingTheSamePalletAwayExactlyOneMovesIt() throws Exception {
    Clerk clerk = Clerk.forNewClient(admin, port);
    TenantScope scope = scope(clerk);
    for (int round = 0; round < ROUNDS; round++) {
      String pallet = clerk.container("PALLET", clerk.dock);
      clerk.register(clerk.dock, "P" + round + "-A", "P" + round + "-B");
      ok(
          clerk.api.post(
              "/api/v1/units/pack",
              map(
                  "units",
                  list(clerk.unitKey("P" + round + "-A"), clerk.unitKey("P" + round + "-B")),
                  "into",
                  pallet)));

      List<Object> outcomes =
          together(
              () -> containers.putAway(scope, new Sscc(pallet), clerk.dock, clerk.bin1, meta()),
              () -> containers.putAway(scope, new Sscc(pallet), clerk.dock, clerk.bin2, meta()));

      assertThat(outcomes.stream().filter(EventReceipt.class::isInstance))
          .as(outcomes.toString())
          .hasSize(1);
      assertThat(outcomes.stream().filter(Problem.class::isInstance))
          .singleElement()
          .satisfies(p -> assertThat(((Problem) p).code()).isEqualTo("not-on-dock"));
      for (String serial : List.of("P" + round + "-A", "P" + round + "-B")) {
        assertThat(ok(clerk.api.get(clerk.unitPath(serial))).json().path("version").asInt())
            .as("registered, packed, then moved once")
            .isEqualTo(3);
      }
    }
  }

  private TenantScope scope(Clerk clerk) {
    long id = tenants.byCode(clerk.tenant).orElseThrow().id();
    return new TenantScope(
        id, clerk.tenant, Actor.person(1, "putaway-test", Role.OPERATOR, Set.of(id)));
  }

  private static UnitRef ref(Clerk clerk, String serial) {
    return new UnitRef(new Gtin(clerk.gtin), new Serial(serial));
  }

  private static RequestMeta meta() {
    return new RequestMeta(null, null, null, null, List.of());
  }

  /** Runs the commands on their own threads, released at once; each one's receipt or refusal. */
  private static List<Object> together(Callable<?>... commands) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(commands.length);
    try {
      CountDownLatch ready = new CountDownLatch(commands.length);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (Callable<?> c : commands) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  try {
                    return c.call();
                  } catch (Problem p) {
                    return p;
                  }
                }));
      }
      ready.await();
      go.countDown();
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> f : futures) {
        outcomes.add(f.get());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
