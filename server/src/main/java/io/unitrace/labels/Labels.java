package io.unitrace.labels;

import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Container;
import io.unitrace.ledger.Containers;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.Units;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Gathers what goes on a label from the ledger and the site; reading only, scoped to the client.
 */
@Service
class Labels {

  private final Units units;
  private final Facility facility;
  private final Containers containers;
  private final String digitalLinkHost;

  Labels(
      Units units,
      Facility facility,
      Containers containers,
      @Value("${unitrace.labels.digital-link-host:https://id.gs1.org}") String digitalLinkHost) {
    this.units = units;
    this.facility = facility;
    this.containers = containers;
    String host = digitalLinkHost == null ? "" : digitalLinkHost.strip();
    if (!host.startsWith("https://") && !host.startsWith("http://")) {
      throw new IllegalStateException(
          "unitrace.labels.digital-link-host must be an http(s) URI, got '"
              + digitalLinkHost
              + "'");
    }
    this.digitalLinkHost = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
  }

  Label unit(TenantScope scope, UnitRef ref, Symbology symbology) {
    return Label.unit(facts(units.require(scope, ref)), symbology, digitalLinkHost);
  }

  Container container(TenantScope scope, Sscc sscc) {
    return containers
        .find(scope.tenantId(), sscc)
        .orElseThrow(
            () ->
                Problem.notFound(
                    "unknown-container",
                    "client " + scope.tenantCode() + " has no container " + sscc));
  }

  /** The logistic label: contents summed over the container and every container nested in it. */
  Label containerLabel(TenantScope scope, Sscc sscc) {
    Container container = container(scope, sscc);
    long count = 0;
    String gtin = null;
    String product = null;
    String lot = null;
    LocalDate expiry = null;
    boolean oneGtin = true;
    boolean oneLot = true;
    String cursor = null;
    do {
      CursorPage<Units.UnitView> page =
          units.search(scope, inContainer(sscc), cursor, CursorPage.MAX_LIMIT);
      for (Units.UnitView u : page.items()) {
        if (count == 0) {
          gtin = u.gtin();
          product = u.product();
          lot = u.lot();
          expiry = u.expiry();
        } else {
          oneGtin &= u.gtin().equals(gtin);
          oneLot &= Objects.equals(u.lot(), lot);
        }
        count++;
      }
      cursor = page.next();
    } while (cursor != null);
    Label.Contents contents =
        count == 0 || !oneGtin
            ? new Label.Contents(count, null, null, null, null)
            : new Label.Contents(
                count, new Gtin(gtin), product, oneLot ? lot : null, oneLot ? expiry : null);
    return Label.container(sscc, container.kind(), contents);
  }

  /** A unit label for every unit in the container, nested containers included, a page at a time. */
  void unitLabelsIn(TenantScope scope, Sscc sscc, Symbology symbology, Consumer<Label> each) {
    container(scope, sscc);
    String cursor = null;
    do {
      CursorPage<Units.UnitView> page =
          units.search(scope, inContainer(sscc), cursor, CursorPage.MAX_LIMIT);
      for (Units.UnitView u : page.items()) {
        each.accept(Label.unit(facts(u), symbology, digitalLinkHost));
      }
      cursor = page.next();
    } while (cursor != null);
  }

  Label location(String code) {
    Location l =
        facility
            .byCode(code)
            .orElseThrow(
                () -> Problem.notFound("unknown-location", "no location with code " + code));
    return Label.location(l.code(), l.name(), l.warehouse(), l.type().name());
  }

  private static Units.Search inContainer(Sscc sscc) {
    return new Units.Search(null, null, null, null, null, null, sscc.value(), null, null);
  }

  private static Label.UnitFacts facts(Units.UnitView u) {
    return new Label.UnitFacts(new Gtin(u.gtin()), u.serial(), u.lot(), u.expiry(), u.product());
  }
}
