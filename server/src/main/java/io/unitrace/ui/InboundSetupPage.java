package io.unitrace.ui;

import io.unitrace.inbound.AsnImport;
import io.unitrace.inbound.AsnList;
import io.unitrace.inbound.Asns;
import io.unitrace.inbound.Purchasing;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Purchase orders and ASNs for the office: the client's POs a page at a time with how much of each
 * has been received, a PO's lines (received against ordered), a new PO by SKU and quantity, POs
 * imported from CSV; the ASNs a page at a time with the units their receipts took in, an ASN
 * created against a PO, its expected items a page at a time with its PO's receipt progress, and its
 * items appended from CSV. Writes go through {@link Purchasing}, {@link Asns} and {@link AsnImport}
 * after the API's SUPERVISOR check; a refusal is shown on the input or the CSV row it names, and
 * writes nothing (the services check everything first).
 */
@Controller
class InboundSetupPage {

  /** A PO in the list: its units received and ordered over all lines. */
  record PoRow(Purchasing.PurchaseOrderSummary po, int received, int ordered) {}

  /** A PO line as typed: SKU and quantity. */
  record LineRow(String sku, String quantity) {}

  /** The new PO form as typed. */
  record PoForm(
      String number, String vendor, String vendorGln, String expectedOn, List<LineRow> lines) {

    static PoForm empty() {
      return new PoForm(
          "", "", "", "", List.of(new LineRow("", ""), new LineRow("", ""), new LineRow("", "")));
    }
  }

  private static final int PAGE = 25;
  private static final int ITEMS = 100;
  private static final Set<String> PO_INPUTS =
      Set.of("number", "vendor", "vendorGln", "expectedOn", "lines", "lines[]");
  private static final Set<String> ASN_INPUTS = Set.of("number", "purchaseOrder", "shippedOn");

  private final ClientChoice clients;
  private final Purchasing purchasing;
  private final Asns asns;
  private final AsnImport asnImport;
  private final AsnList asnList;

  InboundSetupPage(
      ClientChoice clients,
      Purchasing purchasing,
      Asns asns,
      AsnImport asnImport,
      AsnList asnList) {
    this.clients = clients;
    this.purchasing = purchasing;
    this.asns = asns;
    this.asnImport = asnImport;
    this.asnList = asnList;
  }

