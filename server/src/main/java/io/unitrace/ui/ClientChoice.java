package io.unitrace.ui;

import io.unitrace.tenancy.Actor;
import io.unitrace.tenancy.CurrentActor;
import io.unitrace.tenancy.TenantScope;
import io.unitrace.tenancy.TenantScopes;
import io.unitrace.tenancy.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which client the UI works in. A person who sees one client always works in it; one who sees
 * several (the 3PL's own staff) picks one, and the pick stays in the session until they pick
 * another. A {@code tenant} query parameter picks too, so that a link can name its client. Access
 * is checked on every request by {@link TenantScopes}, never trusted from the session.
 */
@Component
class ClientChoice {

  /**
   * The person, the clients they may switch between, and the one they work in (null until picked).
   */
  record Choice(Actor actor, List<Tenants.Tenant> clients, TenantScope scope) {

    boolean picked() {
      return scope != null;
    }
  }

  static final String PARAMETER = "tenant";
  private static final String SESSION_KEY = ClientChoice.class.getName();
  private static final String REQUEST_KEY = ClientChoice.class.getName() + ".choice";

  private final CurrentActor actors;
  private final Tenants tenants;
  private final TenantScopes scopes;

  ClientChoice(CurrentActor actors, Tenants tenants, TenantScopes scopes) {
    this.actors = actors;
    this.tenants = tenants;
    this.scopes = scopes;
  }

  /**
   * The client a scan posted to a screen is for, or (no client picked yet) the view that sends the
   * browser back to pick one.
   */
  record ScanScope(TenantScope scope, String view) {}

  /**
   * For a scan posted to {@code screen} ("receiving", "putaway"): the picked client's scope, or,
   * when none is picked, a redirect to the screen (for htmx, its answer fragment with an
   * HX-Redirect). The same URL answers with a fragment or a page, so caches are told to keep them
   * apart.
   */
  ScanScope forScan(
      HttpServletRequest request, HttpServletResponse response, String htmx, String screen) {
    response.addHeader("Vary", "HX-Request");
    Choice choice = of(request);
    if (choice.picked()) {
      return new ScanScope(choice.scope(), null);
    }
    if ("true".equals(htmx)) {
      response.addHeader("HX-Redirect", request.getContextPath() + "/" + screen);
      return new ScanScope(null, screen + "/answer");
    }
    return new ScanScope(null, "redirect:/" + screen);
  }

  /** Decided once per request: the layout and the page share it. */
  Choice of(HttpServletRequest request) {
    Choice cached = (Choice) request.getAttribute(REQUEST_KEY);
    if (cached != null) {
      return cached;
    }
    Choice choice = decide(request);
    request.setAttribute(REQUEST_KEY, choice);
    return choice;
  }

  private Choice decide(HttpServletRequest request) {
    Actor actor = actors.get();
    List<Tenants.Tenant> visible = tenants.visibleTo(actor);
    String asked = request.getParameter(PARAMETER);
    if (asked != null && !asked.isBlank()) {
      // Refuses a client this person may not read, with the same words whether or not it exists.
      TenantScope scope = scopes.resolve(asked);
      request.getSession().setAttribute(SESSION_KEY, scope.tenantCode());
      return new Choice(actor, visible, scope);
    }
    var session = request.getSession(false);
    String kept = session == null ? null : (String) session.getAttribute(SESSION_KEY);
    if (kept != null) {
      if (visible.stream().anyMatch(t -> t.code().equals(kept))) {
        return new Choice(actor, visible, scopes.resolve(kept));
      }
      // Access was withdrawn (or the client removed) since the pick: forget it and ask again.
      session.removeAttribute(SESSION_KEY);
    }
    if (visible.size() == 1) {
      return new Choice(actor, visible, scopes.resolve(visible.get(0).code()));
    }
    return new Choice(actor, visible, null);
  }
}
