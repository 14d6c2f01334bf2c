package io.unitrace.tenancy;

import io.unitrace.shared.Problem;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Decides the tenant of a request: an API token's own tenant; else the {@code X-Tenant} header (or
 * {@code tenant} query parameter) naming a client code; else the actor's only client. A tenant the
 * actor may not read is refused the same way whether or not it exists, so codes do not leak.
 */
@Component
public class TenantScopes {

  public static final String HEADER = "X-Tenant";

  private final CurrentActor currentActor;
  private final Tenants tenants;

  TenantScopes(CurrentActor currentActor, Tenants tenants) {
    this.currentActor = currentActor;
    this.tenants = tenants;
  }

  public TenantScope resolve(String requestedCode) {
    Actor actor = currentActor.get();
    String code = requestedCode == null || requestedCode.isBlank() ? null : requestedCode.strip();
    if (actor.tokenTenant() != null) {
      Tenants.Tenant own =
          tokenTenant(actor.tokenTenant())
              .orElseGet(() -> tenants.byId(actor.tokenTenant()).orElseThrow());
      if (code != null && !code.equals(own.code())) {
        throw Problem.forbidden("this API token belongs to client " + own.code() + ", not " + code);
      }
      if (!actor.mayRead(own.id())) {
        throw Problem.forbidden(actor.who() + " has lost access to client " + own.code());
      }
      return new TenantScope(own.id(), own.code(), actor);
    }
    if (code == null) {
      List<Tenants.Tenant> visible = tenants.visibleTo(actor);
      if (visible.size() == 1) {
        return new TenantScope(visible.get(0).id(), visible.get(0).code(), actor);
      }
      throw Problem.badRequest(
          "tenant-required",
          HEADER,
          "say which client with the header " + HEADER + ": <client code>");
    }
    return tenants
        .byCode(code)
        .filter(t -> actor.mayRead(t.id()))
        .map(t -> new TenantScope(t.id(), t.code(), actor))
        .orElseThrow(() -> Problem.forbidden(actor.who() + " has no access to client " + code));
  }

  /**
   * The token's client as read when the token was checked: saves a query on every scanner request.
   */
  private static Optional<Tenants.Tenant> tokenTenant(long id) {
    return SecurityContextHolder.getContext().getAuthentication()
                instanceof Security.TokenAuthentication t
            && t.tenant().id() == id
        ? Optional.of(t.tenant())
        : Optional.empty();
  }

  @Configuration(proxyBeanMethods = false)
  static class Resolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private final TenantScopes scopes;

    Resolver(TenantScopes scopes) {
      this.scopes = scopes;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
      resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
      return parameter.getParameterType() == TenantScope.class;
    }

    @Override
    public Object resolveArgument(
        MethodParameter parameter,
        ModelAndViewContainer mav,
        NativeWebRequest request,
        WebDataBinderFactory binderFactory) {
      String code = request.getHeader(HEADER);
      if (code == null) {
        code = request.getParameter("tenant");
      }
      return scopes.resolve(code);
    }
  }
}
