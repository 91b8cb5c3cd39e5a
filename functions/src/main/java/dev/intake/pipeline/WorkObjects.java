package dev.intake.pipeline;

import java.util.Optional;

/**
 * The two object operations a check group needs: read the parsed workbook intake stored, write a
 * result too large for the workflow's state. Narrower than {@link ObjectStore} so the check
 * functions' S3 adapter implements only what they call.
 */
public interface WorkObjects {

  /**
   * The object's bytes, at most {@code maxBytes + 1} of them so a caller can tell it was longer.
   * Empty when there is no such object (or version).
   *
   * @throws IllegalArgumentException when {@code maxBytes} is negative or too large for one array
   */
  Optional<byte[]> read(String bucket, String key, String versionId, long maxBytes);

  void write(String bucket, String key, byte[] bytes, String contentType);
}
