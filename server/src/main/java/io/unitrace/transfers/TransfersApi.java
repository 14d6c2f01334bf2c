package io.unitrace.transfers;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.catalog.CatalogInput;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Transfers between the operator's warehouses: ship from one, receive at the other. */
@RestController
@RequestMapping("/api/v1/transfers")
class TransfersApi {

  record UnitKey(String gtin, String serial) {}

  record ShipBody(String from, String to, List<UnitKey> units, List<String> containers) {

    ShipBody {
      Text.noNulls("units", units);
      Text.noNulls("containers", containers);
    }
  }

  record ReceiveBody(String dock, List<UnitKey> units, List<String> containers) {

    ReceiveBody {
      Text.noNulls("units", units);
      Text.noNulls("containers", containers);
    }
  }

  private final Transfers transfers;

  TransfersApi(Transfers transfers) {
    this.transfers = transfers;
  }

  @Operation(
      summary = "Ship a transfer to another warehouse",
      description =
          "The units and containers leave warehouse from for warehouse to in one ledger event: each"
              + " unit loose, RECEIVED or STORED in a location of from, each container outermost and"
              + " shipped whole; they are IN_TRANSIT, in no location, until received."
              + " 201 with the transfer; a repeated Idempotency-Key answers 200 with the first.")
  @PostMapping
  ResponseEntity<Transfers.TransferView> ship(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody(required = false) ShipBody b) {
    if (b == null) {
      throw Problem.badRequest("invalid-field", "from", "name from, to and the units");
    }
    Transfers.Shipped s =
        transfers.ship(scope, b.from(), b.to(), refs(b.units()), ssccs(b.containers()), key);
    return ResponseEntity.status(s.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(s.transfer());
  }

  @Operation(
      summary = "Receive a transfer at its destination",
      description =
          "The units and containers named, or everything still on its way, arrive on a dock of the"
              + " transfer's"
              + " destination in one ledger event (RECEIVED, to be put away). A unit not on the"
              + " transfer, or arrived already, is refused by its position.")
  @PostMapping("/{number}/receive")
  Transfers.TransferView receive(
      TenantScope scope,
      @PathVariable String number,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody(required = false) ReceiveBody b) {
    if (b == null) {
      throw Problem.badRequest("invalid-field", "dock", "name the dock the goods arrive on");
    }
    return transfers.receive(scope, number, b.dock(), refs(b.units()), ssccs(b.containers()), key);
  }

  @Operation(
      summary = "Read a transfer",
      description = "Its warehouses, status, and each unit with whether it has arrived.")
  @GetMapping("/{number}")
  Transfers.TransferView get(TenantScope scope, @PathVariable String number) {
    return transfers.get(scope, number);
  }

  @Operation(summary = "List transfers", description = "The client's transfers, oldest first.")
  @GetMapping
  CursorPage<Transfers.TransferView> list(
      TenantScope scope,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return transfers.list(scope, cursor, CursorPage.limit(limit));
  }

  private static List<Sscc> ssccs(List<String> codes) {
    List<Sscc> ssccs = new ArrayList<>();
    if (codes == null) {
      return ssccs;
    }
    for (int i = 0; i < codes.size(); i++) {
      try {
        ssccs.add(new Sscc(codes.get(i).strip()));
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-sscc", "containers[" + i + "]", e.getMessage());
      }
    }
    return ssccs;
  }

  private static List<UnitRef> refs(List<UnitKey> keys) {
    List<UnitRef> refs = new ArrayList<>();
    if (keys == null) {
      return refs;
    }
    for (int i = 0; i < keys.size(); i++) {
      UnitKey k = keys.get(i);
      String at = "units[" + i + "]";
      Gtin gtin;
      try {
        gtin = Gtin.parse(k.gtin());
      } catch (IllegalArgumentException | NullPointerException e) {
        throw Problem.badRequest(
            "invalid-gtin", at + ".gtin", "a GTIN of 14 digits with its check digit");
      }
      refs.add(new UnitRef(gtin, CatalogInput.serial(at + ".serial", k.serial())));
    }
    return refs;
  }
}
