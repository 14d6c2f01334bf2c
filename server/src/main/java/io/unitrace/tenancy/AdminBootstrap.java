package io.unitrace.tenancy;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On an installation's first start, creates the user {@code admin}. The password is
 * UNITRACE_ADMIN_PASSWORD, or generated and printed this once: it is stored only as a slow hash.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final Accounts accounts;
  private final String configured;

  AdminBootstrap(Accounts accounts, @Value("${unitrace.admin.password:}") String configured) {
    this.accounts = accounts;
    this.configured = configured;
  }

  @Override
  public void run(ApplicationArguments args) {
    boolean generated = configured == null || configured.isBlank();
    String password = generated ? generate() : configured;
    if (accounts.createIfAbsent("admin", password, Role.ADMIN)) {
      if (generated) {
        log.warn(
            "Created user 'admin' with the generated password: {}  (shown only this once)",
            password);
      } else {
        log.info("Created user 'admin' with the password from UNITRACE_ADMIN_PASSWORD");
      }
    }
  }

  private static String generate() {
    byte[] b = new byte[15];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
