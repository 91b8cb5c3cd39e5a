package dev.intake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.aws.AwsClients;
import dev.intake.contracts.BucketLayout;
import dev.intake.model.PartnerIds;
import dev.intake.model.ProfileField;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** {@code upload FILE [--partner ID] [--data DIR]}: put a workbook into a running local pipeline's bucket. */
final class UploadCommand implements Command {

  private static final String PARTNER = "--partner";

  @Override public String name() {
    return "upload";
  }

  @Override public String synopsis() {
    return "upload FILE.xlsx [--partner ID] [--data DIR]";
  }

  @Override public String summary() {
    return "Upload a workbook to the running local pipeline (incoming/<partnerId>/ of its bucket).";
  }

  @Override public String usage() {
    return "Usage: pipeline " + synopsis() + "\n\n" + summary() + "\n\n"
        + "Options:\n"
        + "  --partner ID  the partner folder (default: the workbook's Partner ID, else 'unassigned')\n"
        + "  --data DIR    the data folder of the running pipeline (default .pipeline-data/)\n\n"
        + "Exit codes: 0 uploaded, 64 usage error, 66 FILE cannot be read, 69 no pipeline is running.\n";
  }

  @Override public int run(List<String> args, PrintStream out, PrintStream err) throws CliException {
    Arguments a = Arguments.parse(args, Set.of(PARTNER, Runtimes.DATA), Set.of());
    if (a.help()) {
      out.print(usage());
      return ExitCodes.OK;
    }
    Path file = Path.of(a.single("FILE.xlsx"));
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.NO_INPUT, "no such file: " + file);
    } catch (IOException e) {
      throw new CliException(ExitCodes.NO_INPUT, "cannot read " + file + ": " + e.getMessage());
    }
    String partner = a.value(PARTNER).orElseGet(() -> partnerIdOf(bytes));
    if (!PartnerIds.isValid(partner)) {
      throw CliException.usage("the partner id must be letters, digits, '.', '_' or '-', not '" + partner + "'");
    }
    JsonNode runtime = Runtimes.running(a);
    String key = BucketLayout.incomingKey(partner, file.getFileName().toString());
    try (AwsClients clients = AwsClients.local(null, URI.create(runtime.path("s3").asText()))) {
      clients.s3().putObject(PutObjectRequest.builder().bucket(runtime.path("bucket").asText()).key(key)
          .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").build(),
          RequestBody.fromBytes(bytes));
    } catch (RuntimeException e) {
      throw new CliException(ExitCodes.UNAVAILABLE, "the local pipeline at " + runtime.path("s3").asText()
          + " did not take the upload (" + e.getMessage() + "); is ./pipeline serve still running?");
    }
    out.println("uploaded " + file.getFileName() + " to s3://" + runtime.path("bucket").asText() + "/" + key);
    out.println("follow it: curl -s -H 'Authorization: Bearer " + runtime.path("token").asText() + "' '"
        + runtime.path("api").asText() + "/submissions?partnerId=" + partner + "'");
    return ExitCodes.OK;
  }

  private static String partnerIdOf(byte[] bytes) {
    ParseOutcome parsed = new WorkbookParser().parse(bytes, "upload");
    if (parsed instanceof ParseOutcome.Parsed p) {
      String id = p.assessment().profile().text(ProfileField.PARTNER_ID).strip();
      if (PartnerIds.isValid(id)) {
        return id;
      }
    }
    return "unassigned";
  }
}
