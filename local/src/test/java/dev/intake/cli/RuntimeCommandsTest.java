package dev.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime commands' clear errors: a busy port, no running pipeline, a bad option. */
class RuntimeCommandsTest {

  @TempDir
  Path dir;

  private final CliRun cli = new CliRun();

  private int run(String... args) {
    return cli.run(Clock.systemUTC(), args);
  }

  private String err() {
    return cli.err();
  }

  @Test
  void serve_portAlreadyInUse_exits69SayingSo() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {

      int code = run("serve", "--data", dir.resolve("data").toString(), "--port",
          Integer.toString(busy.getLocalPort()));

      assertThat(code).isEqualTo(ExitCodes.UNAVAILABLE);
      assertThat(err()).contains("port " + busy.getLocalPort() + " is already in use");
    }
  }

  @Test
  void upload_withoutARunningPipeline_exits69AndSaysHowToStartOne() throws Exception {
    Path file = dir.resolve("wb.xlsx");
    Files.write(file, new byte[] {'P', 'K'});

    int code = run("upload", file.toString(), "--data", dir.resolve("nothing-here").toString());

    assertThat(code).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(err()).contains("no local pipeline found").contains("./pipeline serve");
  }

  @Test
  void serve_portOutOfRange_isAUsageError() {
    int code = run("serve", "--port", "70000");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err()).contains("--port must be from 1 to 65535");
  }

  @Test
  void freshDataDir_newFolderHoldingOnlyTheCliLog_isAccepted() throws Exception {
    // given: what main() leaves in a new --data folder before the command runs
    Path data = dir.resolve("new");
    Files.createDirectories(data.resolve(Runtimes.LOGS));
    Files.writeString(data.resolve(Runtimes.LOGS).resolve("pipeline.log"), "");

    // when
    Path fresh = Runtimes.freshDataDir(Arguments.parse(List.of("--data", data.toString()), Set.of(Runtimes.DATA),
        Set.of()), "demo");

    // then
    assertThat(fresh).isEqualTo(data.toAbsolutePath());
  }

  @Test
  void demo_dataFolderNotEmpty_isRefused() throws Exception {
    Files.writeString(dir.resolve("something.txt"), "keep me");

    int code = run("demo", "--exit", "--data", dir.toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err()).contains("is not empty");
    assertThat(dir.resolve("something.txt")).exists();
  }

  @Test
  void load_uploadsOutOfRange_isAUsageError() {
    int code = run("load", "--uploads", "0");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void token_partnerIdWithASlash_isAUsageError() {
    int code = run("token", "--partner", "P-1/../P-2", "--data", dir.toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err()).contains("the partner id must be");
  }

  @Test
  void token_partnerUnassigned_isAUsageError() {
    int code = run("token", "--partner", "unassigned", "--data", dir.toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err()).contains("reserved");
  }
}
