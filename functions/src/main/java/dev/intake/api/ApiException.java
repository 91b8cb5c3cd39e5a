package dev.intake.api;

import java.util.List;

/** A client error: answered with its 4xx status and a JSON code and message, never a 500. */
final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  final int status;
  final String code;
  /** For a 405, the methods the route takes (its {@code Allow} header); empty otherwise. */
  final transient List<String> allow;

  ApiException(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  ApiException(int status, String code, String message, List<String> allow) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.allow = List.copyOf(allow);
  }

  /** The JSON error this refusal answers with, and its Allow header when it is a 405. */
  ApiResponse response() {
    ApiResponse error = ApiResponse.error(status, code, getMessage());
    return allow.isEmpty() ? error : error.withHeader("Allow", String.join(", ", allow));
  }
}
