package io.unitrace.tenancy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two ways in. The REST API ({@code /api/**}) is stateless: HTTP Basic for people, Bearer API
 * tokens for scanners and integrations, no session and so no CSRF exposure. The UI uses a form
 * login and a session cookie, with CSRF protection. The actuator's metrics are for an ADMIN or a
 * scraper holding the metrics token. Every password check goes through {@link PasswordSignIn}
 * (throttled per user and per address, failures logged and counted).
 */
@Configuration(proxyBeanMethods = false)
class Security {

  /**
   * bcrypt at the configured cost for new hashes; a stored hash is checked at the cost it names, in
   * any of the standard encodings it may carry.
   */
  @Bean
  PasswordEncoder passwordEncoder(@Value("${unitrace.security.password-cost:10}") int cost) {
    if (cost < 4 || cost > 31) {
      throw new IllegalStateException(
          "unitrace.security.password-cost must be 4 to 31, not " + cost);
    }
    DelegatingPasswordEncoder standard =
        (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
    DelegatingPasswordEncoder encoder =
        new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(cost)));
    encoder.setDefaultPasswordEncoderForMatches(standard);
    return encoder;
  }

  /** People's accounts as Spring Security reads them for a password check. */
  static UserDetailsService people(Accounts accounts) {
    return username ->
        accounts
            .credentials(username)
            .map(
                c ->
                    User.withUsername(c.username())
                        .password(c.passwordHash())
                        .roles(c.role().name())
                        .disabled(!c.enabled())
                        .build())
            .orElseThrow(() -> new UsernameNotFoundException(username));
  }

  @Bean
  LoginThrottle loginThrottle(
      @Value("${unitrace.security.sign-in.free-failures-per-user:5}") int freePerUser,
      @Value("${unitrace.security.sign-in.free-failures-per-address:20}") int freePerAddress,
      @Value("${unitrace.security.sign-in.first-wait-ms:1000}") long firstWaitMs,
      @Value("${unitrace.security.sign-in.max-wait-ms:900000}") long maxWaitMs,
      @Value("${unitrace.security.sign-in.forget-after-ms:3600000}") long forgetAfterMs) {
    return new LoginThrottle(
        new LoginThrottle.Limits(
            freePerUser,
            freePerAddress,
            Duration.ofMillis(firstWaitMs),
            Duration.ofMillis(maxWaitMs),
            Duration.ofMillis(forgetAfterMs),
            100_000));
  }

  /**
   * The same headers on every answer. CSP: scripts, styles and everything else only from this
   * server, no inline code (the screens keep theirs in /js and /css), no framing. HSTS is written
   * on secure requests only, which behind a proxy are those it forwarded as https
   * (X-Forwarded-Proto, from a trusted proxy: see server.forward-headers-strategy).
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  private static void headers(HeadersConfigurer<HttpSecurity> h) {
    h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
        .httpStrictTransportSecurity(t -> t.maxAgeInSeconds(31_536_000).includeSubDomains(true));
  }

  /** 401, or 429 with Retry-After when the password was not even checked (too many failures). */
  private static AuthenticationEntryPoint unauthorized() {
    return (request, response, e) -> {
      if (e instanceof PasswordSignIn.Throttled throttled) {
        tooManyAttempts(response, throttled);
        return;
      }
      response.setStatus(HttpStatus.UNAUTHORIZED.value());
      response.setHeader("WWW-Authenticate", "Basic realm=\"Unitrace\", Bearer");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response
          .getWriter()
          .write(
              """
          {"type":"/problems/unauthenticated","title":"unauthenticated","status":401,"code":"unauthenticated",\
          "detail":"sign in with HTTP Basic or send an API token as 'Authorization: Bearer ut_...'"}""");
    };
  }

  static void tooManyAttempts(HttpServletResponse response, PasswordSignIn.Throttled e)
      throws IOException {
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            """
        {"type":"/problems/too-many-sign-ins","title":"too many sign ins","status":429,\
        "code":"too-many-sign-ins","retryAfterSeconds":%d,\
        "detail":"too many failed sign-ins for this user or from this address; try again in %d s"}"""
                .formatted(e.retryAfterSeconds(), e.retryAfterSeconds()));
  }

  /**
   * The actuator: health and info for load balancers, open; metrics (Prometheus and the JSON view)
   * for an ADMIN signed in with HTTP Basic, or for a scraper sending {@code Authorization: Bearer}
   * with the configured metrics token (role METRICS, good for nothing else).
   */
  @Bean
  @Order(0)
  SecurityFilterChain actuator(
      HttpSecurity http, @Value("${unitrace.security.metrics-token:}") String metricsToken)
      throws Exception {
    AuthenticationEntryPoint unauthorized = unauthorized();
    return http.securityMatcher("/actuator/**")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(c -> c.securityContextRepository(new ScreenSessionForReads()))
        .headers(Security::headers)
        .httpBasic(b -> b.authenticationEntryPoint(unauthorized))
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
        .addFilterBefore(
            new MetricsTokenFilter(metricsToken, unauthorized), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                    .permitAll()
                    .anyRequest()
                    .hasAnyRole(Role.ADMIN.name(), METRICS))
        .build();
  }

  static final String METRICS = "METRICS";

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
    AuthenticationEntryPoint unauthorized = unauthorized();
    return http.securityMatcher("/api/**")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(c -> c.securityContextRepository(new ScreenSessionForReads()))
        .headers(Security::headers)
        .httpBasic(b -> b.authenticationEntryPoint(unauthorized))
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
        .addFilterBefore(
            new BearerTokenFilter(tokens, unauthorized), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(
            a ->
                // End customers register their warranty without an account (rate-limited there).
                a.requestMatchers(HttpMethod.POST, "/api/v1/public/*/warranty-registrations")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .build();
  }

  /**
   * Under /api a person signed in on the screens is known by their session for reading only (GET,
   * HEAD): the screens' links to labels, packing slips and dispatch advice open without a second
   * sign-in. A write with nothing but the session cookie, which is all a request forged by another
   * site carries, stays unauthenticated (the API has no CSRF token). No session is ever created or
   * saved here: the API stays stateless.
   */
  static final class ScreenSessionForReads implements SecurityContextRepository {

    private final RequestAttributeSecurityContextRepository request =
        new RequestAttributeSecurityContextRepository();
    private final HttpSessionSecurityContextRepository session =
        new HttpSessionSecurityContextRepository();

    private static boolean reading(HttpServletRequest r) {
      return "GET".equals(r.getMethod()) || "HEAD".equals(r.getMethod());
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest r) {
      DeferredSecurityContext own = request.loadDeferredContext(r);
      if (!reading(r)) {
        return own;
      }
      DeferredSecurityContext signedIn = session.loadDeferredContext(r);
      return new DeferredSecurityContext() {
        @Override
        public SecurityContext get() {
          SecurityContext c = own.get();
          return own.isGenerated() ? signedIn.get() : c;
        }

        @Override
        public boolean isGenerated() {
          return own.isGenerated() && signedIn.isGenerated();
        }
      };
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(
        org.springframework.security.web.context.HttpRequestResponseHolder holder) {
      return loadDeferredContext(holder.getRequest()).get();
    }

    @Override
    public void saveContext(
        SecurityContext context, HttpServletRequest r, HttpServletResponse response) {
      request.saveContext(context, r, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest r) {
      return request.containsContext(r) || (reading(r) && session.containsContext(r));
    }
  }

  @Bean
  @Order(2)
  SecurityFilterChain ui(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            a ->
                a.requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error")
                    .permitAll()
                    .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**")
                    .permitAll()
                    .requestMatchers("/public/*/warranty")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .headers(Security::headers)
        .formLogin(
            f ->
                f.loginPage("/login")
                    .defaultSuccessUrl("/", false)
                    .failureHandler(Security::signInFailed)
                    .permitAll())
        .logout(l -> l.logoutSuccessUrl("/login?logout"))
        .build();
  }

  /**
   * A failed form sign-in goes back to the form with its message; a throttled one is answered 429
   * with Retry-After: a short page for a browser, problem+json for anything else.
   */
  private static void signInFailed(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (!(e instanceof PasswordSignIn.Throttled throttled)) {
      response.sendRedirect(request.getContextPath() + "/login?error");
      return;
    }
    String accept = request.getHeader("Accept");
    if (accept == null || !accept.contains("text/html")) {
      tooManyAttempts(response, throttled);
      return;
    }
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
    response.setContentType("text/html;charset=UTF-8");
    response
        .getWriter()
        .write(
            """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">\
        <meta name="viewport" content="width=device-width, initial-scale=1">\
        <title>Too many sign-ins · Unitrace</title>\
        <link rel="stylesheet" href="%1$s/css/unitrace.css"></head>\
        <body class="signin"><main class="signin-box">\
        <div class="notice error" role="alert" data-test="signin-throttled">\
        Too many failed sign-ins for this user or from this address. Try again in %2$d s.</div>\
        <p><a href="%1$s/login">Back to sign in</a></p></main></body></html>"""
                .formatted(request.getContextPath(), throttled.retryAfterSeconds()));
  }

  /**
   * Authenticates a scraper's {@code Authorization: Bearer <metrics token>} on the actuator, as
   * role METRICS; without a configured token, or with another bearer, the request goes on
   * unauthenticated.
   */
  static final class MetricsTokenFilter extends OncePerRequestFilter {

    private final byte[] token;
    private final AuthenticationEntryPoint unauthorized;

    MetricsTokenFilter(String token, AuthenticationEntryPoint unauthorized) {
      this.token = token == null ? new byte[0] : token.strip().getBytes(StandardCharsets.UTF_8);
      this.unauthorized = unauthorized;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String header = request.getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        chain.doFilter(request, response);
        return;
      }
      byte[] presented = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
      if (token.length == 0 || !MessageDigest.isEqual(token, presented)) {
        unauthorized.commence(request, response, null);
        return;
      }
      var context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(
          UsernamePasswordAuthenticationToken.authenticated(
              "metrics", "", List.of(new SimpleGrantedAuthority("ROLE_" + METRICS))));
      SecurityContextHolder.setContext(context);
      chain.doFilter(request, response);
    }
  }

  /**
   * Authenticates {@code Authorization: Bearer ut_...}; an unknown or revoked token is a 401, not a
   * fallback.
   */
  static final class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final AuthenticationEntryPoint unauthorized;

    BearerTokenFilter(ApiTokens tokens, AuthenticationEntryPoint unauthorized) {
      this.tokens = tokens;
      this.unauthorized = unauthorized;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String header = request.getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        chain.doFilter(request, response);
        return;
      }
      var holder = tokens.authenticate(header.substring(7).strip());
      if (holder.isEmpty()) {
        unauthorized.commence(request, response, null);
        return;
      }
      var context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(
          new TokenAuthentication(holder.get().actor(), holder.get().tenant()));
      SecurityContextHolder.setContext(context);
      chain.doFilter(request, response);
    }
  }

  /**
   * A token's authentication; it carries the token's client, read with the token, for {@link
   * TenantScopes}.
   */
  static final class TokenAuthentication extends AbstractAuthenticationToken {

    private final Actor actor;
    private final Tenants.Tenant tenant;

    TokenAuthentication(Actor actor, Tenants.Tenant tenant) {
      super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
      this.actor = actor;
      this.tenant = tenant;
      setAuthenticated(true);
    }

    Tenants.Tenant tenant() {
      return tenant;
    }

    @Override
    public Object getCredentials() {
      return "";
    }

    @Override
    public Object getPrincipal() {
      return actor;
    }

    @Override
    public String getName() {
      return actor.who();
    }
  }
}
