package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.aws.PageTokenKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPageTokenKeyTest {

  @TempDir
  Path data;

  @Test
  void inDataFolder_firstStart_writesAnOwnerOnlyKeyTheNextStartReadsBack() throws Exception {
    PageTokenKeys first = LocalPageTokenKey.inDataFolder(data);
    PageTokenKeys restarted = LocalPageTokenKey.inDataFolder(data);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(LocalPageTokenKey.FILE))))
        .isEqualTo("rw-------");
    assertThat(restarted.signing()).isEqualTo(first.signing());
    assertThat(restarted.byId(first.signing().id())).contains(first.signing());
  }

  @Test
  void inDataFolder_keyOthersCouldRead_isReplacedWithANewOwnerOnlyKey() throws Exception {
    Path file = data.resolve(LocalPageTokenKey.FILE);
    Files.writeString(file, "a key the whole machine could read, 32+ bytes", StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    PageTokenKeys exposed = PageTokenKeys.of(Files.readAllBytes(file));

    PageTokenKeys keys = LocalPageTokenKey.inDataFolder(data);

    assertThat(keys.signing()).isNotEqualTo(exposed.signing());
    assertThat(keys.byId(exposed.signing().id())).isEmpty();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void inDataFolder_fileTooShortForAKey_isReplaced() throws Exception {
    Path file = data.resolve(LocalPageTokenKey.FILE);
    Files.writeString(file, "short");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    PageTokenKeys keys = LocalPageTokenKey.inDataFolder(data);

    assertThat(Files.size(file)).isGreaterThanOrEqualTo(PageTokenKeys.MIN_KEY_BYTES);
    assertThat(keys.signing()).isEqualTo(PageTokenKeys.of(Files.readAllBytes(file)).signing());
  }
}
