package io.unitrace.returns;

import io.unitrace.shared.KeyFiles;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the licence master key comes from: {@code unitrace.licences.key} (base64 of 32 bytes,
 * UNITRACE_LICENCE_KEY), else the key file {@code unitrace.licences.key-file} (default {@code
 * data/licence.key}), generated on the first start when absent, readable by its owner only, like
 * the generated admin password. Lose the key and the keys in the pool cannot be shown again: back
 * the file up with the database. Several servers sharing one PostgreSQL must be given the same key
 * (the setting): each would otherwise generate its own, and a server with another key refuses to
 * show keys sealed under the first, naming both keys' references.
 */
@Configuration(proxyBeanMethods = false)
class LicenceKeyring {

  private static final Logger log = LoggerFactory.getLogger(LicenceKeyring.class);

  @Bean
  LicenceCipher licenceCipher(
      @Value("${unitrace.licences.key:}") String configured,
      @Value("${unitrace.licences.key-file:data/licence.key}") String file) {
    return load(configured, Path.of(file));
  }

  /** Says so at start when the pool holds keys this server cannot open. */
  @Bean
  ApplicationRunner licenceKeyCheck(LicenceRows rows, LicenceCipher cipher) {
    return args -> {
      long others = rows.sealedUnderOtherKeys(cipher.ref());
      if (others > 0) {
        log.error(
            "{} licence key(s) are sealed under another master key than this server's ({}): they"
                + " cannot be shown; start with the installation's UNITRACE_LICENCE_KEY",
            others,
            cipher.ref());
      }
    };
  }

  /** The configured key, else the file's, else a new one written to the file. */
  static LicenceCipher load(String configured, Path file) {
    if (configured != null && !configured.isBlank()) {
      return LicenceCipher.fromBase64(configured);
    }
    return LicenceCipher.fromBase64(
        KeyFiles.readOrCreate(
            file,
            LicenceCipher::newMasterKey,
            created ->
                log.warn(
                    "Generated the licence master key in {}: back it up with the database; several"
                        + " servers need the same key (UNITRACE_LICENCE_KEY)",
                    created),
            "licence key"));
  }
}
