package io.unitrace.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Licence keys at rest, without Spring: sealed, opened, and refused when anything was changed. */
class LicenceCipherTest {

  static final String MASTER = LicenceCipher.newMasterKey();
  static final String KEY = "W7KQ-88TR-PLM4-ZX21";
  static final String ROW = "licence:7:42:fingerprint";

  final LicenceCipher cipher = LicenceCipher.fromBase64(MASTER);

  @Test
  void aSealedKeyOpensToTheSameTextAndNeverShowsIt() {
    String sealed = cipher.seal(KEY, ROW);
    assertThat(sealed).doesNotContain(KEY).doesNotContain("PLM4");
    assertThat(cipher.open(sealed, ROW)).isEqualTo(KEY);
    assertThat(LicenceCipher.fromBase64(MASTER).open(sealed, ROW))
        .as("another server with the same master key")
        .isEqualTo(KEY);
  }

  @Test
  void theSameKeySealedTwiceLooksDifferent() {
    assertThat(cipher.seal(KEY, ROW)).isNotEqualTo(cipher.seal(KEY, ROW));
  }

  @Test
  void anAlteredCiphertextIsDetected() {
    byte[] sealed = Base64.getDecoder().decode(cipher.seal(KEY, ROW));
    for (int i : new int[] {0, 12, sealed.length - 1}) {
      byte[] altered = sealed.clone();
      altered[i] ^= 1;
      String text = Base64.getEncoder().encodeToString(altered);
      assertThatThrownBy(() -> cipher.open(text, ROW))
          .as("byte " + i + " flipped")
          .isInstanceOf(LicenceCipher.Tampered.class);
    }
    assertThatThrownBy(() -> cipher.open("not base64 at all!", ROW))
        .isInstanceOf(LicenceCipher.Tampered.class);
    assertThatThrownBy(() -> cipher.open("AAAA", ROW)).isInstanceOf(LicenceCipher.Tampered.class);
  }

  @Test
  void aCiphertextCopiedOntoAnotherClientsOrProductsRowDoesNotOpen() {
    String sealed = cipher.seal(KEY, ROW);
    assertThatThrownBy(() -> cipher.open(sealed, "licence:8:42:fingerprint"))
        .isInstanceOf(LicenceCipher.Tampered.class);
    assertThatThrownBy(() -> cipher.open(sealed, "licence:7:43:fingerprint"))
        .isInstanceOf(LicenceCipher.Tampered.class);
  }

  @Test
  void anotherMasterKeyOpensNothingAndHasAnotherReference() {
    LicenceCipher other = LicenceCipher.fromBase64(LicenceCipher.newMasterKey());
    String sealed = cipher.seal(KEY, ROW);
    assertThatThrownBy(() -> other.open(sealed, ROW)).isInstanceOf(LicenceCipher.Tampered.class);
    assertThat(other.ref()).isNotEqualTo(cipher.ref()).hasSize(16);
    assertThat(LicenceCipher.fromBase64(MASTER).ref()).isEqualTo(cipher.ref());
    assertThat(MASTER).doesNotContain(cipher.ref());
  }

  @Test
  void fingerprintsMatchForTheSameKeyAndCannotBeCheckedWithoutTheMasterKey() throws Exception {
    assertThat(cipher.fingerprint(KEY))
        .isEqualTo(cipher.fingerprint(KEY))
        .isNotEqualTo(cipher.fingerprint(KEY + "X"))
        .hasSize(64);
    String plainSha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(KEY.getBytes(StandardCharsets.UTF_8)));
    assertThat(cipher.fingerprint(KEY)).isNotEqualTo(plainSha);
    assertThat(LicenceCipher.fromBase64(LicenceCipher.newMasterKey()).fingerprint(KEY))
        .isNotEqualTo(cipher.fingerprint(KEY));
  }

  @Test
  void aMasterKeyIsThirtyTwoBytesOfBase64() {
    assertThatThrownBy(
            () -> LicenceCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> LicenceCipher.fromBase64("%%%"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base64");
  }

  @Test
  void theConfiguredKeyWinsOverTheKeyFile(@TempDir Path dir) {
    Path file = dir.resolve("licence.key");
    LicenceCipher configured = LicenceKeyring.load(MASTER, file);
    assertThat(configured.ref()).isEqualTo(cipher.ref());
    assertThat(file).doesNotExist();
  }

  @Test
  void withoutAConfiguredKeyOneIsGeneratedOnceIntoAnOwnerOnlyFile(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("data").resolve("licence.key");
    LicenceCipher first = LicenceKeyring.load("", file);
    assertThat(file).exists();
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    LicenceCipher again = LicenceKeyring.load(null, file);
    assertThat(again.ref()).as("the next start reads the same key").isEqualTo(first.ref());
    assertThat(again.open(first.seal(KEY, ROW), ROW)).isEqualTo(KEY);
  }
}
