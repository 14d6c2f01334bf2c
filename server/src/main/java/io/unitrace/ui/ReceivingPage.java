package io.unitrace.ui;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.gs1.Gtin;
import io.unitrace.inbound.Receipt;
import io.unitrace.inbound.Receiving;
import io.unitrace.inbound.Report;
import io.unitrace.inbound.ScanOutcome;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Receiving at a dock, for a handheld with a keyboard-wedge scanner: the open receipts and a form
 * to open one, then the scan screen. Every scan is one POST with its own Idempotency-Key; with htmx
 * only the answer comes back (the verdict, the counter, the product selected, the last lines), so
 * the field keeps its focus for the next scan; without JavaScript the same POST draws the page.
 *
 * <p>A refused scan (unreadable code, a plain serial with no product selected, a closed receipt) is
 * answered with its problem's status and the same fragment, marked {@value #FRAGMENT_HEADER}, so
 * the page shows it in place rather than treating it as a failed request.
 *
 * <p>Lot-tracked and untracked goods are received by quantity: the label's count (AI 30) if it has
 * one, else the Qty typed beside the scan field, else one. A Qty the service did not use (a unit
 * with a serial is one; a label's count wins) is said in the answer, never dropped silently.
 */
@Controller
class ReceivingPage {

  static final int LISTED = 50;
  static final int RECENT = 10;

  /** Marks a scan answer, which the page swaps in whatever its status. */
  static final String FRAGMENT_HEADER = "X-Unitrace-Fragment";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** A receipt as listed: where, for what, how far. */
  record OpenReceipt(
      long id,
      String dock,
      String asn,
      String purchaseOrder,
      String vendor,
      String openedBy,
      String openedAt,
      Receiving.Counters counters) {}

  /**
   * A verdict as the scan screen shows it. {@code css} names its colour ({@code
   * outcome-DUPLICATE}); {@code loud} ones are alerts. {@code quantity} is how many of counted
   * goods the scan took (null for a unit); {@code lines} are the exceptions inside a container.
   */
  record Answer(
      String css,
      String title,
      String message,
      String hint,
      boolean loud,
      String sku,
      String gtin,
      String serial,
      String lot,
      Integer quantity,
      boolean repeated,
      List<Receiving.Line> lines) {

    static Answer refused(String title, String message, String hint) {
      return new Answer(
          "outcome-REFUSED",
          title,
          message,
          hint,
          true,
          null,
          null,
          null,
          null,
          null,
          false,
          List.of());
    }

    Answer withHint(String more) {
      return more == null
          ? this
          : new Answer(
              css,
              title,
              message,
              hint == null ? more : hint + " " + more,
              loud,
              sku,
              gtin,
              serial,
              lot,
              quantity,
              repeated,
              lines);
    }
  }

  /** One section of the discrepancy report, in the order a supervisor reads them. */
  record ReportSection(String key, String title, List<Report.Line> lines) {}

  private final ClientChoice clients;
  private final Receiving receiving;
  private final Catalog catalog;

  ReceivingPage(ClientChoice clients, Receiving receiving, Catalog catalog) {
    this.clients = clients;
    this.receiving = receiving;
    this.catalog = catalog;
  }

  @GetMapping("/receiving")
  String list(HttpServletRequest request, Model model) {
    ClientChoice.Choice choice = clients.of(request);
    if (choice.picked()) {
      model.addAttribute("receipts", openReceipts(choice.scope()));
    }
    return "receiving/list";
  }

  @PostMapping("/receiving")
  String open(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String dock,
      @RequestParam(required = false) String asn,
      @RequestParam(required = false) String purchaseOrder) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/receiving";
    }
    try {
      Receipt r =
          receiving.open(
              choice.scope(),
              new Receiving.Opening(strip(dock), strip(purchaseOrder), strip(asn), null));
      return "redirect:/receiving/" + r.id();
    } catch (Problem p) {
      // Shown next to the field it names (an unknown dock, an ASN of another PO), the form kept as
      // typed.
      response.setStatus(p.status());
      model.addAttribute("refusal", p);
      model.addAttribute("dock", dock);
      model.addAttribute("asn", asn);
      model.addAttribute("purchaseOrder", purchaseOrder);
      model.addAttribute("receipts", openReceipts(choice.scope()));
      return "receiving/list";
    }
  }

  @GetMapping("/receiving/{id}")
  String receipt(HttpServletRequest request, Model model, @PathVariable long id) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "receiving/receipt";
    }
    TenantScope scope = choice.scope();
    Receipt r = receiving.require(scope, id);
    screen(scope, r, receiving.counters(r), null, model);
    return "receiving/receipt";
  }

  /**
   * Where a browser lands when it reloads a failed scan POST as a page (htmx's error path): the
   * screen.
   */
  @GetMapping("/receiving/{id}/scans")
  String scansAsPage(@PathVariable long id) {
    return "redirect:/receiving/" + id;
  }

  @PostMapping("/receiving/{id}/scans")
  String scan(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(required = false) String scan,
      @RequestParam(required = false) String product,
      @RequestParam(defaultValue = "false") boolean damaged,
      @RequestParam(required = false) String quantity,
      @RequestParam(required = false) String key,
      @RequestHeader(name = "Idempotency-Key", required = false) String keyHeader,
      @RequestHeader(name = "HX-Request", required = false) String htmx) {
    ClientChoice.ScanScope picked = clients.forScan(request, response, htmx, "receiving");
    if (picked.scope() == null) {
      return picked.view();
    }
    TenantScope scope = picked.scope();
    boolean fragment = "true".equals(htmx);
    String selected = strip(product);
    String requestKey = strip(keyHeader) != null ? strip(keyHeader) : strip(key);
    model.addAttribute("scanned", scan == null ? null : Lookup.visible(scan.strip()));
    Receiving.Counters counters = null;
    try {
      Integer typed = quantity(quantity);
      Receiving.ScanAnswer a =
          receiving.scan(
              scope,
              id,
              new Receiving.ScanRequest(
                  scan, selected, null, null, null, null, null, damaged, false, null, null, typed,
                  null),
              requestKey);
      if ("PRODUCT".equals(a.kind())) {
        selected = a.product();
      }
      Answer answer = answer(a);
      model.addAttribute("answer", answer.withHint(unused(typed, answer, a)));
      counters = a.counters();
    } catch (Problem p) {
      response.setStatus(p.status());
      // Text that is not GS1 with no product selected is most often a serial typed before its
      // product.
      String hint =
          selected == null
                  && "scan".equals(p.field())
                  && scan != null
                  && !scan.isBlank()
                  && !Lookup.announcesGs1(scan.strip())
              ? "A plain serial needs its product: scan the product's GTIN first, then its serials."
              : "quantity".equals(p.field())
                  ? "Type the Qty again (or leave it empty for one, or the label's count) and scan again."
                  : null;
      WarehouseWords.Said said = WarehouseWords.refusal(p);
      model.addAttribute("standard", said.standard());
      model.addAttribute(
          "answer",
          Answer.refused(
              "quantity".equals(p.field()) ? "Qty refused" : "Scan refused", said.plain(), hint));
    }
    response.addHeader(FRAGMENT_HEADER, "scan-answer");
    // The receipt is read after the scan so that a refusal for an unknown receipt is answered as
    // one, not thrown.
    Optional<Receipt> r = find(scope, id);
    if (r.isPresent()) {
      screen(
          scope,
          r.get(),
          counters != null ? counters : receiving.counters(r.get()),
          selected,
          model);
    }
    if (fragment) {
      model.addAttribute("oob", true);
      return "receiving/answer";
    }
    return "receiving/receipt";
  }

  @PostMapping("/receiving/{id}/close")
  String close(HttpServletRequest request, @PathVariable long id) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/receiving";
    }
    try {
      receiving.close(choice.scope(), id);
    } catch (Problem p) {
      // Closed already (a second tap, another handheld): the page shows the report all the same.
      if (!"receipt-closed".equals(p.code())) {
        throw p;
      }
    }
    return "redirect:/receiving/" + id;
  }

  // ---------------------------------------------------------------------------------------------

  private void screen(
      TenantScope scope, Receipt r, Receiving.Counters counters, String product, Model model) {
    model.addAttribute("receipt", r);
    model.addAttribute("openedAt", TIME.format(Instant.ofEpochMilli(r.openedAt())));
    model.addAttribute(
        "closedAt", r.closedAt() == null ? null : TIME.format(Instant.ofEpochMilli(r.closedAt())));
    model.addAttribute("counters", counters);
    model.addAttribute("recent", receiving.lastScans(scope, r.id(), RECENT));
    // Rendered for the page without JavaScript; the page's script replaces it with one of its own.
    model.addAttribute("key", "ui-" + UUID.randomUUID());
    if (product != null) {
      model.addAttribute("product", product);
      model.addAttribute("productSku", productSku(scope, product));
    }
    if (!r.open()) {
      Report report = receiving.report(scope, r.id());
      model.addAttribute("report", report);
      model.addAttribute(
          "sections",
          List.of(
              new ReportSection("short", "Short: expected, not received", report.shortLines()),
              new ReportSection("over", "Over: more than ordered", report.over()),
              new ReportSection(
                  "unexpected",
                  "Unexpected: not announced, not ordered, or unknown",
                  report.unexpected()),
              new ReportSection("damaged", "Damaged", report.damaged()),
              new ReportSection("suspect", "Suspect: duplicate serials", report.suspect()),
              new ReportSection(
                  "quality",
                  "Quality: expired, short shelf life, lot or expiry not as announced",
                  report.quality())));
    }
  }

  private List<OpenReceipt> openReceipts(TenantScope scope) {
    List<OpenReceipt> out = new ArrayList<>();
    for (Receipt r : receiving.openReceipts(scope, LISTED)) {
      out.add(
          new OpenReceipt(
              r.id(),
              r.dock(),
              r.asnNumber(),
              r.poNumber(),
              r.vendor(),
              r.openedBy(),
              TIME.format(Instant.ofEpochMilli(r.openedAt())),
              receiving.counters(r)));
    }
    return out;
  }

  private Optional<Receipt> find(TenantScope scope, long id) {
    try {
      return Optional.of(receiving.require(scope, id));
    } catch (Problem p) {
      if (p.status() != 404) {
        throw p;
      }
      return Optional.empty();
    }
  }

  /** The SKU of the selected product, for the notice; the GTIN alone when no product has it. */
  private String productSku(TenantScope scope, String gtin) {
    try {
      return catalog.byGtin(scope.tenantId(), Gtin.parse(gtin)).map(Product::sku).orElse(null);
    } catch (IllegalArgumentException e) {
      return null; // a GTIN the page was handed back altered: the service refuses it on the next
      // scan
    }
  }

  private static Answer answer(Receiving.ScanAnswer a) {
    if ("PRODUCT".equals(a.kind())) {
      return new Answer(
          "outcome-PRODUCT",
          "Product selected",
          a.message(),
          null,
          false,
          null,
          a.product(),
          null,
          null,
          null,
          a.repeated(),
          List.of());
    }
    ScanOutcome o = a.outcome();
    Receiving.Line first = a.lines().isEmpty() ? null : a.lines().get(0);
    boolean unit = "UNIT".equals(a.kind()) && first != null;
    // Counted goods of a known product: a quantity, in one line or split at the PO's open quantity
    // (then the answer lists
    // only the part beyond it), so the whole is the sum over the outcomes.
    boolean counted = unit && first.serial() == null && first.sku() != null;
    Integer quantity =
        counted ? a.outcomes().values().stream().mapToInt(Integer::intValue).sum() : null;
    return new Answer(
        "outcome-" + o.name(),
        title(o, a.kind()),
        a.message(),
        null,
        o.exception(),
        unit ? first.sku() : null,
        unit ? first.gtin() : a.product(),
        unit ? first.serial() : null,
        unit ? first.lot() : null,
        quantity,
        a.repeated(),
        unit ? List.of() : a.lines());
  }

  /**
   * What became of a Qty typed that the service did not take as it was (null: taken, or none
   * typed).
   */
  private static String unused(Integer typed, Answer shown, Receiving.ScanAnswer a) {
    if (typed == null || a.repeated()) {
      return null;
    }
    if ("PRODUCT".equals(a.kind()) || shown.serial() != null) {
      return "The Qty typed (" + typed + ") was not used: a unit with a serial is one, scan each.";
    }
    if (shown.quantity() != null && !shown.quantity().equals(typed)) {
      return "The label's count ("
          + shown.quantity()
          + ") was taken, not the Qty typed ("
          + typed
          + ").";
    }
    return null;
  }

  /**
   * The Qty field as typed: empty is none (the label's count, or one), else a whole number of at
   * least one. Read here rather than bound, so a slip of the thumb is a loud answer, not an error
   * page.
   */
  static Integer quantity(String typed) {
    String text = strip(typed);
    if (text == null) {
      return null;
    }
    if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < 1) {
      throw Problem.badRequest(
          "invalid-field",
          "quantity",
          "Qty is a whole number of at least 1, not “" + Lookup.visible(text) + "”");
    }
    return Integer.valueOf(text);
  }

  /**
   * The headline of a verdict, in the words of the dock; the service's message says the specifics.
   */
  static String title(ScanOutcome o, String kind) {
    String what =
        switch (o) {
          case RECEIVED -> "Received";
          case UNEXPECTED -> "Not on the ASN";
          case WRONG_PRODUCT -> "Wrong product";
          case LOT_MISMATCH -> "Lot or expiry differs";
          case EXPIRED -> "Expired";
          case SHORT_SHELF_LIFE -> "Short shelf life";
          case OVER_QUANTITY -> "Over quantity";
          case DAMAGED -> "Damaged";
          case DUPLICATE -> "Duplicate serial";
          case UNKNOWN_GTIN -> "Unknown GTIN";
          case MARKED_DAMAGED -> "Marked damaged";
          case REPEAT -> "Repeat scan";
          case NOT_FOUND -> "Not found";
        };
    return "UNIT".equals(kind) ? what : "Container · " + what;
  }

  private static String strip(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
