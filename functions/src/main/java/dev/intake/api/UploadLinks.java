package dev.intake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.contracts.BucketLayout;
import dev.intake.parsing.Limits;
import dev.intake.pipeline.PipelineJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /uploads}: a partner with no AWS identity of its own gets a presigned PUT for one
 * workbook under {@code incoming/{its partner id}/}. The caller's role decides the folder, never the
 * body; the signature covers the content type (a workbook's) and the exact length the caller
 * declared (at most the parser's limit), so the store refuses anything else. The body is read as
 * strictly as a decision's ({@link StrictJson}).
 */
public final class UploadLinks {

  private static final Logger LOG = LoggerFactory.getLogger(UploadLinks.class);

  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final Duration TTL = Duration.ofMinutes(15);
  /** The file names docs/openapi.yaml's UploadRequest allows: safe in a key, a URL and a log line. */
  static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()-]{0,95}\\.[xX][lL][sS][xX]");
  /** An upload request is two short fields; anything longer is not one. */
  static final int MAX_BODY_BYTES = 1024;
  private static final List<String> FIELDS = List.of("fileName", "size");

  private final UploadPresigner presigner;
  private final String bucket;
  private final long maxBytes;
  private final Clock clock;

  /** Uploads up to the parser's own size limit. */
  public UploadLinks(UploadPresigner presigner, String bucket, Clock clock) {
    this(presigner, bucket, Limits.DEFAULT.maxFileBytes(), clock);
  }

  UploadLinks(UploadPresigner presigner, String bucket, long maxBytes, Clock clock) {
    this.presigner = presigner;
    this.bucket = bucket;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  /** The link, or the 4xx that says what is wrong with the request. */
  public ApiResponse create(ApiRequest r) {
    if (!(r.caller() instanceof Caller.Partner partner)) {
      return refuse(r, 403, "FORBIDDEN", "Only a partner asks for an upload link; it uploads to its own folder.");
    }
    if (r.body() == null || r.body().isBlank()) {
      return refuse(r, 400, "INVALID_BODY", "The body must be a JSON object with fileName and size.");
    }
    if (r.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      return refuse(r, 413, "TOO_LARGE", "The request body is over 1 KB; it holds only fileName and size.");
    }
    ObjectNode body;
    try {
      body = StrictJson.object(r.body(), FIELDS, "a JSON object with fileName and size");
    } catch (ApiException e) {
      return refuse(r, e.status, e.code, e.getMessage());
    }
    String fileName = body.path("fileName").isTextual() ? body.path("fileName").asText() : "";
    if (!FILE_NAME.matcher(fileName).matches()) {
      return refuse(r, 400, "INVALID_FILE_NAME", "fileName must end in .xlsx and be at most 101 letters, digits, "
          + "spaces and . _ ( ) -, starting with a letter or digit.");
    }
    JsonNode size = body.path("size");
    if (!size.isIntegralNumber() || size.asLong() < 1) {
      return refuse(r, 400, "INVALID_SIZE", "size must be the workbook's size in bytes, a whole number from 1.");
    }
    if (size.asLong() > maxBytes) {
      return refuse(r, 413, "TOO_LARGE", "The workbook is " + size.asLong() + " bytes; the largest the pipeline "
          + "reads is " + maxBytes + ".");
    }
    String key = BucketLayout.incomingKey(partner.partnerId(), fileName);
    UploadPresigner.PresignedUpload signed = presigner.presignPut(bucket, key, XLSX, size.asLong(), TTL);
    LOG.info("Upload link for s3://{}/{} ({} bytes) to partner {}", bucket, key, size.asLong(), partner.partnerId());
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    out.put("url", signed.url().toString());
    out.put("method", "PUT");
    ObjectNode headers = out.putObject("headers");
    signed.headers().forEach(headers::put);
    out.put("key", key);
    out.put("expiresAt", clock.instant().plus(TTL).toString());
    return ApiResponse.json(200, out);
  }

  private static ApiResponse refuse(ApiRequest r, int status, String code, String message) {
    LOG.warn("Refused POST /uploads for {}: {} {}", r.caller().describe(), status, code);
    return ApiResponse.error(status, code, message);
  }
}
