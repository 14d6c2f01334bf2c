package io.unitrace.tenancy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two ways in. The REST API ({@code /api/**}) is stateless: HTTP Basic for people, Bearer API
 * tokens for scanners and integrations, no session and so no CSRF exposure. The UI uses a form
 * login and a session cookie, with CSRF protection.
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

  @Bean
  UserDetailsService userDetailsService(Accounts accounts) {
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
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
    AuthenticationEntryPoint unauthorized =
        (request, response, e) -> {
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
    return http.securityMatcher("/api/**")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
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

  @Bean
  @Order(2)
  SecurityFilterChain ui(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            a ->
                a.requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error")
                    .permitAll()
                    .requestMatchers(
                        "/actuator/health/**",
                        "/actuator/health",
                        "/actuator/prometheus",
                        "/actuator/info")
                    .permitAll()
                    .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**")
                    .permitAll()
                    .requestMatchers("/public/*/warranty")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
        .logout(l -> l.logoutSuccessUrl("/login?logout"))
        .build();
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
