package io.unitrace.outbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.channels.Outbox;
import io.unitrace.ledger.EventType;
import io.unitrace.ledger.InventoryChanged;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells every sales channel what is available to sell, the moment it changes: inside the
 * transaction of each ledger event that changed it (an allocation, a receipt, a hold, a shipment),
 * one {@code availability.changed} event per product goes to the client's outbox, which feeds the
 * change feed, the webhooks and RabbitMQ. If the event rolls back, so does the news of it.
 */
@Component
class AvailabilityFeed {

  static final String TYPE = "availability.changed";

  /**
   * Goods already allocated on their way out: picking and packing them changes nothing a channel
   * sells from (and a pick scan need not wait its turn at the client's outbox).
   */
  private static final Set<EventType> MOVING_OUT =
      EnumSet.of(EventType.PICKED, EventType.PACKED, EventType.UNPACKED, EventType.STAGED);

  private final Availability availability;
  private final Catalog catalog;
  private final Outbox outbox;

  AvailabilityFeed(Availability availability, Catalog catalog, Outbox outbox) {
    this.availability = availability;
    this.catalog = catalog;
    this.outbox = outbox;
  }

  @EventListener
  void changed(InventoryChanged e) {
    if (!e.statesChanged() || e.products().isEmpty() || MOVING_OUT.contains(e.type())) {
      return;
    }
    Map<ProductId, Product> products = catalog.products(e.tenantId(), e.products());
    List<Product> ordered = new ArrayList<>(products.values());
    ordered.sort((a, b) -> a.sku().compareTo(b.sku()));
    for (Availability.Figures f : availability.of(e.tenantId(), ordered)) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("sku", f.sku());
      payload.put("onHand", f.onHand());
      payload.put("held", f.held());
      payload.put("allocated", f.allocated());
      payload.put("available", f.available());
      payload.put("lots", f.lots());
      payload.put("cause", e.type().name());
      payload.put("ledgerEvent", e.eventId());
      outbox.append(e.tenantId(), TYPE, payload);
    }
  }
}
