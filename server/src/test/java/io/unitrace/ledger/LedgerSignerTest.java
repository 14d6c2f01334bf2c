package io.unitrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint signing key, without Spring: where it comes from, what it signs, what it refuses.
 */
class LedgerSignerTest {

  static final String TEXT = "unitrace-checkpoint-v1|7|UNITS|1|12|12|000|abc|1700000000000";

  final LedgerSigner signer = LedgerSigner.fromBase64(LedgerSigner.newPrivateKey());

  @Test
  void aSignatureChecksOutWithThePublishedKeyAloneAndOnlyForItsText() throws Exception {
    String signature = signer.sign(TEXT);

    assertThat(signer.verify(TEXT, signature)).isTrue();
    assertThat(signer.verify(TEXT.replace("|12|12|", "|12|11|"), signature)).isFalse();
    assertThat(signer.verify(TEXT, null)).isFalse();
    assertThat(signer.verify(TEXT, "not base64!")).isFalse();
    Signature external = Signature.getInstance("Ed25519");
    external.initVerify(
        KeyFactory.getInstance("Ed25519")
            .generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(signer.publicKey()))));
    external.update(TEXT.getBytes(StandardCharsets.UTF_8));
    assertThat(external.verify(Base64.getDecoder().decode(signature)))
        .as("checked with java.security and the published public key, as an outside anchor would")
        .isTrue();
  }

  @Test
  void anotherKeysSignatureIsRefused() {
    LedgerSigner other = LedgerSigner.fromBase64(LedgerSigner.newPrivateKey());

    assertThat(signer.verify(TEXT, other.sign(TEXT))).isFalse();
    assertThat(other.ref()).isNotEqualTo(signer.ref()).hasSize(16);
  }

  @Test
  void theFileIsGeneratedOnceReadableByItsOwnerOnlyAndReadAgainAfter(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("data").resolve("ledger-signing.key");

    LedgerSigner first = LedgerSigningKeyring.load("", file);
    LedgerSigner again = LedgerSigningKeyring.load(null, file);

    assertThat(again.ref()).isEqualTo(first.ref());
    assertThat(again.verify(TEXT, first.sign(TEXT))).isTrue();
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void theConfiguredKeyOutranksTheFile(@TempDir Path dir) {
    Path file = dir.resolve("ledger-signing.key");
    LedgerSigningKeyring.load("", file);
    String configured = LedgerSigner.newPrivateKey();

    LedgerSigner signer = LedgerSigningKeyring.load(configured, file);

    assertThat(signer.ref()).isEqualTo(LedgerSigner.fromBase64(configured).ref());
    assertThat(signer.ref()).isNotEqualTo(LedgerSigningKeyring.load("", file).ref());
  }

  @Test
  void somethingElseThanAnEd25519PrivateKeyIsRefused() {
    assertThatThrownBy(() -> LedgerSigner.fromBase64("not base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not base64");
    assertThatThrownBy(
            () ->
                LedgerSigner.fromBase64(
                    Base64.getEncoder()
                        .encodeToString("32 bytes of nothing in particular".getBytes())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Ed25519");
    assertThatThrownBy(() -> LedgerSigner.fromBase64(signer.publicKey()))
        .as("the public key where the private one belongs")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
