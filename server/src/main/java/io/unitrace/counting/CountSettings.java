package io.unitrace.counting;

import io.unitrace.counting.domain.RecountThreshold;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * The count module's settings per client: the recount threshold ({@link RecountThreshold}), the
 * default until a supervisor sets one.
 */
@Service
class CountSettings {

  /**
   * The settings as sent and answered: {@code recountAboveUnits} / {@code recountAbovePercent} null
   * for no limit of that kind; {@code standard}: the default is in force (none was set).
   */
  record View(
      boolean recountOnUnitVariance,
      Long recountAboveUnits,
      Integer recountAbovePercent,
      boolean standard) {}

  record Asked(
      Boolean recountOnUnitVariance, Long recountAboveUnits, Integer recountAbovePercent) {}

  private final CountRows rows;
  private final Clock clock;

  CountSettings(CountRows rows, Clock clock) {
    this.rows = rows;
    this.clock = clock;
  }

  /** The threshold in force for a client. */
  RecountThreshold threshold(long tenantId) {
    return rows.threshold(tenantId).orElse(RecountThreshold.DEFAULT);
  }

  View view(TenantScope scope) {
    scope.requireRole(Role.SUPERVISOR);
    return rows.threshold(scope.tenantId())
        .map(t -> view(t, false))
        .orElse(view(RecountThreshold.DEFAULT, true));
  }

  /**
   * Sets the client's threshold, replacing the one in force: every field as sent (an absent number
   * is no limit of that kind). Refusals name the field and write nothing.
   */
  View set(TenantScope scope, Asked a) {
    scope.requireRole(Role.SUPERVISOR);
    if (a == null || a.recountOnUnitVariance() == null) {
      throw Problem.badRequest(
          "invalid-field",
          "recountOnUnitVariance",
          "say whether any MISSING, UNKNOWN or WRONG_LOT requires a recount (true or false)");
    }
    if (a.recountAboveUnits() != null && a.recountAboveUnits() < 0) {
      throw Problem.badRequest(
          "invalid-field", "recountAboveUnits", "a number of units is 0 or more (null: no limit)");
    }
    if (a.recountAbovePercent() != null
        && (a.recountAbovePercent() < 0 || a.recountAbovePercent() > 100)) {
      throw Problem.badRequest(
          "invalid-field", "recountAbovePercent", "a percentage is 0 to 100 (null: no limit)");
    }
    RecountThreshold t =
        new RecountThreshold(
            a.recountOnUnitVariance(), a.recountAboveUnits(), a.recountAbovePercent());
    rows.saveThreshold(scope.tenantId(), t, scope.actor().who(), clock.millis());
    return view(t, false);
  }

  private static View view(RecountThreshold t, boolean standard) {
    return new View(t.onUnitVariance(), t.aboveUnits(), t.abovePercent(), standard);
  }
}
