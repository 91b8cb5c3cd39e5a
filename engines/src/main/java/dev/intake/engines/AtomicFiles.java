package dev.intake.engines;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** State files replaced whole: a reader, or a restart after a crash, sees the old file or the new one. */
public final class AtomicFiles {

  private AtomicFiles() {
  }

  /**
   * Writes {@code bytes} to a temporary file beside {@code target} and renames it over the target. The
   * temporary file is created owner-only (where the file system has POSIX permissions), and the target
   * keeps those permissions: these files hold the runtime's state and its token.
   */
  public static void replace(Path target, byte[] bytes) throws IOException {
    replace(target, new java.io.ByteArrayInputStream(bytes));
  }

  /** The same, with the bytes of a stream (read to its end; the caller closes it). */
  public static void replace(Path target, java.io.InputStream bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      // Into the owner-only file createTempFile made (Files.copy would replace it with a new one).
      try (java.io.OutputStream out = Files.newOutputStream(temp)) {
        bytes.transferTo(out);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