  @GetMapping("/setup/inbound")
  String list(
      HttpServletRequest request,
      Model model,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) String asnCursor,
      @RequestParam(required = false) String asn) {
    TenantScope scope = scope(request);
    if (scope == null) {
      return "setup/inbound";
    }
    String wanted = SetupForms.blankToNull(asn);
    if (wanted != null) {
      if (asns.view(scope.tenantId(), wanted).isPresent()) {
        return "redirect:/setup/inbound/asn?number=" + encode(wanted);
      }
      model.addAttribute("asnMissing", "no ASN " + wanted + " for client " + scope.tenantCode());
      model.addAttribute("asnWanted", wanted);
    }
    return shown(
        model,
        scope,
        SetupForms.blankToNull(cursor),
        SetupForms.blankToNull(asnCursor),
        PoForm.empty());
  }

  @PostMapping("/setup/inbound/po")
  String createPo(HttpServletRequest request, HttpServletResponse response, Model model) {
    TenantScope scope = scope(request);
    if (scope == null) {
      return "redirect:/setup/inbound";
    }
    PoForm form = readPo(request);
    if (request.getParameter("addLine") != null) {
      List<LineRow> lines = new ArrayList<>(form.lines());
      lines.add(new LineRow("", ""));
      return shown(
          model,
          scope,
          null,
          new PoForm(form.number(), form.vendor(), form.vendorGln(), form.expectedOn(), lines));
    }
    Order order = null;
    try {
      scope.requireRole(Role.SUPERVISOR);
      order = order(form);
      Purchasing.PurchaseOrderView po = purchasing.create(scope.tenantId(), order.order());
      return "redirect:/setup/inbound/po?number=" + encode(po.number()) + "&created=1";
    } catch (Problem p) {
      Problem placed = order == null ? p : order.onRows(p);
      response.setStatus(p.status());
      model.addAttribute("poRefusal", SetupForms.refusal(placed, PO_INPUTS, Map.of()));
      return shown(model, scope, null, form);
    }
  }

  @PostMapping("/setup/inbound/po/import")
  String importPos(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String csv,
      @RequestParam(required = false) MultipartFile file)
      throws IOException {
    TenantScope scope = scope(request);
    if (scope == null) {
      return "redirect:/setup/inbound";
    }
    try {
      scope.requireRole(Role.SUPERVISOR);
      Purchasing.Imported imported =
          purchasing.importCsv(scope.tenantId(), new StringReader(csv(csv, file)));
      model.addAttribute("poImported", imported);
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("poImportRefusal", p);
      model.addAttribute("poCsv", csv);
    }
    return shown(model, scope, null, PoForm.empty());
  }

  @GetMapping("/setup/inbound/po")
  String po(
      HttpServletRequest request,
      Model model,
      @RequestParam String number,
      @RequestParam(required = false) String created) {
    TenantScope scope = scope(request);
    if (scope == null) {
      return "setup/inbound";
    }
    model.addAttribute("created", created != null);
    model.addAttribute("po", requirePo(scope, number));
    return "setup/po";
  }

  @PostMapping("/setup/inbound/asn")
  String createAsn(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String number,
      @RequestParam(required = false) String purchaseOrder,
      @RequestParam(required = false) String shippedOn) {
    TenantScope scope = scope(request);
    if (scope == null) {
      return "redirect:/setup/inbound";
    }
    try {
      scope.requireRole(Role.SUPERVISOR);
      Asns.AsnView a =
          asns.create(
              scope.tenantId(),
              new Asns.NewAsn(
                  SetupForms.blankToNull(number),
                  SetupForms.blankToNull(purchaseOrder),
                  SetupForms.date(shippedOn, "shippedOn"),
                  List.of(),
                  List.of()));
      return "redirect:/setup/inbound/asn?number=" + encode(a.number()) + "&created=1";
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("asnRefusal", SetupForms.refusal(p, ASN_INPUTS, Map.of()));
      model.addAttribute("asnForm", new String[] {number, purchaseOrder, shippedOn});
      return shown(model, scope, null, PoForm.empty());
    }
  }

  @GetMapping("/setup/inbound/asn")
  String asn(
      HttpServletRequest request,
      Model model,
      @RequestParam String number,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) String created) {
    TenantScope scope = scope(request);
    if (scope == null) {
      return "setup/inbound";
    }
    model.addAttribute("created", created != null);
    return asnShown(model, scope, number, SetupForms.blankToNull(cursor));
  }

  @PostMapping("/setup/inbound/asn/items")
  String importItems(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam String number,
      @RequestParam(required = false) String csv,
      @RequestParam(required = false) MultipartFile file)
      throws IOException {
    TenantScope scope = scope(request);
    if (scope == null) {
      return "redirect:/setup/inbound";
    }
    try {
      scope.requireRole(Role.SUPERVISOR);
      model.addAttribute(
          "appended", asnImport.append(scope.tenantId(), number, new StringReader(csv(csv, file))));
    } catch (Problem p) {
      if (p.status() == 404) {
        throw p;
      }
      response.setStatus(p.status());
      model.addAttribute("itemsRefusal", p);
      model.addAttribute("itemsCsv", csv);
    }
    return asnShown(model, scope, number, null);
  }

  private String shown(Model model, TenantScope scope, String cursor, PoForm form) {
    return shown(model, scope, cursor, null, form);
  }

  private String shown(
      Model model, TenantScope scope, String cursor, String asnCursor, PoForm form) {
    CursorPage<Purchasing.PurchaseOrderSummary> page =
        purchasing.list(scope.tenantId(), cursor, PAGE);
    Map<String, Purchasing.Progress> progress =
        purchasing.progress(
            scope.tenantId(),
            page.items().stream().map(Purchasing.PurchaseOrderSummary::number).toList());
    List<PoRow> rows = new ArrayList<>(page.items().size());
    for (Purchasing.PurchaseOrderSummary s : page.items()) {
      Purchasing.Progress p = progress.getOrDefault(s.number(), new Purchasing.Progress(0, 0));
      rows.add(new PoRow(s, p.received(), p.ordered()));
    }
    model.addAttribute("orders", rows);
    model.addAttribute("next", page.next());
    model.addAttribute("paged", cursor != null);
    model.addAttribute("poForm", form);
    model.addAttribute("asnPage", asnList.page(scope.tenantId(), asnCursor, PAGE));
    model.addAttribute("asnCursor", asnCursor);
    return "setup/inbound";
  }

  private String asnShown(Model model, TenantScope scope, String number, String cursor) {
    Asns.AsnView a =
        asns.view(scope.tenantId(), number)
            .orElseThrow(() -> Problem.notFound("unknown-asn", "no ASN " + number));
    model.addAttribute("asn", a);
    model.addAttribute("items", asns.items(scope.tenantId(), a.number(), null, cursor, ITEMS));
    model.addAttribute("paged", cursor != null);
    model.addAttribute("po", purchasing.view(scope.tenantId(), a.purchaseOrder()).orElse(null));
    return "setup/asn";
  }

  private Purchasing.PurchaseOrderView requirePo(TenantScope scope, String number) {
    return purchasing
        .view(scope.tenantId(), number)
        .orElseThrow(
            () -> Problem.notFound("unknown-purchase-order", "no purchase order " + number));
  }

  /** The client picked, for a SUPERVISOR or higher; null while none is picked. */
  private TenantScope scope(HttpServletRequest request) {
    ClientChoice.Choice choice = clients.of(request);
    SetupForms.requireSupervisor(choice.actor());
    return choice.picked() ? choice.scope() : null;
  }

  private static PoForm readPo(HttpServletRequest r) {
    List<LineRow> lines = new ArrayList<>();
    Integer count = SetupForms.integer(r.getParameter("lineCount"), "lineCount", "lineCount");
    for (int i = 0; i < (count == null ? 0 : Math.min(count, 500)); i++) {
      lines.add(
          new LineRow(value(r, "lines[" + i + "].sku"), value(r, "lines[" + i + "].quantity")));
    }
    return new PoForm(
        value(r, "number"),
        value(r, "vendor"),
        value(r, "vendorGln"),
        value(r, "expectedOn"),
        lines);
  }

  /** The form as the API's new order, and for each line sent the form row it came from. */
  record Order(Purchasing.NewPurchaseOrder order, List<Integer> rows) {

    /** A refusal of line {@code lines[k]} sent, moved to the row it was typed in. */
    Problem onRows(Problem p) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("^lines\\[(\\d+)\\](.*)$")
              .matcher(p.field() == null ? "" : p.field());
      if (!m.matches() || Integer.parseInt(m.group(1)) >= rows.size()) {
        return p;
      }
      return p.at("lines[" + rows.get(Integer.parseInt(m.group(1))) + "]" + m.group(2));
    }
  }

  /** Rows left blank are not lines. */
  private static Order order(PoForm f) {
    List<Purchasing.NewLine> lines = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < f.lines().size(); i++) {
      LineRow l = f.lines().get(i);
      if (SetupForms.blankToNull(l.sku()) == null && SetupForms.blankToNull(l.quantity()) == null) {
        continue;
      }
      lines.add(
          new Purchasing.NewLine(
              SetupForms.blankToNull(l.sku()),
              null,
              SetupForms.integer(l.quantity(), "lines[" + i + "].quantity", "a quantity")));
      rows.add(i);
    }
    return new Order(
        new Purchasing.NewPurchaseOrder(
            SetupForms.blankToNull(f.number()),
            SetupForms.blankToNull(f.vendor()),
            SetupForms.blankToNull(f.vendorGln()),
            SetupForms.date(f.expectedOn(), "expectedOn"),
            lines),
        rows);
  }

  private static String csv(String pasted, MultipartFile file) throws IOException {
    String text =
        file != null && !file.isEmpty()
            ? new String(file.getBytes(), StandardCharsets.UTF_8)
            : pasted;
    if (text == null || text.isBlank()) {
      throw Problem.badRequest("empty-csv", "csv", "paste the CSV or choose a file");
    }
    return text;
  }

  private static String value(HttpServletRequest r, String name) {
    String v = r.getParameter(name);
    return v == null ? "" : v;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
