package io.unitrace.ledger;

import io.unitrace.shared.KeyFiles;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the checkpoint signing key comes from (ADR 0018), as the licence master key (ADR 0014):
 * {@code unitrace.ledger.signing-key} (UNITRACE_LEDGER_SIGNING_KEY: an Ed25519 private key, PKCS#8
 * in base64), else the file {@code unitrace.ledger.signing-key-file} (default {@code
 * data/ledger-signing.key}), generated on the first start when absent, readable by its owner only.
 * Several servers sharing one PostgreSQL must be given the same key: a checkpoint signed by another
 * key fails verification.
 */
@Configuration(proxyBeanMethods = false)
class LedgerSigningKeyring {

  private static final Logger log = LoggerFactory.getLogger(LedgerSigningKeyring.class);

  @Bean
  LedgerSigner ledgerSigner(
      @Value("${unitrace.ledger.signing-key:}") String configured,
      @Value("${unitrace.ledger.signing-key-file:data/ledger-signing.key}") String file) {
    LedgerSigner signer = load(configured, Path.of(file));
    log.info("Ledger checkpoints are signed with the Ed25519 key {}", signer.ref());
    return signer;
  }

  /** The configured key, else the file's, else a new one written to the file. */
  static LedgerSigner load(String configured, Path file) {
    if (configured != null && !configured.isBlank()) {
      return LedgerSigner.fromBase64(configured);
    }
    return LedgerSigner.fromBase64(
        KeyFiles.readOrCreate(
            file,
            LedgerSigner::newPrivateKey,
            created ->
                log.warn(
                    "Generated the ledger signing key in {}: keep it apart from the database (whoever"
                        + " holds both can rewrite the ledger unnoticed); several servers need the"
                        + " same key (UNITRACE_LEDGER_SIGNING_KEY)",
                    created),
            "ledger signing key"));
  }
}
