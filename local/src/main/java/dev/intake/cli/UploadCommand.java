package dev.intake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.aws.AwsClients;
import dev.intake.contracts.BucketLayout;
import dev.intake.local.LocalApiClient;
import dev.intake.local.LocalTokens;
import dev.intake.model.PartnerIds;
import dev.intake.model.ProfileField;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.PipelineJson;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * {@code upload FILE [--partner ID] [--data DIR] [--direct]}: put a workbook into a running local
 * pipeline. By default the way a partner outside the account does it: ask the API
 * ({@code POST /uploads}, with that partner's token) for a presigned PUT and send the bytes to
 * S3Proxy with it. {@code --direct} writes with the bucket's own credentials instead, for any file
 * name (as an operator could).
 */
final class UploadCommand implements Command {

  private static final String PARTNER = "--partner";
  private static final String DIRECT = "--direct";
  private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  @Override public String name() {
    return "upload";
  }

  @Override public String synopsis() {
    return "upload FILE.xlsx [--partner ID] [--data DIR] [--direct]";
  }

  @Override public String summary() {
    return "Upload a workbook to the running local pipeline (incoming/<partnerId>/ of its bucket).";
  }

  @Override public String usage() {
    return "Usage: pipeline " + synopsis() + "\n\n" + summary() + "\n\n"
        + "By default as the partner would from outside AWS: POST /uploads for a presigned PUT, then the PUT.\n\n"
        + "Options:\n"
        + "  --partner ID  the partner folder (default: the workbook's Partner ID, else '" + PartnerIds.UNASSIGNED
        + "',\n"
        + "                the folder of stray uploads, which no partner owns: those are always put directly)\n"
        + "  --data DIR    the data folder of the running pipeline (default .pipeline-data/)\n"
        + "  --direct      put the object with the bucket's credentials instead (any file name)\n\n"
        + "Exit codes: 0 uploaded, 64 usage error (or a file name or size the API refuses), 66 FILE cannot be read,\n"
        + "69 no pipeline is running.\n";
  }

  @Override public int run(List<String> args, PrintStream out, PrintStream err) throws CliException {
    Arguments a = Arguments.parse(args, Set.of(PARTNER, Runtimes.DATA), Set.of(DIRECT));
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
    String fileName = file.getFileName().toString();
    // The stray uploads' folder is no partner's, so there is no partner to ask the API for a link as.
    boolean direct = a.flag(DIRECT) || PartnerIds.isReserved(partner);
    String key = direct ? direct(runtime, partner, fileName, bytes) : throughTheApi(runtime, partner, fileName, bytes);
    out.println("uploaded " + fileName + " to s3://" + runtime.path("bucket").asText() + "/" + key);
    out.println("follow it: curl -s -H 'Authorization: Bearer " + runtime.path("token").asText() + "' '"
        + runtime.path("api").asText() + "/submissions?partnerId=" + partner + "'");
    return ExitCodes.OK;
  }

  /** POST /uploads as the partner, then the presigned PUT with exactly the headers it signed. */
  private static String throughTheApi(JsonNode runtime, String partner, String fileName, byte[] bytes)
      throws CliException {
    String token = new LocalTokens(runtime.path("token").asText()).partnerToken(partner);
    LocalApiClient api = new LocalApiClient(URI.create(runtime.path("api").asText()), token);
    ObjectNode request = PipelineJson.mapper().createObjectNode();
    request.put("fileName", fileName);
    request.put("size", bytes.length);
    LocalApiClient.Response answer;
    try {
      answer = api.post("/uploads", request.toString());
    } catch (RuntimeException e) {
      throw unavailable(runtime.path("api").asText(), e);
    }
    if (answer.status() != 200) {
      JsonNode error = answer.json();
      throw new CliException(answer.status() < 500 ? ExitCodes.USAGE : ExitCodes.UNAVAILABLE,
          "the API refused the upload link (" + answer.status() + " " + error.path("code").asText() + "): "
              + error.path("message").asText());
    }
    JsonNode link = answer.json();
    HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(link.path("url").asText()))
        .timeout(Duration.ofSeconds(60))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    // Content-Length is the body's, which is what was signed; the client sets it and refuses to be told.
    for (var h : link.path("headers").properties()) {
      if (!h.getKey().equalsIgnoreCase("Content-Length")) {
        put.header(h.getKey(), h.getValue().asText());
      }
    }
    try {
      HttpResponse<String> stored = HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
      if (stored.statusCode() != 200) {
        throw new CliException(ExitCodes.UNAVAILABLE, "the local S3 refused the presigned upload ("
            + stored.statusCode() + "): " + stored.body());
      }
    } catch (IOException e) {
      throw unavailable(link.path("url").asText(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.UNAVAILABLE, "interrupted while uploading");
    }
    return link.path("key").asText();
  }

  private static String direct(JsonNode runtime, String partner, String fileName, byte[] bytes)
      throws CliException {
    String key = BucketLayout.incomingKey(partner, fileName);
    try (AwsClients clients = AwsClients.local(null, URI.create(runtime.path("s3").asText()))) {
      clients.s3().putObject(PutObjectRequest.builder().bucket(runtime.path("bucket").asText()).key(key)
          .contentType(XLSX).build(), RequestBody.fromBytes(bytes));
    } catch (RuntimeException e) {
      throw unavailable(runtime.path("s3").asText(), e);
    }
    return key;
  }

  private static CliException unavailable(String where, Exception e) {
    return new CliException(ExitCodes.UNAVAILABLE, "the local pipeline at " + where + " did not take the upload ("
        + e.getMessage() + "); is ./pipeline serve still running?");
  }

  private static String partnerIdOf(byte[] bytes) {
    ParseOutcome parsed = new WorkbookParser().parse(bytes, "upload");
    if (parsed instanceof ParseOutcome.Parsed p) {
      String id = p.assessment().profile().text(ProfileField.PARTNER_ID).strip();
      if (PartnerIds.isPartner(id)) {
        return id;
      }
    }
    return PartnerIds.UNASSIGNED;
  }
}
