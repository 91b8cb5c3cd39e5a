package dev.intake.local;

import dev.intake.aws.PageTokenKeys;
import dev.intake.engines.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The local API's page-token key: {@value #FILE} in the data folder, made on first start (32 random
 * bytes, base64url) and readable by its owner only, so page tokens stay good across restarts.
 * A file that others may read, or that does not hold a usable key, is replaced with a new key (open
 * pages then end with a 400, and the caller lists again). Deleting the file and restarting rotates
 * the key the same way.
 */
final class LocalPageTokenKey {

  static final String FILE = "page-token.key";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private LocalPageTokenKey() {
  }

  static PageTokenKeys inDataFolder(Path data) throws IOException {
    Path file = data.resolve(FILE);
    if (Files.isRegularFile(file) && ownerOnly(file)) {
      byte[] key = Files.readAllBytes(file);
      if (key.length >= PageTokenKeys.MIN_KEY_BYTES) {
        return PageTokenKeys.of(key);
      }
    }
    byte[] random = new byte[PageTokenKeys.MIN_KEY_BYTES];
    new SecureRandom().nextBytes(random);
    byte[] key = Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
    // AtomicFiles writes an owner-only file (where the file system has POSIX permissions).
    AtomicFiles.replace(file, key);
    return PageTokenKeys.of(key);
  }

  /** True where the file system has no POSIX permissions to check. */
  private static boolean ownerOnly(Path file) throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    return posix == null || OWNER_ONLY.containsAll(posix.readAttributes().permissions());
  }
}
