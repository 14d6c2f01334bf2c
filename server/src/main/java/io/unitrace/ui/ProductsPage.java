package io.unitrace.ui;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.CustomField;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductImport;
import io.unitrace.catalog.SerialScope;
import io.unitrace.catalog.Tracking;
import io.unitrace.gs1.Gtin;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Products and their GTINs for the office: the client's products a page at a time (searched by SKU,
 * name or GTIN), a product's form (GTINs, tracking, expiry, shelf life, warranty, serial rules and
 * the custom field schema, fields added and removed on the form), its lots, and the CSV import.
 * Every write goes through {@link Catalog} or {@link ProductImport}, as the API's do, after the
 * same SUPERVISOR check; a refusal is shown on the input it names and writes nothing.
 *
 * <p>The custom fields are rows of the form; "Add field" and "Remove" post the form back and show
 * it again with one row more or less, saving nothing, so the schema is edited without JavaScript.
 */
@Controller
class ProductsPage {

  /** A custom field as a row of the form, as typed. */
  record FieldRow(String name, String type, boolean required, boolean unique) {}

  /** The product form as typed (or as stored, for an edit). */
  record Form(
      String sku,
      String name,
      String gtins,
      String tracking,
      boolean expiryTracked,
      String shelfLifeDays,
      String warrantyMonths,
      String serialScope,
      String manufacturer,
      String serialPattern,
      String fixedBin,
      String minShelfLifeDays,
      boolean regulated,
      List<FieldRow> fields) {

    static Form empty() {
      return new Form(
          "", "", "", "SERIAL", false, "", "", "GTIN", "", "", "", "", false, List.of());
    }

    static Form of(Product p, String fixedBin) {
      return new Form(
          p.sku(),
          p.name(),
          p.gtins().stream().map(Gtin::value).collect(Collectors.joining(" ")),
          p.tracking().name(),
          p.expiryTracked(),
          text(p.shelfLifeDays()),
          text(p.warrantyMonths()),
          p.serialScope().name(),
          text(p.manufacturer()),
          text(p.serialPattern()),
          text(fixedBin),
          text(p.minShelfLifeDays()),
          p.regulated(),
          p.customFields().stream()
              .map(f -> new FieldRow(f.name(), f.type().name(), f.required(), f.unique()))
              .toList());
    }

    Form withFields(List<FieldRow> rows) {
      return new Form(
          sku,
          name,
          gtins,
          tracking,
          expiryTracked,
          shelfLifeDays,
          warrantyMonths,
          serialScope,
          manufacturer,
          serialPattern,
          fixedBin,
          minShelfLifeDays,
          regulated,
          rows);
    }
  }

  /** A product in the list. */
  record Row(String sku, String name, List<String> gtins, String tracking, int customFields) {}

  private static final int PAGE = 50;
  // A search reads the catalog in its own order, a batch at a time, and stops after this many
  // products: a page of matches, or a cursor to read on from.

  private static final Set<String> INPUTS =
      Set.of(
          "sku",
          "name",
          "gtins",
          "tracking",
          "expiryTracked",
          "shelfLifeDays",
          "warrantyMonths",
          "serialScope",
          "manufacturer",
          "serialPattern",
          "fixedBin",
          "minShelfLifeDays",
          "customFields",
          "customFields[]");
  private static final Set<String> LOT_INPUTS = Set.of("code", "manufacturedOn", "expiresOn");
  private static final Map<String, String> LOT_FIELDS =
      Map.of("lot", "code", "expiry", "expiresOn");

  private final ClientChoice clients;
  private final Catalog catalog;
  private final ProductImport productImport;

  ProductsPage(ClientChoice clients, Catalog catalog, ProductImport productImport) {
    this.clients = clients;
    this.catalog = catalog;
    this.productImport = productImport;
  }

  @GetMapping("/setup")
  String setup() {
    return "redirect:/setup/products";
  }

  @GetMapping("/setup/products")
  String list(
      HttpServletRequest request,
      Model model,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String cursor) {
    TenantScope scope = scope(request, model);
    String search = SetupForms.blankToNull(q);
    model.addAttribute("q", search);
    model.addAttribute("paged", SetupForms.blankToNull(cursor) != null);
    if (scope == null) {
      return "setup/products";
    }
    CursorPage<Product> page =
        search == null
            ? catalog.list(scope.tenantId(), SetupForms.blankToNull(cursor), PAGE)
            : catalog.search(scope.tenantId(), search, SetupForms.blankToNull(cursor), PAGE);
    model.addAttribute(
        "products",
        page.items().stream()
            .map(
                p ->
                    new Row(
                        p.sku(),
                        p.name(),
                        p.gtins().stream().map(Gtin::value).toList(),
                        p.tracking().name(),
                        p.customFields().size()))
            .toList());
    model.addAttribute("next", page.next());
    return "setup/products";
  }

