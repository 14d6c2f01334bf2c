package io.unitrace.labels;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.catalog.CatalogInput;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.inbound.Receiving;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.CurrentActor;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Labels to print: {@code ?format=png|svg|zpl} (PNG when not given), and for unit labels {@code
 * ?symbology=datamatrix|gs1-128|qr} (DataMatrix when not given). {@code ?layout=symbol} leaves out
 * all text and gives the symbols alone, to place on documents of one's own. Unit and container
 * labels are the client's data; location labels belong to the site and, like the layout, are for
 * the operator's staff.
 */
@RestController
@RequestMapping("/api/v1/labels")
class LabelsApi {

  private final Labels labels;
  private final CurrentActor current;
  private final Receiving receiving;

  LabelsApi(Labels labels, CurrentActor current, Receiving receiving) {
    this.labels = labels;
    this.current = current;
    this.receiving = receiving;
  }

  @Operation(
      summary = "Print a unit label",
      description = "The unit's GS1 label (DataMatrix or QR with Digital Link) as PNG, SVG or ZPL.")
  @GetMapping("/units/01/{gtin}/21/{serial}")
  ResponseEntity<byte[]> unit(
      TenantScope scope,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String symbology,
      @RequestParam(required = false) String layout) {
    LabelFormat f = LabelFormat.of(format, LabelFormat.PNG);
    Symbology s = Symbology.forUnitLabel(symbology);
    boolean symbolsOnly = symbolsOnly(layout);
    UnitRef ref = new UnitRef(gtin(gtin), CatalogInput.serial("serial", serial));
    return respond(labels.unit(scope, ref, s), f, symbolsOnly);
  }

  @Operation(
      summary = "Print an SSCC label",
      description = "The container's logistic label as PNG, SVG or ZPL.")
  @GetMapping("/containers/{sscc}")
  ResponseEntity<byte[]> container(
      TenantScope scope,
      @PathVariable String sscc,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String layout) {
    LabelFormat f = LabelFormat.of(format, LabelFormat.PNG);
    boolean symbolsOnly = symbolsOnly(layout);
    return respond(labels.containerLabel(scope, sscc(sscc)), f, symbolsOnly);
  }

  /**
   * The unit labels of everything in a container, nested containers included, as one ZPL document
   * (one format per unit) streamed as it is read. ZPL only: a printer takes the batch as one job,
   * while images would need an archive nobody asked for.
   */
  @Operation(
      summary = "Print the unit labels of a container",
      description = "One ZPL document with a label per unit inside, nested containers included.")
  @GetMapping("/containers/{sscc}/units")
  void containerUnits(
      TenantScope scope,
      @PathVariable String sscc,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String symbology,
      HttpServletResponse response)
      throws IOException {
    if (LabelFormat.of(format, LabelFormat.ZPL) != LabelFormat.ZPL) {
      throw Problem.badRequest(
          "invalid-parameter",
          "format",
          "the labels of all units in a container come as one ZPL document: format=zpl");
    }
    Symbology s = Symbology.forUnitLabel(symbology);
    Sscc code = sscc(sscc);
    labels.container(scope, code);
    response.setContentType(LabelFormat.ZPL.contentType);
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        disposition("container-" + code.value() + "-units", LabelFormat.ZPL));
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    labels.unitLabelsIn(
        scope,
        code,
        s,
        label -> {
          try {
            out.write(ZplLabel.render(LabelLayout.of(label)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    out.flush();
  }

  /**
   * Unit labels for the units a receipt took in without a GS1 label of their own (typed or plain
   * serials), as one ZPL document.
   */
  @Operation(
      summary = "Print labels for a receipt's unlabelled units",
      description = "One ZPL document for the units received without a GS1 label of their own.")
  @GetMapping("/receipts/{id}/units")
  void receiptUnits(
      TenantScope scope,
      @PathVariable long id,
      @RequestParam(required = false) String symbology,
      HttpServletResponse response)
      throws IOException {
    Symbology s = Symbology.forUnitLabel(symbology);
    List<UnitRef> units = receiving.unitsNeedingLabels(scope, id);
    zpl(
        response,
        "receipt-" + id + "-units",
        units.stream().map(u -> labels.unit(scope, u, s)).toList());
  }

  /** SSCC labels for the containers built on the dock during a receipt, as one ZPL document. */
  @Operation(
      summary = "Print labels for a receipt's containers",
      description = "One ZPL document with the SSCC labels of containers built on the dock.")
  @GetMapping("/receipts/{id}/containers")
  void receiptContainers(TenantScope scope, @PathVariable long id, HttpServletResponse response)
      throws IOException {
    List<Sscc> built = receiving.containersBuilt(scope, id);
    zpl(
        response,
        "receipt-" + id + "-containers",
        built.stream().map(c -> labels.containerLabel(scope, c)).toList());
  }

  private static void zpl(HttpServletResponse response, String name, List<Label> batch)
      throws IOException {
    response.setContentType(LabelFormat.ZPL.contentType);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition(name, LabelFormat.ZPL));
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    for (Label label : batch) {
      out.write(ZplLabel.render(LabelLayout.of(label)));
    }
    out.flush();
  }

  @Operation(
      summary = "Print a location label",
      description = "The bin label with the location's code as a barcode.")
  @GetMapping("/locations/{code}")
  ResponseEntity<byte[]> location(
      @PathVariable String code,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String layout) {
    if (current.get().role() == Role.CLIENT) {
      throw Problem.forbidden("location labels are for the operator's staff");
    }
    LabelFormat f = LabelFormat.of(format, LabelFormat.PNG);
    boolean symbolsOnly = symbolsOnly(layout);
    return respond(labels.location(code), f, symbolsOnly);
  }

  private static ResponseEntity<byte[]> respond(
      Label label, LabelFormat format, boolean symbolsOnly) {
    LabelLayout layout = LabelLayout.of(symbolsOnly ? label.symbolsOnly() : label);
    byte[] body =
        switch (format) {
          case PNG -> PngLabel.render(layout);
          case SVG -> SvgLabel.render(layout).getBytes(StandardCharsets.UTF_8);
          case ZPL -> ZplLabel.render(layout).getBytes(StandardCharsets.UTF_8);
        };
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(format.contentType))
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition(label.name(), format))
        .body(body);
  }

  /** Inline, with a file name a browser can save: the label's name in letters, digits and '-'. */
  private static String disposition(String name, LabelFormat format) {
    return ContentDisposition.inline()
        .filename(name.replaceAll("[^A-Za-z0-9-]", "_") + "." + format.extension)
        .build()
        .toString();
  }

  private static boolean symbolsOnly(String layout) {
    if (layout == null || layout.isBlank() || layout.strip().equalsIgnoreCase("label")) {
      return false;
    }
    if (layout.strip().equalsIgnoreCase("symbol")) {
      return true;
    }
    throw Problem.badRequest(
        "invalid-parameter",
        "layout",
        "layout is label (the default) or symbol, not '" + layout + "'");
  }

  private static Gtin gtin(String text) {
    try {
      return Gtin.parse(text);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-gtin", "gtin", e.getMessage());
    }
  }

  private static Sscc sscc(String text) {
    try {
      return new Sscc(text == null ? null : text.strip());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-sscc", "sscc", e.getMessage());
    }
  }
}
