package io.unitrace.returns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    try {
      if (!Files.exists(file)) {
        String generated = LicenceCipher.newMasterKey();
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
          Files.createDirectories(dir);
        }
        try {
          createOwnerOnly(file);
          Files.writeString(file, generated + "\n", StandardCharsets.US_ASCII);
          log.warn(
              "Generated the licence master key in {}: back it up with the database; several"
                  + " servers need the same key (UNITRACE_LICENCE_KEY)",
              file.toAbsolutePath());
        } catch (FileAlreadyExistsException raced) {
          // another server on the same disk created it first: use theirs
        }
      }
      return LicenceCipher.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the licence key file " + file, e);
    }
  }

  /** Creates the empty file readable and writable by its owner only, before the key is in it. */
  private static void createOwnerOnly(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the file inherits its folder's access list
      Files.createFile(file);
    }
  }
}
