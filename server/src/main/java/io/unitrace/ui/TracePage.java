package io.unitrace.ui;

import io.unitrace.recalls.TraceScreen;
import io.unitrace.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The trace, as a tree that needs no JavaScript. A lot (product by SKU or GTIN, and the lot code):
 * its units grouped by where they are — each with its place, order and customer — and its counted
 * stock. A unit (a scan in any GS1 form, or GTIN and serial): where it came from (purchase order,
 * vendor, ship notice), what it is built into and what went into it, level after level. Every unit
 * and lot in a tree links to its own trace, so a person walks the genealogy a tap at a time. A bad
 * field is marked on the form with the server's words.
 */
@Controller
class TracePage {

  private final ClientChoice clients;
  private final TraceScreen trace;

  TracePage(ClientChoice clients, TraceScreen trace) {
    this.clients = clients;
    this.trace = trace;
  }

  /** What was asked for, as the forms show it again. */
  record Asked(String product, String lot, String cursor, String scan, String gtin, String serial) {

    Asked {
      product = PickPage.strip(product);
      lot = PickPage.strip(lot);
      cursor = PickPage.strip(cursor);
      scan = PickPage.strip(scan);
      gtin = PickPage.strip(gtin);
      serial = PickPage.strip(serial);
    }

    boolean forLot() {
      return product != null || lot != null;
    }

    boolean forUnit() {
      return scan != null || gtin != null || serial != null;
    }
  }

  @GetMapping("/trace")
  String trace(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String product,
      @RequestParam(required = false) String lot,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String gtin,
      @RequestParam(required = false) String serial) {
    ClientChoice.Choice choice = clients.of(request);
    Asked asked = new Asked(product, lot, cursor, q, gtin, serial);
    model.addAttribute("asked", asked);
    if (!choice.picked()) {
      return "trace/trace";
    }
    try {
      if (asked.forLot()) {
        model.addAttribute(
            "lotTree", trace.lot(choice.scope(), asked.product(), asked.lot(), asked.cursor()));
      } else if (asked.forUnit()) {
        model.addAttribute(
            "unitTree", trace.unit(choice.scope(), asked.scan(), asked.gtin(), asked.serial()));
      }
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("refusal", p);
    }
    return "trace/trace";
  }
}
