package io.unitrace.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A secret kept in a file beside the database (the licence master key, the ledger signing key):
 * read it, or on first start generate it and write it readable by its owner only. Several servers
 * starting on one disk at once keep the first one's.
 */
public final class KeyFiles {

  private KeyFiles() {}

  /**
   * The file's text, stripped; when there is no file, {@code generate}'s text written to it first,
   * and {@code created} told where. {@code what} names the key in an error.
   */
  public static String readOrCreate(
      Path file, Supplier<String> generate, Consumer<Path> created, String what) {
    try {
      if (!Files.exists(file)) {
        String generated = generate.get();
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
          Files.createDirectories(dir);
        }
        try {
          createOwnerOnly(file);
          Files.writeString(file, generated + "\n", StandardCharsets.US_ASCII);
          created.accept(file.toAbsolutePath());
        } catch (FileAlreadyExistsException raced) {
          // another server on the same disk created it first: use theirs
        }
      }
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the " + what + " file " + file, e);
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