  @GetMapping("/setup/products/new")
  String newProduct(HttpServletRequest request, Model model) {
    if (scope(request, model) == null) {
      return "setup/products";
    }
    return form(model, Form.empty(), true, null);
  }

  @PostMapping("/setup/products/new")
  String create(HttpServletRequest request, HttpServletResponse response, Model model) {
    TenantScope scope = scope(request, model);
    if (scope == null) {
      return "redirect:/setup/products";
    }
    Form form = read(request);
    if (edited(request, model, form, true)) {
      return "setup/product";
    }
    try {
      scope.requireRole(Role.SUPERVISOR);
      Product p = catalog.create(scope.tenantId(), spec(form));
      return "redirect:/setup/products/edit?sku="
          + URLEncoder.encode(p.sku(), StandardCharsets.UTF_8)
          + "&saved=created";
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("refusal", SetupForms.refusal(p, INPUTS, Map.of()));
      return form(model, form, true, null);
    }
  }

  @GetMapping("/setup/products/edit")
  String edit(
      HttpServletRequest request,
      Model model,
      @RequestParam String sku,
      @RequestParam(required = false) String saved) {
    TenantScope scope = scope(request, model);
    if (scope == null) {
      return "setup/products";
    }
    Product p = product(scope, sku);
    model.addAttribute("saved", saved);
    return form(model, Form.of(p, catalog.fixedBinCode(p)), false, lots(scope, p));
  }

  @PostMapping("/setup/products/edit")
  String replace(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam String sku) {
    TenantScope scope = scope(request, model);
    if (scope == null) {
      return "redirect:/setup/products";
    }
    Product existing = product(scope, sku);
    Form form = read(request);
    if (edited(request, model, form, false)) {
      model.addAttribute("lots", lots(scope, existing));
      return "setup/product";
    }
    try {
      scope.requireRole(Role.SUPERVISOR);
      Product p = catalog.replace(scope.tenantId(), existing.sku(), spec(form));
      return "redirect:/setup/products/edit?sku="
          + URLEncoder.encode(p.sku(), StandardCharsets.UTF_8)
          + "&saved=saved";
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("refusal", SetupForms.refusal(p, INPUTS, Map.of()));
      return form(model, form, false, lots(scope, existing));
    }
  }

  @PostMapping("/setup/products/lots")
  String createLot(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam String sku,
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String manufacturedOn,
      @RequestParam(required = false) String expiresOn) {
    TenantScope scope = scope(request, model);
    if (scope == null) {
      return "redirect:/setup/products";
    }
    Product p = product(scope, sku);
    try {
      scope.requireRole(Role.SUPERVISOR);
      Lot lot =
          catalog.createLot(
              scope.tenantId(),
              p.sku(),
              code,
              SetupForms.date(manufacturedOn, "manufacturedOn"),
              SetupForms.date(expiresOn, "expiresOn"));
      model.addAttribute("lotAdded", lot.code());
    } catch (Problem refused) {
      response.setStatus(refused.status());
      model.addAttribute("lotRefusal", SetupForms.refusal(refused, LOT_INPUTS, LOT_FIELDS));
      model.addAttribute("lotForm", new String[] {code, manufacturedOn, expiresOn});
    }
    return form(model, Form.of(p, catalog.fixedBinCode(p)), false, lots(scope, p));
  }

  @GetMapping("/setup/products/import")
  String importForm(HttpServletRequest request, Model model) {
    scope(request, model);
    return "setup/product-import";
  }

  @PostMapping("/setup/products/import")
  String importCsv(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String csv,
      @RequestParam(required = false) MultipartFile file)
      throws IOException {
    TenantScope scope = scope(request, model);
    if (scope == null) {
      return "redirect:/setup/products/import";
    }
    String text =
        file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : csv;
    model.addAttribute("csv", file != null && !file.isEmpty() ? null : csv);
    try {
      scope.requireRole(Role.SUPERVISOR);
      if (text == null || text.isBlank()) {
        throw Problem.badRequest("empty-csv", "csv", "paste the CSV or choose a file");
      }
      model.addAttribute("imported", productImport.run(scope.tenantId(), new StringReader(text)));
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("refusal", p);
    }
    return "setup/product-import";
  }

  /** The client picked, for a SUPERVISOR or higher; null while none is picked. */
  private TenantScope scope(HttpServletRequest request, Model model) {
    ClientChoice.Choice choice = clients.of(request);
    SetupForms.requireSupervisor(choice.actor());
    return choice.picked() ? choice.scope() : null;
  }

