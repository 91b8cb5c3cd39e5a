package dev.intake.local.asl;

import java.time.Instant;

/**
 * The answer to a start request.
 *
 * @param started true when this call started the execution; false when an execution with the same
 *     name and input already existed, which is returned instead (nothing runs twice)
 */
public record StartResult(String name, String executionArn, Instant startDate, boolean started) {
}
