package io.unitrace.recalls;

import io.unitrace.returns.UnitReturned;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A unit that comes back from a customer while a campaign that reached it at a customer is open is
 * recovered for that campaign. Heard inside the return's transaction, so the two commit together.
 */
@Component
class Recoveries {

  private final CampaignRows rows;
  private final Clock clock;

  Recoveries(CampaignRows rows, Clock clock) {
    this.rows = rows;
    this.clock = clock;
  }

  @EventListener
  void on(UnitReturned returned) {
    rows.recovered(returned.tenantId(), returned.unitId(), returned.returnId(), clock.millis());
  }
}
