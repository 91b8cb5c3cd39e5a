package dev.intake.pipeline;

/**
 * The store, or another piece of infrastructure, could not be reached or refused for a passing
 * reason (throttling, a network fault). The workflow retries this error by its class name.
 */
public class StoreUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
