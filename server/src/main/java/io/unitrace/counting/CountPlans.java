package io.unitrace.counting;

import io.unitrace.counting.domain.AbcClass;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Actor;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import io.unitrace.tenancy.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduled counts by ABC class (ADR 0021): a plan counts, every so many days, the locations of a
 * warehouse holding the SKUs of one class, each location counted only for them. A new plan is due
 * at once. Each server polls for due plans; a run is claimed by moving the plan's due date on with
 * a conditional update in the transaction that opens its count, so of several servers exactly one
 * opens it, and a failed opening leaves the plan due.
 */
@Service
class CountPlans {

  private static final Logger log = LoggerFactory.getLogger(CountPlans.class);

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

  /** The longest interval a plan may have, in days. */
  static final int MAX_EVERY_DAYS = 3650;

  record Asked(String warehouse, String abcClass, Integer everyDays, String assignee) {}

  record PlanView(
      String code,
      String warehouse,
      AbcClass abcClass,
      int everyDays,
      String assignee,
      Instant nextDue,
      Instant lastRunAt,
      Long lastCountId) {

    static PlanView of(PlanRows.Plan p) {
      return new PlanView(
          p.code(),
          p.warehouse(),
          p.abcClass(),
          p.everyDays(),
          p.assignee(),
          Instant.ofEpochMilli(p.nextDue()),
          p.lastRunAt() == null ? null : Instant.ofEpochMilli(p.lastRunAt()),
          p.lastCountId());
    }
  }

  /** What a run did: the count it opened, or none when the books hold none of the class's SKUs. */
  record Run(String plan, Long countId, String number, Instant nextDue, String message) {}

  private final PlanRows rows;
  private final Counts counts;
  private final CountOpening opening;
  private final AbcClasses abc;
  private final Tenants tenants;
  private final TransactionTemplate tx;
  private final Clock clock;

  CountPlans(
      PlanRows rows,
      Counts counts,
      CountOpening opening,
      AbcClasses abc,
      Tenants tenants,
      TransactionTemplate tx,
      Clock clock) {
    this.rows = rows;
    this.counts = counts;
    this.opening = opening;
    this.abc = abc;
    this.tenants = tenants;
    this.tx = tx;
    this.clock = clock;
  }

  /** Creates or changes a plan; {@code everyDays} defaults to the class's (A 30, B 90, C 180). */
  PlanView put(TenantScope scope, String code, Asked a) {
    scope.requireRole(Role.SUPERVISOR);
    String c = code == null ? "" : code.strip();
    if (!CODE.matcher(c).matches()) {
      throw Problem.badRequest(
          "invalid-field", "code", "a plan code has 1 to 40 letters, digits, '.', '_' or '-'");
    }
    if (a == null || a.warehouse() == null || a.warehouse().isBlank()) {
      throw Problem.badRequest("invalid-field", "warehouse", "name the warehouse to count");
    }
    AbcClass abcClass = AbcClass.parse(a.abcClass());
    if (abcClass == null) {
      throw Problem.badRequest("invalid-field", "abcClass", "an ABC class is A, B or C");
    }
    int every = a.everyDays() == null ? abcClass.everyDays() : a.everyDays();
    if (every < 1 || every > MAX_EVERY_DAYS) {
      throw Problem.badRequest(
          "invalid-field", "everyDays", "a plan runs every 1 to " + MAX_EVERY_DAYS + " days");
    }
    String warehouse = opening.requireWarehouse(a.warehouse(), "warehouse");
    String assignee = opening.assignee(scope, a.assignee());
    long now = clock.millis();
    rows.put(
        scope.tenantId(), c, warehouse, abcClass, every, assignee, now, scope.actor().who(), now);
    return PlanView.of(rows.find(scope.tenantId(), c).orElseThrow());
  }

  List<PlanView> list(TenantScope scope) {
    scope.requireRole(Role.SUPERVISOR);
    return rows.list(scope.tenantId()).stream().map(PlanView::of).toList();
  }

  void delete(TenantScope scope, String code) {
    scope.requireRole(Role.SUPERVISOR);
    if (!rows.delete(scope.tenantId(), code == null ? "" : code.strip())) {
      throw unknown(code);
    }
  }

  /** Opens the plan's count now, whether due or not, and moves its due date on. */
  Run run(TenantScope scope, String code) {
    scope.requireRole(Role.SUPERVISOR);
    PlanRows.Plan p =
        rows.find(scope.tenantId(), code == null ? "" : code.strip())
            .orElseThrow(() -> unknown(code));
    Optional<Run> run = tx.execute(s -> claimAndOpen(scope, p));
    return run.orElseThrow(
        () ->
            Problem.conflict(
                "plan-running",
                "code",
                "plan " + p.code() + " was run by another request just now"));
  }

  /** Opens the counts of every client's due plans; each server runs it every poll interval. */
  @Scheduled(
      fixedDelayString = "${unitrace.counting.plans-poll-ms:60000}",
      initialDelayString = "${unitrace.counting.plans-poll-ms:60000}")
  void runDue() {
    for (PlanRows.Plan p : rows.due(clock.millis(), 100)) {
      TenantScope system =
          new TenantScope(
              p.tenantId(),
              tenants
                  .byId(p.tenantId())
                  .map(Tenants.Tenant::code)
                  .orElse(Long.toString(p.tenantId())),
              Actor.person(0, "count-plan " + p.code(), Role.ADMIN, Set.of()));
      try {
        tx.execute(s -> claimAndOpen(system, p))
            .ifPresent(r -> log.info("count plan {}: {}", p.code(), r.message()));
      } catch (Problem | DataAccessException e) {
        // The count could not be opened (its counter left, say): the plan stays due, so its
        // supervisor sees it overdue, and the next poll tries again.
        log.warn(
            "count plan {} of client {} did not open: {}", p.code(), p.tenantId(), e.getMessage());
      }
    }
  }

  /**
   * Claims the plan's run (empty: another server or request claimed it first) and opens its count,
   * in the caller's transaction: the claim commits only with the count.
   */
  private Optional<Run> claimAndOpen(TenantScope scope, PlanRows.Plan p) {
    long now = clock.millis();
    long next = now + Duration.ofDays(p.everyDays()).toMillis();
    if (!rows.claim(p.id(), p.nextDue(), next, now)) {
      return Optional.empty();
    }
    List<Long> products = abc.productsIn(p.tenantId(), p.abcClass());
    Optional<Long> opened =
        opening.openForPlan(
            scope, p.warehouse(), products, p.assignee(), p.code(), p.abcClass().name());
    if (opened.isEmpty()) {
      return Optional.of(
          new Run(
              p.code(),
              null,
              null,
              Instant.ofEpochMilli(next),
              "the books hold no SKU of class " + p.abcClass() + " in " + p.warehouse()));
    }
    rows.ran(p.id(), opened.get());
    String number = counts.require(scope, opened.get()).number();
    return Optional.of(
        new Run(p.code(), opened.get(), number, Instant.ofEpochMilli(next), "opened " + number));
  }

  private static Problem unknown(String code) {
    return Problem.notFound("unknown-plan", "no count plan " + code);
  }
}
