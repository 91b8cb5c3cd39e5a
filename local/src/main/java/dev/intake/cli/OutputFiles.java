package dev.intake.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a command's output file whole or not at all, with messages a person can act on. */
final class OutputFiles {

  private OutputFiles() {
  }

  /** Fails early, before any work, when {@code target} cannot be an output file. */
  static void checkWritable(Path target, boolean overwrite) throws CliException {
    if (Files.isDirectory(target)) {
      throw new CliException(ExitCodes.CANT_CREATE, target + " is a folder; give a file name such as "
          + target.resolve("out.xlsx"));
    }
    if (!overwrite && Files.exists(target)) {
      throw new CliException(ExitCodes.CANT_CREATE, target + " already exists; use --force to overwrite it");
    }
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new CliException(ExitCodes.CANT_CREATE, "cannot write " + target + ": folder " + parent
          + " does not exist");
    }
  }

  /**
   * Writes {@code content} to {@code target}. Without {@code overwrite} an existing file is left
   * alone; with it, the new content replaces the old in one rename, so a reader never sees half.
   */
  static void write(Path target, byte[] content, boolean overwrite) throws CliException {
    checkWritable(target, overwrite);
    Path parent = target.toAbsolutePath().getParent();
    try {
      if (!overwrite) {
        Files.write(target, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return;
      }
      // Not Files.createTempFile: its owner-only permissions would stay on the renamed file.
      Path temp = parent.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
          + System.nanoTime() + ".tmp");
      try {
        Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (FileAlreadyExistsException e) {
      throw new CliException(ExitCodes.CANT_CREATE, target + " already exists; use --force to overwrite it");
    } catch (AccessDeniedException e) {
      throw new CliException(ExitCodes.CANT_CREATE, "cannot write " + target + ": permission denied");
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.CANT_CREATE, "cannot write " + target + ": no such folder");
    } catch (IOException e) {
      throw new CliException(ExitCodes.CANT_CREATE, "cannot write " + target + ": " + e.getMessage());
    }
  }
}
