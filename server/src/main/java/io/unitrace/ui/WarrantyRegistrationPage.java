package io.unitrace.ui;

import io.unitrace.returns.RateLimitExceeded;
import io.unitrace.returns.WarrantyRegistrations;
import io.unitrace.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A client's public warranty registration page: no sign-in, a plain form that works without
 * JavaScript. It registers through the same rules and rate limit as the public API, and shows the
 * reference or the field that needs correcting; nothing about the unit or other parties.
 */
@Controller
class WarrantyRegistrationPage {

  private final WarrantyRegistrations registrations;

  WarrantyRegistrationPage(WarrantyRegistrations registrations) {
    this.registrations = registrations;
  }

  @GetMapping("/public/{client}/warranty")
  String form(@PathVariable String client, Model model) {
    model.addAttribute("clientCode", client);
    return "warranty/register";
  }

  @PostMapping("/public/{client}/warranty")
  String register(
      @PathVariable String client,
      @RequestParam(required = false) String gtin,
      @RequestParam(required = false) String serial,
      @RequestParam(required = false) String purchaseDate,
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String email,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    model.addAttribute("clientCode", client);
    model.addAttribute("gtin", gtin);
    model.addAttribute("serial", serial);
    model.addAttribute("purchaseDate", purchaseDate);
    model.addAttribute("name", name);
    model.addAttribute("email", email);
    try {
      WarrantyRegistrations.Registered r =
          registrations.register(
              client,
              new WarrantyRegistrations.RegistrationForm(
                  gtin, serial, purchaseDate, new WarrantyRegistrations.Contact(name, email)),
              request.getRemoteAddr(),
              WarrantyRegistrations.Source.PAGE);
      model.addAttribute("registered", r);
    } catch (RateLimitExceeded e) {
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
      model.addAttribute("error", e.getMessage());
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("error", p.getMessage());
      model.addAttribute("errorField", p.field());
    }
    return "warranty/register";
  }
}
