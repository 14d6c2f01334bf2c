package io.unitrace.returns;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.catalog.CatalogInput;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Licence keys over HTTP. A SKU's pool under {@code /licence-pools/{sku}} (import: JSON {@code
 * {"keys": [...]}} or text/csv, one key a line, an optional header {@code key}); a unit's licence
 * under its Digital Link path, masked; the key in clear only by {@code POST .../licence/reveal},
 * which is recorded, answered with {@code Cache-Control: no-store}; the record of reveals for a
 * SUPERVISOR under {@code /licence-views}.
 */
@RestController
@RequestMapping("/api/v1")
class LicencesApi {

  static final String UNIT = "/units/01/{gtin}/21/{serial}";

  record KeysBody(List<String> keys) {

    KeysBody {
      Text.noNulls("keys", keys);
    }
  }

  record RevealBody(String reason) {

    RevealBody {
      Text.free("reason", reason, 500);
    }
  }

  private final Licences licences;

  LicencesApi(Licences licences) {
    this.licences = licences;
  }

  @Operation(
      summary = "Add licence keys",
      description =
          "Licence keys for a product's pool, sealed at rest, given out with units shipped.")
  @PostMapping(path = "/licence-pools/{sku}/keys", consumes = "application/json")
  Licences.Imported importJson(
      TenantScope scope, @PathVariable String sku, @RequestBody KeysBody body) {
    if (body == null || body.keys() == null) {
      throw Problem.badRequest("invalid-field", "keys", "send {\"keys\": [\"...\", ...]}");
    }
    List<Licences.Line> lines = new ArrayList<>(body.keys().size());
    for (int i = 0; i < body.keys().size(); i++) {
      lines.add(new Licences.Line("keys[" + i + "]", body.keys().get(i)));
    }
    return licences.importKeys(scope, sku, lines);
  }

  @Operation(
      summary = "Add licence keys from CSV",
      description = "Licence keys for a product's pool, one per line.")
  @PostMapping(
      path = "/licence-pools/{sku}/keys",
      consumes = {"text/csv", "text/plain"})
  Licences.Imported importCsv(
      TenantScope scope, @PathVariable String sku, @RequestBody(required = false) String csv) {
    return licences.importKeys(scope, sku, lines(csv));
  }

  @Operation(
      summary = "Get a licence pool",
      description = "How many keys of a product are free, issued and revoked.")
  @GetMapping("/licence-pools/{sku}")
  Licences.Pool pool(TenantScope scope, @PathVariable String sku) {
    return licences.pool(scope, sku);
  }

  @Operation(
      summary = "Get a unit's licence",
      description = "The licence issued with a unit (its key masked).")
  @GetMapping(UNIT + "/licence")
  Licences.UnitLicence licence(
      TenantScope scope, @PathVariable String gtin, @PathVariable String serial) {
    return licences.licence(scope, ref(gtin, serial));
  }

  @Operation(
      summary = "Reveal a unit's licence key",
      description = "The full key of a unit's licence, with a reason; every reveal is recorded.")
  @PostMapping(UNIT + "/licence/reveal")
  ResponseEntity<Licences.Revealed> reveal(
      TenantScope scope,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody(required = false) RevealBody body,
      HttpServletRequest request) {
    Licences.Revealed revealed =
        licences.reveal(
            scope,
            ref(gtin, serial),
            new Licences.Viewer(
                request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT),
                body == null ? null : body.reason()));
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(revealed);
  }

  @Operation(
      summary = "List licence key reveals",
      description = "Who revealed which licence key, when and why.")
  @GetMapping("/licence-views")
  CursorPage<Licences.ViewEntry> views(
      TenantScope scope,
      @RequestParam(required = false) String sku,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return licences.views(scope, sku, cursor, CursorPage.limit(limit));
  }

  /**
   * The lines of a CSV of keys, numbered from 1: one key a line, optionally in double quotes; a
   * first line {@code key} is a header. The newline ending the last line does not make a blank one.
   */
  static List<Licences.Line> lines(String csv) {
    List<Licences.Line> lines = new ArrayList<>();
    if (csv == null || csv.isEmpty()) {
      return lines;
    }
    String[] raw = csv.split("\r?\n", -1);
    int count = raw.length;
    if (count > 0 && raw[count - 1].isEmpty()) {
      count--;
    }
    for (int i = 0; i < count; i++) {
      String text = raw[i].strip();
      if (i == 0 && (text.equalsIgnoreCase("key") || text.equalsIgnoreCase("\"key\""))) {
        continue;
      }
      if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
        text = text.substring(1, text.length() - 1).replace("\"\"", "\"");
      }
      lines.add(new Licences.Line("line " + (i + 1), text));
    }
    return lines;
  }

  private static UnitRef ref(String gtin, String serial) {
    Gtin g;
    try {
      g = Gtin.parse(gtin);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-gtin", "gtin", e.getMessage());
    }
    return new UnitRef(g, CatalogInput.serial("serial", serial));
  }
}