  private Product product(TenantScope scope, String sku) {
    return catalog
        .bySku(scope.tenantId(), sku)
        .orElseThrow(() -> Problem.notFound("unknown-sku", "no product with SKU " + sku));
  }

  private List<Lot> lots(TenantScope scope, Product p) {
    return catalog.lots(scope.tenantId(), p.sku());
  }

  private static String form(Model model, Form form, boolean creating, List<Lot> lots) {
    model.addAttribute("form", form);
    model.addAttribute("creating", creating);
    model.addAttribute("trackings", Arrays.stream(Tracking.values()).map(Enum::name).toList());
    model.addAttribute("scopes", Arrays.stream(SerialScope.values()).map(Enum::name).toList());
    model.addAttribute("types", Arrays.stream(CustomField.Type.values()).map(Enum::name).toList());
    if (lots != null) {
      model.addAttribute("lots", lots);
    }
    return "setup/product";
  }

  /**
   * "Add field" or "Remove" pressed: the form shown again with a row more or less, nothing saved.
   */
  private static boolean edited(
      HttpServletRequest request, Model model, Form form, boolean creating) {
    List<FieldRow> rows = new ArrayList<>(form.fields());
    if (request.getParameter("addField") != null) {
      rows.add(new FieldRow("", "TEXT", false, false));
    } else if (request.getParameter("removeField") != null) {
      Integer i = SetupForms.integer(request.getParameter("removeField"), "removeField", "a row");
      if (i != null && i >= 0 && i < rows.size()) {
        rows.remove((int) i);
      }
    } else {
      return false;
    }
    form(model, form.withFields(rows), creating, null);
    return true;
  }

  /** The form as posted; custom field rows are {@code fields[i].name} and so on. */
  private static Form read(HttpServletRequest r) {
    List<FieldRow> rows = new ArrayList<>();
    Integer count = SetupForms.integer(r.getParameter("fieldCount"), "fieldCount", "fieldCount");
    for (int i = 0; i < (count == null ? 0 : Math.min(count, 200)); i++) {
      String at = "fields[" + i + "].";
      rows.add(
          new FieldRow(
              value(r, at + "name"),
              value(r, at + "type"),
              r.getParameter(at + "required") != null,
              r.getParameter(at + "unique") != null));
    }
    return new Form(
        value(r, "sku"),
        value(r, "name"),
        value(r, "gtins"),
        value(r, "tracking"),
        r.getParameter("expiryTracked") != null,
        value(r, "shelfLifeDays"),
        value(r, "warrantyMonths"),
        value(r, "serialScope"),
        value(r, "manufacturer"),
        value(r, "serialPattern"),
        value(r, "fixedBin"),
        value(r, "minShelfLifeDays"),
        r.getParameter("regulated") != null,
        rows);
  }

  private static String value(HttpServletRequest r, String name) {
    String v = r.getParameter(name);
    return v == null ? "" : v;
  }

  /**
   * The form as the catalog's product spec. Text that is not a number or a choice is refused here,
   * on its input, as the API refuses JSON of the wrong type; everything else is the catalog's to
   * check. Custom field rows left without a name are blank rows, not fields.
   */
  static Catalog.ProductSpec spec(Form f) {
    List<CustomField> fields = new ArrayList<>();
    for (int i = 0; i < f.fields().size(); i++) {
      FieldRow row = f.fields().get(i);
      if (SetupForms.blankToNull(row.name()) == null) {
        continue;
      }
      String at = "customFields[" + i + "]";
      try {
        fields.add(
            new CustomField(
                row.name().strip(),
                SetupForms.choice(CustomField.Type.class, row.type(), at + ".type"),
                row.required(),
                row.unique()));
      } catch (Problem p) {
        throw p.at(at);
      }
    }
    List<String> gtins =
        Arrays.stream(f.gtins().split("[\\s,;]+")).filter(g -> !g.isBlank()).toList();
    return new Catalog.ProductSpec(
        f.sku(),
        f.name(),
        gtins,
        SetupForms.choice(Tracking.class, f.tracking(), "tracking"),
        f.expiryTracked(),
        SetupForms.integer(f.shelfLifeDays(), "shelfLifeDays", "the shelf life in days"),
        SetupForms.integer(f.warrantyMonths(), "warrantyMonths", "the warranty in months"),
        SetupForms.choice(SerialScope.class, f.serialScope(), "serialScope"),
        SetupForms.blankToNull(f.manufacturer()),
        SetupForms.blankToNull(f.serialPattern()),
        fields,
        SetupForms.blankToNull(f.fixedBin()),
        SetupForms.integer(
            f.minShelfLifeDays(), "minShelfLifeDays", "the least shelf life on arrival in days"),
        f.regulated());
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }
}
