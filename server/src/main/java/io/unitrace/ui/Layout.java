package io.unitrace.ui;

import io.unitrace.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every UI page shows around its content (who is signed in, the client worked in, the clients
 * to switch to), and refusals shown as a page rather than problem+json: the REST API's advice would
 * otherwise answer a browser with JSON. Ordered first so it wins for UI controllers.
 */
@ControllerAdvice(basePackageClasses = Layout.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Layout {

  private static final Logger log = LoggerFactory.getLogger(Layout.class);

  private final ClientChoice clients;

  Layout(ClientChoice clients) {
    this.clients = clients;
  }

  @ModelAttribute
  void frame(HttpServletRequest request, Model model) {
    model.addAttribute("path", request.getRequestURI());
    model.addAttribute("words", WarehouseWords.WORDS);
    if (request.getUserPrincipal() == null) {
      return; // the sign-in page: nobody to show yet
    }
    ClientChoice.Choice choice = clients.of(request);
    model.addAttribute("me", choice.actor());
    model.addAttribute("clients", choice.clients());
    model.addAttribute("client", choice.scope());
  }

  @ExceptionHandler(Problem.class)
  ModelAndView refused(Problem p) {
    return page(HttpStatusCode.valueOf(p.status()), p.code().replace('-', ' '), p.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ModelAndView failed(Exception e) {
    if (e instanceof ErrorResponse known) {
      return page(known.getStatusCode(), known.getBody().getTitle(), known.getBody().getDetail());
    }
    log.error("unexpected failure in the UI", e);
    return page(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong",
        "The server failed on this request; it was logged.");
  }

  private static ModelAndView page(HttpStatusCode status, String title, String detail) {
    ModelAndView page = new ModelAndView("error");
    page.setStatus(status);
    page.addObject("status", status.value());
    page.addObject("error", title);
    page.addObject("detail", detail);
    return page;
  }
}
